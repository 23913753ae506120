import { DEFAULT_REGION } from '@samenspoor/domain';

import { openProjectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { waitingListProjection } from './waiting-list.projection';
import { waitingEntries, waitingHistory, waitingListFigures } from './waiting-list.queries';

const AS_OF = new Date('2026-03-01T12:00:00Z');

describe('waiting list (embedded store)', () => {
  let h: ProjectionHarness;
  beforeAll(async () => {
    h = await openProjectionHarness('pglite', [waitingListProjection]);
    // Planned from 2025-12-01T09:00, then care requested.
    const waitingForCare = (
      municipality: string,
      at: string,
      careForm: string,
      providerId: string,
    ) =>
      h.family(municipality, (f) => [
        ...f.planned('2025-12-01T09:00:00Z'),
        f.requestCare(at, careForm, providerId),
      ]);
    // Care waits, by hand at 2026-03-01T12:00Z: 59, 27 (27 d 23 h, floored), 9, 45, 1 (1 d 1 h) and 2 days.
    await waitingForCare('Groningen', '2026-01-01T12:00:00Z', 'trauma-treatment', 'accare');
    await waitingForCare('Groningen', '2026-02-01T13:00:00Z', 'trauma-treatment', 'accare');
    await waitingForCare('Pekela', '2026-02-20T12:00:00Z', 'foster-care', 'elker');
    await waitingForCare('Pekela', '2026-01-15T12:00:00Z', 'foster-care', 'elker');
    await h.family('Oldambt', (f) => [
      f.register('2026-02-01T00:00:00Z'),
      f.requestCare('2026-02-28T11:00:00Z', 'crisis-care', 'crisisdienst'),
      f.requestCare('2026-02-27T11:00:00Z', 'crisis-care', 'crisisdienst'),
    ]);
    // One withdrawn on 2026-02-01 and one started on 2026-02-15: not waiting at 2026-03-01.
    await h.family('Pekela', (f) => [
      ...f.planned('2025-12-01T09:00:00Z'),
      f.requestCare('2026-01-10T12:00:00Z', 'foster-care', 'elker'),
      f.withdrawCare('2026-02-01T12:00:00Z'),
    ]);
    await h.family('Groningen', (f) => [
      ...f.planned('2025-12-01T09:00:00Z'),
      f.requestCare('2026-01-01T12:00:00Z', 'trauma-treatment', 'accare'),
      f.startCare('2026-02-15T12:00:00Z'),
    ]);
    await h.settled();
  });
  afterAll(() => h.close());

  it('computes the care stage: median of an even count, p90 by nearest rank, floors, norms', async () => {
    const figures = await waitingListFigures(
      h.database,
      h.tables.live(waitingListProjection),
      DEFAULT_REGION,
      AS_OF,
    );
    expect(figures.stages.care).toEqual({
      waiting: 6,
      medianDays: 18,
      p90Days: 59,
      maxDays: 59,
      overNorm: 3,
    });
    expect(figures.byCareForm.find((b) => b.careForm === 'trauma-treatment')).toEqual({
      careForm: 'trauma-treatment',
      waiting: 2,
      medianDays: 43,
      p90Days: 59,
      maxDays: 59,
      overNorm: 1,
      norm: 42,
    });
    expect(figures.byCareForm.find((b) => b.careForm === 'crisis-care')).toMatchObject({
      waiting: 2,
      medianDays: 1.5,
      p90Days: 2,
      overNorm: 1,
      norm: 1,
    });
    expect(figures.byCareForm.find((b) => b.careForm === 'family-home')).toEqual({
      careForm: 'family-home',
      waiting: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
      norm: 42,
    });
    expect(figures.byProvider.map((b) => [b.providerId, b.waiting])).toEqual([
      ['accare', 2],
      ['crisisdienst', 2],
      ['elker', 2],
    ]);
    expect(figures.byMunicipality.find((b) => b.municipality === 'Pekela')).toMatchObject({
      waiting: 2,
      medianDays: 27,
    });
  });

  it('shows a started trajectory as waiting before its start, and a withdrawn one not after withdrawal', async () => {
    const before = await waitingListFigures(
      h.database,
      h.tables.live(waitingListProjection),
      DEFAULT_REGION,
      new Date('2026-01-31T12:00:00Z'),
    );
    // At 2026-01-31T12:00: trauma (30 days) ×2 incl. the one started later, foster 16 days, withdrawn one 21 days.
    expect(before.byCareForm.find((b) => b.careForm === 'trauma-treatment')).toMatchObject({
      waiting: 2,
      medianDays: 30,
    });
    expect(before.byCareForm.find((b) => b.careForm === 'foster-care')).toMatchObject({
      waiting: 2,
      medianDays: 18.5,
    });
  });

  it('lists entries oldest first, a page at a time', async () => {
    const t = h.tables.live(waitingListProjection);
    const first = await waitingEntries(h.database, t, DEFAULT_REGION, AS_OF, { limit: 4 });
    expect(first.items.map((e) => e.waitingDays)).toEqual([59, 45, 27, 9]);
    expect(first.items[0]).toMatchObject({
      careForm: 'trauma-treatment',
      providerId: 'accare',
      municipality: 'Groningen',
      overNorm: true,
      norm: 42,
    });
    const second = await waitingEntries(h.database, t, DEFAULT_REGION, AS_OF, {
      limit: 4,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.waitingDays)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
  });

  it('gives the history as end-of-day points', async () => {
    const t = h.tables.live(waitingListProjection);
    const series = await waitingHistory(
      h.database,
      t,
      DEFAULT_REGION,
      { from: '2026-02-26', to: '2026-03-01' },
      { careForm: 'crisis-care' },
    );
    // Requested 2026-02-27T11:00 and 2026-02-28T11:00: at the end of the 27th one wait of 0 days (12 h 59 m), …
    expect(series).toEqual([
      { date: '2026-02-26', waiting: 0, medianDays: null, overNorm: null },
      { date: '2026-02-27', waiting: 1, medianDays: 0, overNorm: 0 },
      { date: '2026-02-28', waiting: 2, medianDays: 0.5, overNorm: 0 },
      { date: '2026-03-01', waiting: 2, medianDays: 1.5, overNorm: 1 },
    ]);
  });
});
