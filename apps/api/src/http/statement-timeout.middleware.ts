import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { withStatementTimeout } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Bounds every database statement a request runs by `DATABASE_QUERY_TIMEOUT_MS`. When the network to the
 * database is cut without a reset, a statement on an open connection would wait until TCP gives up (minutes);
 * bounded, it fails as the store being unavailable and the client gets 503 with Retry-After within seconds. A
 * command whose append did commit meanwhile is recognised by its Idempotency-Key when the client sends it again.
 */
@Injectable()
export class StatementTimeoutMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(_req: Request, _res: Response, next: NextFunction): void {
    const timeoutMs = this.config.databaseQueryTimeoutMs;
    if (timeoutMs === undefined) next();
    else withStatementTimeout(timeoutMs, next);
  }
}
