import { Module } from '@nestjs/common';

import { FamilyStreams } from './family-streams';

/** The family streams, for the command side and for the access policy, which asks who is in a family's network. */
@Module({ providers: [FamilyStreams], exports: [FamilyStreams] })
export class FamilyStreamsModule {}
