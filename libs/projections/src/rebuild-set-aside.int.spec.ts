import { familyStreamId } from '@samenspoor/domain';
import { START, type EventRecord } from '@samenspoor/event-store';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { listDeadLetters, rebuildDeadLetterTable } from './dead-letters';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rebuildInto, swapRebuilt } from './rebuild';
import { ALL_PROJECTIONS } from './registry';
import { poisonedBesideHealthy, TestFamily } from './testing/family-commands';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';
import { snapshot } from './testing/table-snapshot';

/** A read model that throws, as a projection bug would, on the events `poisoned` picks (while `state.poison` is set). */
function breakable(projection: Projection, version = projection.version) {
  const state: { poison?: (event: EventRecord) => boolean } = {};
  const wrapped: Projection = {
    name: projection.name,
    version,
    tables: projection.tables,
    createTables: (tables) => projection.createTables(tables),
    async apply(tx, events, tables) {
      if (state.poison && events.some(state.poison))
        throw new TypeError('cannot read Sanne de Vries');
      await projection.apply(tx, events, tables);
    },
  };
  return { projection: wrapped, state };
}

const signalOf = (familyId: string) => (event: EventRecord) =>
  event.streamId === familyStreamId(familyId) && event.type === 'SignalReceived';

const named = (name: string) => ALL_PROJECTIONS.find((p) => p.name === name)!;

async function lettersOf(h: ProjectionHarness, projection: string) {
  return (await listDeadLetters(h.database, h.tables.schema, { projection })).map((l) => [
    l.streamId,
    l.eventType,
    l.reason,
  ]);
}

async function rebuildTableRows(h: ProjectionHarness): Promise<number> {
  const [row] = await h.database.query<{ n: number }>(
    `select count(*)::int as n from ${rebuildDeadLetterTable(h.tables.schema)}`,
  );
  return row?.n ?? -1;
}

