import { randomUUID } from 'node:crypto';

import { randomBytes } from 'node:crypto';

import { FamilyKey } from '@samenspoor/access';
import { FamilyCommands, type FamilyKeys } from '@samenspoor/commands';
import {
  EVENT_SCHEMA_VERSIONS,
  familyStreamId,
  parseFamilyEvent,
  type FamilyCommand,
  type FamilyEvent,
} from '@samenspoor/domain';
import {
  SqlEventStore,
  START,
  type EventRecord,
  type JsonObject,
  type Position,
} from '@samenspoor/event-store';
import { PostgresDatabase, type SqlDatabase } from '@samenspoor/sql';
import { openTestPglite } from '@samenspoor/testing';

import type { Projection, TableNames } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ProjectionTables } from '../projection-tables';
import { TestFamily } from './family-commands';

/** A database, an event store and a projection runner on a schema of their own, for projection tests. */
export interface ProjectionHarness {
  readonly database: SqlDatabase;
  readonly store: SqlEventStore;
  readonly tables: ProjectionTables;
  readonly runner: ProjectionRunner;
  readonly schema: string;
  /**
   * Runs commands on a family through the one command path, as the API would, appended together; personal
   * fields are left readable (see {@link plainKeys}). Answers the events they produced.
   */
  command(familyId: string, ...commands: FamilyCommand[]): Promise<FamilyEvent[]>;
  /** A new family of the municipality, after running on it (as {@link command} does) the commands `story` gives. */
  family(
    municipality: string,
    story: (family: TestFamily) => readonly FamilyCommand[],
  ): Promise<TestFamily>;
  /** Appends events as they are (for shapes the decider would not produce). */
  append(familyId: string, ...events: FamilyEvent[]): Promise<void>;
  /** How many events the runner has handed to the projections so far (all projections together). */
  appliedEvents(): number;
  /** Waits until every projection has applied everything in the store. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function openProjectionHarness(
  kind: 'pglite' | 'postgres',
  projections: readonly Projection[],
  options: {
    database?: SqlDatabase;
    schema?: string;
    batchSize?: number;
    postgresUrl?: string;
  } = {},
): Promise<ProjectionHarness> {
  const schema = options.schema ?? `proj_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const owned = !options.database;
  const database =
    options.database ??
    (kind === 'pglite'
      ? await openTestPglite()
      : new PostgresDatabase({
          connectionString: options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test',
        }));
  const store = await SqlEventStore.create(database, { schema });
  const tables = await ProjectionTables.open(database, schema);
  let applied = 0;
  const runner = new ProjectionRunner(database, store, projections, tables, {
    schema,
    batchSize: options.batchSize ?? 500,
    standbyPollMs: 100,
    observer: { applied: (_projection, events) => (applied += events) },
  });
  runner.start();
  const familyCommands = new FamilyCommands(store, plainKeys);
  // What settled() waits for: the head can lag behind our own appends on a PostgreSQL server where other
  // transactions are open (readers only read below the oldest running transaction), so keep our last position.
  let lastAppended = START;

  const append = async (
    familyId: string,
    events: readonly FamilyEvent[],
    expectedVersion: number,
  ) => {
    const result = await store.appendToStream(
      familyStreamId(familyId),
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data as unknown as JsonObject,
        metadata: {
          actor: { id: 'p-test', role: 'professional', organisation: 'WIJ Groningen' },
          occurredAt: event.data.occurredAt,
        },
      })),
      { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion },
    );
    if (result.position > lastAppended) lastAppended = result.position;
  };

  async function command(familyId: string, ...commands: FamilyCommand[]): Promise<FamilyEvent[]> {
    const before = await store.streamVersion(familyStreamId(familyId));
    if (commands.length === 0) return [];
    const { position } = await familyCommands.run(
      familyId,
      commands.map((command) => ({ command, context: testContext(command) })),
    );
    if (position > lastAppended) lastAppended = position;
    const records = await store.readStream(familyStreamId(familyId), { fromVersion: before + 1 });
    return records.flatMap((record) => {
      const parsed = parseFamilyEvent(record);
      return parsed.ok ? [parsed.event] : [];
    });
  }

  return {
    database,
    store,
    tables,
    runner,
    schema,
    command,
    async family(municipality, story) {
      const family = new TestFamily(municipality);
      await command(family.familyId, ...story(family));
      return family;
    },
    async append(familyId, ...events) {
      await append(familyId, events, await store.streamVersion(familyStreamId(familyId)));
    },
    appliedEvents: () => applied,
    async settled() {
      const head = await store.headPosition();
      const target = head > lastAppended ? head : lastAppended;
      for (const projection of projections) {
        const reached = await runner.waitFor(projection.name, target, 30_000);
        if (reached === undefined) throw new Error(`${projection.name} did not reach ${target}`);
      }
    },
    async close() {
      await runner.stop();
      await store.close();
      if (kind === 'postgres') await database.query(`drop schema if exists "${schema}" cascade`);
      if (owned) await database.close();
    },
  };
}

/**
 * Waits until the projection applied the last event of these streams. (The harness's `settled` waits for the
 * store's head, which stays behind while another session on the same PostgreSQL server keeps a transaction
 * open, as parallel suites do.)
 */
export async function caughtUp(
  h: ProjectionHarness,
  projection: Projection,
  streamIds: readonly string[],
): Promise<void> {
  let last = START;
  for (const streamId of streamIds) {
    const position = (await h.store.readStream(streamId)).at(-1)?.position;
    if (position !== undefined && position > last) last = position;
  }
  if ((await h.runner.waitFor(projection.name, last, 60_000)) === undefined)
    throw new Error(`${projection.name} did not reach ${last}`);
}

/** A counter per key, 0 for every key not given. */
export function countsOf(
  keys: readonly string[],
  counts: Record<string, number> = {},
): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, counts[key] ?? 0]));
}

