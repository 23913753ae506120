import { DEMO_HOUSEHOLD } from '@samenspoor/simulation';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';

interface DevUser {
  id: string;
  name?: string;
  roles: string[];
  organisation: string;
  families?: number;
}

interface ListedFamily {
  familyId: string;
  status: string;
  members: { displayName: string | null }[];
  network: { professionalId: string; organisation: string | null }[];
}

/**
 * What the sign-in page needs from the API in development mode: the demo users (without reading any family's
 * data, and without writing to the audit log) and `GET /api/me`, on the seeded demo region as `npm start` has it.
 */
describe('development sign-in: demo users and /api/me', () => {
  let app: TestApp;
  let safetyTeam: ApiClient;
  let auditor: ApiClient;
  let families: ListedFamily[];

  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { SEED_DEMO: 'true' } });
    safetyTeam = new ApiClient(app, await app.token('st-check', ['safety-team']));
    auditor = new ApiClient(app, await app.token('a-check', ['auditor']));
    const head = await app.store.headPosition();
    let listed;
    for (let attempt = 0; ; attempt++) {
      listed = await safetyTeam.get(`/api/families?limit=500&minPosition=${head}`);
      if (listed.status === 200 || attempt > 30) break;
    }
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    families = listed.body.items;
  }, 240_000);
  afterAll(() => app.close());

  it('names the busiest professional of each organisation in the current families, and a user for every other role', async () => {
    const answer = await http<{ users: DevUser[] }>(app.base, 'GET', '/api/auth/dev-users');
    expect(answer.status).toBe(200);
    const { users } = answer.body;
    const professionals = users.filter((u) => u.roles.includes('professional'));

    // The same choice made independently from what the safety team sees of the region.
    const counts = new Map<string, { organisation: string; families: number }>();
    for (const family of families.filter((f) => f.status !== 'outflowed')) {
      for (const p of family.network) {
        const known = counts.get(p.professionalId);
        counts.set(p.professionalId, {
          organisation: known?.organisation ?? p.organisation ?? 'onbekend',
          families: (known?.families ?? 0) + 1,
        });
      }
    }
    const busiest = new Map<string, { id: string; families: number }>();
    for (const [id, { organisation, families: n }] of counts) {
      const best = busiest.get(organisation);
      if (!best || n > best.families || (n === best.families && id < best.id))
        busiest.set(organisation, { id, families: n });
    }
    // Each counted with every family of their network, those that flowed out too: "Mijn gezinnen" lists those.
    const allFamilies = (id: string) =>
      families.filter((f) => f.network.some((p) => p.professionalId === id)).length;
    const expected = [...busiest.entries()]
      .sort(([, a], [, b]) => b.families - a.families || (a.id < b.id ? -1 : 1))
      .slice(0, 5)
      .map(([organisation, p]) => ({ id: p.id, organisation, families: allFamilies(p.id) }));
    expect(expected.length).toBe(5);
    expect(
      professionals.map(({ id, organisation, families: n }) => ({ id, organisation, families: n })),
    ).toEqual(expected);
    expect(professionals.every((p) => typeof p.name === 'string')).toBe(true);

    expect(users.filter((u) => !u.roles.includes('professional'))).toEqual([
      expect.objectContaining({ roles: ['safety-team'], name: 'Carla Mulder' }),
      expect.objectContaining({ roles: ['manager'], name: 'Fleur Bakker' }),
      expect.objectContaining({ roles: ['auditor'], name: 'Willem Hoekstra' }),
      // The demo household's members with an account, by the fixed, fictitious ids of its seeder.
      expect.objectContaining({
        roles: ['family'],
        name: 'Marieke Jansen',
        familyId: DEMO_HOUSEHOLD.familyId,
        memberId: DEMO_HOUSEHOLD.parent.memberId,
      }),
      expect.objectContaining({
        roles: ['family'],
        name: 'Jesse Jansen',
        familyId: DEMO_HOUSEHOLD.familyId,
        memberId: DEMO_HOUSEHOLD.youth.memberId,
      }),
    ]);

    // Ids, names of the demo users, roles, organisations and counts: nothing about any other family.
    for (const user of users)
      expect(
        Object.keys(user).every((k) =>
          ['id', 'name', 'roles', 'organisation', 'families']
            .concat(user.roles.includes('family') ? ['familyId', 'memberId'] : [])
            .includes(k),
        ),
      ).toBe(true);
    const text = answer.text;
    for (const family of families.filter((f) => f.familyId !== DEMO_HOUSEHOLD.familyId)) {
      expect(text).not.toContain(family.familyId);
      for (const member of family.members)
        if (member.displayName) expect(text).not.toContain(`"${member.displayName}"`);
    }
  });

  it('writes nothing to the audit log: no token, no look at a family', async () => {
    const before = await auditor.get('/api/audit?limit=1000');
    expect(before.body.nextCursor).toBeNull();
    for (let i = 0; i < 3; i++)
      expect((await http(app.base, 'GET', '/api/auth/dev-users')).status).toBe(200);
    const after = await auditor.get('/api/audit?limit=1000');
    // Only the first read of the log itself was added.
    expect(after.body.items).toHaveLength(before.body.items.length + 1);
    expect(after.body.items[0]).toMatchObject({ action: 'GET /api/audit', actor: 'a-check' });
  });

  it('signs a demo professional in to "Mijn gezinnen" with the families counted for them', async () => {
    const { users } = (await http<{ users: DevUser[] }>(app.base, 'GET', '/api/auth/dev-users'))
      .body;
    const first = users[0]!;
    const issued = await http<{ token: string }>(app.base, 'POST', '/api/auth/dev-token', {
      body: {
        sub: first.id,
        name: first.name,
        roles: first.roles,
        organisation: first.organisation,
      },
    });
    const professional = new ApiClient(app, issued.body.token);
    const own = await professional.get('/api/families?limit=500');
    // The sign-in page counts what "Mijn gezinnen" lists: every family of their network, outflowed ones too.
    expect(own.body.items as ListedFamily[]).toHaveLength(first.families!);
    expect((own.body.items as ListedFamily[]).some((f) => f.status === 'outflowed')).toBe(true);
  });

  it('answers /api/me with the actor as the API reads the token, for each role', async () => {
    const issued = await http<{ token: string }>(app.base, 'POST', '/api/auth/dev-token', {
      body: {
        sub: 'p-anna',
        name: 'Anna de Vries',
        roles: ['professional', 'safety-team'],
        organisation: 'WIJ Groningen',
      },
    });
    const me = await new ApiClient(app, issued.body.token).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: 'p-anna',
      name: 'Anna de Vries',
      roles: ['professional', 'safety-team'],
      organisation: 'WIJ Groningen',
    });
    for (const role of ['professional', 'safety-team', 'manager', 'auditor']) {
      const answer = await new ApiClient(app, await app.token(`u-${role}`, [role])).get('/api/me');
      expect([role, answer.status, answer.body.roles]).toEqual([role, 200, [role]]);
    }
    expect((await http(app.base, 'GET', '/api/me')).status).toBe(401);
  });
});
