import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { PostgresDatabase } from '@samenspoor/sql';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { leaderLock } from './locks';
import { ProjectionRunner } from './projection-runner';
import { ALL_PROJECTIONS } from './registry';
import { openProjectionHarness } from './testing/projection-harness';
import { appendSimulatedRegion } from './testing/simulated-region';
import { expectLiveAsRebuilt } from './testing/table-snapshot';

/**
 * Two runners on one schema, one leading and one standing by, and only the leader's session connection
 * terminated (by pid, this test's own): the leader must notice although it sends nothing on that connection.
 */
describeWithPostgres(
  'the projection runner losing the connection that holds its lead (PostgreSQL)',
  () => {
    it('stops, lets one runner lead again within 5 s, and keeps the read models exact', async () => {
      const h = await openProjectionHarness('postgres', ALL_PROJECTIONS, { batchSize: 50 });
      const standbyDatabase = new PostgresDatabase({
        connectionString: postgresUrl(),
        applicationName: `samenspoor-standby-${randomBytes(4).toString('hex')}`,
      });
      const standby = new ProjectionRunner(standbyDatabase, h.store, ALL_PROJECTIONS, h.tables, {
        schema: h.schema,
        batchSize: 50,
        standbyPollMs: 100,
      });
      const admin = new Client({ connectionString: postgresUrl() });
      await admin.connect();
      try {
        await appendSimulatedRegion(h, { families: 10, seed: 7 });
        await h.settled();
        standby.start();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect([h.runner.leading, standby.leading]).toEqual([true, false]);

        // The backend holding the leader's advisory lock (the key is the int4 hash, sign-extended to a bigint).
        const { rows } = await admin.query<{ pid: number }>(
          `select pid from pg_locks
         where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
           and ((classid::bigint << 32) | objid::bigint) = hashtext($1)::bigint`,
          [leaderLock(h.schema)],
        );
        expect(rows).toHaveLength(1);
        const killedAt = Date.now();
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);

        // Events keep coming while the lead changes hands.
        const writing = appendSimulatedRegion(h, { families: 10, seed: 8 });
        // The leader notices although it sends nothing on that connection…
        const until = async (condition: () => boolean) => {
          while (!condition() && Date.now() - killedAt < 5_000)
            await new Promise((resolve) => setTimeout(resolve, 20));
          return condition();
        };
        expect(await until(() => !h.runner.leading)).toBe(true);
        // …and within 5 s of the kill exactly one runner leads again, and it stays that way.
        expect(await until(() => h.runner.leading || standby.leading)).toBe(true);
        expect([h.runner.leading, standby.leading].filter(Boolean)).toHaveLength(1);
        for (let i = 0; i < 10; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect([h.runner.leading, standby.leading].filter(Boolean)).toHaveLength(1);
        }
        await writing;
        await h.settled();
        await expectLiveAsRebuilt(h, ALL_PROJECTIONS);
      } finally {
        await standby.stop();
        await standbyDatabase.close();
        await admin.end();
        await h.close();
      }
    }, 120_000);
  },
);
