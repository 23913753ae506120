import { familyStreamId } from '@samenspoor/domain';
import type { EventRecord } from '@samenspoor/event-store';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { listDeadLetters } from './dead-letters';
import type { Projection } from './projection';
import { ALL_PROJECTIONS } from './registry';
import { replaySetAside } from './replay-set-aside';
import { poisonedBesideHealthy, TestFamily } from './testing/family-commands';
import { openProjectionHarness } from './testing/projection-harness';
import { expectLiveAsRebuilt } from './testing/table-snapshot';

/** A read model that throws (as a projection bug would) on the events `poisoned` picks, while it returns true. */
function breakable(projection: Projection, poisoned: (event: EventRecord) => boolean) {
  const state = { broken: true, throws: 0 };
  const wrapped: Projection = {
    name: projection.name,
    version: projection.version,
    tables: projection.tables,
    createTables: (tables) => projection.createTables(tables),
    async apply(tx, events, tables) {
      if (state.broken && events.some(poisoned)) {
        state.throws++;
        // The message holds a value on purpose: it must never reach the dead letters.
        throw new TypeError('cannot read Sanne de Vries');
      }
      await projection.apply(tx, events, tables);
    },
  };
  return { projection: wrapped, state };
}

describeOnEachDatabase('a read model never stops for one event', (kind) => {
  it('sets aside an event the database refuses (a data error), keeps every other family flowing, and keeps no value', async () => {
    const poisoned = new TestFamily();
    const healthy = new TestFamily();
    const timeline = ALL_PROJECTIONS.find((p) => p.name === 'timeline')!;
    // A projection bug that makes the database refuse one event: a value cast to a number.
    const refusing: Projection = {
      ...timeline,
      async apply(tx, events, tables) {
        for (const event of events) {
          if (
            event.streamId === familyStreamId(poisoned.familyId) &&
            event.type === 'SignalReceived'
          )
            await tx.query('select $1::int', ['Sanne de Vries']);
        }
        await timeline.apply(tx, events, tables);
      },
    };
    const h = await openProjectionHarness(kind, [refusing], { batchSize: 50 });
    try {
      await poisonedBesideHealthy(h, poisoned, healthy, [
        healthy.signal('2026-01-08'),
        healthy.startAnalysis('2026-01-09'),
      ]);
      await h.settled();

      const letters = await listDeadLetters(h.database, h.tables.schema);
      expect(letters.map((l) => [l.streamId, l.eventType, l.reason, l.errorCode])).toEqual([
        [familyStreamId(poisoned.familyId), 'SignalReceived', 'failed', '22P02'],
        [familyStreamId(poisoned.familyId), 'ExplanatoryAnalysisStarted', 'follows', '22P02'],
      ]);
      expect(JSON.stringify(letters)).not.toContain('Sanne');
      expect(letters[0]!.errorMessage).toBe(
        'database refused the event: data exception (SQLSTATE 22P02)',
      );
      const entries = async (familyId: string) =>
        (
          await h.database.query<{ n: number }>(
            `select count(*)::int as n from ${h.tables.schema}.tl_entries where family_id = $1`,
            [familyId],
          )
        )[0]?.n;
      // Every event of the healthy family, and those of the poisoned one before the failing event.
      expect(await entries(healthy.familyId)).toBe(4);
      expect(await entries(poisoned.familyId)).toBe(2);
    } finally {
      await h.close();
    }
  }, 120_000);

  it('sets aside a failing event and its family, then replays it after the fix into what a clean rebuild gives', async () => {
    const poisoned = new TestFamily();
    const isPoison = (event: EventRecord) =>
      event.streamId === familyStreamId(poisoned.familyId) && event.type === 'SignalReceived';
    const wrapped = ALL_PROJECTIONS.map((p) => breakable(p, isPoison));
    const projections = wrapped.map((w) => w.projection);
    const h = await openProjectionHarness(kind, projections, { batchSize: 7 });
    try {
      const others = Array.from({ length: 4 }, () => new TestFamily());
      await h.command(poisoned.familyId, poisoned.register('2026-01-05'));
      for (const family of others)
        await h.command(
          family.familyId,
          family.register('2026-01-05'),
          family.signal('2026-01-06'),
        );
      await h.command(
        poisoned.familyId,
        poisoned.signal('2026-01-06'),
        poisoned.startAnalysis('2026-01-10'),
      );
      for (const family of others)
        await h.command(family.familyId, family.startAnalysis('2026-01-09'));
      await h.settled();

      // Tried a bounded number of times (the whole batch, then the event alone), not forever.
      for (const { state } of wrapped) {
        expect(state.throws).toBeGreaterThanOrEqual(3);
        expect(state.throws).toBeLessThan(10);
      }
      const stream = familyStreamId(poisoned.familyId);
      const letters = await listDeadLetters(h.database, h.tables.schema);
      for (const projection of projections) {
        const mine = letters.filter((l) => l.projection === projection.name);
        expect(mine.map((l) => [l.streamId, l.eventType, l.reason, l.errorCode])).toEqual([
          [stream, 'SignalReceived', 'failed', null],
          [stream, 'ExplanatoryAnalysisStarted', 'follows', null],
        ]);
        expect(mine[0]!.errorMessage).toBe('the projection threw TypeError');
      }
      const counts = await h.runner.setAsideCounts();
      for (const projection of projections)
        expect(counts.get(projection.name)).toEqual({ events: 2, streams: 1 });

      // A later event of the family is set aside too, in a later batch.
      await h.command(poisoned.familyId, poisoned.assessSafety('2026-01-12', 'concerns'));
      await h.settled();
      expect(
        (await listDeadLetters(h.database, h.tables.schema, { projection: 'timeline' })).map(
          (l) => l.eventType,
        ),
      ).toEqual(['SignalReceived', 'ExplanatoryAnalysisStarted', 'SafetyAssessed']);
      const poisonedTimeline = await h.database.query<{ n: number }>(
        `select count(*)::int as n from ${h.tables.schema}.tl_entries where family_id = $1`,
        [poisoned.familyId],
      );
      expect(poisonedTimeline[0]?.n).toBe(2); // registered and the registrar's join

      // A replay before the fix fails again and changes nothing.
      const early = await replaySetAside(h.database, h.store, h.tables, projections, {
        projection: 'timeline',
      });
      expect(early).toEqual([
        expect.objectContaining({ projection: 'timeline', streamId: stream, replayed: 0 }),
      ]);
      expect(
        await listDeadLetters(h.database, h.tables.schema, { projection: 'timeline' }),
      ).toHaveLength(3);

      // The fix, then the replay.
      for (const { state } of wrapped) state.broken = false;
      const outcomes = await replaySetAside(h.database, h.store, h.tables, projections);
      expect(outcomes).toHaveLength(projections.length);
      expect(outcomes.every((o) => o.replayed === 3 && o.failure === undefined)).toBe(true);
      expect(await listDeadLetters(h.database, h.tables.schema)).toEqual([]);
      expect((await h.runner.setAsideCounts()).size).toBe(0);

      // The family flows again, and every read model equals a clean rebuild.
      await h.command(poisoned.familyId, poisoned.note('2026-01-13'));
      await h.settled();
      expect(await listDeadLetters(h.database, h.tables.schema)).toEqual([]);
      await expectLiveAsRebuilt(h, projections);
    } finally {
      await h.close();
    }
  }, 120_000);
});

