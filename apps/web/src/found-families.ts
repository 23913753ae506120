import type { FoundFamily } from './types';

/**
 * The families an auditor found by name or BSN in this tab, by id: the erasure page shows whom it erases
 * (municipality, members, registration date) without the names ever going into an address or the history's state.
 * Kept in memory only: a reload forgets them, and the auditor searches again.
 */
const found = new Map<string, FoundFamily>();

export function rememberFound(families: readonly FoundFamily[]): void {
  for (const family of families) found.set(family.familyId, family);
}

export function foundFamily(familyId: string): FoundFamily | undefined {
  return found.get(familyId);
}

/** Forgets them all (signing out). */
export function forgetFound(): void {
  found.clear();
}
