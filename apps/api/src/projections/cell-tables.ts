/**
 * The tables that disclosure control decides on: cells (a key and a count) and the linear relations a reader can
 * write between them (`total = Σ parts`), built from a table's finest rows with every marginal, and linked across
 * tables by shared keys.
 */

/** `total = Σ parts`, between cell keys. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface CellTable {
  /** Every cell's count (cells not listed are 0 and play no part). */
  readonly values: ReadonlyMap<string, number>;
  /** Cells a reader can only derive: unknown from the start, never shown. */
  readonly unpublished: ReadonlySet<string>;
  readonly relations: readonly Relation[];
}

/** A coordinate that sums a dimension out. */
export const ALL = '*';

/**
 * The cells and relations of a table with every marginal, as its filters publish it: for rows of coordinates
 * (one value per dimension) and counts, every cell with any dimensions summed out (`ALL`), and for every cell and
 * every dimension it fixes, the relation "the cell with that dimension summed out = Σ the cells along it".
 * `key` names a cell by its coordinates (it may give two cells one name when they are the same figure).
 */
export function hypercube(
  rows: readonly { readonly coordinates: readonly string[]; readonly count: number }[],
  key: (coordinates: readonly string[]) => string,
): { values: Map<string, number>; relations: Relation[] } {
  const cells = new Map<string, { coordinates: string[]; count: number }>();
  for (const row of rows) {
    const dimensions = row.coordinates.length;
    for (let mask = 0; mask < 1 << dimensions; mask++) {
      const coordinates = row.coordinates.map((c, i) => (mask & (1 << i) ? ALL : c));
      const id = JSON.stringify(coordinates);
      const cell = cells.get(id) ?? { coordinates, count: 0 };
      cell.count += row.count;
      cells.set(id, cell);
    }
  }
  const values = new Map<string, number>();
  const groups = new Map<string, { total: string; parts: string[] }>();
  for (const { coordinates, count } of cells.values()) {
    values.set(key(coordinates), count);
    coordinates.forEach((c, i) => {
      if (c === ALL) return;
      const totalCoordinates = coordinates.map((d, j) => (j === i ? ALL : d));
      const id = `${i}${JSON.stringify(totalCoordinates)}`;
      const group = groups.get(id) ?? { total: key(totalCoordinates), parts: [] };
      group.parts.push(key(coordinates));
      groups.set(id, group);
    });
  }
  return { values, relations: [...groups.values()] };
}

/** Several tables as one: shared keys are the same figure (the same count), so they link the tables. */
export function linkTables(
  ...tables: {
    values: ReadonlyMap<string, number>;
    relations: readonly Relation[];
    unpublished?: Iterable<string>;
  }[]
): CellTable {
  const values = new Map<string, number>();
  const unpublished = new Set<string>();
  const relations: Relation[] = [];
  for (const table of tables) {
    for (const [key, count] of table.values) values.set(key, count);
    for (const key of table.unpublished ?? []) unpublished.add(key);
    relations.push(...table.relations);
  }
  return { values, unpublished, relations };
}

/**
 * `whole = measured + rest` for every cell of `whole` (e.g. waiting = overNorm + within the norm): the `rest`
 * cells are unpublished, derived, and their relations are those of a hypercube too (linear in the others).
 *
 * `wholeRelations` (the hypercube relations of `whole`, which `measured` shares) are listed again over the `rest`
 * cells. Linear algebra gains nothing from them, but the bounds do: a reader knows every `rest` cell is at least
 * 0, so a `rest` total of 0 makes each of its parts 0 (every family of the region flagged: none unflagged in any
 * municipality, so families = flagged there), and `pinnedByBounds` only propagates through listed relations.
 */
export function splitCells(
  whole: ReadonlyMap<string, number>,
  measured: (key: string) => string,
  rest: (key: string) => string,
  measuredValues: ReadonlyMap<string, number>,
  wholeRelations: readonly Relation[] = [],
): { values: Map<string, number>; relations: Relation[]; unpublished: string[] } {
  const values = new Map<string, number>();
  const relations: Relation[] = [];
  const unpublished: string[] = [];
  for (const [key, count] of whole) {
    const part = measured(key);
    const remainder = rest(key);
    values.set(remainder, count - (measuredValues.get(part) ?? 0));
    unpublished.push(remainder);
    relations.push({ total: key, parts: [part, remainder] });
  }
  for (const { total, parts } of wholeRelations)
    relations.push({ total: rest(total), parts: parts.map(rest) });
  return { values, relations, unpublished };
}

/**
 * {@link splitCells} of a table whose keys hold the measure first (`["waiting", …coordinates]`): the measured
 * and the rest cells are the whole's coordinates under the measures `measured` and `rest`.
 */
export function splitMeasure<M extends string = string>(
  whole: ReadonlyMap<string, number>,
  [measured, rest]: readonly [M, M],
  measuredValues: ReadonlyMap<string, number>,
  wholeRelations: readonly Relation[] = [],
): ReturnType<typeof splitCells> {
  const as = (measure: M) => (key: string) =>
    JSON.stringify([measure, ...(JSON.parse(key) as string[]).slice(1)]);
  return splitCells(whole, as(measured), as(rest), measuredValues, wholeRelations);
}
