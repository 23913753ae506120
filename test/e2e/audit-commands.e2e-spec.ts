import { randomUUID } from 'node:crypto';

import type { AuditLog, StoredAuditEntry } from '@samenspoor/access';
import type { EventRecord } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import { readEverything } from '@samenspoor/testing';

import { AUDIT_LOG } from '../../apps/api/src/access/audit-trail';
import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { ApiClient, describeOnEachStore, useTestApp } from '../support/app';

describeOnEachStore(
  'every stored command has its audit entry, committed with its events',
  (kind) => {
    const app = useTestApp(kind);
    const anna = app.as('p-anna', ['professional'], 'WIJ Groningen');
    let log: AuditLog;

    beforeAll(() => {
      log = app.app.get<AuditLog>(AUDIT_LOG);
    });

    /** Every command in the store, by command id, with the correlation id of the request that sent it. */
    async function storedCommands(expected: number): Promise<Map<string, string>> {
      const byCommand = (events: EventRecord[]) => {
        const commands = new Map<string, string>();
        for (const event of events) {
          const { commandId, correlationId } = event.metadata;
          if (typeof commandId === 'string' && typeof correlationId === 'string')
            commands.set(commandId, correlationId);
        }
        return commands;
      };
      return byCommand(
        await readEverything(app.store, { until: (events) => byCommand(events).size >= expected }),
      );
    }

    async function entriesByCorrelation(): Promise<Map<string, StoredAuditEntry[]>> {
      const byCorrelation = new Map<string, StoredAuditEntry[]>();
      for (const entry of await log.query({ limit: 100_000 })) {
        const key = entry.correlationId ?? '';
        byCorrelation.set(key, [...(byCorrelation.get(key) ?? []), entry]);
      }
      return byCorrelation;
    }

    const signal = {
      source: 'gp',
      concerns: ['anxiety'],
      urgency: 'regular',
    };

    it('100 concurrent requests, one entry refused by the database: the others succeed, one entry per command', async () => {
      const families: string[] = [];
      for (let i = 0; i < 10; i++) {
        const registered = await anna.post('/api/families', {
          municipality: 'Groningen',
          members: [{ role: 'youth', displayName: `K${i}` }],
        });
        expect(registered.status).toBe(201);
        families.push(registered.body.familyId);
      }
      // Commands sent once before, repeated in the burst with the same Idempotency-Key: they append nothing then.
      const keys = families.slice(0, 5).map(() => randomUUID());
      for (const [i, key] of keys.entries()) {
        const first = await anna.post(`/api/families/${families[i]}/signals`, signal, {
          'Idempotency-Key': key,
        });
        expect(first.status).toBe(201);
      }
      const eventsBefore = await app.eventCount();

      const requests = Array.from({ length: 100 }, (_, i) => {
        const path = `/api/families/${families[i % 10]}`;
        const headers = { 'X-Correlation-Id': `burst-${i}` };
        switch (i % 4) {
          case 0:
            return anna.post(`${path}/signals`, signal, headers);
          case 1:
            return i < 20
              ? // The same command as before the burst: same family, same body, same key.
                anna.post(`/api/families/${families[(i - 1) / 4]}/signals`, signal, {
                  ...headers,
                  'Idempotency-Key': keys[(i - 1) / 4]!,
                })
              : anna.post(
                  `${path}/progress-notes`,
                  { workstream: 'execution', note: 'x' },
                  headers,
                );
          case 2:
            return anna.get(path, headers);
          default:
            // No such trajectory: the command is refused, nothing is stored.
            return anna.post(`${path}/trajectories/${randomUUID()}/start`, {}, headers);
        }
      });
      // Entries the database refuses (a NUL in text), recorded again and again while the burst's entries are
      // written, each behind a valid entry that keeps the writer busy: so that they share transactions.
      const nul = (correlationId: string) => ({
        at: new Date().toISOString(),
        actorId: correlationId.includes('refused') ? 'p-\u0000nul' : 'p-filler',
        role: 'professional',
        organisation: null,
        action: 'GET /api/families/:familyId',
        familyId: families[0]!,
        outcome: 'success' as const,
        status: 200,
        detail: null,
        correlationId,
      });
      let burstDone = false;
      const refusals: Promise<string>[] = [];
      const fillers: Promise<string>[] = [];
      const refuser = (async () => {
        for (let n = 0; !burstDone; n++) {
          fillers.push(
            log.record([nul(`burst-filler-${n}`)]).then(
              () => 'written',
              () => 'refused',
            ),
          );
          refusals.push(
            log.record([nul(`burst-refused-${n}`)]).then(
              () => 'written',
              () => 'refused',
            ),
          );
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      const answers = await Promise.all(requests);
      burstDone = true;
      await refuser;
      const refusal = [...new Set(await Promise.all(refusals))];
      expect(refusal).toEqual(['refused']);
      expect([...new Set(await Promise.all(fillers))]).toEqual(['written']);
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
      answers.forEach((answer, i) => {
        const expected = i % 4 === 3 ? [404, 422] : [[201, 201, 200][i % 4]];
        expect([i, expected.includes(answer.status)]).toEqual([i, true]);
      });
      expect(await app.eventCount()).toBeGreaterThan(eventsBefore);

      const entries = await entriesByCorrelation();
      // Every request of the burst has exactly one entry, with its outcome.
      for (const [i, answer] of answers.entries()) {
        const mine = entries.get(`burst-${i}`) ?? [];
        expect([i, mine.map((e) => e.status)]).toEqual([i, [answer.status]]);
      }
      // Every stored command has exactly one entry: its success, about its family.
      const commands = await storedCommands(10 + 5 + 25 + 20);
      expect(commands.size).toBe(10 + 5 + 25 + 20);
      for (const [commandId, correlationId] of commands) {
        const mine = entries.get(correlationId) ?? [];
        expect([commandId, mine.map((e) => [e.outcome, e.action.split(' ')[0]])]).toEqual([
          commandId,
          [['success', 'POST']],
        ]);
      }
      expect([...entries.keys()].filter((key) => key.startsWith('burst-refused'))).toEqual([]);
      await log.seal();
      await expect(log.verify()).resolves.toMatchObject({ intact: true });
    });

    it('a command whose audit entry the database refuses is not stored, and others go on', async () => {
      const database = app.app.get<SqlDatabase>(SQL_DATABASE);
      const schema = app.app.get<AppConfig>(APP_CONFIG).store.schema;
      // The database refuses entries of this one actor: as it would refuse any entry it cannot store.
      await database.query(
        `alter table "${schema}".audit_log add constraint refuses_p_refused check (actor_id <> 'p-refused')`,
      );
      try {
        const refusedActor = new ApiClient(app, await app.token('p-refused', ['professional']));
        const before = await app.eventCount();
        const [refused, accepted] = await Promise.all([
          refusedActor.post('/api/families', {
            municipality: 'Groningen',
            members: [{ role: 'youth', displayName: 'R' }],
          }),
          anna.post('/api/families', {
            municipality: 'Groningen',
            members: [{ role: 'youth', displayName: 'A' }],
          }),
        ]);
        expect(accepted.status).toBe(201);
        expect(refused.status).toBe(500);
        expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(refused.body)).not.toContain('familyId');
        // Only the accepted registration's events were stored; the refused one left nothing behind.
        const registered = (await app.store.readStream(`family-${accepted.body.familyId}`)).length;
        expect(await app.eventCount()).toBe(before + registered);
      } finally {
        await database.query(`alter table "${schema}".audit_log drop constraint refuses_p_refused`);
      }
    });
  },
);
