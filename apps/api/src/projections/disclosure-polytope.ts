/**
 * The exact check of disclosure control: which guarded unknowns of a group of linked cells a reader can pin down
 * by combining every relation with the bounds a reader knows (a hidden published count is at least 1, a derived
 * one at least 0), when no single relation does.
 *
 * The feasible set is {relations hold, known cells at their values, unknown ≥ its bound}; its points with whole
 * numbers are what a reader cannot tell apart from the true figures. An unknown is free when some whole-number
 * point differs from the true figures in it by at least 1; a guarded unknown that is not free is pinned. Freedom is
 * proved by a witness: a vertex of the feasible set with whole-number coordinates, found by the simplex method
 * (maximising, then minimising, the unknown; every vertex on the way frees all unknowns it moves by 1 or more).
 * A vertex that is not whole counts as no witness, so an unknown is called free only when a whole-number
 * solution proves it: what the integer-programming attack in the tests can find, this finds too.
 *
 * Arithmetic is exact: an integer-preserving tableau over BigInt (every entry is the tableau value times the
 * common denominator, the last pivot; the division in each update is exact), and Bland's rule, so degenerate
 * pivots never cycle. The tables are small (a group's unknowns, tens of cells), the tableau dense.
 *
 * Bland's rule may take very many pivots, so the work is counted against `budget` (entries updated): once it is
 * used up, every target not yet set free is called pinned, which may hide more than needed, never less.
 */
import type { Relation } from './cell-tables';
import { unlimitedBudget, type WorkBudget } from './disclosure-budget';

/**
 * A group of linked unknowns to check: the relations between its cells, the unknown ones (those `unpublished`
 * bounded by 0, the others by 1), the true value of every cell, and which unknowns a reader must not pin down.
 */
export interface UnknownGroup {
  readonly relations: readonly Relation[];
  readonly unknown: ReadonlySet<string>;
  readonly unpublished: ReadonlySet<string>;
  readonly value: (key: string) => number;
  readonly guarded: (key: string) => boolean;
}

/** The guarded unknowns of one group that no whole-number point other than the true figures sets free. */
export function pinnedByPolytope(
  { relations, unknown, unpublished, value, guarded }: UnknownGroup,
  budget: WorkBudget = unlimitedBudget(),
): string[] {
  const keys = [...unknown].sort();
  const index = new Map(keys.map((key, i) => [key, i]));
  // Unknowns shifted to their lower bound (y = x − bound ≥ 0); the true figures are the point `slack`.
  const slack = keys.map((key) => BigInt(value(key) - (unpublished.has(key) ? 0 : 1)));
  const rows: Map<number, bigint>[] = [];
  for (const relation of relations) {
    const row = new Map<number, bigint>();
    const add = (key: string, coefficient: bigint) => {
      const i = index.get(key);
      if (i !== undefined) row.set(i, (row.get(i) ?? 0n) + coefficient);
    };
    add(relation.total, 1n);
    for (const part of relation.parts) add(part, -1n);
    for (const [i, coefficient] of row) if (coefficient === 0n) row.delete(i);
    if (row.size > 0) rows.push(row);
  }
  // Rows in an order of their own (by their coefficients), so that the pivots, and with them which vertices are
  // met, depend only on the figures and never on the order the relations came in.
  const signature = (row: ReadonlyMap<number, bigint>) =>
    JSON.stringify([...row].sort(([a], [b]) => a - b).map(([i, c]) => [i, String(c)]));
  const signatures = new Map(rows.map((row) => [row, signature(row)]));
  rows.sort((a, b) =>
    signatures.get(a)! < signatures.get(b)! ? -1 : signatures.get(a)! > signatures.get(b)! ? 1 : 0,
  );
  const targets = keys.map((key, i) => (guarded(key) ? i : -1)).filter((i) => i >= 0);
  const free = new Set<number>();
  const tableau = Tableau.feasible(keys.length, rows, slack, budget);
  // No feasible point would mean that the figures contradict the relations, and a budget used up before one is
  // found leaves nothing proved: either way nothing can be called free.
  if (tableau === undefined) return targets.map((i) => keys[i]!);
  const witness = (point: readonly bigint[] | undefined) => {
    if (point === undefined) return;
    for (const i of targets) {
      const difference = point[i]! - slack[i]!;
      if (difference >= 1n || difference <= -1n) free.add(i);
    }
  };
  witness(tableau.point());
  for (const target of targets) {
    if (free.has(target)) continue;
    const done = () => free.has(target);
    tableau.optimise(target, 1n, slack[target]! + 1n, witness, done);
    if (!done() && slack[target]! >= 1n) tableau.optimise(target, -1n, 0n, witness, done);
  }
  return targets.filter((i) => !free.has(i)).map((i) => keys[i]!);
}

