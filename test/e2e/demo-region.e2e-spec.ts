import { describeWithPostgres } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { familyToken, http } from '../support/http';

interface DevUser {
  id: string;
  name?: string;
  roles: string[];
}

/** The demo region shows people by name: its professionals are directory entries with fictitious contacts. */
describeWithPostgres('the demo region', () => {
  let app: TestApp;
  let users: DevUser[] = [];

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: { SEED_DEMO: 'true' } });
    // Seeded at start-up; its professionals show once the read models caught up.
    for (let tries = 0; !users.some((u) => u.roles.includes('professional')); tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      expect(tries).toBeLessThan(240);
      users = (await http<{ users: DevUser[] }>(app.base, 'GET', '/api/auth/dev-users')).body.users;
    }
  }, 180_000);
  afterAll(() => app?.close());

  it('offers its professionals by name on the sign-in page', () => {
    const professionals = users.filter((u) => u.roles.includes('professional'));
    expect(professionals.length).toBeGreaterThan(0);
    for (const professional of professionals) expect(professional.name).toMatch(/^\S+ .+/);
  });

  it('names every member of a family network, with work contact details', async () => {
    const first = users.find((u) => u.roles.includes('professional'))!;
    const professional = new ApiClient(app, await app.token(first.id, ['professional']));
    const list = await professional.get<{ items: { familyId: string }[] }>('/api/families');
    const family = await professional.get<{
      network: { professionalId: string; name?: string; email?: string; phone?: string }[];
    }>(`/api/families/${list.body.items[0]!.familyId}`);
    expect(family.body.network.length).toBeGreaterThan(0);
    for (const member of family.body.network) {
      expect(member.name).toMatch(/^\S+ .+/);
      expect(member.email).toMatch(/@[a-z0-9-]+\.example\.org$/);
      expect(member.phone).toMatch(/^050 \d{3} \d{2} \d{2}$/);
    }
  });

  it('gives the demo professional work on "Mijn werk": items of several kinds, some overdue', async () => {
    const first = users.find((u) => u.roles.includes('professional'))!;
    const professional = new ApiClient(app, await app.token(first.id, ['professional']));
    const head = await app.store.headPosition();
    let work;
    for (let tries = 0; ; tries++) {
      work = await professional.get<{
        items: { kind: string; overdue: boolean }[];
        counts: { due: number; overdue: number };
      }>(`/api/my-work?minPosition=${head}`);
      if (work.status !== 503 || tries > 30) break;
    }
    expect(work.status).toBe(200);
    const kinds = new Set(work.body.items.map((item) => item.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    expect(work.body.counts.overdue).toBeGreaterThan(0);
    expect(work.body.counts.due).toBe(work.body.items.length);
  });

  it("offers the demo household's members, who sign in to their own view", async () => {
    const members = users.filter((u) => u.roles.includes('family')) as (DevUser & {
      familyId: string;
      memberId: string;
    })[];
    expect(members.map((m) => m.name)).toEqual(['Marieke Jansen', 'Jesse Jansen']);
    const mother = new ApiClient(app, await familyToken(app.base, members[0]!.id, members[0]!));
    const record = await mother.get('/api/my-family');
    expect(record.status).toBe(200);
    expect(record.body.caseDirector).toMatchObject({
      name: 'Sanne Visser',
      organisation: 'WIJ Groningen',
    });
    // Her son of 14, over whom she holds authority: his care and goals.
    expect(record.body.trajectories).toEqual([
      expect.objectContaining({ careForm: 'mental-health-treatment', provider: 'Accare' }),
    ]);
    expect(record.body.plan.goals).toHaveLength(3);
  });
});
