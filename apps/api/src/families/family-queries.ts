import { Injectable } from '@nestjs/common';

import { familySummary, type FamilySummary } from '@samenspoor/domain';

import { Problem } from '../http/problem';
import { FamilyStreams } from './family-streams';

/** Reads of a single family straight from its stream: strongly consistent. */
@Injectable()
export class FamilyQueries {
  constructor(private readonly streams: FamilyStreams) {}

  async summary(familyId: string): Promise<FamilySummary> {
    const { state, version } = await this.streams.load(familyId);
    if (state.status === 'unregistered') throw Problem.notFound(`no family ${familyId}`);
    return familySummary(state, version);
  }
}