/**
 * A simplex tableau `A y = b, y ≥ 0` in integer-preserving form: `rows[i]` holds the coefficients and, last, the
 * value of the basic variable `basis[i]`, all times `denominator` (> 0).
 */
class Tableau {
  private constructor(
    private readonly columns: number,
    private rows: bigint[][],
    private basis: number[],
    private denominator: bigint,
    private readonly budget: WorkBudget,
  ) {}

  /**
   * A basic feasible solution of `rows · y = rows · point, y ≥ 0` (phase 1 with one artificial variable per row,
   * which then leave the basis; rows that only repeat others are dropped). `point` is feasible, so one exists.
   */
  static feasible(
    columns: number,
    sparse: readonly ReadonlyMap<number, bigint>[],
    point: readonly bigint[],
    budget: WorkBudget,
  ): Tableau | undefined {
    if (!budget.spend(sparse.length * (columns + 1))) return undefined;
    // The artificial variables get no columns: one that leaves the basis never enters again.
    const width = columns + 1;
    const rows = sparse.map((entries) => {
      const row = new Array<bigint>(width).fill(0n);
      let rhs = 0n;
      for (const [j, coefficient] of entries) {
        row[j] = coefficient;
        rhs += coefficient * point[j]!;
      }
      const sign = rhs < 0n ? -1n : 1n;
      for (const j of entries.keys()) row[j] = row[j]! * sign;
      row[columns] = rhs * sign;
      return row;
    });
    const tableau = new Tableau(
      columns,
      rows,
      rows.map((_, i) => columns + i),
      1n,
      budget,
    );
    // Phase 1: maximise −Σ artificials.
    const objective = new Array<bigint>(width).fill(0n);
    for (const row of rows) for (let j = 0; j <= columns; j++) objective[j]! += row[j]!;
    tableau.run(objective, () => false);
    if (objective[columns] !== 0n || budget.exhausted) return undefined;
    // Drive the artificials (all at 0 now) out of the basis, or drop their row when it is all zeros.
    for (let i = tableau.rows.length - 1; i >= 0; i--) {
      if (tableau.basis[i]! < columns) continue;
      const row = tableau.rows[i]!;
      const entering = row.findIndex((coefficient, j) => j < columns && coefficient !== 0n);
      if (entering >= 0) tableau.pivot(i, entering, []);
      else {
        tableau.rows.splice(i, 1);
        tableau.basis.splice(i, 1);
      }
    }
    return tableau;
  }

  /** The current vertex when all its coordinates are whole numbers. */
  point(): bigint[] | undefined {
    const point = new Array<bigint>(this.columns).fill(0n);
    for (let i = 0; i < this.rows.length; i++) {
      const rhs = this.rows[i]![this.columns]!;
      if (rhs % this.denominator !== 0n) return undefined;
      point[this.basis[i]!] = rhs / this.denominator;
    }
    return point;
  }

  /**
   * Phase 2 from the current vertex: maximise `sign · y[target]` until `done()` or optimal, offering every vertex
   * on the way to `visit`. An unbounded direction is offered as a whole-number point along it where `y[target]`
   * is at least `beyond`.
   */
  optimise(
    target: number,
    sign: bigint,
    beyond: bigint,
    visit: (point: bigint[] | undefined) => void,
    done: () => boolean,
  ): void {
    // Reduced costs (times the denominator) of the objective `sign · y[target]`.
    const objective = new Array<bigint>(this.columns + 1).fill(0n);
    const row = this.basis.indexOf(target);
    if (row < 0) objective[target] = sign * this.denominator;
    else
      for (let j = 0; j <= this.columns; j++)
        if (j !== target) objective[j] = -sign * this.rows[row]![j]!;
    this.run(objective, done, { visit, target, beyond });
  }

