import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import { DEFAULT_REGION } from '@samenspoor/domain';
import {
  openPgliteEventStore,
  openPostgresEventStore,
  START,
  type EventRecord,
} from '@samenspoor/event-store';
import { readAllEvents } from '@samenspoor/event-store/testing';
import { seedRegion } from '@samenspoor/simulation';
import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from '@samenspoor/testing';

import type { MigrationCheckpoint } from '../../apps/tools/src/migrate-store';

const root = resolve(__dirname, '../..');

/** Runs `tools migrate:store` from source (as `npm run migrate:store` runs the built one). */
function migrate(args: string[], options: { interruptWhen?: () => boolean } = {}) {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'apps/tools/src/main.ts'), 'migrate:store', ...args],
    { cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let watcher: NodeJS.Timeout | undefined;
  if (options.interruptWhen) {
    watcher = setInterval(() => {
      if (options.interruptWhen!()) {
        child.kill('SIGINT');
        clearInterval(watcher);
      }
    }, 5);
  }
  return new Promise<{ code: number | null; output: string }>((done) =>
    child.once('close', (code) => {
      clearInterval(watcher);
      done({ code, output });
    }),
  );
}

describeWithPostgres(
  'npm run migrate:store: an embedded store into PostgreSQL, interrupted and resumed',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'samenspoor-migrate-'));
    const dataDir = join(dir, 'data');
    const checkpoint = join(dir, 'migrate.checkpoint.json');
    const schema = uniqueSchema('e2e_migrate');
    let source: EventRecord[];
    let erasedFamily: string;
    const args = [
      '--from',
      'pglite',
      '--from-data-dir',
      dataDir,
      '--to',
      'postgres',
      '--to-url',
      postgresUrl(),
      '--to-schema',
      schema,
      '--checkpoint',
      checkpoint,
    ];

    beforeAll(async () => {
      const opened = await openPgliteEventStore({ dataDir, schema: 'samenspoor' });
      try {
        const vault = await PersonalDataVault.open(opened.database, 'samenspoor');
        await seedRegion(opened.store, vault, {
          families: 40,
          seed: 11,
          years: 1,
          region: DEFAULT_REGION,
          concurrency: 1,
        });
        const families = (await readAllEvents(opened.store)).filter((e) => e.version === 1);
        for (const [i, family] of families.entries()) {
          await opened.store.appendToStream(
            family.streamId,
            [
              {
                eventId: randomUUID(),
                type: 'ProgressNoted',
                schemaVersion: i % 2 === 0 ? 2 : 1,
                data: { note: 'Daniël — ’t Zandt 👨‍👩‍👧' },
                metadata: { correlationId: randomUUID(), nested: { a: [1, null, true] } },
              },
            ],
            { expectedVersion: 'any' },
          );
        }
        source = await readAllEvents(opened.store);
        // One family's personal data was erased: its tombstone must travel too.
        erasedFamily = families[0]!.streamId.replace('family-', '');
        await vault.destroy(erasedFamily);
      } finally {
        await opened.close();
      }
    }, 120_000);
    afterAll(async () => {
      await dropSchemas(schema);
      rmSync(dir, { recursive: true, force: true });
    });

    it('copies every event in order with ids, metadata and recordedAt, across an interruption and a lost checkpoint', async () => {
      // 1. Interrupted (Ctrl-C) once the first batches are copied: it stops after the batch in progress.
      const interrupted = await migrate([...args, '--batch', '5'], {
        interruptWhen: () => existsSync(checkpoint),
      });
      expect(interrupted.output).toMatch(
        /interrupted after (\d+) events .*run the same command again to resume/,
      );
      expect(interrupted.code).toBe(3);
      const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as MigrationCheckpoint;
      expect(saved.copied).toBeGreaterThan(0);
      expect(saved.copied).toBeLessThan(source.length);

      // 2. As if the last batch was copied but its checkpoint never written: rewind one batch.
      const rewound = saved.copied - 5;
      writeFileSync(
        checkpoint,
        JSON.stringify({
          ...saved,
          copied: rewound,
          position: rewound === 0 ? START : source[rewound - 1]!.position,
        }),
      );

      // 3. Resumed to the end, and verified.
      const resumed = await migrate([...args, '--batch', '50']);
      expect(resumed.output).toMatch(
        new RegExp(
          `copied ${source.length - rewound} events in this run, ${source.length} in all; verified`,
        ),
      );
      expect(resumed.output).toMatch(/recordedAt: kept from the source/);
      expect(resumed.output).toMatch(
        /data keys: 40 families' keys \(1 of them erased\) copied to .*; 40 added or changed/,
      );
      expect(resumed.output).toMatch(/copying \[/);
      expect(resumed.code).toBe(0);

      const target = await openPostgresEventStore({ connectionString: postgresUrl(), schema });
      try {
        const copied = await readAllEvents(target.store);
        expect(copied).toHaveLength(source.length);
        expect(copied.map((e) => ({ ...e, position: undefined }))).toEqual(
          source.map((e) => ({ ...e, position: undefined })),
        );
        expect(await target.store.countEvents()).toBe(source.length);
        // The personal fields of the copied events open with the copied keys; the erased family's do not.
        const vault = await PersonalDataVault.open(target.database, schema);
        const registrations = copied.filter((e) => e.type === 'FamilyRegistered');
        const names = await Promise.all(
          registrations.map(async (e) => {
            const familyId = e.streamId.replace('family-', '');
            const key = await vault.keyFor(familyId, { create: false });
            const data = revealPersonalData(e.data, key) as { members: { displayName: unknown }[] };
            return [familyId === erasedFamily, typeof data.members[0]!.displayName];
          }),
        );
        expect(names.filter(([erased]) => erased)).toEqual([[true, 'object']]);
        expect(names.filter(([erased]) => !erased)).toEqual(Array(39).fill([false, 'string']));
      } finally {
        await target.close();
      }

      // 4. Again: nothing left to copy, still verified.
      const again = await migrate(args);
      expect(again.output).toMatch(
        new RegExp(`copied 0 events in this run, ${source.length} in all; verified`),
      );
      expect(again.code).toBe(0);
    }, 180_000);

    it('refuses a second migration into the now filled store without its checkpoint', async () => {
      const refused = await migrate([...args.slice(0, -1), join(dir, 'other.json')]);
      expect(refused.output).toMatch(/already holds events: migrate into an empty store/);
      expect(refused.code).toBe(1);
    }, 60_000);

    it('answers bad arguments with every problem and the usage', async () => {
      const refused = await migrate(['--from', 'pglite', '--to', 'postgres', '--batch', 'many']);
      expect(refused.code).toBe(2);
      expect(refused.output).toMatch(/--to-url must be the postgres:\/\/ URL of the target/);
      expect(refused.output).toMatch(/--batch must be a whole number/);
      expect(refused.output).toMatch(/usage: npm run migrate:store/);
    }, 60_000);
  },
);
