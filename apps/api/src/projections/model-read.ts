import { createParamDecorator, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { Response } from 'express';

import type { RegionConfig } from '@samenspoor/domain';
import type { Projection, TableNames } from '@samenspoor/projections';
import type { SqlDatabase } from '@samenspoor/sql';

import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REGION } from '../region/region';
import { ProjectionReads } from './projection-reads';

/**
 * One request's read of the read models: the tables once the projection reached the client's `minPosition`
 * (with `X-Projection-Position` on the answer), the answer marked stale where events were set aside, and the
 * small-cell threshold the reader's figures are controlled with.
 */
export class ModelRead {
  constructor(
    private readonly reads: ProjectionReads,
    private readonly response: Response,
    /** The region the figures are of. */
    readonly region: RegionConfig,
    /** Counts from 1 to this − 1 are hidden from the reader: a manager; 0 for everyone else. */
    readonly threshold: number,
  ) {}

  get database(): SqlDatabase {
    return this.reads.database;
  }

  /** Whether the reader's figures are controlled for small cells at all (a threshold of 0 or 1 hides nothing). */
  get controlled(): boolean {
    return this.threshold > 1;
  }

  /** The live tables of a projection, once it reached the query's `minPosition` (see `ProjectionReads`). */
  tables<T extends string>(
    projection: Projection<T>,
    query: { readonly minPosition?: string | undefined },
  ): Promise<TableNames<T>> {
    return this.reads.tablesOf(projection, query.minPosition, this.response);
  }

  /** The answer, with `stale: { families: n }` while the read model has events set aside. */
  answer<B extends object>(projection: Projection, body: B) {
    return this.reads.withStale(projection, body);
  }

  /** The families the read model may be behind on (events set aside for it). */
  staleFamilies(projection: Projection): Promise<Set<string>> {
    return this.reads.staleFamilies(projection);
  }
}

/** Builds a request's `ModelRead`: a manager's figures are controlled with the configured threshold. */
@Injectable()
export class ModelReadPipe implements PipeTransform<AuthenticatedRequest, ModelRead> {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(REGION) private readonly region: RegionConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  transform(request: AuthenticatedRequest): ModelRead {
    const response = request.res;
    // Express links every request to its response; a read without one is a bug.
    if (!response) throw new Error('a read without its response');
    const threshold = request.actor?.actingRole === 'manager' ? this.config.smallCellThreshold : 0;
    return new ModelRead(this.reads, response, this.region, threshold);
  }
}

const ReadRequest = createParamDecorator((_data: unknown, context) =>
  context.switchToHttp().getRequest<unknown>(),
);

/** The request's read of the read models (a `ModelRead` parameter of a read route). */
export const Reading = (): ParameterDecorator => ReadRequest(ModelReadPipe);