describeOnEachDatabase('a database outage is not a poison event', (kind) => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
    [undefined, 'Connection terminated unexpectedly'],
  ])(
    'retries the whole batch on %s (%s) and sets nothing aside',
    async (code, message) => {
      const family = new TestFamily();
      const timeline = ALL_PROJECTIONS.find((p) => p.name === 'timeline')!;
      let outages = 0;
      // What pg reports when the runner's backend is terminated (pg_terminate_backend) or the server goes away.
      const losesConnection: Projection = {
        ...timeline,
        async apply(tx, events, tables) {
          if (outages < 4 && events.some((e) => e.type === 'SignalReceived')) {
            outages++;
            throw Object.assign(new Error(message), code ? { code } : {});
          }
          await timeline.apply(tx, events, tables);
        },
      };
      const h = await openProjectionHarness(kind, [losesConnection]);
      try {
        await h.command(
          family.familyId,
          family.register('2026-01-05'),
          family.signal('2026-01-06'),
        );
        await h.settled();
        // More outages than an event is ever retried: still applied in the end, never set aside.
        expect(outages).toBe(4);
        expect(await listDeadLetters(h.database, h.tables.schema)).toEqual([]);
        const rows = await h.database.query<{ n: number }>(
          `select count(*)::int as n from ${h.tables.schema}.tl_entries where family_id = $1`,
          [family.familyId],
        );
        expect(rows[0]?.n).toBe(3);
      } finally {
        await h.close();
      }
    },
    60_000,
  );
});
