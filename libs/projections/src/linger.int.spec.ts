import { randomUUID } from 'node:crypto';

import type { Position } from '@samenspoor/event-store';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { ProjectionRunner } from './projection-runner';
import { timelineProjection } from './timeline/timeline.projection';
import { appliedWithoutWaiting as applied, nudge } from './testing/lingering';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';

/** Far longer than any test here runs: a runner that really waited it out would fail them. */
const LINGER_MS = 60_000;

describeOnEachDatabase('the projection runner lingers after a small batch', (kind) => {
  let h: ProjectionHarness;
  let runner: ProjectionRunner;
  /** The size of every batch the runner applied, in order. */
  let batches: number[];

  const note = (familyId: string, text: string) => nudge(h.store, familyId, text);
  const appliedWithoutWaiting = (position: Position) =>
    applied(runner, timelineProjection.name, position);

  beforeEach(async () => {
    h = await openProjectionHarness(kind, [timelineProjection]);
    // The harness's runner gives way to one that lingers a minute and records its batches.
    await h.runner.stop();
    batches = [];
    runner = new ProjectionRunner(h.database, h.store, [timelineProjection], h.tables, {
      schema: h.schema,
      lingerMs: LINGER_MS,
      observer: { applied: (_name, events) => events > 0 && batches.push(events) },
    });
    runner.start();
  }, 60_000);
  afterEach(async () => {
    await runner.stop();
    await h.close();
  }, 60_000);

  it('applies the first event after a quiet spell on its own, and what arrives while it lingers together', async () => {
    const familyId = randomUUID();
    const first = await note(familyId, 'first');
    await appliedWithoutWaiting(first.position);
    expect(batches).toEqual([1]);

    // Given the runner lingering after that batch, when three more events arrive…
    await note(familyId, 'second');
    await note(familyId, 'third');
    const fourth = await note(familyId, 'fourth');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // …then it has not read them yet,
    expect(await runner.position(timelineProjection.name)).toBe(first.position);
    // and a reader waiting for the last of them ends the linger: the three come in one batch.
    expect(await runner.waitFor(timelineProjection.name, fourth.position, 20_000)).toBe(
      fourth.position,
    );
    expect(batches).toEqual([1, 3]);
    const [row] = await h.database.query<{ entries: number }>(
      `select count(*)::int as entries from ${h.tables.live(timelineProjection).tl_entries}`,
    );
    expect(row?.entries).toBe(4);
  }, 30_000);

  it('stops at once while lingering', async () => {
    const first = await note(randomUUID(), 'first');
    await appliedWithoutWaiting(first.position);
    const stopping = Date.now();
    await runner.stop();
    expect(Date.now() - stopping).toBeLessThan(LINGER_MS / 2);
  }, 30_000);
});
