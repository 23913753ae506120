import { Controller, Get, Inject, Module, Optional, type DynamicModule } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';

import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import { ProjectionRunner, ProjectionTables } from '@samenspoor/projections';

/**
 * By default, a read model that has events after its checkpoint but did not move for this long is reported as
 * stalled (`READ_MODEL_STALL_SECONDS`).
 */
export const STALLED_AFTER_MS = 30_000;

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  /** How long a read model may stand still while the store holds newer events before `/health` calls it stalled. */
  readonly stalledAfterMs: number;
}

/** Why a read model is degraded: events set aside, or not advancing although the store has more. */
export interface ReadModelHealth {
  readonly status: 'ok' | 'degraded';
  readonly setAside?: { readonly events: number; readonly families: number };
  readonly stalled?: { readonly behind: number; readonly sinceSeconds: number };
}

import { Public } from './public-route';

const INDICATORS: SchemaObject = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};

const COUNT: SchemaObject = { type: 'integer', minimum: 0 };

/** What readiness answers with 200: terminus's result, "degraded" and the read models beside it. */
const READINESS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    info: { ...INDICATORS, nullable: true },
    error: { ...INDICATORS, nullable: true },
    details: INDICATORS,
    readModels: {
      type: 'object',
      description: 'per read model: "degraded" when it has events set aside or has stalled',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['ok', 'degraded'] },
          setAside: {
            type: 'object',
            required: ['events', 'families'],
            properties: { events: COUNT, families: COUNT },
          },
          stalled: {
            type: 'object',
            required: ['behind', 'sinceSeconds'],
            properties: { behind: COUNT, sinceSeconds: COUNT },
          },
        },
      },
    },
  },
};

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly runner?: ProjectionRunner,
    @Optional() private readonly tables?: ProjectionTables,
    @Optional() @Inject(SQL_DATABASE) private readonly database?: SqlDatabase,
    @Optional() @Inject(HEALTH_OPTIONS) private readonly options?: HealthOptions,
  ) {}

  /**
   * Readiness: 503 when the event store does not answer. When it does, 200 — with `status: "degraded"` and the
   * read models that are behind or have events set aside under `readModels`, so that a load balancer keeps
   * sending traffic (every other family is answered) while monitoring sees what is wrong.
   */
  @Get()
  // Above @HealthCheck(), so that it replaces terminus's 200 schema, which knows neither "degraded" nor readModels.
  @ApiOkResponse({ description: 'The event store answers', schema: READINESS_SCHEMA })
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the process runs and its event store answers; "degraded" names read models with events set aside or stalled',
  })
  async check(): Promise<
    Omit<HealthCheckResult, 'status'> & {
      status: HealthCheckResult['status'] | 'degraded';
      readModels?: Record<string, ReadModelHealth>;
    }
  > {
    const result = await this.health.check([
      () =>
        this.indicators
          .check('eventStore')
          .attempt(() => this.store.ping())
          .withTimeout(3_000),
    ]);
    const readModels = await this.readModels();
    if (!readModels) return result;
    const degraded = Object.values(readModels).some((model) => model.status === 'degraded');
    return { ...result, ...(degraded ? { status: 'degraded' as const } : {}), readModels };
  }

  /** Liveness: the process runs and answers HTTP; says nothing about its dependencies. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({
    schema: { type: 'object', required: ['status'], properties: { status: { enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  private async readModels(): Promise<Record<string, ReadModelHealth> | undefined> {
    if (!this.runner || !this.tables || !this.database) return undefined;
    const names = this.runner.projections.map((p) => p.name);
    const setAside = await this.runner.setAsideCounts();
    const checkpoints = await this.database.query<{ name: string; position: string; idle: number }>(
      `select name, position, extract(epoch from now() - updated_at) * 1000 as idle
         from ${this.tables.schema}.projection_checkpoints where name = any($1::text[])`,
      [names],
    );
    const stalledAfterMs = this.options?.stalledAfterMs ?? STALLED_AFTER_MS;
    const result: Record<string, ReadModelHealth> = {};
    for (const name of names) {
      const counts = setAside.get(name);
      const checkpoint = checkpoints.find((c) => c.name === name);
      let stalled: ReadModelHealth['stalled'];
      if (checkpoint && Number(checkpoint.idle) > stalledAfterMs) {
        const behind = await this.store.countEvents({ after: checkpoint.position });
        if (behind > 0)
          stalled = { behind, sinceSeconds: Math.floor(Number(checkpoint.idle) / 1000) };
      }
      result[name] = {
        status: counts || stalled ? 'degraded' : 'ok',
        ...(counts ? { setAside: { events: counts.events, families: counts.streams } } : {}),
        ...(stalled ? { stalled } : {}),
      };
    }
    return result;
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return { module: HealthModule, providers: [{ provide: HEALTH_OPTIONS, useValue: options }] };
  }
}
