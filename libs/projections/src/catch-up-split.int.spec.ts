import { PostgresDatabase, type SqlDatabase } from '@samenspoor/sql';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import type { Projection } from './projection';
import { ALL_PROJECTIONS } from './registry';
import { openProjectionHarness } from './testing/projection-harness';
import { appendSimulatedRegion } from './testing/simulated-region';
import { expectLiveAsRebuilt } from './testing/table-snapshot';

/** Per transaction run on the database: the read models whose checkpoints it read for update. */
function recordingCheckpoints(database: SqlDatabase): {
  database: SqlDatabase;
  transactions: string[][];
} {
  const transactions: string[][] = [];
  const wrapped: SqlDatabase = {
    kind: database.kind,
    description: database.description,
    query: (text, params, options) => database.query(text, params, options),
    transaction: (work) => {
      const names: string[] = [];
      transactions.push(names);
      return database.transaction((tx) =>
        work({
          query: (text, params, options) => {
            if (/projection_checkpoints/.test(text) && /for update/.test(text))
              names.push(...((params?.[0] as string[] | undefined) ?? []));
            return tx.query(text, params, options);
          },
        }),
      );
    },
    session: (work) => database.session(work),
    close: () => database.close(),
  };
  return { database: wrapped, transactions };
}

/**
 * A read model that counts how often it was handed each event: exactly once shows as a count of 1 everywhere.
 * `seen.handed` counts the events it was handed, in transactions committed or not.
 */
function tally(name: string, seen: { handed: number }, failOnce?: { failed: number }): Projection {
  // Table base names are unique across read models.
  const table = name.replaceAll('-', '_');
  return {
    name,
    version: 1,
    tables: [table],
    createTables: (t) => [`create table ${t[table]} (position text primary key, n int not null)`],
    async apply(tx, events, tables) {
      const t = { tally: tables[table]! };
      seen.handed += events.length;
      await tx.query(
        `insert into ${t.tally} (position, n) select unnest($1::text[]), 1
         on conflict (position) do update set n = ${t.tally}.n + 1`,
        [events.map((event) => event.position)],
      );
      // Once, after writing its rows: a failure the runner retries (a serialization failure), as a server under
      // load gives one.
      if (failOnce && failOnce.failed === 0 && events.length >= 20) {
        failOnce.failed += 1;
        await tx.query(`do $$ begin raise exception 'try again' using errcode = '40001'; end $$`);
      }
    },
  };
}

describeWithPostgres(
  'a full batch on PostgreSQL: read models in two transactions side by side',
  () => {
    it('given a catch-up of full batches, applies each in two transactions that split the read models, and ends as a clean rebuild', async () => {
      const inner = new PostgresDatabase({ connectionString: postgresUrl() });
      const { database, transactions } = recordingCheckpoints(inner);
      const h = await openProjectionHarness('postgres', ALL_PROJECTIONS, {
        database,
        batchSize: 40,
      });
      try {
        await h.runner.stop();
        const appended = await appendSimulatedRegion(h, { families: 12, seed: 7 });
        expect(appended).toBeGreaterThan(200);
        const before = transactions.length;

        // When the runner catches up,
        h.runner.start();
        await h.settled();

        // then the full batches went in pairs of transactions: each moved the checkpoints of some read models,
        // the two of a pair together all of them, none twice;
        const applying = transactions.slice(before).filter((names) => names.length > 0);
        const split = applying.filter((names) => names.length < ALL_PROJECTIONS.length);
        // (how many batches are full depends on what readAll shows when: on the shared server another suite's open
        // transaction can hold back a part of the region for a moment, which then comes in smaller batches)
        expect(split.length).toBeGreaterThanOrEqual(2);
        expect(split.length % 2).toBe(0);
        const all = ALL_PROJECTIONS.map((p) => p.name).sort();
        const groups = new Set(split.map((names) => JSON.stringify([...names].sort())));
        expect(groups.size).toBe(2);
        const [a, b] = [...groups].map((g) => JSON.parse(g) as string[]);
        expect([...a!, ...b!].sort()).toEqual(all);
        // the timeline and the monitor, the two costliest, in different ones;
        expect(a!.includes('timeline')).not.toBe(b!.includes('timeline'));
        expect(a!.includes('timeline')).not.toBe(a!.includes('monitor'));
        // the batch that was not full (the last) in one transaction for all;
        expect(applying.some((names) => names.length === ALL_PROJECTIONS.length)).toBe(true);
        // and every read model is what a rebuild from the same events gives.
        await expectLiveAsRebuilt(h, ALL_PROJECTIONS);
      } finally {
        await h.close();
        await inner.close();
      }
    }, 120_000);

    it('given one transaction of a pair failing, the other keeps what it committed, and every read model has every event once', async () => {
      const failing = { failed: 0 };
      const steady = { handed: 0 };
      const flaky = { handed: 0 };
      const projections = [tally('tally-steady', steady), tally('tally-flaky', flaky, failing)];
      const h = await openProjectionHarness('postgres', projections, { batchSize: 20 });
      try {
        await h.runner.stop();
        const appended = await appendSimulatedRegion(h, { families: 4, seed: 9 });
        expect(appended).toBeGreaterThan(60);

        // When the runner catches up and the flaky read model's transaction fails on its first full batch,
        h.runner.start();
        await h.settled();

        // then it failed once and was handed that batch again, the other was handed each event once (its
        // transaction committed on its own), and each read model counted every event exactly once.
        expect(failing.failed).toBe(1);
        expect(steady.handed).toBe(appended);
        expect(flaky.handed).toBe(appended + 20);
        for (const projection of projections) {
          const table = Object.values(h.tables.live(projection))[0]!;
          const rows = await h.database.query<{ events: number; most: number; least: number }>(
            `select count(*)::int as events, max(n) as most, min(n) as least from ${table}`,
          );
          expect([projection.name, rows[0]]).toEqual([
            projection.name,
            { events: appended, most: 1, least: 1 },
          ]);
        }
      } finally {
        await h.close();
      }
    }, 120_000);
  },
);
