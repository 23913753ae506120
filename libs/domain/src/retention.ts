import type { RegisteredFamilyState } from './family.state';

/**
 * When the family's care ended, the moment the Jeugdwet's retention period (20 years by default) counts from:
 * the last end or withdrawal of a trajectory, or the last outflow, whichever is later. Undefined while care runs
 * or waits (a trajectory requested or started), when the family never had care nor an outflow, and once its
 * personal data was erased (there is nothing left to destroy).
 */
export function careEndedAt(state: RegisteredFamilyState): string | undefined {
  if (state.erasedAt !== undefined) return undefined;
  let latest: number | undefined;
  const consider = (time: string | undefined) => {
    const ms = time === undefined ? NaN : Date.parse(time);
    if (!Number.isNaN(ms) && (latest === undefined || ms > latest)) latest = ms;
  };
  for (const trajectory of state.trajectories) {
    if (trajectory.status === 'requested' || trajectory.status === 'started') return undefined;
    consider(trajectory.endedAt ?? trajectory.withdrawnAt);
  }
  consider(state.outflow?.at);
  return latest === undefined ? undefined : new Date(latest).toISOString();
}

/** Whether the retention period after the end of care has passed at `asOf`: a candidate for destruction. */
export function retentionExpired(state: RegisteredFamilyState, years: number, asOf: Date): boolean {
  const ended = careEndedAt(state);
  if (ended === undefined) return false;
  const until = new Date(ended);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until.getTime() <= asOf.getTime();
}
