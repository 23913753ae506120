import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { PostgresDatabase } from '@samenspoor/sql';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { listDeadLetters } from './dead-letters';
import { ALL_PROJECTIONS } from './registry';
import { openProjectionHarness } from './testing/projection-harness';
import { appendSimulatedRegion } from './testing/simulated-region';
import { expectLiveAsRebuilt } from './testing/table-snapshot';

/**
 * A lost connection is an outage, not a poison event: the runner retries the batch and never sets a family aside
 * for it. The runner's connections (and only this test's: found by their application name, never another
 * suite's) are terminated again and again while it catches up in small batches.
 */
describeWithPostgres('the projection runner when its connections are killed (PostgreSQL)', () => {
  it('sets nothing aside and ends with every read model equal to a clean rebuild', async () => {
    const applicationName = `samenspoor-outage-${randomBytes(4).toString('hex')}`;
    const database = new PostgresDatabase({ connectionString: postgresUrl(), applicationName });
    const h = await openProjectionHarness('postgres', ALL_PROJECTIONS, {
      database,
      batchSize: 20,
    });
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      await appendSimulatedRegion(h, { families: 30, seed: 11 });
      // The region is stored; the runner catches up 20 events at a time while its connections keep dying.
      let killed = 0;
      for (let round = 0; round < 8; round++) {
        const { rowCount } = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where application_name = $1 and pid <> pg_backend_pid()`,
          [applicationName],
        );
        killed += rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(killed).toBeGreaterThan(0);
      await h.settled();

      expect(await listDeadLetters(h.database, h.schema)).toEqual([]);
      await expectLiveAsRebuilt(h, ALL_PROJECTIONS);
    } finally {
      await admin.end();
      await h.close();
      await database.close();
    }
  }, 120_000);
});
