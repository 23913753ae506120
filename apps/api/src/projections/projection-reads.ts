import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  staleFamilies,
  ProjectionRunner,
  ProjectionTables,
  type Projection,
  type TableNames,
} from '@samenspoor/projections';

import { Problem } from '../http/problem';

/** How long a query waits for a projection to reach `minPosition`. */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * What every query does before it reads a read model: wait, when asked, until the projection has applied the
 * client's own writes (`minPosition`), and tell the client how far the projection is (`X-Projection-Position`).
 */
@Injectable()
export class ProjectionReads {
  /** Projections whose tables were seen to exist; they are never dropped afterwards, only swapped. */
  private readonly ready = new Set<string>();

  constructor(
    @Inject(SQL_DATABASE) readonly database: SqlDatabase,
    private readonly runner: ProjectionRunner,
    private readonly tables: ProjectionTables,
  ) {}

  /** The live tables of a projection, after it reached `minPosition` (503 with Retry-After when it does not). */
  async tablesOf<T extends string>(
    projection: Projection<T>,
    minPosition: string | undefined,
    response: Response,
  ): Promise<TableNames<T>> {
    await this.whenReady(projection.name, response);
    let position: string | undefined;
    if (minPosition) {
      position = await this.runner.waitFor(
        projection.name,
        minPosition,
        READ_YOUR_WRITES_TIMEOUT_MS,
      );
      if (position === undefined) {
        response.setHeader('Retry-After', '1');
        throw new Problem(
          503,
          'projection-behind',
          'Service Unavailable',
          `the ${projection.name} read model has not reached minPosition yet; try again shortly`,
        );
      }
    } else {
      position = await this.runner.position(projection.name);
    }
    response.setHeader('X-Projection-Position', position);
    return this.tables.live(projection);
  }

  /**
   * The families with events set aside for a read model (`projections:dead-letters`): its answers about them are
   * stale until the events are replayed.
   */
  staleFamilies(projection: Projection): Promise<Set<string>> {
    return staleFamilies(this.database, this.tables.schema, projection.name);
  }

  /**
   * An overview with `stale: { families: n }` added when n families are missing from (or out of date in) the read
   * model it was computed from; unchanged otherwise.
   */
  async withStale<B extends object>(
    projection: Projection,
    body: B,
  ): Promise<B | (B & { stale: { families: number } })> {
    const stale = await this.staleFamilies(projection);
    return stale.size === 0 ? body : { ...body, stale: { families: stale.size } };
  }

  /**
   * Waits for a projection's tables to exist: just after a first start they are being created by the runner (here
   * or in the projector), and a query waits for that as for its own writes (503 with Retry-After on time-out).
   */
  private async whenReady(name: string, response: Response): Promise<void> {
    if (this.ready.has(name)) return;
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    while (!(await this.runner.isReady(name))) {
      if (Date.now() > deadline) {
        response.setHeader('Retry-After', '5');
        throw new Problem(
          503,
          'projection-not-ready',
          'Service Unavailable',
          `the ${name} read model is being prepared; try again shortly`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.ready.add(name);
  }
}
