import { randomUUID } from 'node:crypto';

import { migrate, PostgresDatabase } from '@samenspoor/sql';
import {
  describeWithPostgres,
  dropSchemas,
  postgresUrl,
  testDatabase,
  uniqueSchema,
} from '@samenspoor/testing';

import {
  AUDIT_LOG_MIGRATIONS,
  AuditLog,
  auditEntryHash,
  GENESIS_HASH,
  type AuditEntry,
} from './audit-log';

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

/** What `verify` answers when it found entry `brokenAt` broken, for `reason`, after `entries` intact entries. */
function broken(entries: number, brokenAt: number, reason: string) {
  return { intact: false, entries, brokenAt, reason };
}

function auditSuite(kind: 'pglite' | 'postgres'): void {
  let log: AuditLog;
  const db = testDatabase(kind, 'audit', 'each', async ({ database, schema }) => {
    log = await AuditLog.open(database, schema);
  });

  it('keeps a chain per family (others in shard chains) and answers entries newest first, filtered', async () => {
    const family = randomUUID();
    await log.record([entry({ familyId: family, at: '2026-03-01T10:00:00.000Z' })]);
    await log.record([
      entry({
        actorId: 'st-1',
        role: 'safety-team',
        at: '2026-03-02T10:00:00.000Z',
        familyId: null,
      }),
      entry({ familyId: family, outcome: 'denied', status: 403, detail: 'not-in-network' }),
    ]);
    const all = await log.query({ limit: 10 });
    expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
    // The family's two entries chain to each other; the entry about no family starts a shard chain of its own.
    expect(all.map((e) => e.chain)).toEqual([
      `family:${family}`,
      all[1]!.chain,
      `family:${family}`,
    ]);
    expect(all[1]!.chain).toMatch(/^shard:\d+$/);
    expect(all[2]).toMatchObject({ prevSeq: 0, prevHash: GENESIS_HASH });
    expect(all[1]).toMatchObject({ prevSeq: 0, prevHash: GENESIS_HASH });
    expect(all[0]).toMatchObject({ prevSeq: 1, prevHash: all[2]!.hash });
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
      seals: 0,
      lastSeal: null,
    });
    const seal = await log.seal();
    expect(seal?.heads).toEqual(
      [
        [`family:${family}`, 3, all[0]!.hash],
        [all[1]!.chain, 2, all[1]!.hash],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    await expect(log.seal()).resolves.toBeNull();
    await expect(log.verify()).resolves.toMatchObject({
      intact: true,
      seals: 1,
      lastSeal: seal!.hash,
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

  it('fails only the request whose entry the db.database refuses, when entries are written together', async () => {
    // Entries recorded at the same moment share a transaction; a NUL is refused by PostgreSQL's text type.
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        log.record([entry({ actorId: i === 50 ? 'p-\u0000bad' : `p-${i}`, detail: `n${i}` })]),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[50]!.status).toBe('rejected');
    const entries = await log.query({ limit: 1000 });
    expect(entries.map((e) => e.detail).sort()).toEqual(
      Array.from({ length: 100 }, (_, i) => `n${i}`)
        .filter((d) => d !== 'n50')
        .sort(),
    );
    await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 99 });
  });

  it("writes entries in the caller's transaction: they commit, or roll back, with it", async () => {
    const family = randomUUID();
    await db.database.transaction((tx) =>
      log.appendIn(tx, [entry({ familyId: family, detail: 'kept' })]),
    );
    await expect(
      db.database.transaction(async (tx) => {
        await log.appendIn(tx, [entry({ familyId: family, detail: 'rolled back' })]);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await log.record([entry({ familyId: family, detail: 'after' })]);
    const entries = await log.query({ familyId: family, limit: 10 });
    expect(entries.map((e) => e.detail)).toEqual(['after', 'kept']);
    expect(entries[0]).toMatchObject({ prevSeq: entries[1]!.seq, prevHash: entries[1]!.hash });
    await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 2 });
  });

  it('keeps the entries written before chains as the legacy chain, unchanged, and verifies them', async () => {
    const legacySchema = uniqueSchema('audit_legacy');
    await migrate(db.database, {
      schema: legacySchema,
      component: 'audit-log',
      migrations: AUDIT_LOG_MIGRATIONS.migrations.slice(0, 1),
    });
    // Three entries as the single-chain log wrote them.
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const e = entry({ at: `2026-01-0${seq}T10:00:00.000Z`, detail: `legacy ${seq}` });
      const hash = auditEntryHash(e, seq, prevHash);
      await db.database.query(
        `insert into "${legacySchema}".audit_log (seq, at, actor_id, role, organisation, action, family_id,
           outcome, status, detail, correlation_id, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          seq,
          e.at,
          e.actorId,
          e.role,
          e.organisation,
          e.action,
          e.familyId,
          e.outcome,
          e.status,
          e.detail,
          e.correlationId,
          prevHash,
          hash,
        ],
      );
      await db.database.query(`update "${legacySchema}".audit_head set seq = $1, hash = $2`, [
        seq,
        hash,
      ]);
      prevHash = hash;
    }
    const before = await db.database.query(
      `select * from "${legacySchema}".audit_log order by seq`,
    );
    try {
      const migrated = await AuditLog.open(db.database, legacySchema);
      await migrated.record([entry({ detail: 'new' })]);
      const stored = await migrated.query({ limit: 10 });
      expect(stored.map((e) => [e.seq, e.chain, e.prevSeq])).toEqual([
        [4, stored[0]!.chain, 0],
        [3, 'legacy', null],
        [2, 'legacy', null],
        [1, 'legacy', null],
      ]);
      const after = await db.database.query(
        `select seq, at, actor_id, role, organisation, action, family_id, outcome, status, detail,
           correlation_id, prev_hash, hash from "${legacySchema}".audit_log where seq <= 3 order by seq`,
      );
      expect(after).toEqual(before);
      const seal = await migrated.seal();
      expect(seal?.heads).toContainEqual(['legacy', 3, prevHash]);
      await expect(migrated.verify()).resolves.toMatchObject({
        intact: true,
        entries: 4,
        seals: 1,
      });

      await db.database.query(`alter table "${legacySchema}".audit_log disable trigger user`);
      await db.database.query(
        `update "${legacySchema}".audit_log set actor_id = 'nobody' where seq = 2`,
      );
      await db.database.query(`alter table "${legacySchema}".audit_log enable trigger user`);
      await expect(migrated.verify()).resolves.toEqual(
        broken(1, 2, 'its fields do not match its hash: it was altered'),
      );
    } finally {
      if (kind === 'postgres') await dropSchemas(legacySchema);
    }
  });

  it('refuses to change, delete or truncate an entry', async () => {
    await log.record([entry()]);
    for (const statement of [
      `update "${db.schema}".audit_log set actor_id = 'someone-else'`,
      `delete from "${db.schema}".audit_log`,
      `truncate "${db.schema}".audit_log`,
    ]) {
      await expect(db.database.query(statement)).rejects.toThrow(/append-only/);
    }
    await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 1 });
  });

  /** Runs a statement with the append-only protection of `table` switched off, as its owner could. */
  const unprotected = (table: string) => async (statement: string) => {
    await db.database.query(`alter table "${db.schema}".${table} disable trigger user`);
    await db.database.query(statement);
    await db.database.query(`alter table "${db.schema}".${table} enable trigger user`);
  };

  describe('verify finds tampering by someone who can switch the protection off', () => {
    const tamper = unprotected('audit_log');

    // Five entries about one family: one chain.
    const family = randomUUID();
    beforeEach(async () => {
      for (let i = 0; i < 5; i++)
        await log.record([entry({ familyId: family, detail: `entry ${i + 1}` })]);
    });

    it('an entry altered in place', async () => {
      await tamper(`update "${db.schema}".audit_log set actor_id = 'nobody' where seq = 3`);
      await expect(log.verify()).resolves.toEqual(
        broken(2, 3, 'its fields do not match its hash: it was altered'),
      );
    });

    it('an entry altered with its hash recomputed', async () => {
      const [third] = await log.query({ beforeSeq: 4, limit: 1 });
      const forged = auditEntryHash({ ...third!, actorId: 'nobody' }, 3, third!.prevHash);
      await tamper(
        `update "${db.schema}".audit_log set actor_id = 'nobody', hash = '${forged}' where seq = 3`,
      );
      await expect(log.verify()).resolves.toMatchObject({
        intact: false,
        brokenAt: 4,
        reason: 'it does not follow the hash of the entry before it',
      });
    });

    it('an entry removed from the middle, or from the end', async () => {
      await tamper(`delete from "${db.schema}".audit_log where seq = 2`);
      await expect(log.verify()).resolves.toMatchObject({ intact: false, brokenAt: 2 });
    });

    it('two entries of a chain swapped', async () => {
      await tamper(`update "${db.schema}".audit_log set seq = 100 where seq = 2`);
      await tamper(`update "${db.schema}".audit_log set seq = 2 where seq = 3`);
      await tamper(`update "${db.schema}".audit_log set seq = 3 where seq = 100`);
      await expect(log.verify()).resolves.toMatchObject({ intact: false, brokenAt: 2 });
    });

    it('the last entry rewritten with its hash recomputed, and its head with it: found by the seal', async () => {
      await log.seal();
      const [fifth] = await log.query({ limit: 1 });
      const forged = auditEntryHash({ ...fifth!, actorId: 'nobody' }, 5, fifth!.prevHash);
      await tamper(
        `update "${db.schema}".audit_log set actor_id = 'nobody', hash = '${forged}' where seq = 5`,
      );
      await db.database.query(
        `update "${db.schema}".audit_chain_head set hash = '${forged}' where seq = 5`,
      );
      await expect(log.verify()).resolves.toEqual(
        broken(5, 5, 'it is not the entry that seal 1 sealed: its chain was rewritten'),
      );
    });

    it('the last entries removed and the head put back: found by the seal, not before it', async () => {
      const cut = async () => {
        await tamper(`delete from "${db.schema}".audit_log where seq >= 4`);
        const [third] = await log.query({ limit: 1 });
        await db.database.query(
          `update "${db.schema}".audit_chain_head set seq = 3, hash = '${third!.hash}' where seq = 5`,
        );
      };
      await log.seal();
      await cut();
      await expect(log.verify()).resolves.toEqual(
        broken(3, 5, `entry 5 is missing: seal 1 names it as the head of family:${family}`),
      );
    });

    it('the window: entries cut from the end of a chain before the next seal go unnoticed', async () => {
      await tamper(`delete from "${db.schema}".audit_log where seq >= 4`);
      const [third] = await log.query({ limit: 1 });
      await db.database.query(
        `update "${db.schema}".audit_chain_head set seq = 3, hash = '${third!.hash}' where seq = 5`,
      );
      await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 3 });
    });

    describe('the seals', () => {
      const tamperSeal = unprotected('audit_seal');

      beforeEach(async () => {
        await log.seal();
        for (const detail of ['entry 6', 'entry 7']) {
          await log.record([entry({ familyId: family, detail })]);
          await log.seal();
        }
        await expect(log.verify()).resolves.toMatchObject({ intact: true, entries: 7, seals: 3 });
      });

      it.each([
        [
          'a seal altered',
          `update "{db.schema}".audit_seal set at = at + interval '1 second' where seq = 2`,
          2,
          'its fields do not match its hash: it was altered',
        ],
        [
          'a seal removed from the middle',
          `delete from "{db.schema}".audit_seal where seq = 2`,
          2,
          'seal 2 is missing',
        ],
        [
          'the last seal removed',
          `delete from "{db.schema}".audit_seal where seq = 3`,
          3,
          'the seals end at seal 2, but their head names seal 3: seals were removed',
        ],
      ])('%s', async (_name, statement, brokenSeal, reason) => {
        await tamperSeal(statement.replace('{db.schema}', db.schema));
        await expect(log.verify()).resolves.toMatchObject({ intact: false, brokenSeal, reason });
      });

      it('seals are append-only', async () => {
        await expect(db.database.query(`delete from "${db.schema}".audit_seal`)).rejects.toThrow(
          /append-only/,
        );
      });
    });

    it('the last entries removed', async () => {
      await tamper(`delete from "${db.schema}".audit_log where seq >= 4`);
      await expect(log.verify()).resolves.toMatchObject({
        intact: false,
        brokenAt: 5,
        reason: `the chain family:${family} ends at entry 3, but its head names entry 5: entries were removed`,
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
