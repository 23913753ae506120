import {
  connectKurrentDb,
  describeKurrentDbUrl,
  isKurrentDbUrl,
  KurrentDbEventStore,
  openKurrentDbEventStore,
  openPgliteEventStore,
  openPostgresEventStore,
  type EventRecord,
} from '@samenspoor/event-store';
import { PersonalDataVault } from '@samenspoor/access';
import { ConfigurationError } from '@samenspoor/platform';
import { PostgresDatabase, quoteIdentifier, type SqlDatabase } from '@samenspoor/sql';

import { migrateStore, type MigrationEnd } from './migrate-store';
import { progressBar, rateOf } from './progress';

export const STORE_KINDS = ['pglite', 'postgres', 'kurrentdb'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Where one end of the migration is, from `--from-…`/`--to-…` flags or `MIGRATE_FROM_…`/`MIGRATE_TO_…`. */
export interface EndSettings {
  readonly kind: StoreKind;
  /** postgres: the postgres:// URL; kurrentdb: the KurrentDB connection string. */
  readonly url?: string;
  /** pglite: the data folder. */
  readonly dataDir?: string;
  /** The SQL schema (postgres, pglite; for kurrentdb the schema of its event-id registry). */
  readonly schema: string;
  /** kurrentdb: the PostgreSQL database of its event-id registry (needed to write, not to read). */
  readonly databaseUrl?: string;
}

export interface MigrateSettings {
  readonly from: EndSettings;
  readonly to: EndSettings;
  readonly checkpointFile: string;
  readonly batchSize: number;
}

export const MIGRATE_USAGE = `usage: npm run migrate:store -- --from <pglite|postgres|kurrentdb> --to <pglite|postgres|kurrentdb> [options]
  --from-url, --to-url                    postgres:// URL (postgres) or KurrentDB connection string (kurrentdb)
  --from-data-dir, --to-data-dir          folder of an embedded store (pglite)
  --from-schema, --to-schema              SQL schema (default samenspoor)
  --from-database-url, --to-database-url  kurrentdb: the PostgreSQL database of its event-id registry (required for --to kurrentdb)
  --checkpoint <file>                     what was copied, to resume after an interruption (default ./migrate-store.checkpoint.json)
  --batch <n>                             events per batch (default 500)
Each --from-x/--to-x may instead come from MIGRATE_FROM_X/MIGRATE_TO_X (e.g. MIGRATE_TO_URL).`;

/**
 * Reads the migration's settings: flags first, then `MIGRATE_*` variables.
 *
 * @throws ConfigurationError naming every missing or bad setting.
 */
export function parseMigrateArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): MigrateSettings {
  const problems: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      problems.push(`unexpected argument ${JSON.stringify(arg)}`);
      continue;
    }
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) {
      problems.push(`--${match[1]} needs a value`);
      if (value !== undefined) i--;
      continue;
    }
    flags.set(match[1]!, value);
  }
  const known = new Set(['from', 'to', 'checkpoint', 'batch']);
  for (const side of ['from', 'to']) {
    for (const name of ['url', 'data-dir', 'schema', 'database-url']) known.add(`${side}-${name}`);
  }
  for (const flag of flags.keys()) {
    if (!known.has(flag)) problems.push(`unknown option --${flag}`);
  }
  const setting = (flag: string): string | undefined =>
    flags.get(flag) ?? (env[`MIGRATE_${flag.replace(/-/g, '_').toUpperCase()}`] || undefined);

  const end = (side: 'from' | 'to'): EndSettings | undefined => {
    const kind = setting(side);
    if (!kind) {
      problems.push(`--${side} is required: one of ${STORE_KINDS.join(', ')}`);
      return undefined;
    }
    if (!(STORE_KINDS as readonly string[]).includes(kind)) {
      problems.push(
        `--${side} must be one of ${STORE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
      );
      return undefined;
    }
    const url = setting(`${side}-url`);
    const schema = setting(`${side}-schema`) ?? 'samenspoor';
    const databaseUrl = setting(`${side}-database-url`);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      problems.push(`--${side}-schema must be a lower-case SQL name (letters, digits, _)`);
    }
    switch (kind as StoreKind) {
      case 'pglite':
        return { kind: 'pglite', dataDir: setting(`${side}-data-dir`) ?? './data', schema };
      case 'postgres':
        if (!url || !/^postgres(ql)?:\/\//.test(url)) {
          problems.push(
            `--${side}-url must be the postgres:// URL of the ${side === 'from' ? 'source' : 'target'}`,
          );
        }
        return { kind: 'postgres', url, schema };
      case 'kurrentdb':
        if (!url || !isKurrentDbUrl(url)) {
          problems.push(
            `--${side}-url must be the KurrentDB connection string of the ${side === 'from' ? 'source' : 'target'} (kurrentdb://host:2113?… or kurrentdb+discover://…)`,
          );
        }
        if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
          problems.push(`--${side}-database-url must be a postgres:// URL`);
        }
        if (side === 'to' && !databaseUrl) {
          problems.push(
            '--to-database-url is required with --to kurrentdb: the PostgreSQL database that keeps its registry of event ids (the deployment’s DATABASE_URL)',
          );
        }
        return { kind: 'kurrentdb', url, schema, databaseUrl };
    }
  };
  const from = end('from');
  const to = end('to');
  const batch = Number(setting('batch') ?? 500);
  if (!Number.isSafeInteger(batch) || batch < 1) {
    problems.push(`--batch must be a whole number ≥ 1, got ${setting('batch')}`);
  }
  if (
    from?.kind === 'pglite' &&
    to?.kind === 'pglite' &&
    from.dataDir === to.dataDir &&
    from.schema === to.schema
  ) {
    problems.push('--from and --to are the same store');
  }
  if (problems.length > 0 || !from || !to) throw new ConfigurationError(problems);
  return {
    from,
    to,
    checkpointFile: setting('checkpoint') ?? './migrate-store.checkpoint.json',
    batchSize: batch,
  };
}

