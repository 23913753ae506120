import { describeOnEachDatabase } from '@samenspoor/testing';

import { rebuildInto, swapRebuilt } from './rebuild';
import { ALL_PROJECTIONS } from './registry';
import { TestFamily } from './testing/family-commands';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';

const timeline = ALL_PROJECTIONS.find((p) => p.name === 'timeline')!;

async function entriesOf(h: ProjectionHarness, familyId: string): Promise<number> {
  const [row] = await h.database.query<{ n: number }>(
    `select count(*)::int as n from ${h.tables.live(timeline).tl_entries} where family_id = $1`,
    [familyId],
  );
  return row?.n ?? -1;
}

/**
 * A rebuild whose last page was read before the runner applied some events, swapped in after it did (seen in CI
 * in `erasure-boundary.e2e`: another suite's open transaction held both back, then let go between the rebuild's
 * last read and its swap). The swap moves the checkpoint back to tables without those events; the runner used to
 * keep answering read-your-writes from what it had applied to the old tables — the erasure missing from the list.
 */
describeOnEachDatabase('a swap behind the runner', (kind) => {
  it('holds read-your-writes until the swapped-in tables have the events the runner had applied', async () => {
    const family = new TestFamily();
    const h = await openProjectionHarness(kind, [timeline]);
    try {
      // Given a rebuild of the family as registered,
      await h.command(family.familyId, ...family.signalled('2026-01-05'));
      await h.settled();
      const rebuiltTo = await rebuildInto(h.database, h.store, h.tables, timeline);
      const before = await entriesOf(h, family.familyId);
      // and a note the runner applied after the rebuild read its last page,
      await h.command(family.familyId, family.note('2026-01-06T09:00:00Z'));
      await h.settled();
      const noted = await h.store.headPosition();
      expect(await entriesOf(h, family.familyId)).toBe(before + 1);

      // when the rebuild is swapped in behind the runner, with nothing more arriving,
      await h.database.transaction((tx) => swapRebuilt(tx, h.tables, timeline, rebuiltTo));
      expect(await entriesOf(h, family.familyId)).toBe(before);

      // then a read that waits for the note gets it: the runner goes back to the swapped-in checkpoint.
      const reached = await h.runner.waitFor(timeline.name, noted, 20_000);
      expect(reached).toBeDefined();
      expect(reached! >= noted).toBe(true);
      expect(await entriesOf(h, family.familyId)).toBe(before + 1);
    } finally {
      await h.close();
    }
  }, 60_000);
});
