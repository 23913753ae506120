import { CARE_FORMS, MUNICIPALITIES } from '@samenspoor/domain';
import type { WaitingCell } from '@samenspoor/projections';

import { seededRandom } from './seeded-random';

/** The care providers the simulated region groups by (libs/simulation's catalogue). */
const PROVIDERS = [
  'accare',
  'elker',
  'lentis',
  'cosis',
  'ambiq',
  'vnn',
  'molendrift',
  'leger-des-heils',
  'sheeren-loo',
];

/**
 * Waiting-list cells of a region the size of the benchmark's: every municipality × care form × provider of the
 * default region (10 × 12 × 9, more groups than the simulation fills: the worst case), most of them waiting
 * a few families (so many small cells to hide) and a tenth of them empty. Seeded, so runs compare.
 */
export function regionSizedWaitingCells(seed = 1): WaitingCell[] {
  const random = seededRandom(seed);
  const count = () => {
    const r = random();
    if (r < 0.1) return 0;
    if (r < 0.55) return 1 + Math.floor(random() * 4);
    return 5 + Math.floor(random() * 40);
  };
  const cells: WaitingCell[] = [];
  const add = (cell: Omit<WaitingCell, 'waiting' | 'overNorm'>) => {
    const waiting = count();
    // waitingCells only lists groups where someone waits.
    if (waiting > 0) cells.push({ ...cell, waiting, overNorm: Math.floor(waiting * random()) });
  };
  for (const municipality of MUNICIPALITIES) {
    add({ stage: 'analysis', municipality, careForm: null, providerId: null });
    add({ stage: 'plan', municipality, careForm: null, providerId: null });
    for (const careForm of CARE_FORMS)
      for (const providerId of PROVIDERS)
        add({ stage: 'care', municipality, careForm, providerId });
  }
  return cells;
}
