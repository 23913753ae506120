import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { Role } from '@samenspoor/access';
import { Directory, type ProfessionalEntry } from '@samenspoor/directory';
import { familyStreamId } from '@samenspoor/domain';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { busiestProfessionals, familyListProjection } from '@samenspoor/projections';
import { DEMO_HOUSEHOLD } from '@samenspoor/simulation';

import { Answer } from '../http/answers';
import { ProjectionReads } from '../projections/projection-reads';
import { Public } from './auth.decorators';
import { SignIn } from './sign-in-throttle';

/** A user the development sign-in page offers. */
export interface DevUser {
  readonly id: string;
  readonly name?: string;
  readonly roles: readonly Role[];
  readonly organisation: string;
  /** For a professional: how many families have them in their network (as "Mijn gezinnen" lists them). */
  readonly families?: number;
  /** For a household member (role `family`): whom the development token speaks for. */
  readonly familyId?: string;
  readonly memberId?: string;
}

/** The demo household's members with an account of their own (12 and older): its mother and her son of 14. */
const DEMO_FAMILY_MEMBERS: readonly DevUser[] = [
  {
    id: 'gezin-marieke-jansen',
    name: DEMO_HOUSEHOLD.parent.name,
    roles: ['family'],
    organisation: 'Gezin Jansen (ouder)',
    familyId: DEMO_HOUSEHOLD.familyId,
    memberId: DEMO_HOUSEHOLD.parent.memberId,
  },
  {
    id: 'gezin-jesse-jansen',
    name: DEMO_HOUSEHOLD.youth.name,
    roles: ['family'],
    organisation: 'Gezin Jansen (jongere, 14)',
    familyId: DEMO_HOUSEHOLD.familyId,
    memberId: DEMO_HOUSEHOLD.youth.memberId,
  },
];

/** Made-up names for the busiest professionals: the store knows them by id only. */
/** How many of the busiest professionals the sign-in page offers. */
const DEMO_PROFESSIONALS = 5;

/** The other roles, as fixed demo users. */
const FIXED_USERS: readonly DevUser[] = [
  {
    id: 'rvt-carla-mulder',
    name: 'Carla Mulder',
    roles: ['safety-team'],
    organisation: 'Regionaal Veiligheidsteam Groningen',
  },
  {
    id: 'mgr-fleur-bakker',
    name: 'Fleur Bakker',
    roles: ['manager'],
    organisation: 'Gemeente Groningen',
  },
  {
    id: 'pf-willem-hoekstra',
    name: 'Willem Hoekstra',
    roles: ['auditor'],
    organisation: 'RIGG privacy office',
  },
];

/**
 * Development mode only (`AUTH_MODE=dev`; registered beside the read models it reads, absent — 404 — in `oidc`
 * mode): the demo users the sign-in page offers. The professionals are the busiest of each organisation in the
 * current families' networks, taken from the family list's network column and state — professional ids and
 * organisations, never a family member — so that loading the sign-in page reads no personal data and writes no
 * audit entries.
 */
@ApiTags('authentication')
@Controller('api/auth')
export class DevUsersController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly directory?: Directory,
  ) {}

  @SignIn()
  @Public()
  @Get('dev-users')
  @Answer('DevUsers')
  @ApiOperation({
    summary:
      'Development mode only: demo users to sign in as (the busiest professionals of the current families, a safety-team member, a manager, an auditor, members of the demo household)',
  })
  async users(@Res({ passthrough: true }) response: Response): Promise<{ users: DevUser[] }> {
    const tables = await this.reads.tablesOf(familyListProjection, undefined, response);
    const busiest = await busiestProfessionals(this.reads.database, tables, DEMO_PROFESSIONALS);
    // Their names from the directory (the demo region lists its professionals there).
    const entries =
      (await this.directory?.professionals(busiest.map((p) => p.professionalId))) ??
      new Map<string, ProfessionalEntry>();
    const professionals = busiest.map((p): DevUser => ({
      id: p.professionalId,
      ...(entries.get(p.professionalId) ? { name: entries.get(p.professionalId)!.name } : {}),
      roles: ['professional'],
      organisation: p.organisation ?? 'onbekend',
      families: p.families,
    }));
    // The demo household's members, when the demo region holds it (its stream exists; nothing of it is read).
    const household =
      (await this.store.streamVersion(familyStreamId(DEMO_HOUSEHOLD.familyId))) > 0
        ? DEMO_FAMILY_MEMBERS
        : [];
    return { users: [...professionals, ...FIXED_USERS, ...household] };
  }
}
