import { randomUUID } from 'node:crypto';

import { event } from '@samenspoor/domain/testing';
import { BlindIndex } from '@samenspoor/search';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { SEARCH_LIMIT } from '../../apps/api/src/search/family-search.controller';
import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';
import { describeWithPostgres } from '../support/postgres';
import { keepDirectoryEntry } from '../support/route';

const BSN_SANNE = '230000009';
const BSN_LOTTE = '230000010';
const BSN_NEW = '230000022';
const BSN_PROBE = ['230000034', '230000046', '230000058'];
const BSN_RACE = '230000071';

interface AuditItem {
  actor: string;
  action: string;
  familyId: string | null;
  outcome: string;
  status: number;
  detail: string | null;
}

/**
 * Region-wide search through the blind index, and the Verwijsindex match on registration, over HTTP: each role
 * finds what it may see, the search text is refused at the boundary when it cannot be searched, every search and
 * every match is audited, a professional who matches at an unusual rate is stopped, and after erasure neither a
 * name nor the BSN finds the family.
 */
describeOnEachStore('family search and the match on registration', (kind) => {
  let app: TestApp;
  let anna: ApiClient; // registers Sanne's family, its case director
  let bram: ApiClient; // registers Lotte's family
  let carla: ApiClient; // another professional, runs into the matches
  let safetyTeam: ApiClient;
  let auditor: ApiClient;
  let manager: ApiClient;
  let sanneFamily: string;
  let lotteFamily: string;
  let position: string;

  const database = () => app.app.get<SqlDatabase>(SQL_DATABASE);
  const schema = () => app.app.get<AppConfig>(APP_CONFIG).store.schema;

  async function search(client: ApiClient, q: unknown) {
    return client.post(`/api/families/search?minPosition=${position}`, { q });
  }
  const ids = (answer: { body: { items: { familyId: string }[] } }) =>
    answer.body.items.map((item) => item.familyId).sort();

  beforeAll(async () => {
    app = await startTestApp(kind, { env: { MATCH_RATE_LIMIT: '4' } });
    anna = new ApiClient(app, await app.token('p-anna', ['professional'], 'WIJ Groningen'));
    bram = new ApiClient(app, await app.token('p-bram', ['professional'], 'Accare'));
    carla = new ApiClient(app, await app.token('p-carla', ['professional'], 'Elker'));
    safetyTeam = new ApiClient(app, await app.token('st-1', ['safety-team']));
    auditor = new ApiClient(app, await app.token('a-1', ['auditor']));
    manager = new ApiClient(app, await app.token('m-1', ['manager']));
    // Anna keeps her entry in the directory: the match names her by it.
    await keepDirectoryEntry(anna, {
      name: 'Anna Wierenga',
      organisation: 'WIJ Groningen',
      phone: '050 367 11 22',
    });

    const sanne = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [
        { role: 'youth', displayName: 'Sanne Ëlzinga-Bakker', birthYear: 2012, bsn: BSN_SANNE },
        { role: 'parent', displayName: 'Petra Bakker', birthYear: 1984 },
      ],
    });
    expect(sanne.status).toBe(201);
    sanneFamily = sanne.body.familyId;
    const director = await anna.put(`/api/families/${sanneFamily}/case-director`, {
      professionalId: 'p-anna',
    });
    expect(director.status).toBe(200);
    const lotte = await bram.post('/api/families', {
      municipality: 'Oldambt',
      members: [{ role: 'youth', displayName: 'Lotte de Vries', birthYear: 2014 }],
    });
    expect(lotte.status).toBe(201);
    lotteFamily = lotte.body.familyId;
    const member = await bram.post(`/api/families/${lotteFamily}/members`, {
      role: 'sibling',
      displayName: 'Sanne de Vries',
      birthYear: 2012,
      bsn: BSN_LOTTE,
    });
    expect(member.status).toBe(201);
    position = member.body.position;
  });
  afterAll(() => app.close());

  describe('given two families with a member called Sanne', () => {
    it('finds for a professional only the families of their own network', async () => {
      expect(ids(await search(anna, 'sanne'))).toEqual([sanneFamily]);
      expect(ids(await search(bram, 'sanne'))).toEqual([lotteFamily]);
      expect((await search(carla, 'sanne')).body.items).toEqual([]);
    });

    it('finds for the safety team the whole region, by any name word prefix, case and diacritics ignored', async () => {
      expect(ids(await search(safetyTeam, 'sanne'))).toEqual([sanneFamily, lotteFamily].sort());
      expect(ids(await search(safetyTeam, 'ELZIN'))).toEqual([sanneFamily]);
      expect(ids(await search(safetyTeam, 'Ëlzinga bakker'))).toEqual([sanneFamily]);
      expect(ids(await search(safetyTeam, 'san vri'))).toEqual([lotteFamily]);
      // Words are matched on one member: Sanne and Bakker are not the same person in Lotte's family.
      expect(ids(await search(safetyTeam, 'lotte bakker'))).toEqual([]);
    });

    it('narrows a name by birth year, and finds a whole BSN', async () => {
      expect(ids(await search(safetyTeam, 'sanne 2012'))).toEqual(
        [sanneFamily, lotteFamily].sort(),
      );
      expect(ids(await search(safetyTeam, 'lotte 2014'))).toEqual([lotteFamily]);
      expect(ids(await search(safetyTeam, 'lotte 2012'))).toEqual([]);
      expect(ids(await search(safetyTeam, BSN_SANNE))).toEqual([sanneFamily]);
      expect(ids(await search(safetyTeam, BSN_LOTTE))).toEqual([lotteFamily]);
    });

    it('finds the newest families the family list holds, however many newer ones it has not caught up with', async () => {
      // Families registered a moment ago are in the index (written with their events) before the family list has
      // them: they cannot be shown yet, and must not take the places of the families that can.
      const index = app.app.get(BlindIndex);
      const unlisted = Array.from({ length: SEARCH_LIMIT + 5 }, () => randomUUID());
      for (const familyId of unlisted)
        await index.writeIn(undefined, familyId, [
          event.familyRegistered({
            familyId,
            members: [
              {
                memberId: randomUUID(),
                role: 'youth',
                displayName: 'Sanne Lotte',
                birthYear: 2012,
              },
            ],
          }),
        ]);
      try {
        for (const [client, q, found] of [
          [safetyTeam, 'sanne', [sanneFamily, lotteFamily]],
          [safetyTeam, 'sanne 2012', [sanneFamily, lotteFamily]],
          [safetyTeam, 'lotte', [lotteFamily]],
          [auditor, 'sanne', [sanneFamily, lotteFamily]],
          [anna, 'sanne', [sanneFamily]],
        ] as const)
          expect([q, ids(await search(client, q))]).toEqual([q, [...found].sort()]);
      } finally {
        for (const familyId of unlisted) await index.forget(database(), familyId);
      }
    });

    it('gives the auditor the minimal identity of each family, nothing more', async () => {
      const answer = await search(auditor, 'sanne 2012');
      expect(answer.status).toBe(200);
      const sanne = answer.body.items.find(
        (item: { familyId: string }) => item.familyId === sanneFamily,
      );
      expect(sanne).toEqual({
        familyId: sanneFamily,
        municipality: 'Groningen',
        registeredAt: expect.any(String),
        status: 'registered',
        members: [
          { role: 'youth', displayName: 'Sanne Ëlzinga-Bakker', birthYear: 2012 },
          { role: 'parent', displayName: 'Petra Bakker', birthYear: 1984 },
        ],
      });
    });

    it('refuses the manager, and audits every search without its text', async () => {
      const refused = await search(manager, 'sanne');
      expect(refused.status).toBe(403);
      const audit = await auditor.get('/api/audit?limit=1000');
      const entries = (audit.body.items as AuditItem[]).filter(
        (e) => e.action === 'POST /api/families/search',
      );
      expect(entries.some((e) => e.actor === 'm-1' && e.outcome === 'denied')).toBe(true);
      // Each family shown has an entry of its own, so that its access log answers who found it.
      expect(entries.some((e) => e.actor === 'p-anna' && e.familyId === sanneFamily)).toBe(true);
      expect(JSON.stringify(audit.body).toLowerCase()).not.toMatch(/sanne|elzin|bakker|230000/);
    });
  });

  it('refuses a search text that cannot be searched with a 400 naming q, never a 5xx', async () => {
    const cases: unknown[] = [
      undefined,
      '',
      'sa',
      'jo de',
      '2012',
      'sanne 2012 2013',
      '230000001',
      `${BSN_SANNE} sanne`,
      'x'.repeat(201),
      42,
      ['sanne'],
      'a b c d e f',
      'sanne 12',
    ];
    for (const q of cases) {
      const answer = await safetyTeam.post('/api/families/search', q === undefined ? {} : { q });
      expect([q, answer.status]).toEqual([q, 400]);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain('q');
    }
    // A short word beside a searchable one ("Sanne de Vries") is left out, not refused.
    expect((await safetyTeam.post('/api/families/search', { q: 'sanne jo' })).status).toBe(200);
  });

  describe('the match on registration', () => {
    it('answers 409 already-known for a BSN already known, naming the case director and nothing of the family', async () => {
      const answer = await carla.post('/api/families', {
        municipality: 'Eemsdelta',
        members: [{ role: 'youth', displayName: 'S. Elzinga', bsn: BSN_SANNE }],
      });
      expect(answer.status).toBe(409);
      expect(answer.body.rule).toBe('already-known');
      expect(answer.body.contacts).toEqual([
        expect.objectContaining({
          professionalId: 'p-anna',
          name: 'Anna Wierenga',
          organisation: 'WIJ Groningen',
          phone: '050 367 11 22',
          role: 'case-director',
        }),
      ]);
      expect(JSON.stringify(answer.body)).not.toContain(sanneFamily);
      expect(JSON.stringify(answer.body)).not.toMatch(/Petra|Bakker/);
    });

    it('names the safety team when the family has no case director', async () => {
      const answer = await carla.post('/api/families', {
        municipality: 'Oldambt',
        members: [{ role: 'youth', displayName: 'L. de Vries', bsn: BSN_LOTTE }],
      });
      expect(answer.status).toBe(409);
      expect(answer.body.contacts).toEqual([expect.objectContaining({ role: 'safety-team' })]);
    });

    it('answers 409 possible-duplicate for the same name, birth year and municipality, unless confirmed', async () => {
      const body = {
        municipality: 'Oldambt',
        members: [{ role: 'youth', displayName: 'lotte DE vries', birthYear: 2014 }],
      };
      const answer = await carla.post('/api/families', body);
      expect(answer.status).toBe(409);
      expect(answer.body.rule).toBe('possible-duplicate');
      expect(answer.body.contacts).toHaveLength(1);
      const elsewhere = await carla.post('/api/families', { ...body, municipality: 'Groningen' });
      expect(elsewhere.status).toBe(201);
      const confirmed = await carla.post('/api/families', { ...body, confirmedNewFamily: true });
      expect(confirmed.status).toBe(201);
    });

    it('records both refusals in the audit log and for the contact to learn of', async () => {
      const audit = await auditor.get('/api/audit?actor=p-carla&limit=1000');
      const details = (audit.body.items as AuditItem[])
        .filter((e) => e.status === 409)
        .map((e) => e.detail);
      expect(details).toEqual(
        expect.arrayContaining(['already-known', 'possible-duplicate', 'already-known']),
      );
      const matches = await database().query<{ kind: string; contact_id: string }>(
        `select kind, contact_id from "${schema()}".registration_matches where registrar_id = 'p-carla' order by seq`,
      );
      expect(matches).toEqual([
        { kind: 'already-known', contact_id: 'p-anna' },
        { kind: 'already-known', contact_id: 'safety-team' },
        { kind: 'possible-duplicate', contact_id: 'safety-team' },
      ]);
    });

    it('answers a repeated registration (same Idempotency-Key) as the first time, not as a match', async () => {
      const key = randomUUID();
      const body = {
        municipality: 'Groningen',
        members: [{ role: 'youth', displayName: 'Noor Hoekstra', birthYear: 2010, bsn: BSN_NEW }],
      };
      const first = await bram.post('/api/families', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const again = await bram.post('/api/families', body, { 'idempotency-key': key });
      expect([again.status, again.body.familyId]).toEqual([201, first.body.familyId]);
    });

    it('stops a professional who matches at an unusual rate with 429, and tells the safety team', async () => {
      const dirk = new ApiClient(app, await app.token('p-dirk', ['professional'], 'Cosis'));
      const probe = (bsn: string) =>
        dirk.post('/api/families', {
          municipality: 'Groningen',
          members: [{ role: 'youth', displayName: 'Probe', bsn }],
        });
      for (const bsn of [BSN_SANNE, BSN_LOTTE, BSN_NEW, BSN_SANNE])
        expect((await probe(bsn)).status).toBe(409);
      // Over the limit (4 an hour here), every registration is refused: known BSN or not.
      for (const bsn of [BSN_SANNE, ...BSN_PROBE]) {
        const answer = await probe(bsn);
        expect([answer.status, answer.body.rule]).toEqual([429, 'match-rate-exceeded']);
        expect(answer.body.contacts).toBeUndefined();
      }
      const audit = await auditor.get('/api/audit?actor=p-dirk&limit=100');
      expect(
        (audit.body.items as AuditItem[]).filter((e) => e.detail === 'match-rate-exceeded'),
      ).toHaveLength(4);
      const alerts = await database().query<{ n: number }>(
        `select count(*)::int as n from "${schema()}".registration_matches
         where kind = 'match-rate-exceeded' and registrar_id = 'p-dirk' and contact_id = 'safety-team'`,
      );
      expect(alerts[0]?.n).toBe(4);
    });
  });

  it('lets one of several concurrent registrations of the same BSN succeed; the others answer 409 already-known', async () => {
    // Given no family with this BSN, when four professionals register the child at the same moment,
    const racers = await Promise.all(
      [1, 2, 3, 4].map(
        async (i) => new ApiClient(app, await app.token(`p-race-${i}`, ['professional'], 'Elker')),
      ),
    );
    const answers = await Promise.all(
      racers.map((racer, i) =>
        racer.post('/api/families', {
          municipality: 'Groningen',
          members: [
            { role: 'youth', displayName: `Racekind ${i}`, birthYear: 2014, bsn: BSN_RACE },
          ],
          confirmedNewFamily: true,
        }),
      ),
    );
    // then exactly one is registered, and the others learn whom to contact (the safety team: no case director yet).
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const lost of answers.filter((a) => a.status === 409))
      expect(lost.body).toMatchObject({
        rule: 'already-known',
        contacts: [expect.objectContaining({ role: 'safety-team' })],
      });
    const registered = answers.find((a) => a.status === 201)!;
    const found = await safetyTeam.post(
      `/api/families/search?minPosition=${registered.body.position}`,
      { q: BSN_RACE },
    );
    expect(found.body.items.map((f: { familyId: string }) => f.familyId)).toEqual([
      registered.body.familyId,
    ]);
  });

  it('keeps families found after the index is rebuilt at start-up from the store', async () => {
    await database().query(`delete from "${schema()}".search_tokens`);
    await database().query(
      `update "${schema()}".search_index_state set caught_up_to = '${'0'.repeat(32)}'`,
    );
    expect((await search(safetyTeam, 'sanne')).body.items).toEqual([]);
    await app.restart();
    safetyTeam = new ApiClient(app, await app.token('st-1', ['safety-team']));
    auditor = new ApiClient(app, await app.token('a-1', ['auditor']));
    carla = new ApiClient(app, await app.token('p-carla', ['professional'], 'Elker'));
    expect(ids(await search(safetyTeam, 'sanne'))).toEqual([sanneFamily, lotteFamily].sort());
    expect(ids(await search(safetyTeam, BSN_SANNE))).toEqual([sanneFamily]);
  });

  it('after erasure, neither a name nor the BSN finds the family, and its index rows are gone', async () => {
    const erased = await auditor.delete(`/api/families/${sanneFamily}/personal-data`, {
      legalBasis: 'Jeugdwet art. 7.3.9: vernietiging op verzoek',
    });
    expect(erased.status).toBe(200);
    position = erased.body.position;
    for (const q of ['sanne', 'elzinga', 'petra bakker', 'sanne 2012', BSN_SANNE])
      expect([q, ids(await search(safetyTeam, q)).includes(sanneFamily)]).toEqual([q, false]);
    const rows = await database().query<{ n: number }>(
      `select count(*)::int as n from "${schema()}".search_tokens where family_id = $1`,
      [sanneFamily],
    );
    expect(rows[0]?.n).toBe(0);
    // The BSN is no longer known: registering it is no match.
    const again = await carla.post('/api/families', {
      municipality: 'Eemsdelta',
      members: [{ role: 'youth', displayName: 'Sanne', bsn: BSN_SANNE }],
    });
    expect(again.status).toBe(201);
    // A restart's catch-up does not bring the erased family back.
    await app.restart();
    safetyTeam = new ApiClient(app, await app.token('st-1', ['safety-team']));
    expect(ids(await search(safetyTeam, 'elzinga'))).toEqual([]);
  });
});

