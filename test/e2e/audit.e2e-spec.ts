import { Client } from 'pg';

import { describeWithPostgres, nestBuild, postgresUrl, runTool } from '@samenspoor/testing';

import type { components } from '../../apps/web/src/api-types';
import { ApiClient, describeOnEachStore, useSchemaApp, useTestApp } from '../support/app';

type AuditItem = components['schemas']['AuditItem'];

describeOnEachStore('the audit log (NEN 7513) over HTTP', (kind) => {
  const app = useTestApp(kind);
  const anna = app.as('p-anna', ['professional'], 'WIJ Groningen');
  const safetyTeam = app.as('st-carla', ['safety-team'], 'RVT Groningen');
  const auditor = app.as('a-dirk', ['auditor'], 'Privacy Office');
  let familyId: string;

  async function accessLog(id: string): Promise<AuditItem[]> {
    const answer = await auditor.get(`/api/families/${id}/access-log`);
    expect(answer.status).toBe(200);
    expect(answer.body.familyId).toBe(id);
    return answer.body.items as AuditItem[];
  }

  it("records commands, reads and refusals of a family, and answers the family's question who looked", async () => {
    const registered = await anna.post(
      '/api/families',
      { municipality: 'Groningen', members: [{ role: 'youth', displayName: 'Sanne' }] },
      { 'X-Correlation-Id': 'corr-registration' },
    );
    expect(registered.status).toBe(201);
    familyId = registered.body.familyId;
    const path = `/api/families/${familyId}`;
    expect((await anna.get(path)).status).toBe(200);
    const refused = await anna.post(`${path}/analyses`);
    expect(refused.body.rule).toBe('no-signal');
    expect((await anna.post(`${path}/progress-notes`, { workstream: 'nonsense' })).status).toBe(
      400,
    );
    expect(
      (await safetyTeam.get(`${path}/timeline?minPosition=${registered.body.position}`)).status,
    ).toBe(200);
    const outsider = new ApiClient(app, await app.token('p-eva', ['professional'], 'GGD'));
    expect((await outsider.get(path)).status).toBe(403);

    const items = await accessLog(familyId);
    const seen = items
      .map((e) => [e.actor, e.role, e.organisation, e.action, e.outcome, e.status, e.detail])
      .reverse();
    expect(seen).toEqual([
      ['p-anna', 'professional', 'WIJ Groningen', 'POST /api/families', 'success', 201, null],
      [
        'p-anna',
        'professional',
        'WIJ Groningen',
        'GET /api/families/:familyId',
        'success',
        200,
        null,
      ],
      [
        'p-anna',
        'professional',
        'WIJ Groningen',
        'POST /api/families/:familyId/analyses',
        'refused',
        422,
        'no-signal',
      ],
      [
        'p-anna',
        'professional',
        'WIJ Groningen',
        'POST /api/families/:familyId/progress-notes',
        'invalid',
        400,
        null,
      ],
      [
        'st-carla',
        'safety-team',
        'RVT Groningen',
        'GET /api/families/:familyId/timeline',
        'success',
        200,
        null,
      ],
      [
        'p-eva',
        'professional',
        'GGD',
        'GET /api/families/:familyId',
        'denied',
        403,
        'not-in-network',
      ],
    ]);
    expect(items.at(-1)!.correlationId).toBe('corr-registration');
    // Entries hold ids, never the family's names.
    expect(JSON.stringify(items)).not.toContain('Sanne');

    // Reading the log is itself logged, on the family's own log.
    const again = await accessLog(familyId);
    expect(again[0]).toMatchObject({
      actor: 'a-dirk',
      role: 'auditor',
      action: 'GET /api/families/:familyId/access-log',
      outcome: 'success',
    });
  });

  it('records every family a list showed, as a look at each of them', async () => {
    const second = await anna.post('/api/families', {
      municipality: 'Veendam',
      members: [{ role: 'youth', displayName: 'Daan' }],
    });
    const list = await safetyTeam.get(`/api/families?minPosition=${second.body.position}`);
    expect(list.body.items).toHaveLength(2);
    for (const id of [familyId, second.body.familyId as string]) {
      expect((await accessLog(id)).map((e) => [e.actor, e.action, e.detail])).toContainEqual([
        'st-carla',
        'GET /api/families',
        'listed',
      ]);
    }
  });

  it('answers auditors by family, actor and period, newest first, a page at a time', async () => {
    const byActor = await auditor.get('/api/audit?actor=st-carla');
    expect(byActor.status).toBe(200);
    const items = byActor.body.items as AuditItem[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((e) => e.actor))).toEqual(new Set(['st-carla']));
    expect(items.map((e) => e.seq)).toEqual([...items.map((e) => e.seq)].sort((a, b) => b - a));

    const first = await auditor.get('/api/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await auditor.get(`/api/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].seq).toBe(first.body.items[1].seq - 1);

    const future = await auditor.get('/api/audit?from=2100-01-01T00:00:00Z');
    expect(future.body).toEqual({ items: [], nextCursor: null });
    const byFamily = await auditor.get(`/api/audit?familyId=${familyId}`);
    expect(new Set((byFamily.body.items as AuditItem[]).map((e) => e.familyId))).toEqual(
      new Set([familyId]),
    );
    expect((await auditor.get('/api/audit?familyId=not-a-uuid')).status).toBe(400);
    expect((await auditor.get('/api/audit?cursor=abc')).status).toBe(400);
  });

  it('filters by outcome: allowed, refusals only, or one outcome', async () => {
    const all = (await auditor.get('/api/audit?limit=1000')).body.items as AuditItem[];
    const outcomes = async (outcome: string) => {
      const answer = await auditor.get(`/api/audit?limit=1000&outcome=${outcome}`);
      expect(answer.status).toBe(200);
      return (answer.body.items as AuditItem[]).map((e) => e.seq);
    };
    // Given a log with successes, a refusal by a rule, invalid input and a denial (the first test);
    // then each filter answers exactly the entries of the log (as it was) with that outcome.
    const seqs = (keep: (e: AuditItem) => boolean) => all.filter(keep).map((e) => e.seq);
    const within = (found: number[]) => found.filter((seq) => seq <= all[0]!.seq);
    expect(within(await outcomes('refusals'))).toEqual(seqs((e) => e.outcome !== 'success'));
    expect(seqs((e) => e.outcome !== 'success').length).toBeGreaterThanOrEqual(3);
    expect(within(await outcomes('allowed'))).toEqual(seqs((e) => e.outcome === 'success'));
    expect(within(await outcomes('denied'))).toEqual(seqs((e) => e.outcome === 'denied'));
    expect(await outcomes('denied')).not.toHaveLength(0);

    for (const bad of ['nonsense', 'success&outcome=denied', "allowed'--"])
      expect((await auditor.get(`/api/audit?outcome=${bad}`)).status).toBe(400);
    // The filters go with the others: one actor's refusals only.
    const evas = (await auditor.get('/api/audit?actor=p-eva&outcome=refusals')).body.items;
    expect(evas.map((e: AuditItem) => [e.actor, e.outcome])).toEqual([['p-eva', 'denied']]);
  });

  it('sorts by actor, action or outcome either way, and pages through the sorted log without gaps', async () => {
    for (const sort of ['actor', 'action', 'outcome'] as const) {
      const field = sort;
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await auditor.get(
          `/api/audit?sort=${sort}&direction=${direction}&limit=1000`,
        );
        expect(whole.status).toBe(200);
        const items = whole.body.items as AuditItem[];
        const sign = direction === 'asc' ? 1 : -1;
        const expected = [...items].sort(
          (a, b) => sign * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.seq - b.seq),
        );
        expect(items.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
        expect(new Set(items.map((e) => e[field])).size).toBeGreaterThan(1);

        // Pages of 3 give the same order (the log grows meanwhile: each read is logged, with a later seq).
        const paged: number[] = [];
        let cursor: string | null = null;
        do {
          const path: string = `/api/audit?sort=${sort}&direction=${direction}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await auditor.get(path);
          expect(page.status).toBe(200);
          paged.push(...(page.body.items as AuditItem[]).map((e) => e.seq));
          cursor = page.body.nextCursor as string | null;
        } while (cursor);
        const before = items.map((e) => e.seq);
        expect(paged.filter((seq) => before.includes(seq))).toEqual(before);
        expect(new Set(paged).size).toBe(paged.length);
      }
    }
    // Oldest first by time, and a family's access log sorts and filters the same way.
    const oldest = (await auditor.get('/api/audit?direction=asc&limit=5')).body.items;
    expect(oldest.map((e: AuditItem) => e.seq)).toEqual(
      [...oldest.map((e: AuditItem) => e.seq)].sort((a, b) => a - b),
    );
    const refusals = await auditor.get(
      `/api/families/${familyId}/access-log?outcome=refusals&sort=outcome&direction=asc`,
    );
    expect(refusals.body.items.map((e: AuditItem) => e.outcome)).toEqual([
      'denied',
      'invalid',
      'refused',
    ]);
    for (const bad of ['sort=familyId', 'sort=seq;drop', 'direction=up', 'sort=actor&sort=at'])
      expect((await auditor.get(`/api/audit?${bad}`)).status).toBe(400);
  });

  it('records the reads of figures too, by managers with no family', async () => {
    const manager = new ApiClient(app, await app.token('m-1', ['manager'], 'Gemeente Groningen'));
    expect((await manager.get('/api/projections/waiting-list')).status).toBe(200);
    const items = (await auditor.get('/api/audit?actor=m-1')).body.items as AuditItem[];
    expect(items.map((e) => [e.action, e.familyId, e.outcome])).toEqual([
      ['GET /api/projections/waiting-list', null, 'success'],
    ]);
  });
});

describeWithPostgres('npm run audit:verify', () => {
  beforeAll(() => nestBuild('tools'));
  const { app, schema, env } = useSchemaApp('e2e_audit');
  const verify = () => runTool(env, ['audit:verify']);

  it('finds the chain intact, then detects an entry altered directly in the database', async () => {
    const anna = new ApiClient(app, await app.token('p-anna', ['professional']));
    const registered = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'K' }],
    });
    for (let i = 0; i < 5; i++) await anna.get(`/api/families/${registered.body.familyId}`);

    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/audit log intact: 6 entries .*; last hash [0-9a-f]{64}/);

    const client = new Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      // Someone with rights on the table hides a look: switch the append-only trigger off and rewrite.
      await client.query(`alter table "${schema}".audit_log disable trigger user`);
      await client.query(
        `update "${schema}".audit_log set actor_id = 'someone-else' where seq = 4`,
      );
      await client.query(`alter table "${schema}".audit_log enable trigger user`);
    } finally {
      await client.end();
    }
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(
      'audit log BROKEN at entry 4: its fields do not match its hash: it was altered (3 entries before it are intact)',
    );
  });
});
