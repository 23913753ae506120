import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';

/** A development token with the claims a first sign-in makes the directory entry from. */
async function signIn(
  app: TestApp,
  claims: { sub: string; roles: string[]; name?: string; email?: string; organisation?: string },
): Promise<ApiClient> {
  const answer = await http<{ token: string }>(app.base, 'POST', '/api/auth/dev-token', {
    body: claims,
  });
  expect(answer.status).toBe(200);
  return new ApiClient(app, answer.body.token);
}

describeOnEachStore('the directory of professionals and providers', (kind) => {
  let app: TestApp;
  let anna: ApiClient;
  let zoe: ApiClient;
  let manager: ApiClient;
  let auditor: ApiClient;
  let lastPosition: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    anna = await signIn(app, {
      sub: 'p-anna',
      roles: ['professional'],
      name: 'Anna de Vries',
      email: 'anna@wij.example',
      organisation: 'WIJ Groningen',
    });
    zoe = await signIn(app, {
      sub: 'p-zoe',
      roles: ['professional'],
      name: 'Zoë Özdemir',
      organisation: 'Accare',
    });
    manager = await signIn(app, { sub: 'm-1', roles: ['manager'], organisation: 'Gemeente' });
    auditor = await signIn(app, { sub: 'a-1', roles: ['auditor'], organisation: 'Privacy' });
  });
  afterAll(() => app.close());

  it('given a first sign-in, when a colleague searches a name word, then the entry made from the token is found', async () => {
    expect((await zoe.get('/api/me')).status).toBe(200); // Zoë signs in
    expect((await anna.get('/api/me')).status).toBe(200);
    const found = await anna.get('/api/directory/professionals?q=OZD');
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      { professionalId: 'p-zoe', name: 'Zoë Özdemir', organisation: 'Accare', discipline: null },
    ]);
    const both = await auditor.get('/api/directory/professionals?organisation=wij%20groningen');
    expect(both.body.items).toEqual([
      {
        professionalId: 'p-anna',
        name: 'Anna de Vries',
        organisation: 'WIJ Groningen',
        discipline: null,
        email: 'anna@wij.example',
      },
    ]);
  });

  it('lets a professional keep their own entry, answering a position that later reads accept', async () => {
    const written = await anna.put('/api/directory/professionals/me', {
      name: 'Anna de Vries-Bakker',
      organisation: 'WIJ Groningen',
      discipline: 'jeugd- en gezinswerker',
      email: 'anna.bakker@wij.example',
      phone: '050 123 45 67',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      professionalId: 'p-anna',
      name: 'Anna de Vries-Bakker',
      phone: '050 123 45 67',
      position: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const read = await zoe.get(
      `/api/directory/professionals?q=bakker&minPosition=${written.body.position}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.items.map((p: { professionalId: string }) => p.professionalId)).toEqual([
      'p-anna',
    ]);
    const mine = await anna.get('/api/directory/professionals/me');
    expect(mine.body).toMatchObject({
      professionalId: 'p-anna',
      name: 'Anna de Vries-Bakker',
      listed: true,
    });
    // A token without a name makes no entry: the answer is a draft from the token, not in the directory.
    const nameless = await signIn(app, {
      sub: 'p-nameless',
      roles: ['professional'],
      organisation: 'Lentis',
    });
    expect((await nameless.get('/api/directory/professionals/me')).body).toEqual({
      professionalId: 'p-nameless',
      name: '',
      organisation: 'Lentis',
      discipline: null,
      listed: false,
    });
    expect(
      (await nameless.get('/api/directory/professionals?organisation=lentis')).body.items,
    ).toEqual([]);
    // A later sign-in does not overwrite the professional's own edits.
    await (
      await signIn(app, { sub: 'p-anna', roles: ['professional'], name: 'Old', organisation: 'X' })
    ).get('/api/me');
    expect((await zoe.get('/api/directory/professionals?q=bakker')).body.items).toHaveLength(1);
  });

  it('refuses an entry that is not valid with a 400 naming each field', async () => {
    const bad = await anna.put('/api/directory/professionals/me', {
      name: '',
      organisation: 'x'.repeat(201),
      email: 'not-an-address',
      phone: 'call me',
      discipline: 'a\u0000b',
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['discipline']));
    const valid = await anna.put('/api/directory/professionals/me', {
      name: '',
      organisation: 'x'.repeat(201),
      email: 'not-an-address',
      phone: 'call me',
    });
    expect(valid.status).toBe(400);
    expect((valid.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'email',
      'name',
      'organisation',
      'phone',
    ]);
  });

  it('registers providers once (manager): 409 for a repeated AGB code or id, 400 for a bad AGB code', async () => {
    const registered = await manager.post('/api/directory/providers', {
      agbCode: '98000123',
      name: 'Accare Kinder- en Jeugdpsychiatrie',
      providerId: 'accare',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ providerId: 'accare', position: expect.any(String) });
    const generated = await manager.post('/api/directory/providers', {
      agbCode: '98000456',
      name: 'Elker',
    });
    expect(generated.body.providerId).toBe('agb-98000456');
    const again = await manager.post('/api/directory/providers', {
      agbCode: '98000123',
      name: 'X',
    });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'agbCode', message: expect.any(String) }]);
    const sameId = await manager.post('/api/directory/providers', {
      agbCode: '98000999',
      name: 'X',
      providerId: 'accare',
    });
    expect(sameId.status).toBe(409);
    expect(sameId.body.errors).toEqual([{ field: 'providerId', message: expect.any(String) }]);
    const bad = await manager.post('/api/directory/providers', { agbCode: '1234567', name: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['agbCode']);
    expect(
      (await anna.post('/api/directory/providers', { agbCode: '98000777', name: 'X' })).status,
    ).toBe(403);

    const found = await anna.get('/api/directory/providers?q=jeugd');
    expect(found.body.items).toEqual([
      {
        providerId: 'accare',
        agbCode: '98000123',
        name: 'Accare Kinder- en Jeugdpsychiatrie',
        careForms: [],
      },
    ]);
  });

  it('names people and providers where ids were shown: network, case director, timeline, trajectories, audit, access log', async () => {
    const registered = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Kind' }],
    });
    expect(registered.status).toBe(201);
    const familyId = registered.body.familyId as string;
    const path = `/api/families/${familyId}`;
    expect(
      (await anna.post(`${path}/network`, { professionalId: 'p-zoe', organisation: 'Accare' }))
        .status,
    ).toBe(201);
    expect((await anna.put(`${path}/case-director`, { professionalId: 'p-anna' })).status).toBe(
      200,
    );
    const signal = await anna.post(`${path}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
    });
    expect(signal.status).toBe(201);
    const { analysisId } = (await anna.post(`${path}/analyses`)).body;
    await anna.post(`${path}/analyses/${analysisId}/complete`, { safetyLevel: 'safe' });
    expect(
      (await anna.post(`${path}/plans`, { analysisId, goals: [{ description: 'x' }] })).status,
    ).toBe(201);
    const care = await anna.post(`${path}/trajectories`, {
      careForm: 'trauma-treatment',
      providerId: 'accare',
    });
    expect(care.status).toBe(201);
    const free = await anna.post(`${path}/trajectories`, {
      careForm: 'trauma-treatment',
      providerId: 'vnn',
    });
    expect(free.status).toBe(201);

    const family = await zoe.get(path);
    expect(family.status).toBe(200);
    expect(family.body.caseDirector).toMatchObject({
      professionalId: 'p-anna',
      name: 'Anna de Vries-Bakker',
      phone: '050 123 45 67',
    });
    expect(family.body.network).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ professionalId: 'p-zoe', name: 'Zoë Özdemir' }),
        expect.objectContaining({ professionalId: 'p-anna', name: 'Anna de Vries-Bakker' }),
      ]),
    );
    const trajectories = family.body.trajectories as {
      providerId: string;
      providerName?: string;
    }[];
    expect(trajectories.find((t) => t.providerId === 'accare')?.providerName).toBe(
      'Accare Kinder- en Jeugdpsychiatrie',
    );
    expect(trajectories.find((t) => t.providerId === 'vnn')).not.toHaveProperty('providerName');

    lastPosition = free.body.position as string;
    const last = lastPosition;
    const timeline = await zoe.get(`${path}/timeline?minPosition=${last}`);
    expect(timeline.body.entries[0].actor).toMatchObject({
      id: 'p-anna',
      name: 'Anna de Vries-Bakker',
    });

    const audit = await auditor.get(`/api/audit?actor=p-zoe&limit=5`);
    expect(audit.body.items[0]).toMatchObject({ actor: 'p-zoe', actorName: 'Zoë Özdemir' });
    const accessLog = await auditor.get(`${path}/access-log?limit=5`);
    expect(
      accessLog.body.items.every((e: { actorName?: string }) => typeof e.actorName === 'string'),
    ).toBe(true);
  });

  it('lists provider ids in use that the directory lacks, with how often, for a manager only', async () => {
    const unlisted = await manager.get(
      `/api/directory/providers?unlisted=true&minPosition=${lastPosition}`,
    );
    expect(unlisted.status).toBe(200);
    expect(unlisted.body.unlisted).toEqual(
      expect.arrayContaining([{ providerId: 'vnn', uses: expect.any(Number) }]),
    );
    expect(unlisted.body.unlisted.map((u: { providerId: string }) => u.providerId)).not.toContain(
      'accare',
    );
    const refused = await anna.get('/api/directory/providers?unlisted=true');
    expect(refused.status).toBe(403);
    const audit = await auditor.get('/api/audit?actor=p-anna&limit=20');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'GET /api/directory/providers',
          status: 403,
          outcome: 'denied',
        }),
      ]),
    );
  });
});

describe('the providers of REGION_CONFIG', () => {
  it('are directory entries from the start, with their AGB codes, and the region answer lists them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'samenspoor-region-'));
    const file = join(folder, 'region.json');
    const providers = [
      { providerId: 'elker', agbCode: '98000102', name: 'Elker', careForms: ['foster-care'] },
    ];
    writeFileSync(file, JSON.stringify({ providers }));
    const app = await startTestApp('pglite', { env: { REGION_CONFIG: file } });
    try {
      const manager = await signIn(app, { sub: 'm-1', roles: ['manager'] });
      expect((await manager.get('/api/directory/providers')).body.items).toEqual(providers);
      expect((await manager.get('/api/region')).body.providers).toEqual(providers);
      await app.restart();
      expect((await manager.get('/api/directory/providers')).body.items).toEqual(providers);
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