interface OpenedEnd extends MigrationEnd {
  /** Where the families' data keys of this store are kept (a SQL database and schema), when known. */
  readonly keys?: {
    readonly database: SqlDatabase;
    readonly schema: string;
    readonly where: string;
  };
  close(): Promise<void>;
}

/** Opens one end; events are copied as stored, so no upcasters. */
export async function openEnd(
  settings: EndSettings,
  role: 'source' | 'target',
): Promise<OpenedEnd> {
  switch (settings.kind) {
    case 'pglite': {
      const opened = await openPgliteEventStore({
        dataDir: settings.dataDir,
        schema: settings.schema,
      });
      return sqlEnd(opened, settings.schema);
    }
    case 'postgres': {
      const opened = await openPostgresEventStore({
        connectionString: settings.url!,
        schema: settings.schema,
      });
      return sqlEnd(opened, settings.schema);
    }
    case 'kurrentdb': {
      const where = describeKurrentDbUrl(settings.url!) ?? 'KurrentDB';
      if (role === 'source' && !settings.databaseUrl) {
        // Reading needs no registry.
        const store = new KurrentDbEventStore(await connectKurrentDb(settings.url!), {
          description: where,
        });
        try {
          await store.ping();
        } catch (error) {
          await store.close();
          throw error;
        }
        return { store, description: where, close: () => store.close() };
      }
      const database = new PostgresDatabase({ connectionString: settings.databaseUrl! });
      const opened = await openKurrentDbEventStore({
        connectionString: settings.url!,
        database,
        schema: settings.schema,
      });
      return {
        store: opened.store,
        description: where,
        keys: { database, schema: settings.schema, where: keysWhere(database, settings.schema) },
        close: () => opened.close(),
      };
    }
  }
}

