/**
 * The finest waiting-list cells of a seeded region of 1,000 families (seed 1, as of 2026-12-03T16:00Z): counts
 * per stage, municipality, care form and provider only, nothing personal. Its table put one group of some 575
 * linked unknowns before the local check, which held the event loop for over a minute before the checks had a
 * work budget (`WorkBudget`). The counts are data, kept in the JSON file beside this one.
 */
import type { WaitingCell } from '@samenspoor/projections';

import rows from './region-1000-waiting-cells.json';

/** A cell as a row of the fixture: stage, municipality, care form, provider, waiting, over the norm. */
type Row = [WaitingCell['stage'], string, string | null, string | null, number, number];

export const REGION_OF_1000_WAITING_CELLS: readonly WaitingCell[] = (rows as Row[]).map(
  ([stage, municipality, careForm, providerId, waiting, overNorm]) => ({
    stage,
    municipality,
    careForm,
    providerId,
    waiting,
    overNorm,
  }),
);