describeOnEachDatabase('a rebuild never stops on a poison event', (kind) => {
  it('projections:rebuild sets the poison event and its stream aside, and its dead letters replace the live ones at the swap', async () => {
    const poisoned = new TestFamily();
    const healthy = new TestFamily();
    const timeline = breakable(named('timeline'));
    const familyList = breakable(named('family-list'));
    timeline.state.poison = familyList.state.poison = signalOf(poisoned.familyId);
    const h = await openProjectionHarness(kind, [timeline.projection, familyList.projection], {
      batchSize: 5,
    });
    try {
      await poisonedBesideHealthy(h, poisoned, healthy, [healthy.signal('2026-01-08')]);
      await h.settled();
      const stream = familyStreamId(poisoned.familyId);
      const expected = [
        [stream, 'SignalReceived', 'failed'],
        [stream, 'ExplanatoryAnalysisStarted', 'follows'],
      ];
      expect(await lettersOf(h, 'timeline')).toEqual(expected);
      const liveBefore = await snapshot(
        h.database,
        timeline.projection,
        h.tables.live(timeline.projection),
      );

      // Still broken: the rebuild goes past the poison (it used to throw), into what the runner made of it.
      const setAsideSeen: string[] = [];
      // (the same a page at a time: a later page knows what an earlier one set aside)
      const onePerPage: string[] = [];
      await rebuildInto(h.database, h.store, h.tables, timeline.projection, {
        batchSize: 1,
        onSetAside: (entries) => onePerPage.push(...entries.map((e) => e.event.type)),
      });
      expect(onePerPage).toEqual(['SignalReceived', 'ExplanatoryAnalysisStarted']);
      expect(
        await snapshot(h.database, timeline.projection, h.tables.rebuilding(timeline.projection)),
      ).toEqual(liveBefore);
      const rebuilt = await rebuildInto(h.database, h.store, h.tables, timeline.projection, {
        batchSize: 3,
        onSetAside: (entries) => setAsideSeen.push(...entries.map((e) => e.event.type)),
      });
      expect(setAsideSeen).toEqual(['SignalReceived', 'ExplanatoryAnalysisStarted']);
      expect(
        await snapshot(h.database, timeline.projection, h.tables.rebuilding(timeline.projection)),
      ).toEqual(liveBefore);
      await h.database.transaction((tx) => swapRebuilt(tx, h.tables, timeline.projection, rebuilt));
      expect(await lettersOf(h, 'timeline')).toEqual(expected);
      expect(await rebuildTableRows(h)).toBe(0);

      // Fixed: a rebuild applies the family in full, and its (empty) dead letters replace the live ones —
      // of the rebuilt read model only.
      timeline.state.poison = undefined;
      const fixed = await rebuildInto(h.database, h.store, h.tables, timeline.projection);
      await h.database.transaction((tx) => swapRebuilt(tx, h.tables, timeline.projection, fixed));
      expect(await lettersOf(h, 'timeline')).toEqual([]);
      expect(await lettersOf(h, 'family-list')).toEqual(expected);
      const [entries] = await h.database.query<{ n: number }>(
        `select count(*)::int as n from ${h.tables.schema}.tl_entries where family_id = $1`,
        [poisoned.familyId],
      );
      expect(entries?.n).toBe(4);

      // The runner goes on from the swapped-in tables: a later event of the family is applied, not set aside.
      await h.command(poisoned.familyId, poisoned.note('2026-01-13'));
      await h.settled();
      expect(await lettersOf(h, 'timeline')).toEqual([]);
      const live = await snapshot(
        h.database,
        timeline.projection,
        h.tables.live(timeline.projection),
      );
      await rebuildInto(h.database, h.store, h.tables, timeline.projection);
      expect(live).toEqual(
        await snapshot(h.database, timeline.projection, h.tables.rebuilding(timeline.projection)),
      );
    } finally {
      await h.close();
    }
  }, 120_000);

  it('the rebuild after a version change sets poison events aside instead of failing forever, and replaces the old dead letters', async () => {
    const first = new TestFamily();
    const second = new TestFamily();
    const v1 = breakable(named('timeline'));
    v1.state.poison = signalOf(first.familyId);
    const h = await openProjectionHarness(kind, [v1.projection], { batchSize: 4 });
    let runner: ProjectionRunner | undefined;
    try {
      await h.command(first.familyId, first.register('2026-01-05'), first.signal('2026-01-06'));
      await h.command(second.familyId, second.register('2026-01-05'), second.signal('2026-01-07'));
      await h.settled();
      expect(await lettersOf(h, 'timeline')).toEqual([
        [familyStreamId(first.familyId), 'SignalReceived', 'failed'],
      ]);
      await h.runner.stop();

      // Version 2 fixes the first family's bug and brings one for the second.
      const v2 = breakable(named('timeline'), v1.projection.version + 1);
      v2.state.poison = signalOf(second.familyId);
      const failures: unknown[] = [];
      const setAside: string[] = [];
      runner = new ProjectionRunner(h.database, h.store, [v2.projection], h.tables, {
        schema: h.schema,
        batchSize: 4,
        observer: {
          failed: (error) => failures.push(error),
          setAside: (_name, entries) => setAside.push(...entries.map((e) => e.event.streamId)),
        },
      });
      runner.start();
      // Until it leads, the runner answers from the old checkpoint: wait for version 2's to reach the head, and for
      // the runner to report what it set aside (it does once the swap committed, so a moment after the checkpoint
      // can be seen).
      const head = await h.store.headPosition();
      expect(head > START).toBe(true);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const checkpoint = await h.tables.checkpoint(h.database, 'timeline');
        if (
          checkpoint?.version === v2.projection.version &&
          checkpoint.position >= head &&
          setAside.length > 0
        )
          break;
        if (Date.now() > deadline)
          throw new Error(
            `version 2 was not swapped in, or set nothing aside: ${String(failures[0])}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(failures).toEqual([]);
      expect(setAside).toEqual([familyStreamId(second.familyId)]);
      expect(await lettersOf(h, 'timeline')).toEqual([
        [familyStreamId(second.familyId), 'SignalReceived', 'failed'],
      ]);
      expect(await rebuildTableRows(h)).toBe(0);
    } finally {
      await runner?.stop();
      await h.close();
    }
  }, 120_000);
});
