import { randomUUID } from 'node:crypto';

import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@samenspoor/event-store';
import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from '@samenspoor/testing';

import { AuditLog, auditEntryHash, GENESIS_HASH, type AuditEntry } from './audit-log';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date().toISOString(),
    actorId: 'p-anna',
    role: 'professional',
    organisation: 'WIJ Groningen',
    action: 'GET /api/families/:familyId',
    familyId: randomUUID(),
    outcome: 'success',
    status: 200,
    detail: null,
    correlationId: randomUUID(),
    ...overrides,
  };
}

function auditSuite(kind: 'pglite' | 'postgres'): void {
  let database: SqlDatabase;
  let schema: string;
  let log: AuditLog;

  beforeEach(async () => {
    schema = uniqueSchema('audit');
    database =
      kind === 'pglite'
        ? await PgliteDatabase.open()
        : new PostgresDatabase({ connectionString: postgresUrl() });
    log = await AuditLog.open(database, schema);
  });
  afterEach(async () => {
    await database.close();
    if (kind === 'postgres') await dropSchemas(schema);
  });

  it('keeps entries in one chain and answers them newest first, filtered', async () => {
    const family = randomUUID();
    await log.record([entry({ familyId: family, at: '2026-03-01T10:00:00.000Z' })]);
    await log.record([
      entry({ actorId: 'st-1', role: 'safety-team', at: '2026-03-02T10:00:00.000Z' }),
      entry({ familyId: family, outcome: 'denied', status: 403, detail: 'not-in-network' }),
    ]);
    const all = await log.query({ limit: 10 });
    expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(all[2]!.prevHash).toBe(GENESIS_HASH);
    expect(all[1]!.prevHash).toBe(all[2]!.hash);
    expect(all[0]!.prevHash).toBe(all[1]!.hash);
    expect((await log.query({ familyId: family, limit: 10 })).map((e) => e.seq)).toEqual([3, 1]);
    expect((await log.query({ actorId: 'st-1', limit: 10 })).map((e) => e.seq)).toEqual([2]);
    expect(
      (
        await log.query({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T23:59:59Z', limit: 10 })
      ).map((e) => e.seq),
    ).toEqual([1]);
    expect((await log.query({ beforeSeq: 3, limit: 1 })).map((e) => e.seq)).toEqual([2]);
    expect(all[0]).toMatchObject({ outcome: 'denied', status: 403, detail: 'not-in-network' });
    await expect(log.verify()).resolves.toEqual({
      intact: true,
      entries: 3,
      lastHash: all[0]!.hash,
    });
  });

  it('writes entries recorded at the same time together, none lost, chain intact', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.record([entry({ detail: `n${i}` })])),
    );
    const entries = await log.query({ limit: 1000 });
    expect(entries).toHaveLength(200);
    expect(new Set(entries.map((e) => e.detail)).size).toBe(200);
    await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 200 });
  });

  it('refuses to change, delete or truncate an entry', async () => {
    await log.record([entry()]);
    for (const statement of [
      `update "${schema}".audit_log set actor_id = 'someone-else'`,
      `delete from "${schema}".audit_log`,
      `truncate "${schema}".audit_log`,
    ]) {
      await expect(database.query(statement)).rejects.toThrow(/append-only/);
    }
    await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 1 });
  });

  describe('verify finds tampering by someone who can switch the protection off', () => {
    const tamper = async (statement: string) => {
      await database.query(`alter table "${schema}".audit_log disable trigger user`);
      await database.query(statement);
      await database.query(`alter table "${schema}".audit_log enable trigger user`);
    };

    beforeEach(async () => {
      for (let i = 0; i < 5; i++) await log.record([entry({ detail: `entry ${i + 1}` })]);
    });

    it('an entry altered in place', async () => {
      await tamper(`update "${schema}".audit_log set actor_id = 'nobody' where seq = 3`);
      await expect(log.verify()).resolves.toEqual({
        intact: false,
        entries: 2,
        brokenAt: 3,
        reason: 'its fields do not match its hash: it was altered',
      });
    });

    it('an entry altered with its hash recomputed', async () => {
      const [third] = await log.query({ beforeSeq: 4, limit: 1 });
      const forged = auditEntryHash({ ...third!, actorId: 'nobody' }, 3, third!.prevHash);
      await tamper(
        `update "${schema}".audit_log set actor_id = 'nobody', hash = '${forged}' where seq = 3`,
      );
      await expect(log.verify()).resolves.toMatchObject({
        intact: false,
        brokenAt: 4,
        reason: 'it does not follow the hash of the entry before it',
      });
    });

    it('an entry removed from the middle, or from the end', async () => {
      await tamper(`delete from "${schema}".audit_log where seq = 2`);
      await expect(log.verify()).resolves.toMatchObject({ intact: false, brokenAt: 2 });
    });

    it('the last entries removed', async () => {
      await tamper(`delete from "${schema}".audit_log where seq >= 4`);
      await expect(log.verify()).resolves.toMatchObject({
        intact: false,
        brokenAt: 4,
        reason: 'the log ends at entry 3, but its head names entry 5: entries were removed',
      });
    });
  });
}

describe('AuditLog (pglite)', () => auditSuite('pglite'));
describeWithPostgres('AuditLog (postgres)', () => {
  auditSuite('postgres');

  it('keeps one chain when two processes write at the same time', async () => {
    const schema = uniqueSchema('audit_two');
    const first = new PostgresDatabase({ connectionString: postgresUrl() });
    const second = new PostgresDatabase({ connectionString: postgresUrl() });
    try {
      const [a, b] = await Promise.all([
        AuditLog.open(first, schema),
        AuditLog.open(second, schema),
      ]);
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? a : b).record([entry({ detail: `${i}` }), entry({ detail: `${i}b` })]),
        ),
      );
      await expect(a.verify()).resolves.toMatchObject({ intact: true, entries: 200 });
    } finally {
      await first.close();
      await second.close();
      await dropSchemas(schema);
    }
  });
});
