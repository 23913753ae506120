import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PersonalDataVault } from '@samenspoor/access';
import { DEFAULT_REGION } from '@samenspoor/domain';
import {
  EventIdRegistry,
  KurrentDbEventStore,
  SqlEventStore,
  START,
  VersionConflictError,
  type EventRecord,
  type EventStore,
} from '@samenspoor/event-store';
import { FakeKurrentDb, readAllEvents } from '@samenspoor/event-store/testing';
import { seedRegion } from '@samenspoor/simulation';
import type { PgliteDatabase } from '@samenspoor/sql';
import { openTestPglite } from '@samenspoor/testing';

import { migrateStore, MigrationError, type MigrationCheckpoint } from './migrate-store';

/** What a copy must keep of an event (`recordedAt` only where the target can). */
const essence = (e: EventRecord) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  version: e.version,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
});

/**
 * The copy itself (`migrateStore`), from a PGlite store into the KurrentDB adapter on an in-memory server. The
 * command, PGlite → PostgreSQL, is tested end to end in test/e2e/migrate-store.e2e-spec.ts.
 */
describe('migrateStore into KurrentDB', () => {
  let database: PgliteDatabase;
  let source: SqlEventStore;
  let sourceEvents: EventRecord[];
  const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
  const unique = () => randomBytes(5).toString('hex');

  beforeAll(async () => {
    database = await openTestPglite();
    const schema = `source_${unique()}`;
    source = await SqlEventStore.create(database, { schema });
    await seedRegion(source, await PersonalDataVault.open(database, schema), {
      families: 12,
      seed: 7,
      years: 1,
      region: DEFAULT_REGION,
      concurrency: 1,
    });
    // Streams interleaved in the global order, an old schema version, and metadata that must come through whole.
    const families = (await readAllEvents(source))
      .filter((e) => e.version === 1)
      .map((e) => e.streamId);
    for (let round = 0; round < 3; round++) {
      for (const streamId of families) {
        await source.appendToStream(
          streamId,
          [
            {
              eventId: randomUUID(),
              type: 'ProgressNoted',
              schemaVersion: round === 0 ? 2 : 1,
              data: { round, note: 'Zoë’s “plan” — 👨‍👩‍👧 ok' },
              metadata: {
                correlationId: randomUUID(),
                nested: { list: [1, null, 'é'] },
                schemaVersion: 'theirs',
              },
            },
          ],
          { expectedVersion: 'any' },
        );
      }
    }
    sourceEvents = await readAllEvents(source);
  });
  afterAll(() => database.close());

  async function kurrentTarget(server = new FakeKurrentDb()) {
    const registry = await EventIdRegistry.open(database, `target_${unique()}`);
    const store = new KurrentDbEventStore(server.client(), {
      registry,
      description: 'KurrentDB (in memory)',
    });
    return { store, description: 'KurrentDB (in memory)' };
  }
  const from = () => ({ store: source, description: 'source' });

  it('copies every event in order with its id, stream, version, type, schema version, data and metadata', async () => {
    const to = await kurrentTarget();
    const checkpointFile = join(dir, `${unique()}.json`);
    const result = await migrateStore(from(), to, { checkpointFile, batchSize: 40 });

    expect(result).toMatchObject({
      copied: sourceEvents.length,
      interrupted: false,
      recordedAtKept: false,
    });
    const copied = await readAllEvents(to.store);
    expect(copied.map(essence)).toEqual(sourceEvents.map(essence));
    expect(copied.some((e) => e.schemaVersion === 2)).toBe(true);
    expect(result.position).toBe(sourceEvents.at(-1)!.position);
  });

  it('resumes after an interruption, also when the last batch was copied but its checkpoint was lost', async () => {
    const to = await kurrentTarget();
    const checkpointFile = join(dir, `${unique()}.json`);
    const stop = new AbortController();
    const progress: number[] = [];
    const first = await migrateStore(from(), to, {
      checkpointFile,
      batchSize: 25,
      signal: stop.signal,
      onProgress: (copied) => {
        progress.push(copied);
        if (progress.length === 3) stop.abort();
      },
    });
    expect(first).toMatchObject({ interrupted: true, copied: 75, copiedNow: 75 });
    expect(await to.store.countEvents()).toBe(75);

    // As if the process died after copying the third batch, before it wrote that batch's checkpoint.
    const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as MigrationCheckpoint;
    writeFileSync(
      checkpointFile,
      JSON.stringify({ ...checkpoint, position: sourceEvents[49]!.position, copied: 50 }),
    );

    const second = await migrateStore(from(), to, { checkpointFile, batchSize: 25 });
    expect(second).toMatchObject({ interrupted: false, copied: sourceEvents.length });
    expect(second.copiedNow).toBe(sourceEvents.length - 50);
    expect((await readAllEvents(to.store)).map(essence)).toEqual(sourceEvents.map(essence));

    // Once more: nothing to copy, and still verified.
    const third = await migrateStore(from(), to, { checkpointFile, batchSize: 25 });
    expect(third).toMatchObject({ copiedNow: 0, copied: sourceEvents.length });
  });

  it('copies what the source gained since the last run', async () => {
    const to = await kurrentTarget();
    const checkpointFile = join(dir, `${unique()}.json`);
    const scratch = await SqlEventStore.create(database, { schema: `scratch_${unique()}` });
    await scratch.appendToStream('family-1', [{ eventId: randomUUID(), type: 'A', data: {} }], {
      expectedVersion: 'no-stream',
    });
    await migrateStore({ store: scratch, description: 'scratch' }, to, { checkpointFile });
    await scratch.appendToStream('family-1', [{ eventId: randomUUID(), type: 'B', data: {} }], {
      expectedVersion: 1,
    });
    const again = await migrateStore({ store: scratch, description: 'scratch' }, to, {
      checkpointFile,
    });
    expect(again).toMatchObject({ copiedNow: 1, copied: 2 });
    expect((await to.store.readStream('family-1')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('refuses a target that holds events, unless resuming', async () => {
    const to = await kurrentTarget();
    await to.store.appendToStream('family-x', [{ eventId: randomUUID(), type: 'X', data: {} }], {
      expectedVersion: 'no-stream',
    });
    const checkpointFile = join(dir, `${unique()}.json`);
    await expect(migrateStore(from(), to, { checkpointFile })).rejects.toThrow(
      /the target \(KurrentDB \(in memory\)\) already holds events/,
    );
    expect(existsSync(checkpointFile)).toBe(false);
  });

  it('refuses the checkpoint of another migration', async () => {
    const to = await kurrentTarget();
    const checkpointFile = join(dir, `${unique()}.json`);
    writeFileSync(
      checkpointFile,
      JSON.stringify({
        from: 'elsewhere',
        to: 'KurrentDB (in memory)',
        position: START,
        copied: 0,
      }),
    );
    const attempt = migrateStore(from(), to, { checkpointFile });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      /is of a migration from elsewhere to KurrentDB \(in memory\)/,
    );
  });

  async function copiedTen() {
    const to = await kurrentTarget();
    const checkpointFile = join(dir, `${unique()}.json`);
    const stop = new AbortController();
    await migrateStore(from(), to, {
      checkpointFile,
      batchSize: 10,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    return { to, checkpointFile };
  }
  const intrude = (store: EventStore, streamId: string) =>
    store.appendToStream(streamId, [{ eventId: randomUUID(), type: 'Intruder', data: {} }], {
      expectedVersion: 'any',
    });

  it('stops, naming the stream, where the target differs from the source it resumes at', async () => {
    const { to, checkpointFile } = await copiedTen();
    const next = sourceEvents[10]!;
    await intrude(to.store, next.streamId);
    const attempt = migrateStore(from(), to, { checkpointFile, batchSize: 10 });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`stream ${next.streamId} differs from the source at version ${next.version}`),
    );
  });

  it('stops with a version conflict where a target stream got events the source does not have', async () => {
    const { to, checkpointFile } = await copiedTen();
    const later = sourceEvents.slice(11).find((e) => e.streamId !== sourceEvents[10]!.streamId)!;
    await intrude(to.store, later.streamId);
    await expect(
      migrateStore(from(), to, { checkpointFile, batchSize: 10 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });
});
