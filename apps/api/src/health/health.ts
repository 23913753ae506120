import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';

import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';

import { Public } from '../auth/auth.decorators';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Readiness: 200 when the event store answers, 503 when it does not. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the process runs and its event store answers' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('eventStore')
          .attempt(() => this.store.ping())
          .withTimeout(3_000),
    ]);
  }

  /** Liveness: the process runs and answers HTTP; says nothing about its dependencies. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {}
