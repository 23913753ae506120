import { Inject, Injectable } from '@nestjs/common';

import type { RegionConfig } from '@samenspoor/domain';
import { IjwInbox } from '@samenspoor/ijw';
import {
  byUrgency,
  familyListProjection,
  ProjectionTables,
  RESOLVING_STEPS,
  withLateness,
  workList,
  type TableNames,
  type WorkListItem,
} from '@samenspoor/projections';
import { RegistrationMatches, SAFETY_TEAM_CONTACT } from '@samenspoor/search';
import { SQL_DATABASE, type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import { REGION } from '../region/region';

/** Whose work list: a professional's (their families), or the safety team's (the region). */
export type WorkListOwner = { readonly professionalId: string } | { readonly safetyTeam: true };

/** The work lists of professionals and the safety team, from the family list's read model. */
@Injectable()
export class WorkList {
  constructor(
    @Inject(REGION) private readonly region: RegionConfig,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    private readonly tables: ProjectionTables,
    private readonly matches: RegistrationMatches,
    private readonly inbox: IjwInbox,
  ) {}

  /** The items of a work list at `asOf` (see `workList`), the registration matches it is to learn of included. */
  async items(
    owner: WorkListOwner,
    asOf: Date,
    db: SqlQueryable = this.database,
    tables: TableNames<'fl_families'> = this.tables.live(familyListProjection),
  ): Promise<WorkListItem[]> {
    const recorded = await this.matches.forContact(
      'safetyTeam' in owner ? SAFETY_TEAM_CONTACT : owner.professionalId,
    );
    const matches = recorded.flatMap((m) =>
      m.familyId === null ? [] : [{ ...m, familyId: m.familyId }],
    );
    const items = await workList(db, tables, this.region, {
      asOf,
      matches,
      ...('professionalId' in owner ? { networkMember: owner.professionalId } : {}),
    });
    if (!('safetyTeam' in owner)) return items;
    // The safety team's: every iJw message kept for it to link (unmatched, unmapped or refused), due on arrival.
    const kept = (await this.inbox.open()).filter(
      (m) => Date.parse(m.receivedAt) <= asOf.getTime(),
    );
    const messages = kept.map((message) =>
      withLateness(
        {
          familyId: null,
          kind: 'ijw-unlinked',
          dueAt: message.receivedAt,
          step: RESOLVING_STEPS['ijw-unlinked'],
          messageId: message.id,
        },
        asOf,
        [],
      ),
    );
    return [...items, ...messages].sort(byUrgency);
  }

  /** How many items a professional's work list holds at `asOf`, and how many of them are overdue. */
  async counts(professionalId: string, asOf: Date): Promise<{ due: number; overdue: number }> {
    const items = await this.items({ professionalId }, asOf);
    return { due: items.length, overdue: items.filter((item) => item.overdue).length };
  }
}
