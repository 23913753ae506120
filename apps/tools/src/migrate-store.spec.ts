import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { START, type EventRecord } from '@samenspoor/event-store';
import { ConfigurationError } from '@samenspoor/platform';

import { parseMigrateArgs } from './migrate-store.command';
import { MigrationError, readCheckpoint, runsOfOneStream } from './migrate-store';

describe('migrate:store arguments', () => {
  it('reads both ends from flags, with the defaults of the engine', () => {
    expect(
      parseMigrateArgs(
        [
          '--from',
          'pglite',
          '--from-data-dir',
          '/srv/samenspoor/data',
          '--to',
          'kurrentdb',
          '--to-url=kurrentdb+discover://admin:pw@node1:2113,node2:2113',
          '--to-database-url',
          'postgres://app@db/samenspoor',
        ],
        {},
      ),
    ).toEqual({
      from: { kind: 'pglite', dataDir: '/srv/samenspoor/data', schema: 'samenspoor' },
      to: {
        kind: 'kurrentdb',
        url: 'kurrentdb+discover://admin:pw@node1:2113,node2:2113',
        schema: 'samenspoor',
        databaseUrl: 'postgres://app@db/samenspoor',
      },
      checkpointFile: './migrate-store.checkpoint.json',
      batchSize: 500,
    });
  });

  it('takes what the flags leave out from MIGRATE_* variables, flags winning', () => {
    const settings = parseMigrateArgs(['--to-schema', 'from_flag'], {
      MIGRATE_FROM: 'postgres',
      MIGRATE_FROM_URL: 'postgres://source/db',
      MIGRATE_TO: 'postgres',
      MIGRATE_TO_URL: 'postgres://target/db',
      MIGRATE_TO_SCHEMA: 'from_env',
      MIGRATE_CHECKPOINT: '/tmp/cp.json',
      MIGRATE_BATCH: '50',
    });
    expect(settings).toEqual({
      from: { kind: 'postgres', url: 'postgres://source/db', schema: 'samenspoor' },
      to: { kind: 'postgres', url: 'postgres://target/db', schema: 'from_flag' },
      checkpointFile: '/tmp/cp.json',
      batchSize: 50,
    });
  });

  it.each([
    [[], /--from is required: one of pglite, postgres, kurrentdb/],
    [
      ['--from', 'mysql', '--to', 'pglite'],
      /--from must be one of pglite, postgres, kurrentdb, got "mysql"/,
    ],
    [
      ['--from', 'pglite', '--to', 'postgres'],
      /--to-url must be the postgres:\/\/ URL of the target/,
    ],
    [
      ['--from', 'kurrentdb', '--from-url', 'http://x', '--to', 'pglite', '--to-data-dir', 'd'],
      /--from-url must be the KurrentDB connection string of the source/,
    ],
    [
      ['--from', 'pglite', '--to', 'kurrentdb', '--to-url', 'kurrentdb://n:2113'],
      /--to-database-url is required with --to kurrentdb/,
    ],
    [['--from', 'pglite', '--to', 'pglite'], /--from and --to are the same store/],
    [
      ['--from', 'pglite', '--to', 'pglite', '--to-data-dir', 'x', '--batch', '0'],
      /--batch must be a whole number ≥ 1/,
    ],
    [
      ['--from', 'pglite', '--to', 'pglite', '--to-data-dir', 'x', '--from-shema', 's'],
      /unknown option --from-shema/,
    ],
    [
      ['--from', 'pglite', '--to', 'pglite', '--to-data-dir', 'x', 'extra'],
      /unexpected argument "extra"/,
    ],
    [
      ['--from', 'pglite', '--to', 'pglite', '--to-data-dir', 'x', '--to-schema', 'Bad-Name'],
      /--to-schema must be a lower-case SQL name/,
    ],
    [['--from', '--to', 'pglite'], /--from needs a value/],
  ])('refuses %j, naming what is wrong', (args, message) => {
    expect(() => parseMigrateArgs(args, {})).toThrow(ConfigurationError);
    expect(() => parseMigrateArgs(args, {})).toThrow(message);
  });
});

describe('runsOfOneStream', () => {
  const e = (streamId: string, version: number) => ({ streamId, version }) as EventRecord;

  it('groups consecutive events of one stream, in order, into one append each', () => {
    const events = [e('a', 1), e('a', 2), e('b', 1), e('a', 3), e('a', 4), e('a', 5), e('b', 2)];
    expect(
      runsOfOneStream(events).map((run) => run.map((x) => `${x.streamId}${x.version}`)),
    ).toEqual([['a1', 'a2'], ['b1'], ['a3', 'a4', 'a5'], ['b2']]);
    expect(runsOfOneStream([])).toEqual([]);
  });
});

describe('the checkpoint file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-'));

  it('is absent before the first run', () => {
    expect(readCheckpoint(join(dir, 'none.json'))).toBeUndefined();
  });

  it('is refused when it is not a checkpoint of migrate:store', () => {
    const file = join(dir, 'bad.json');
    for (const text of ['{ not json', '{"from":"a","to":"b","position":"xyz","copied":1}', '[]']) {
      writeFileSync(file, text);
      expect(() => readCheckpoint(file)).toThrow(MigrationError);
    }
    writeFileSync(file, JSON.stringify({ from: 'a', to: 'b', position: START, copied: 0 }));
    expect(readCheckpoint(file)).toMatchObject({ from: 'a', position: START });
  });
});