function sqlEnd(
  opened: { store: OpenedEnd['store']; database: SqlDatabase; close(): Promise<void> },
  schema: string,
): OpenedEnd {
  const table = `${quoteIdentifier(schema)}.events`;
  return {
    store: opened.store,
    description: `${opened.database.description}, schema ${schema}`,
    keys: { database: opened.database, schema, where: keysWhere(opened.database, schema) },
    close: () => opened.close(),
    // The SQL store stamps recorded_at when it inserts; the copy then sets the source's.
    keepRecordedAt: async (events: readonly EventRecord[]) => {
      await opened.database.query(
        `update ${table} e set recorded_at = v.recorded_at
         from unnest($1::uuid[], $2::timestamptz[]) as v(event_id, recorded_at)
         where e.event_id = v.event_id`,
        [events.map((e) => e.eventId), events.map((e) => e.recordedAt.toISOString())],
      );
    },
  };
}

function keysWhere(database: SqlDatabase, schema: string): string {
  return `${database.description}, schema ${schema}`;
}

/**
 * Copies the families' data keys (and the tombstones of erased ones) to where the target keeps them: without
 * them the copied events' personal fields could not be read. Says what it did.
 */
async function copyDataKeys(from: OpenedEnd, to: OpenedEnd): Promise<string> {
  if (!from.keys)
    return "not copied: give --from-database-url, the PostgreSQL database that holds the source store's keys";
  if (!to.keys) return 'not copied: the target names no database for them';
  if (from.keys.where === to.keys.where) return `shared by source and target (${to.keys.where})`;
  const rows = await (
    await PersonalDataVault.open(from.keys.database, from.keys.schema)
  ).exportKeys();
  const target = await PersonalDataVault.open(to.keys.database, to.keys.schema);
  const changed = await target.importKeys(rows);
  const erased = rows.filter((row) => row.dataKey === null).length;
  return `${rows.length} families' keys (${erased} of them erased) copied to ${to.keys.where}; ${changed} added or changed`;
}

/**
 * `npm run migrate:store -- --from <kind> --to <kind> …`: copies a store's events into another (see
 * {@link migrateStore}), with a progress bar; Ctrl-C stops after the batch in progress, and a new run resumes.
 */
export async function migrateStoreCommand(args: readonly string[]): Promise<void> {
  const settings = parseMigrateArgs(args);
  const from = await openEnd(settings.from, 'source');
  let to: OpenedEnd;
  try {
    to = await openEnd(settings.to, 'target');
  } catch (error) {
    await from.close();
    throw error;
  }
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write('\nstopping after this batch; run again to resume\n');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const total = await from.store.countEvents();
    process.stderr.write(`Copying ${total} events from ${from.description} to ${to.description}\n`);
    const bar = progressBar('copying', 'events');
    const started = performance.now();
    bar.start(total, 0, { rate: '–' });
    const result = await migrateStore(from, to, {
      checkpointFile: settings.checkpointFile,
      batchSize: settings.batchSize,
      signal: stop.signal,
      onProgress: (copied, copiedNow) => {
        bar.setTotal(Math.max(total, copied));
        bar.update(copied, { rate: rateOf(started, copiedNow) });
      },
    });
    bar.stop();
    if (result.interrupted) {
      process.stdout.write(
        `interrupted after ${result.copied} events (${result.copiedNow} in this run); checkpoint in ${settings.checkpointFile}: run the same command again to resume\n`,
      );
      process.exitCode = 3;
      return;
    }
    process.stdout.write(
      `copied ${result.copiedNow} events in this run, ${result.copied} in all; verified: the target holds ${result.copied} events, as the source up to position ${result.position}\n`,
    );
    process.stdout.write(`data keys: ${await copyDataKeys(from, to)}\n`);
    process.stdout.write(
      result.recordedAtKept
        ? 'recordedAt: kept from the source\n'
        : 'recordedAt: set by KurrentDB at the time of copying (it cannot be set); each event the API wrote keeps its original time in metadata.recordedAt\n',
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([from.close(), to.close()]);
  }
}
