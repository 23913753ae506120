/**
 * The work one disclosure decision may do, counted in steps — tableau entries updated (`pinnedByPolytope`),
 * neighbourhood cells weighed (`pinnedLocally`), elimination and bound updates, relations scanned by each round
 * of `cellsToHide` — never in time, so that the decision stays a function of the figures alone. The decision runs
 * on the event loop: without a bound, one manager's request on a region of 1,000 families held every other
 * request for 73 s.
 *
 * A check that runs out calls every cell it has not set free pinned, and `cellsToHide` then hides, for each group
 * that still gives a cell away, every non-zero cell linked to it: doubling all of those satisfies every relation,
 * so none of them can be solved for. That may hide more than needed, never less.
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
 * process (the first BigInt pivots run slowly), hiding 377 cells, as the unbounded decision does. The price: on
 * `npm run bench:disclosure`'s synthetic tables the budget runs out too, and the coarse ending hides more than
 * the unbounded decision (region 2,352 cells instead of 987, one municipality 430 instead of 226; 10 million units
 * give the region's 987 back, 40 million the municipality's 226).
 */
export const DISCLOSURE_WORK_BUDGET = 2_000_000;

/** A budget that never runs out, for callers that bound their input themselves (tests of the checks alone). */
export function unlimitedBudget(): WorkBudget {
  return new WorkBudget(Number.POSITIVE_INFINITY);
}