  /**
   * Simplex iterations on `objective` (a row kept up to date by every pivot) with Bland's rule: the lowest
   * improving column enters, the lowest basic variable leaves among ties. In phase 2, every vertex on the way
   * (and a point far along an unbounded edge) goes to `visit`. Stops, wherever it is, when the budget is used up.
   */
  private run(
    objective: bigint[],
    done: () => boolean,
    phase2?: {
      visit: (point: bigint[] | undefined) => void;
      target: number;
      beyond: bigint;
    },
  ): void {
    const last = this.columns;
    while (!done() && !this.budget.exhausted) {
      let entering = -1;
      for (let j = 0; j < this.columns; j++)
        if (objective[j]! > 0n) {
          entering = j;
          break;
        }
      if (entering < 0) return;
      let leaving = -1;
      for (let i = 0; i < this.rows.length; i++) {
        const a = this.rows[i]![entering]!;
        if (a <= 0n) continue;
        if (leaving < 0) {
          leaving = i;
          continue;
        }
        const best = this.rows[leaving]!;
        const ratio = this.rows[i]![last]! * best[entering]! - best[last]! * a;
        if (ratio < 0n || (ratio === 0n && this.basis[i]! < this.basis[leaving]!)) leaving = i;
      }
      if (leaving < 0) {
        phase2?.visit(this.ray(entering, phase2.target, phase2.beyond));
        return;
      }
      this.pivot(leaving, entering, [objective]);
      phase2?.visit(this.point());
    }
  }

  /** A whole-number point along the unbounded edge that `entering` opens, with `y[target]` at least `beyond`. */
  private ray(entering: number, target: number, beyond: bigint): bigint[] | undefined {
    const start = this.point();
    if (start === undefined) return undefined;
    // Moving `entering` up by `denominator · step` keeps every coordinate whole; `y[target]` grows by ≥ step
    // (its reduced cost, a positive whole number, per step).
    const step = beyond > start[target]! ? beyond - start[target]! : 1n;
    const point = [...start];
    point[entering] = this.denominator * step;
    this.rows.forEach((row, i) => {
      point[this.basis[i]!] = start[this.basis[i]!]! - row[entering]! * step;
    });
    return point;
  }

  /**
   * Bareiss's integer-preserving pivot: every other row becomes (p · row − row[s] · pivot row) / old denominator.
   * When the pivot equals the old denominator (always so while the bases are unimodular, as the tables' mostly
   * are), that is row − row[s] · pivot row / denominator: rows without the entering column stay as they are, and
   * the others change only where the pivot row is not zero.
   */
  private pivot(r: number, s: number, others: bigint[][]): void {
    const pivotRow = this.rows[r]!;
    const p = pivotRow[s]!;
    const d = this.denominator;
    const nonZero: number[] = [];
    for (let j = 0; j < pivotRow.length; j++) if (pivotRow[j] !== 0n) nonZero.push(j);
    this.budget.spend(
      pivotRow.length +
        (this.rows.length + others.length) * (p === d ? nonZero.length : pivotRow.length),
    );
    const update = (row: bigint[]) => {
      const factor = row[s]!;
      if (p === d) {
        if (factor !== 0n) for (const j of nonZero) row[j] = row[j]! - (factor * pivotRow[j]!) / d;
      } else if (factor === 0n) {
        for (let j = 0; j < row.length; j++) if (row[j] !== 0n) row[j] = (p * row[j]!) / d;
      } else
        for (let j = 0; j < row.length; j++)
          if (row[j] !== 0n || pivotRow[j] !== 0n)
            row[j] = (p * row[j]! - factor * pivotRow[j]!) / d;
    };
    this.rows.forEach((row, i) => {
      if (i !== r) update(row);
    });
    for (const row of others) update(row);
    this.basis[r] = s;
    this.denominator = p;
    if (p < 0n) {
      // Keep the denominator positive: negating every entry with it leaves every value as it was.
      for (const row of [...this.rows, ...others])
        for (let j = 0; j < row.length; j++) row[j] = -row[j]!;
      this.denominator = -p;
    }
  }
}
