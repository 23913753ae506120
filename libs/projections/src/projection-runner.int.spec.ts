import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { describeOnEachDatabase, describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { ALL_PROJECTIONS } from './registry';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';
import { appendSimulatedRegion } from './testing/simulated-region';
import { expectLiveAsRebuilt, liveAndRebuilt, snapshot } from './testing/table-snapshot';

async function liveSnapshot(h: ProjectionHarness) {
  const result: Record<string, unknown> = {};
  for (const projection of ALL_PROJECTIONS) {
    result[projection.name] = await snapshot(h.database, projection, h.tables.live(projection));
  }
  return result;
}

/** Checkpoints set back to the start: the runner hands every read model every event again. */
async function replayEverything(h: ProjectionHarness): Promise<void> {
  await h.database.query(`update ${h.tables.schema}.projection_checkpoints set position = $1`, [
    '0'.repeat(32),
  ]);
  // An event no read model knows wakes the runner, which notices the checkpoints moved back and rewinds.
  const nudge = await h.store.appendToStream(
    'test-nudge',
    [{ eventId: randomUUID(), type: 'Nudged', data: {} }],
    { expectedVersion: 'any' },
  );
  for (const projection of ALL_PROJECTIONS) {
    expect(await h.runner.waitFor(projection.name, nudge.position, 30_000)).toBeDefined();
  }
}

describeOnEachDatabase('the projection runner, every read model', (kind) => {
  let h: ProjectionHarness;
  beforeAll(async () => {
    h = await openProjectionHarness(kind, ALL_PROJECTIONS, { batchSize: 97 });
    await appendSimulatedRegion(h, { families: 40, seed: 11 });
    await h.settled();
  }, 120_000);
  afterAll(() => h.close());

  it('builds, batch by batch, the same read models as a clean rebuild', async () => {
    const { live, rebuilt } = await liveAndRebuilt(h, ALL_PROJECTIONS);
    expect(live).toEqual(rebuilt);
    expect(
      Object.values(live).every((tables) =>
        Object.values(tables as object).some((rows) => rows.length > 0),
      ),
    ).toBe(true);
  });

  it('changes nothing when every event is replayed a second time by the runner', async () => {
    const before = await liveSnapshot(h);
    const applied = h.appliedEvents();
    await replayEverything(h);
    // Every read model was handed every event again…
    const total = await h.store.countEvents();
    expect(h.appliedEvents() - applied).toBeGreaterThanOrEqual(
      ALL_PROJECTIONS.length * (total - 1),
    );
    // …and nothing changed.
    expect(await liveSnapshot(h)).toEqual(before);
  });

  it('changes nothing when a projection is handed every event a second time', async () => {
    const before = await liveSnapshot(h);
    const events = (await h.store.readAll({ limit: 100_000 })).events;
    for (const projection of ALL_PROJECTIONS) {
      await h.database.transaction((tx) => projection.apply(tx, events, h.tables.live(projection)));
    }
    expect(await liveSnapshot(h)).toEqual(before);
  });
});

describeOnEachDatabase(
  'the projection runner, every read model, in batches of a catch-up',
  (kind) => {
    // Batches of up to 1,000 events: the rows keyed by their event are copied into the live tables (insertRows;
    // insert-rows.int.spec.ts shows the copy giving way to an insert when rows are already there).
    let h: ProjectionHarness;
    beforeAll(async () => {
      h = await openProjectionHarness(kind, ALL_PROJECTIONS, { batchSize: 1_000 });
      await h.runner.stop();
      await appendSimulatedRegion(h, { families: 40, seed: 12 });
      h.runner.start();
      await h.settled();
    }, 120_000);
    afterAll(() => h.close());

    it('builds the same read models as a clean rebuild, and a replay of every event changes nothing', async () => {
      expect(await h.store.countEvents()).toBeGreaterThan(1_000);
      const { live, rebuilt } = await liveAndRebuilt(h, ALL_PROJECTIONS);
      expect(live).toEqual(rebuilt);
      const before = await liveSnapshot(h);
      await replayEverything(h);
      expect(await liveSnapshot(h)).toEqual(before);
    });
  },
);

describeWithPostgres('the projection runner under failure and load (PostgreSQL)', () => {
  it('gives the same read models as a clean rebuild after being killed in the middle of a batch', async () => {
    const h = await openProjectionHarness('postgres', ALL_PROJECTIONS);
    try {
      await h.runner.stop();
      await appendSimulatedRegion(h, { families: 30, seed: 5 });
      const worker = spawn(
        process.execPath,
        ['-r', '@swc-node/register', join(__dirname, 'testing/runner-worker.ts')],
        {
          cwd: join(__dirname, '../../..'),
          env: {
            ...process.env,
            DATABASE_URL: postgresUrl(),
            SCHEMA: h.schema,
            BATCH_SIZE: '150',
            SLEEP_AT_BATCH: '3',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let errors = '';
      worker.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        worker.stdout.on(
          'data',
          (chunk: Buffer) => chunk.toString().includes('in-batch') && resolve(),
        );
        worker.once('exit', (code) =>
          reject(new Error(`worker exited ${code} before the batch: ${errors}`)),
        );
      });
      // The waiting list has two batches committed and the third written but not committed: killed now, that
      // transaction is rolled back. (The other read models, each in a transaction of their own, may have
      // committed the third batch.)
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('close', resolve));
      const afterTwoBatches = (await h.store.readAll({ limit: 300 })).position;
      expect((await h.tables.checkpoint(h.database, 'waiting-list'))?.position).toBe(
        afterTwoBatches,
      );

      h.runner.start();
      await h.settled();
      await expectLiveAsRebuilt(h, ALL_PROJECTIONS);
    } finally {
      await h.close();
    }
  }, 120_000);

  it('ends with read models equal to a clean rebuild after 16 writers appended while it ran', async () => {
    const h = await openProjectionHarness('postgres', ALL_PROJECTIONS, { batchSize: 50 });
    try {
      const events = await appendSimulatedRegion(h, { families: 64, seed: 3, workers: 16 });
      await h.settled();
      expect(await h.store.countEvents()).toBe(events);
      await expectLiveAsRebuilt(h, ALL_PROJECTIONS);
    } finally {
      await h.close();
    }
  }, 120_000);
});
