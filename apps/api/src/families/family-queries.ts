import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

import { routeStatus, type Family, type RouteStatus } from '@samenspoor/domain';

import { Problem } from '../http/problem';
import { FamilyStreams } from './family-streams';

/** The answer of `GET /api/families/{id}`: where the family is on its route, read from its stream. */
export class FamilySummary {
  @ApiProperty({ format: 'uuid' }) familyId!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({
    enum: ['registered', 'signalled', 'in-analysis', 'planned', 'in-care', 'outflowed'],
  })
  status!: RouteStatus;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({
    description: 'the current case: 1 for the first, one more for each re-entry; 0 before a signal',
  })
  caseNumber!: number;
  @ApiProperty() members!: {
    memberId: string;
    role: string;
    birthYear: number | null;
    displayName: string;
    hasBsn: boolean;
  }[];
  @ApiProperty({ nullable: true }) caseDirector!: { professionalId: string; since: string } | null;
  @ApiProperty() network!: {
    professionalId: string;
    organisation: string;
    discipline: string | null;
    joinedAt: string;
  }[];
  @ApiProperty() signals!: Family['signals'];
  @ApiProperty() analyses!: Family['analyses'];
  @ApiProperty({ nullable: true }) plan!: Family['plan'] | null;
  @ApiProperty() trajectories!: Family['trajectories'];
  @ApiProperty({ nullable: true }) lastMdoAt!: string | null;
  @ApiProperty({ nullable: true }) nextMdoDueBy!: string | null;
  @ApiProperty({ nullable: true, enum: ['safe', 'concerns', 'unsafe'] }) safetyLevel!:
    string | null;
  @ApiProperty({ nullable: true }) safety!: Family['safety'] | null;
  @ApiProperty({ nullable: true }) lastSafetyReviewAt!: string | null;
  @ApiProperty({ nullable: true }) outflow!: Family['outflow'] | null;
  @ApiProperty({ nullable: true }) erasedAt!: string | null;
  @ApiProperty({ description: 'the stream version: send it back as If-Match' }) version!: number;
}

/** Reads of a single family straight from its stream. */
@Injectable()
export class FamilyQueries {
  constructor(private readonly streams: FamilyStreams) {}

  async summary(familyId: string): Promise<FamilySummary> {
    const { state, version } = await this.streams.load(familyId);
    if (state.status === 'unregistered') throw Problem.notFound(`no family ${familyId}`);
    return {
      familyId: state.familyId,
      municipality: state.municipality,
      status: routeStatus(state),
      registeredAt: state.registeredAt,
      caseNumber: state.caseNumber,
      members: state.members.map((m) => ({
        memberId: m.memberId,
        role: m.role,
        birthYear: m.birthYear ?? null,
        displayName: m.displayName,
        hasBsn: m.bsn !== undefined,
      })),
      caseDirector: state.caseDirector ?? null,
      network: state.network.map((p) => ({
        professionalId: p.professionalId,
        organisation: p.organisation,
        discipline: p.discipline ?? null,
        joinedAt: p.joinedAt,
      })),
      signals: state.signals,
      analyses: state.analyses,
      plan: state.plan ?? null,
      trajectories: state.trajectories,
      lastMdoAt: state.lastMdoAt ?? null,
      nextMdoDueBy: state.nextMdoDueBy ?? null,
      safetyLevel: state.safety?.level ?? null,
      safety: state.safety ?? null,
      lastSafetyReviewAt: state.lastSafetyReviewAt ?? null,
      outflow: state.outflow ?? null,
      erasedAt: state.erasedAt ?? null,
      version,
    };
  }
}
