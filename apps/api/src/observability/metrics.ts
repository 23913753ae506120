import { Controller, Get, Header, Injectable, Module, type NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { EventStore } from '@samenspoor/event-store';
import type { ProjectionRunner } from '@samenspoor/projections';

/** The application's Prometheus registry: one per application instance, so tests can run several apps. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'samenspoor_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly projectionEvents = new Counter({
    name: 'samenspoor_projection_events_total',
    help: 'Events applied to each read model',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'samenspoor_' });
  }

  /**
   * Lag per read model, computed when scraped: the events in the store after the projection's checkpoint
   * (store head − checkpoint), and whether this process leads the projections.
   */
  watchProjections(store: EventStore, runner: ProjectionRunner, names: readonly string[]): void {
    new Gauge({
      name: 'samenspoor_projection_lag_events',
      help: 'Events in the store that a read model has not applied yet (store head − checkpoint)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const projection of names) {
          const after = await runner.position(projection);
          this.set({ projection }, await store.countEvents({ after }));
        }
      },
    });
    new Gauge({
      name: 'samenspoor_projection_leader',
      help: '1 when this process runs the projections, 0 when another one does',
      registers: [this.registry],
      collect() {
        this.set(runner.leading ? 1 : 0);
      },
    });
  }
}

/**
 * Times every request under its route template (`/api/families/:id`), never its concrete URL, so that metrics
 * stay low in cardinality and carry no identifiers.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: res.statusCode,
      });
    });
    next();
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Module({
  controllers: [MetricsController],
  providers: [Metrics, HttpMetricsMiddleware],
  exports: [Metrics, HttpMetricsMiddleware],
})
export class MetricsModule {}
