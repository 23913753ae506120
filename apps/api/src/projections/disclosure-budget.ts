/**
 * The work one disclosure decision may do in its exact checks (`pinnedByPolytope`, `pinnedLocally`), counted in
 * tableau entries updated and neighbourhood cells weighed — never in time, so that the decision stays a function
 * of the figures alone. The checks run on the event loop: without a bound, one manager's request on a large
 * region held every other request for over a minute.
 *
 * A check that runs out calls every cell it has not set free pinned. That is sound (it may hide more, never
 * less): `cellsToHide` then hides complements until none is left to hide, and a group whose cells can no longer
 * be given a complement has only hidden cells and zeros around it, which doubling it proves free.
 */
export class WorkBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Counts `units` of work; false once the budget is used up (then every later call is false too). */
  spend(units: number): boolean {
    this.spent += units;
    return this.spent <= this.limit;
  }

  get exhausted(): boolean {
    return this.spent > this.limit;
  }

  get used(): number {
    return this.spent;
  }
}

/**
 * Work a decision may do. A region of 1,000 families: its checks would have done some 1.4 billion units (20 s;
 * 73 s before the neighbourhoods were kept incrementally); with 2 million, 0.2 s once warm and 0.8 s in a fresh
 * process (the first BigInt pivots run slowly), hiding 377 cells, as the unbounded decision does.
 */
export const DISCLOSURE_WORK_BUDGET = 2_000_000;

/** A budget that never runs out, for callers that bound their input themselves (tests of the checks alone). */
export function unlimitedBudget(): WorkBudget {
  return new WorkBudget(Number.POSITIVE_INFINITY);
}