describeWithPostgres('the demo region is searchable by name', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('postgres', { env: { SEED_DEMO: 'true' } });
  });
  afterAll(() => app.close());

  it('finds the seeded families by a member’s name and birth year', async () => {
    const safetyTeam = new ApiClient(app, await app.token('st-1', ['safety-team']));
    const head = await app.store.headPosition();
    const list = await safetyTeam.get(`/api/families?limit=10&minPosition=${head}`);
    expect(list.status).toBe(200);
    const youths = (
      list.body.items as {
        familyId: string;
        members: { role: string; displayName: string; birthYear: number | null }[];
      }[]
    ).flatMap((family) =>
      family.members
        .filter((m) => m.role === 'youth' && m.birthYear !== null && m.displayName.length >= 3)
        .map((m) => ({ familyId: family.familyId, q: `${m.displayName} ${m.birthYear}` })),
    );
    expect(youths.length).toBeGreaterThan(5);
    let foundThemselves = 0;
    for (const { familyId, q } of youths) {
      const answer = await safetyTeam.post('/api/families/search', { q });
      expect([q, answer.status]).toEqual([q, 200]);
      const ids = answer.body.items.map((item: { familyId: string }) => item.familyId);
      if (!answer.body.more) expect([q, ids.includes(familyId)]).toEqual([q, true]);
      if (ids.includes(familyId)) foundThemselves++;
    }
    expect(foundThemselves).toBeGreaterThan(0);
  });
});
