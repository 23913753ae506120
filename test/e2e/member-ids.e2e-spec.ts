import { randomUUID } from 'node:crypto';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';

/** Issue 11, item 7: a member id names one person in the region, so no two families share one. */
describeOnEachStore('a member id belongs to one family', (kind) => {
  let app: TestApp;
  let professional: ApiClient;

  beforeAll(async () => {
    app = await startTestApp(kind);
    professional = new ApiClient(app, await app.token('p-mid', ['professional']));
  });
  afterAll(() => app.close());

  function register(memberIds: string[], key = randomUUID()) {
    return professional.post(
      '/api/families',
      {
        municipality: 'Groningen',
        members: memberIds.map((memberId, i) => ({
          memberId,
          role: i === 0 ? 'youth' : 'parent',
          displayName: `Lid ${i}`,
        })),
      },
      { 'Idempotency-Key': key },
    );
  }

  async function refusalsAudited(): Promise<number> {
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const schema = app.app.get<AppConfig>(APP_CONFIG).store.schema;
    const [row] = await database.query<{ n: number }>(
      `select count(*)::int as n from "${schema}".audit_log
       where status = 422 and detail = 'member-id-taken'`,
    );
    return row?.n ?? 0;
  }

  it('refuses a registration with a member id of another family: 422 naming the field, nothing appended, audited', async () => {
    const shared = randomUUID();
    expect((await register([shared])).status).toBe(201);
    const audited = await refusalsAudited();
    const before = await app.eventCount();

    const refused = await register([randomUUID(), shared]);

    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.rule).toBe('member-id-taken');
    expect(refused.body.errors).toEqual([
      { field: 'members[1].memberId', message: 'belongs to another family' },
    ]);
    expect(await app.eventCount()).toBe(before);
    expect(await refusalsAudited()).toBe(audited + 1);
  });

  it('refuses adding a member whose id another family holds', async () => {
    const shared = randomUUID();
    expect((await register([shared])).status).toBe(201);
    const other = await register([randomUUID()]);
    expect(other.status).toBe(201);
    const before = await app.eventCount();

    const refused = await professional.post(`/api/families/${other.body.familyId}/members`, {
      memberId: shared,
      role: 'sibling',
      displayName: 'Broer',
    });

    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('member-id-taken');
    expect(refused.body.errors).toEqual([
      { field: 'memberId', message: 'belongs to another family' },
    ]);
    expect(await app.eventCount()).toBe(before);
    // A member id that nobody holds is still accepted, so the refusal above was about the id.
    const fresh = await professional.post(`/api/families/${other.body.familyId}/members`, {
      memberId: randomUUID(),
      role: 'sibling',
      displayName: 'Zus',
    });
    expect(fresh.status).toBe(201);
  });

  it('answers a repeat of the same registration (same Idempotency-Key) as the first time', async () => {
    const key = randomUUID();
    const memberId = randomUUID();
    const first = await register([memberId], key);
    expect(first.status).toBe(201);
    const repeat = await register([memberId], key);
    expect(repeat.status).toBe(201);
    expect(repeat.body.familyId).toBe(first.body.familyId);
  });

  it('lets exactly one of concurrent registrations with the same member id through', async () => {
    const shared = randomUUID();
    const before = await app.eventCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => register([shared])));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422, 422]);
    // One registration: its FamilyRegistered and the registrar joining the network.
    expect(await app.eventCount()).toBe(before + 2);
  });

  it('counts the member ids of families registered before the registry existed', async () => {
    const earlier = randomUUID();
    expect((await register([earlier])).status).toBe(201);
    // Back to a database without the registry: as it was before this version.
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const schema = `"${app.app.get<AppConfig>(APP_CONFIG).store.schema}"`;
    await database.query(`drop table ${schema}.member_ids`);
    await database.query(`delete from ${schema}.schema_migrations where component = 'member-ids'`);
    await app.restart();
    professional = new ApiClient(app, await app.token('p-mid', ['professional']));

    const refused = await register([earlier]);

    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('member-id-taken');
  });
});

describeOnEachStore('the demo region claims its member ids', (kind) => {
  let app: TestApp;
  afterAll(() => app.close());

  it('refuses a registration with the member id of a seeded family', async () => {
    app = await startTestApp(kind, { env: { SEED_DEMO: 'true' } });
    const professional = new ApiClient(app, await app.token('p-seeded', ['professional']));
    const { events } = await app.store.readAll({ limit: 50 });
    const registration = events.find((event) => event.type === 'FamilyRegistered');
    const members = registration?.data.members as { memberId: string }[] | undefined;
    const seeded = members?.[0]?.memberId;
    expect(typeof seeded).toBe('string');

    const refused = await professional.post('/api/families', {
      municipality: 'Groningen',
      members: [{ memberId: seeded, role: 'youth', displayName: 'Dubbel' }],
    });

    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('member-id-taken');
  });
});
