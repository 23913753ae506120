/**
 * Small-cell suppression for managers (api.md): any count from 1 to threshold − 1 is answered as null, with
 * `"suppressed": true` on its block, and so are the block's day figures. A threshold of 0 turns it off.
 */

const DAY_FIGURES = ['medianDays', 'p90Days', 'maxDays'] as const;

export function isSmall(count: number | null | undefined, threshold: number): boolean {
  return typeof count === 'number' && count >= 1 && count < threshold;
}

/**
 * Suppresses the small counts of one figure block: the named count fields that are small become null, and when
 * any is, so do the day figures, and the block says `suppressed: true`.
 */
export function suppressBlock<B extends object>(
  block: B,
  counts: readonly (keyof B)[],
  threshold: number,
): B {
  const small = counts.filter((key) => isSmall(block[key] as number | null | undefined, threshold));
  if (small.length === 0) return block;
  const copy: Record<string, unknown> = { ...block, suppressed: true };
  for (const key of small) copy[key as string] = null;
  for (const key of DAY_FIGURES) if (key in copy) copy[key] = null;
  return copy as B;
}

/** Suppresses the small counts of a distribution `{ "0": n, "1": n, … }`; true when any was. */
export function suppressDistribution(
  distribution: Record<string, number | null>,
  threshold: number,
): { values: Record<string, number | null>; suppressed: boolean } {
  let suppressed = false;
  const values = Object.fromEntries(
    Object.entries(distribution).map(([key, count]) => {
      if (isSmall(count, threshold)) {
        suppressed = true;
        return [key, null];
      }
      return [key, count];
    }),
  );
  return { values, suppressed };
}
