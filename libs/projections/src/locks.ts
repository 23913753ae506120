/**
 * Advisory lock keys, one set per schema (advisory locks are per database, and several schemas may share one):
 * one runner leads; rebuilds swap tables while no batch is being applied.
 */
export function leaderLock(schema: string): string {
  return `samenspoor:projections:leader:${schema}`;
}

export function swapLock(schema: string): string {
  return `samenspoor:projections:swap:${schema}`;
}
