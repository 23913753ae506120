import {
  careFormNorm,
  closingConsultation,
  completeState,
  type RegionConfig,
  type RegisteredFamilyState,
} from '@samenspoor/domain';

/** What is due in a family (the professional's work list, "Mijn werk"), as `api.md` "Professionals' work" names it. */
export const WORK_KINDS = [
  'mdo-due',
  'evaluation-due',
  'follow-up-due',
  'analysis-not-started',
  'no-case-director',
  'care-over-norm',
  'match',
  'ijw-unlinked',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/**
 * The case step that resolves an item: the key of the step's form in the web UI and of its command route below
 * `/api/families/{familyId}` (`mdo` → `POST …/mdos`). A `match` is resolved by contacting the registrar, not by a
 * step: `contact`; an iJw message kept unlinked by linking it on the safety team's page of messages: `ijw-link`.
 */
export const RESOLVING_STEPS: Readonly<Record<WorkKind, string>> = {
  'mdo-due': 'mdo',
  'evaluation-due': 'plan-evaluation',
  'follow-up-due': 'follow-up',
  'analysis-not-started': 'analysis-start',
  'no-case-director': 'case-director',
  'care-over-norm': 'care-start',
  match: 'contact',
  'ijw-unlinked': 'ijw-link',
};

/** An item of a family's work, before the family's names are added. */
export interface WorkItem {
  /** The family; null for an iJw message that no family is linked to yet (`ijw-unlinked`). */
  readonly familyId: string | null;
  readonly kind: WorkKind;
  /** When it is (or was) due, ISO-8601 UTC. */
  readonly dueAt: string;
  /** The step that resolves it (see {@link RESOLVING_STEPS}). */
  readonly step: string;
  /** `care-over-norm`: the trajectory that waits. */
  readonly trajectoryId?: string;
  /** `evaluation-due`: the plan to evaluate. */
  readonly planId?: string;
  /** `follow-up-due`: which follow-up (3 or 6 months after the outflow). */
  readonly monthsAfterOutflow?: 3 | 6;
  /** `match`: who registered the child, and from which organisation. */
  readonly registrarId?: string;
  readonly registrarOrganisation?: string | null;
  /** `ijw-unlinked`: the kept message (its id on the safety team's list of unlinked messages). */
  readonly messageId?: string;
}

/** Days after the case's first signal by which its explanatory analysis should have started (`api.md`). */
export const ANALYSIS_START_DAYS = 7;

const DAY_MS = 86_400_000;

/**
 * Everything due in one family, whenever due (the caller keeps the window it shows), computed from the family
 * list's state of the family (the domain's own fold):
 * - `mdo-due`: the last MDO's `nextMdoDueBy`, while the case is open;
 * - `evaluation-due`: the current plan's latest due date — the last evaluation's `nextEvaluateBy`, or the plan's
 *   `evaluateBy` before any evaluation (an evaluation without a next date leaves nothing due);
 * - `follow-up-due`: outflow + 3 and + 6 calendar months, each without that follow-up;
 * - `analysis-not-started`: the current case's first signal + {@link ANALYSIS_START_DAYS}, no analysis of the case;
 * - `no-case-director`: the current case's first signal + the region's `safety.noCaseDirectorDays` (14);
 * - `care-over-norm`: each trajectory requested and not started, its request + its care form's norm.
 * A case closed by a consultation (not admitted) and an erased family have nothing due.
 */
export function familyWork(stored: RegisteredFamilyState, region: RegionConfig): WorkItem[] {
  const state = completeState(stored);
  if (state.erasedAt !== undefined) return [];
  const familyId = state.familyId;
  const items: WorkItem[] = [];
  const push = (kind: WorkKind, dueAt: Date | undefined, extra: Partial<WorkItem> = {}) => {
    if (dueAt === undefined || Number.isNaN(dueAt.getTime())) return;
    items.push({
      familyId,
      kind,
      dueAt: dueAt.toISOString(),
      step: RESOLVING_STEPS[kind],
      ...extra,
    });
  };

  if (state.status === 'outflowed') {
    const { outflow } = state;
    for (const months of [3, 6] as const) {
      if (outflow.followUps.some((f) => f.monthsAfterOutflow === months)) continue;
      push('follow-up-due', plusMonths(outflow.at, months), { monthsAfterOutflow: months });
    }
    return items;
  }
  const current = state.caseNumber;
  if (current === 0 || closingConsultation(state)) return items;

  push('mdo-due', time(state.nextMdoDueBy));

  const plan = state.plan;
  if (plan && plan.caseNumber === current) {
    const last = plan.evaluations.at(-1);
    const due = last ? last.nextEvaluateBy : plan.evaluateBy;
    push('evaluation-due', time(due), { planId: plan.planId });
  }

  const firstSignal = state.signals
    .filter((s) => s.caseNumber === current)
    .map((s) => Date.parse(s.receivedAt))
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b)[0];
  if (firstSignal !== undefined) {
    if (!state.analyses.some((a) => a.caseNumber === current))
      push('analysis-not-started', new Date(firstSignal + ANALYSIS_START_DAYS * DAY_MS));
    if (!state.caseDirector)
      push('no-case-director', new Date(firstSignal + region.safety.noCaseDirectorDays * DAY_MS));
  }

  for (const trajectory of state.trajectories) {
    if (trajectory.status !== 'requested' || trajectory.runningCare) continue;
    const norm = careFormNorm(region, trajectory.careForm) ?? DEFAULT_CARE_NORM_DAYS;
    const requested = Date.parse(trajectory.requestedAt);
    if (Number.isNaN(requested)) continue;
    push('care-over-norm', new Date(requested + norm * DAY_MS), {
      trajectoryId: trajectory.trajectoryId,
    });
  }
  return items;
}

/** The norm of a care form the region does not list (`api.md`: every other form 42 days). */
const DEFAULT_CARE_NORM_DAYS = 42;

/** Whole days from `dueAt` to `asOf`, floored: negative while not yet due. */
export function overdueDays(dueAt: string, asOf: Date): number {
  return Math.floor((asOf.getTime() - Date.parse(dueAt)) / DAY_MS);
}

/**
 * `iso` + `months` calendar months in UTC, the day clamped to the month's last (as PostgreSQL's `interval`:
 * 2026-01-31 + 3 months = 2026-04-30), so that the work list and the safety overview agree.
 */
export function plusMonths(iso: string, months: number): Date | undefined {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(at);
  result.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  return result;
}

function time(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
