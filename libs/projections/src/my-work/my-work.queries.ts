import {
  completeState,
  type Member,
  type RegionConfig,
  type RegisteredFamilyState,
} from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from '../projection';
import { familyWork, overdueDays, RESOLVING_STEPS, type WorkItem } from './my-work.items';

/** Items due within this many days are shown before they are due (`api.md`: 14). */
export const WORK_AHEAD_DAYS = 14;

/** An item of the work list, with how late it is and the members of its family (as stored: still sealed). */
export type WorkListItem = WorkItem & {
  /** Whole days from `dueAt` to `asOf`, negative while not yet due. */
  readonly overdueDays: number;
  /** `asOf` is past `dueAt`. */
  readonly overdue: boolean;
  readonly members: readonly Pick<Member, 'role' | 'displayName'>[];
};

export interface WorkListFilter {
  readonly asOf: Date;
  /** Only the families whose network this professional is currently in; left out: the region (safety team). */
  readonly networkMember?: string;
  /** Days ahead of `asOf` an item is shown; default {@link WORK_AHEAD_DAYS}. */
  readonly aheadDays?: number;
  /**
   * Registrations that matched a family of the caller (the Verwijsindex match, kind `match`): listed for the
   * {@link WORK_AHEAD_DAYS} days after the match, and only for a family the caller may see.
   */
  readonly matches?: readonly WorkMatch[];
}

/** A registration that matched a family: when, and who registered from which organisation. */
export interface WorkMatch {
  readonly familyId: string;
  readonly at: string;
  readonly registrarId: string;
  readonly registrarOrganisation: string | null;
}

type Tables = TableNames<'fl_families'>;

/**
 * The work list (Mijn werk) from the family list's read model: what is due in the caller's families (see
 * `familyWork`), due by `asOf` + 14 days or overdue, most overdue first (then by family and kind).
 */
export async function workList(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  filter: WorkListFilter,
): Promise<WorkListItem[]> {
  const rows = await db.query<{ family_id: string; state: RegisteredFamilyState }>(
    `select family_id, state from ${t.fl_families}
     where ($1::text is null or network @> array[$1::text])`,
    [filter.networkMember ?? null],
  );
  const ahead = (filter.aheadDays ?? WORK_AHEAD_DAYS) * 86_400_000;
  const until = filter.asOf.getTime() + ahead;
  const matches = new Map<string, WorkMatch[]>();
  for (const match of filter.matches ?? []) {
    const at = Date.parse(match.at);
    if (at > filter.asOf.getTime() || at < filter.asOf.getTime() - ahead) continue;
    matches.set(match.familyId, [...(matches.get(match.familyId) ?? []), match]);
  }
  const items: WorkListItem[] = [];
  for (const { family_id: familyId, state } of rows) {
    let work: WorkItem[];
    let members: WorkListItem['members'];
    try {
      work = familyWork(state, region);
      members = completeState(state).members.map((m) => ({
        role: m.role,
        displayName: m.displayName,
      }));
    } catch {
      // A state the fold left odd: the rest of the list still answers.
      continue;
    }
    for (const match of matches.get(familyId) ?? [])
      work.push({
        familyId,
        kind: 'match',
        dueAt: new Date(match.at).toISOString(),
        step: RESOLVING_STEPS.match,
        registrarId: match.registrarId,
        registrarOrganisation: match.registrarOrganisation,
      });
    for (const item of work) {
      if (Date.parse(item.dueAt) > until) continue;
      items.push(withLateness(item, filter.asOf, members));
    }
  }
  return items.sort(byUrgency);
}

/** The item with `overdueDays` and `overdue` for `asOf`, and its family's members. */
export function withLateness(
  item: WorkItem,
  asOf: Date,
  members: WorkListItem['members'],
): WorkListItem {
  return {
    ...item,
    overdueDays: overdueDays(item.dueAt, asOf),
    overdue: asOf.getTime() > Date.parse(item.dueAt),
    members,
  };
}

/** Most overdue first: the earliest due date, then by family and kind, so that the order is stable. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  return (
    Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
    (a.familyId ?? '').localeCompare(b.familyId ?? '') ||
    a.kind.localeCompare(b.kind) ||
    (a.messageId ?? '').localeCompare(b.messageId ?? '')
  );
}
