import type { AuditLog } from '@samenspoor/access';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { AUDIT_LOG } from '../../apps/api/src/access/audit-trail';
import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { describeOnEachStore, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';

/**
 * Issue 13: a step on a family commits in one statement. Its events, its audit entry (numbered once its chain's
 * head is locked, its hash computed by the database over the text `audit:verify` hashes) and the chain's new head
 * are written by the append's own statement: one round trip, no transaction around it. What that must keep: the
 * entry verifies, also with text beyond ASCII; the chain links each entry to the one before; and an entry the
 * database refuses leaves no event behind.
 */
describeOnEachStore('a step on a family in one statement', (kind) => {
  const app = useTestApp(kind);
  // An organisation name with letters beyond ASCII, a dash and an emoji: hashed as UTF-8 on both sides.
  const professional = app.as('p-een-statement', ['professional'], 'Zorgboerderij Ëlla — 😊');
  const note = { workstream: 'execution', note: 'Huisbezoek: afspraken over school.' };
  let log: AuditLog;
  let database: SqlDatabase;
  let statements: jest.SpyInstance;

  beforeAll(() => {
    log = app.app.get<AuditLog>(AUDIT_LOG);
    database = app.app.get<SqlDatabase>(SQL_DATABASE);
    statements = jest.spyOn(database, 'query');
  });
  afterAll(() => statements.mockRestore());

  /** The statements sent since the spy was cleared that appended events with a command's audit entry. */
  const fusedAppends = () =>
    statements.mock.calls.filter(
      ([text]) =>
        typeof text === 'string' &&
        /insert into .*\.events/s.test(text) &&
        text.includes('audit_entry as ('),
    ).length;

  it('writes the events and the audit entry of each step in one statement, and the chain verifies', async () => {
    const { familyId, path } = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Eén stap',
      until: 'signalled',
    });
    statements.mockClear();
    const versions: number[] = [];
    for (const body of [note, { ...note, note: 'Gesprek met de school — ‘goed’.' }]) {
      const answer = await professional.post(`${path}/progress-notes`, body);
      expect(answer.status).toBe(201);
      versions.push(answer.body.version);
    }
    const assessed = await professional.post(`${path}/safety-assessments`, { level: 'concerns' });
    expect(assessed.status).toBe(201);
    expect(fusedAppends()).toBe(3);

    // The family's chain in order: the steps' entries are its last three (each request has one).
    const all = await log.query({ familyId, limit: 1000, direction: 'asc' });
    const steps = all.slice(-3);
    expect(steps.map((e) => [e.outcome, e.action.split(' ')[0], e.organisation])).toEqual(
      Array(3).fill(['success', 'POST', 'Zorgboerderij Ëlla — 😊']),
    );
    // Each entry names the entry before it on the family's chain, whatever wrote that one.
    for (const entry of steps) {
      const before = all[all.indexOf(entry) - 1]!;
      expect([entry.prevHash, entry.seq > before.seq]).toEqual([before.hash, true]);
    }
    await log.seal();
    await expect(log.verify()).resolves.toMatchObject({ intact: true });
  });

  it('writes steps on several families that arrive together in one statement, and every chain verifies', async () => {
    const families: { familyId: string; path: string }[] = [];
    for (let i = 0; i < 8; i++)
      families.push(
        await familyOnRoute(professional, {
          municipality: 'Groningen',
          displayName: `Samen ${i}`,
          until: 'signalled',
        }),
      );
    statements.mockClear();
    const answers = await Promise.all(
      families.flatMap(({ path }, i) => [
        professional.post(`${path}/progress-notes`, note, { 'X-Correlation-Id': `samen-${i}-a` }),
        professional.post(`${path}/progress-notes`, note, { 'X-Correlation-Id': `samen-${i}-b` }),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    // Each step has its entry, the last two of its family's chain, linked to the one before.
    const transactions = new Set<string>();
    for (const [i, { familyId }] of families.entries()) {
      const chain = await log.query({ familyId, limit: 1000, direction: 'asc' });
      expect(
        chain
          .slice(-2)
          .map((e) => e.correlationId)
          .sort(),
      ).toEqual([`samen-${i}-a`, `samen-${i}-b`]);
      for (const entry of chain.slice(-2)) {
        const before = chain[chain.indexOf(entry) - 1]!;
        expect([entry.prevHash, entry.seq > before.seq]).toEqual([before.hash, true]);
      }
      const stream = await app.store.readStream(`family-${familyId}`);
      expect(stream.map((e) => e.version)).toEqual(stream.map((_, v) => v + 1));
      // A position's first half is its transaction's id.
      for (const event of stream.slice(-2)) transactions.add(event.position.slice(0, 16));
    }
    // On the server, steps that waited behind another were written several to a statement, and so committed
    // together: fewer transactions than steps. (On PGlite a statement runs in this process's own thread, so steps
    // seldom arrive while one is written: there only the outcome counts.)
    const together = statements.mock.calls.filter(
      ([text]) => typeof text === 'string' && text.includes('audit_input as ('),
    );
    if (kind === 'postgres') {
      expect(together.length).toBeGreaterThan(0);
      expect(transactions.size).toBeLessThan(answers.length);
    }
    await log.seal();
    await expect(log.verify()).resolves.toMatchObject({ intact: true });
  });

  it('stores nothing of a step whose audit entry the database refuses, and takes the next one', async () => {
    const { familyId, path } = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Geweigerd',
      until: 'signalled',
    });
    await professional.post(`${path}/progress-notes`, note);
    const schema = app.app.get<AppConfig>(APP_CONFIG).store.schema;
    // The database refuses the entries of one request: as it would refuse any entry it cannot store.
    await database.query(
      `alter table "${schema}".audit_log add constraint refuses_one check (correlation_id is distinct from 'weiger-mij')`,
    );
    try {
      const version = (await app.store.readStream(`family-${familyId}`)).length;
      statements.mockClear();
      const refused = await professional.post(`${path}/progress-notes`, note, {
        'X-Correlation-Id': 'weiger-mij',
      });
      expect(refused.status).toBe(500);
      // Tried on the state this process last saw, then once more on a fresh read: refused both times.
      expect(fusedAppends()).toBeGreaterThanOrEqual(1);
      expect((await app.store.readStream(`family-${familyId}`)).length).toBe(version);
      const next = await professional.post(`${path}/progress-notes`, note);
      expect([next.status, next.body.version]).toEqual([201, version + 1]);
    } finally {
      await database.query(`alter table "${schema}".audit_log drop constraint refuses_one`);
    }
    await expect(log.verify()).resolves.toMatchObject({ intact: true });
  });
});
