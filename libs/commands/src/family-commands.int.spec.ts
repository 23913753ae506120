import { randomUUID } from 'node:crypto';

import { PersonalDataVault } from '@samenspoor/access';
import { DomainRuleError } from '@samenspoor/domain';
import { SqlEventStore, VersionConflictError } from '@samenspoor/event-store';
import { PostgresDatabase, type SqlDatabase } from '@samenspoor/sql';
import {
  describeWithPostgres,
  dropSchemas,
  openTestPglite,
  postgresUrl,
  uniqueSchema,
} from '@samenspoor/testing';

import { commandIdFor, type CommandContext } from './command-context';
import { IdempotencyKeyReusedError } from './errors';
import { FamilyCommands } from './family-commands';

/** The one command path without HTTP: its answers, and its refusals as typed errors. */
function suite(kind: 'pglite' | 'postgres'): void {
  const schema = uniqueSchema('cmd');
  let database: SqlDatabase;
  let store: SqlEventStore;
  let vault: PersonalDataVault;
  let commands: FamilyCommands;

  beforeAll(async () => {
    database =
      kind === 'pglite'
        ? await openTestPglite()
        : new PostgresDatabase({ connectionString: postgresUrl() });
    store = await SqlEventStore.create(database, { schema });
    vault = await PersonalDataVault.open(database, schema);
    commands = new FamilyCommands(store, vault);
  });
  afterAll(async () => {
    await store.close();
    if (kind === 'postgres') await dropSchemas(schema);
    await database.close();
  });

  const context = (
    key?: string,
    requestHash = 'body',
    extra: Partial<CommandContext> = {},
  ): CommandContext => ({
    actor: { id: 'p-anna', role: 'professional', organisation: 'WIJ Groningen' },
    commandId: commandIdFor('p-anna', key),
    correlationId: randomUUID(),
    ...(key === undefined ? {} : { idempotencyKey: key }),
    requestHash,
    now: new Date().toISOString(),
    ...extra,
  });
  const register = (ctx: CommandContext, through = commands) =>
    through.execute({
      command: {
        type: 'RegisterFamily',
        data: {
          municipality: 'Groningen',
          members: [{ role: 'youth', displayName: 'Sanne', bsn: '111222333' }],
          registrar: { professionalId: 'p-anna', organisation: 'WIJ Groningen' },
        },
      },
      context: ctx,
    });
  const note = (familyId: string, ctx: CommandContext) =>
    commands.execute({
      familyId,
      command: { type: 'NoteProgress', data: { workstream: 'execution', note: 'called' } },
      context: ctx,
    });

  it('makes the new ids, seals personal fields, and answers a repeat as the first time', async () => {
    const key = randomUUID();
    const first = await register(context(key));
    expect(first).toMatchObject({ version: 2, memberIds: [expect.any(String)] });
    const [registered] = await store.readStream(`family-${first.familyId}`);
    const stored = JSON.stringify(registered?.data);
    expect(stored).not.toContain('Sanne');
    expect(stored).not.toContain('111222333');
    expect(await register(context(key))).toEqual(first);
    expect(await store.streamVersion(`family-${first.familyId}`)).toBe(2);
  });

  it('refuses a key reused for another request, on the same family or another', async () => {
    const { familyId } = await register(context());
    const key = randomUUID();
    const noted = await note(familyId, context(key, 'a note'));
    expect(noted).toMatchObject({ version: 3, noteId: expect.any(String) });
    await expect(note(familyId, context(key, 'another note'))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    const other = await register(context());
    await expect(note(other.familyId, context(key, 'a note'))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('refuses a stale If-Match with a version conflict, and a broken rule with its DomainRuleError', async () => {
    const { familyId } = await register(context());
    await expect(note(familyId, context(undefined, 'x', { ifMatch: 1 }))).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(note(randomUUID(), context())).rejects.toMatchObject({
      constructor: DomainRuleError,
      rule: 'not-registered',
    });
    expect(await store.streamVersion(`family-${familyId}`)).toBe(2);
  });

  it('decides again when another process appended in between: no update is lost', async () => {
    const { familyId } = await register(context());
    const elsewhere = new FamilyCommands(store, vault);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => note(familyId, context()).then((r) => r.version)).concat(
        Array.from({ length: 10 }, () =>
          elsewhere
            .execute({
              familyId,
              command: { type: 'NoteProgress', data: { workstream: 'safety', note: 'seen' } },
              context: context(),
            })
            .then((r) => r.version),
        ),
      ),
    );
    expect(new Set(results)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i + 3)));
    const family = await commands.load(familyId);
    expect(family.version).toBe(22);
    expect(family.state.status).toBe('open');
  });

  it('reads the stream once per family, then decides on what its own appends left, exactly as a read would', async () => {
    let reads = 0;
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'readStream') reads++;
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const own = new FamilyCommands(counting, vault);
    const registered = await register(context(), own);
    expect(reads).toBe(1);
    for (let i = 0; i < 3; i++) {
      await own.execute({
        familyId: registered.familyId,
        command: { type: 'NoteProgress', data: { workstream: 'execution', note: `n${i}` } },
        context: context(),
      });
    }
    expect(reads).toBe(1);
    const cached = await own.load(registered.familyId);
    const read = await new FamilyCommands(store, vault).load(registered.familyId);
    expect(cached.version).toBe(5);
    expect(cached.state).toEqual(read.state);
    expect([...cached.commands.keys()].sort()).toEqual([...read.commands.keys()].sort());
  });

  it('forgets a family whose append repeated an earlier one, instead of keeping what it decided again', async () => {
    const { familyId } = await register(context());
    const here = new FamilyCommands(store, vault);
    await here.load(familyId);
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    // A step whose state keeps the time it was taken at.
    const note = {
      type: 'HoldMdo',
      data: {
        mdoId: 'mdo-repeat',
        participants: ['case director'],
        familyPresent: true,
        decisions: ['continue'],
        nextMdoDueBy: at(60 * 24 * 42),
      },
    } as const;
    // The request went through another process first ...
    await new FamilyCommands(store, vault).execute({
      familyId,
      command: note,
      context: context('k-repeat', 'body', { now: at(1) }),
    });
    // ... and is retried here minutes later, where the family was last seen before it: the append is a repeat.
    const answer = await here.execute({
      familyId,
      command: note,
      context: context('k-repeat', 'body', { now: at(5) }),
    });
    expect(answer.version).toBe(3);
    const cached = await here.load(familyId);
    const read = await new FamilyCommands(store, vault).load(familyId);
    expect(cached.version).toBe(3);
    expect(cached.state).toEqual(read.state);
  });

  it('judges If-Match and the access policy on a fresh read when another process appended since', async () => {
    const { familyId } = await register(context());
    await commands.load(familyId);
    const elsewhere = new FamilyCommands(store, vault);
    await elsewhere.execute({
      familyId,
      command: {
        type: 'JoinNetwork',
        data: { professionalId: 'p-bert', organisation: 'Accare' },
      },
      context: context(),
    });
    // p-bert may only send while in the network; this process last saw the family without him.
    class Refused extends Error {}
    const bertOnly = {
      refusal: (state: Awaited<ReturnType<FamilyCommands['load']>>['state']) =>
        state.status !== 'unregistered' && state.network.some((m) => m.professionalId === 'p-bert')
          ? undefined
          : () => Promise.reject(new Refused()),
    };
    await expect(
      note(familyId, context(undefined, 'x', { ifMatch: 3, access: bertOnly })),
    ).resolves.toMatchObject({
      version: 4,
    });
    await elsewhere.execute({
      familyId,
      command: { type: 'LeaveNetwork', data: { professionalId: 'p-bert' } },
      context: context(),
    });
    await expect(
      note(familyId, context(undefined, 'y', { access: bertOnly })),
    ).rejects.toBeInstanceOf(Refused);
    expect(await store.streamVersion(`family-${familyId}`)).toBe(5);
  });
}

describe('the family command path (embedded store)', () => suite('pglite'));
describeWithPostgres('the family command path (PostgreSQL)', () => suite('postgres'));
