import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DatabaseUnavailableError, PgliteDatabase } from '@samenspoor/sql';
import { openTestPglite, seedPgliteDataDir } from '@samenspoor/testing';

import { EventStoreUnavailableError } from '../errors';
import { SqlEventStore } from '../sql/sql-event-store';
import { eventStoreContract, event } from '../testing/event-store.contract';
import { openPgliteEventStore } from './pglite-event-store';

describe('PGlite event store (embedded)', () => {
  // One in-memory database for the suite (creating one takes seconds); every test gets its own schema.
  let database: PgliteDatabase;
  beforeAll(async () => (database = await openTestPglite()));
  afterAll(() => database.close());

  eventStoreContract({
    async open() {
      const schema = `contract_${randomBytes(6).toString('hex')}`;
      const store = await SqlEventStore.create(database, { schema });
      return {
        store,
        withUpcasters: (upcasters) =>
          SqlEventStore.create(database, { schema, upcasters, migrate: false }),
        close: () => store.close(),
      };
    },
    async openUnreachable() {
      const dir = mkdtempSync(join(tmpdir(), 'samenspoor-'));
      const file = join(dir, 'not-a-folder');
      writeFileSync(file, '');
      try {
        return await openPgliteEventStore({ dataDir: join(file, 'data') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });

  describe('persistence in DATA_DIR', () => {
    let dir: string;
    // Each folder starts with a made cluster: creating one takes seconds (the first test does, in a new folder).
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'samenspoor-'));
      seedPgliteDataDir(dir);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps events across a close and reopen, in a new folder', async () => {
      const fresh = join(dir, 'new');
      const first = await openPgliteEventStore({ dataDir: fresh });
      const appended = await first.store.appendToStream('family-a', [event(), event()], {
        expectedVersion: 'no-stream',
      });
      await first.close();

      const second = await openPgliteEventStore({ dataDir: fresh });
      try {
        expect(await second.store.streamVersion('family-a')).toBe(2);
        expect(await second.store.headPosition()).toBe(appended.position);
        const next = await second.store.appendToStream('family-a', [event()], {
          expectedVersion: 2,
        });
        expect(next.position > appended.position).toBe(true);
      } finally {
        await second.close();
      }
    });

    it('refuses a second open of the same folder while the first is open', async () => {
      const first = await openPgliteEventStore({ dataDir: dir });
      try {
        const second = PgliteDatabase.open({ dataDir: dir });
        await expect(second).rejects.toBeInstanceOf(DatabaseUnavailableError);
        await expect(second).rejects.toThrow(/in use by process/);
      } finally {
        await first.close();
      }
    });

    it('answers a clear error when its database was closed underneath it', async () => {
      const opened = await openPgliteEventStore({ dataDir: dir });
      await opened.database.close();
      await expect(opened.store.readStream('family-a')).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(opened.store.ping()).rejects.toThrow(/closed/);
    });

    it('keeps every acknowledged event when the process is killed mid-stream', async () => {
      const worker = spawn(
        process.execPath,
        ['-r', '@swc-node/register', join(__dirname, '../testing/pglite-crash-worker.ts')],
        {
          cwd: join(__dirname, '../../../..'),
          env: { ...process.env, DATA_DIR: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const acknowledged: string[] = [];
      let errors = '';
      worker.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        worker.stdout.on('data', (chunk: Buffer) => {
          acknowledged.push(...chunk.toString().split('\n').filter(Boolean));
          if (acknowledged.length >= 200) {
            worker.kill('SIGKILL');
            resolve();
          }
        });
        worker.once('exit', (code) =>
          code === null ? undefined : reject(new Error(`worker exited ${code}: ${errors}`)),
        );
      });
      await new Promise((resolve) => worker.once('close', resolve));

      const reopened = await openPgliteEventStore({ dataDir: dir });
      try {
        const stored = new Set<string>();
        for (
          let page = await reopened.store.readAll();
          page.events.length > 0;
          page = await reopened.store.readAll({ after: page.position })
        ) {
          for (const e of page.events) stored.add(e.eventId);
        }
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
        expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
      } finally {
        await reopened.close();
      }
    });

    it('takes over a lock left behind by a process that died', async () => {
      writeFileSync(join(dir, 'samenspoor.lock'), '2147483646');
      const opened = await openPgliteEventStore({ dataDir: dir });
      await opened.close();
    });
  });
});