/** The first and the last day of a month (`2026-02` → `2026-02-01` and `2026-02-28`). */
export function daysOfMonth(month: string): { first: string; last: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10) };
}

/** Every event in the harness's store, oldest first, read a page at a time. */
export async function allEvents(h: ProjectionHarness): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  let after: Position | undefined;
  for (;;) {
    const page = await h.store.readAll({ ...(after === undefined ? {} : { after }), limit: 1000 });
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.position;
  }
}

/**
 * Creates an empty set of a projection's tables beside its live ones, each named `<table>_<suffix>`, to apply
 * events to them apart from the runner.
 */
export async function tablesBeside<T extends string>(
  h: ProjectionHarness,
  projection: Projection<T>,
  suffix: string,
): Promise<TableNames<T>> {
  const tables = Object.fromEntries(
    projection.tables.map((name) => [name, `${h.tables.schema}."${name}_${suffix}"`]),
  ) as TableNames<T>;
  for (const statement of projection.createTables(tables)) await h.database.query(statement);
  return tables;
}

/**
 * Family keys that leave personal fields readable, so that projection tests can state what a read model shows
 * without opening sealed values; the API's keys seal them (see the end-to-end tests).
 */
class PlainKey extends FamilyKey {
  override seal(plaintext: string): string {
    return plaintext;
  }
}

const plainKeys: FamilyKeys = {
  keyFor: (familyId: string) => Promise.resolve(new PlainKey(familyId, randomBytes(32))),
  sealingKeyFor: (familyId: string) => Promise.resolve(new PlainKey(familyId, randomBytes(32))),
  destroy: () => Promise.resolve(),
};

/**
 * The context of a command that a professional of WIJ Groningen sends in a test or a bench, at `now`, with a new
 * command id and correlation id.
 */
export function professionalContext(professionalId: string, now: string, requestHash = 'test') {
  return {
    actor: { id: professionalId, role: 'professional' as const, organisation: 'WIJ Groningen' },
    commandId: randomUUID(),
    correlationId: randomUUID(),
    requestHash,
    now,
  };
}

/** The context of a test command: the harness's professional, a new command id. */
function testContext(command: FamilyCommand) {
  return professionalContext('p-test', command.metadata.now);
}

/**
 * The harness of the enclosing describe block: opened (and `seed`ed) in a `beforeAll`, closed in an `afterAll`,
 * both registered where this is called. The handle answers for the opened harness inside hooks and tests.
 */
export function useProjectionHarness(
  kind: 'pglite' | 'postgres',
  projections: readonly Projection[],
  seed?: (h: ProjectionHarness) => Promise<unknown>,
): ProjectionHarness {
  let opened: ProjectionHarness | undefined;
  beforeAll(async () => {
    opened = await openProjectionHarness(kind, projections);
    await seed?.(opened);
  });
  afterAll(() => opened?.close());
  return new Proxy({} as ProjectionHarness, {
    get(_, key) {
      if (!opened) throw new Error('the harness is open from its beforeAll to its afterAll');
      const value: unknown = Reflect.get(opened, key, opened);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(opened)
        : value;
    },
  });
}
