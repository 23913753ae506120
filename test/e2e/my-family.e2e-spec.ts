import { randomUUID } from 'node:crypto';

import { ApiClient, describeOnEachStore } from '../support/app';
import { useCast } from '../support/cast';
import { familyToken, http } from '../support/http';
import { keepDirectoryEntry } from '../support/route';

/**
 * Issue 19: the family's own view ("Mijn gezin") over HTTP — what each member sees after the law rules, the
 * attacks a family token could try, and an erased family.
 */
const SECRET_NOTE = 'GEHEIM notitie over de thuissituatie';
const SECRET_ADVICE = 'GEHEIM advies van het veiligheidsteam';
const SECRET_VIEW = 'GEHEIM wat ik zelf vind';

interface Household {
  familyId: string;
  path: string;
  planId: string;
  ids: { mother: string; father: string; child14: string; youth17: string; child9: string };
  goals: { child14: string; father: string; family: string };
}

describeOnEachStore("the family's own view", (kind) => {
  const { app, anna, bas, regionalTeam: team, municipalAuditor: auditor } = useCast(kind);
  let home: Household;
  const member = async (sub: string, memberId: string, familyId = home.familyId) =>
    new ApiClient(app, await familyToken(app.base, sub, { familyId, memberId }));

  const year = new Date().getUTCFullYear();

  /** A household along the route: a plan, care for three members, a note, a review and a youth's own view. */
  async function household(): Promise<Household> {
    const stored = async (answer: Promise<{ status: number; body: any; text: string }>) => {
      const { status, body, text } = await answer;
      if (status !== 201 && status !== 200) throw new Error(`${status}: ${text}`);
      return body;
    };
    const registered = await stored(
      anna.post('/api/families', {
        municipality: 'Groningen',
        members: [
          { role: 'parent', displayName: 'Moeder Ans', birthYear: 1984 },
          { role: 'parent', displayName: 'Vader Bert', birthYear: 1982 },
          { role: 'youth', displayName: 'Cas', birthYear: year - 14 },
          { role: 'youth', displayName: 'Dewi', birthYear: year - 17 },
          { role: 'sibling', displayName: 'Eva', birthYear: year - 9 },
        ],
      }),
    );
    const [mother, father, child14, youth17, child9] = registered.memberIds as string[];
    const ids = {
      mother: mother!,
      father: father!,
      child14: child14!,
      youth17: youth17!,
      child9: child9!,
    };
    const path = `/api/families/${registered.familyId}`;
    await stored(anna.post(`${path}/network`, { professionalId: 'p-bas', organisation: 'Accare' }));
    await stored(anna.put(`${path}/case-director`, { professionalId: 'p-anna' }));
    await stored(
      anna.put(`${path}/members/${ids.child14}/parental-authority`, {
        holderMemberIds: [ids.mother],
      }),
    );
    await stored(
      anna.post(`${path}/signals`, { source: 'gp', concerns: ['trauma'], urgency: 'regular' }),
    );
    const { analysisId } = await stored(anna.post(`${path}/analyses`, {}));
    await stored(anna.post(`${path}/analyses/${analysisId}/complete`, { safetyLevel: 'concerns' }));
    const plan = await stored(
      anna.post(`${path}/plans`, {
        analysisId,
        goals: [
          { description: 'Cas gaat weer naar school', memberIds: [ids.child14] },
          { description: 'Bert krijgt hulp bij de schulden', memberIds: [ids.father] },
          { description: 'Het gezin eet drie keer per week samen' },
        ],
        evaluateBy: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      }),
    );
    for (const memberIds of [[ids.child14], [ids.youth17], [ids.father]])
      await stored(
        anna.post(`${path}/trajectories`, {
          careForm: memberIds[0] === ids.father ? 'addiction-care' : 'trauma-treatment',
          providerId: memberIds[0] === ids.child14 ? 'accare' : 'verslavingszorg-noord',
          memberIds,
        }),
      );
    await stored(
      anna.post(`${path}/progress-notes`, { workstream: 'execution', note: SECRET_NOTE }),
    );
    await stored(
      team.post(`${path}/safety-reviews`, { outcome: 'reviewed', advice: SECRET_ADVICE }),
    );
    await stored(
      anna.post(`${path}/voices`, { memberId: ids.youth17, topic: 'safety', text: SECRET_VIEW }),
    );
    await stored(
      anna.post(`${path}/mdos`, {
        participants: ['Anna', 'Bas'],
        nextMdoDueBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }),
    );
    return {
      familyId: registered.familyId,
      path,
      planId: plan.planId,
      ids,
      goals: { child14: plan.goalIds[0], father: plan.goalIds[1], family: plan.goalIds[2] },
    };
  }

  beforeAll(async () => {
    await keepDirectoryEntry(anna, {
      name: 'Anna de Vries',
      organisation: 'WIJ Groningen',
      email: 'anna.devries@wij.example',
      phone: '050 123 4567',
    });
    home = await household();
  });

  it('shows a parent the record: case director with contact details, network by name, plan, next MDO, care', async () => {
    const mother = await member('f-ans', home.ids.mother);
    const record = await mother.get('/api/my-family');
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      familyId: home.familyId,
      municipality: 'Groningen',
      me: { memberId: home.ids.mother, role: 'parent', displayName: 'Moeder Ans' },
      caseDirector: {
        name: 'Anna de Vries',
        organisation: 'WIJ Groningen',
        phone: '050 123 4567',
        email: 'anna.devries@wij.example',
      },
      plan: { version: 1, myAgreement: null },
    });
    expect(record.body.network).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Anna de Vries', organisation: 'WIJ Groningen' }),
        expect.objectContaining({ organisation: 'Accare' }),
      ]),
    );
    expect(record.body.nextMdoDueBy).toEqual(expect.any(String));
    // Her child of 14, over whom she holds authority, and the family's own goal: not the father's.
    expect(record.body.plan.goals.map((g: { goalId: string }) => g.goalId).sort()).toEqual(
      [home.goals.child14, home.goals.family].sort(),
    );
    expect(record.body.trajectories).toEqual([
      expect.objectContaining({
        careForm: 'trauma-treatment',
        provider: 'accare',
        status: 'requested',
      }),
    ]);
    expect(JSON.stringify(record.body)).not.toContain(SECRET_VIEW);
  });

  it('law: a parent without parental authority does not see the child of 14; nobody sees another adult', async () => {
    const father = await member('f-bert', home.ids.father);
    const record = await father.get('/api/my-family');
    expect(record.status).toBe(200);
    expect(record.body.plan.goals.map((g: { goalId: string }) => g.goalId).sort()).toEqual(
      [home.goals.father, home.goals.family].sort(),
    );
    expect(record.body.trajectories).toEqual([
      expect.objectContaining({ careForm: 'addiction-care' }),
    ]);
  });

  it('law: a youth of 16 or older sees their own care and view, and no parent sees them', async () => {
    const dewi = await member('f-dewi', home.ids.youth17);
    const own = await dewi.get('/api/my-family');
    expect(own.body.trajectories).toEqual([
      expect.objectContaining({ careForm: 'trauma-treatment', provider: 'verslavingszorg-noord' }),
    ]);
    expect(own.body.myViews).toEqual([expect.objectContaining({ text: SECRET_VIEW })]);
    // Her mother holds no authority over her recorded, but even with it a youth of 16 decides.
    const grant = await anna.put(`${home.path}/members/${home.ids.youth17}/parental-authority`, {
      holderMemberIds: [home.ids.mother],
    });
    expect(grant.status).toBe(200);
    const mother = await member('f-ans', home.ids.mother);
    const seen = await mother.get('/api/my-family');
    expect(JSON.stringify(seen.body)).not.toContain('verslavingszorg-noord');
    const timeline = await mother.get('/api/my-family/timeline');
    expect(JSON.stringify(timeline.body)).not.toContain(SECRET_VIEW);
    expect(
      timeline.body.entries.filter((e: { type: string }) => e.type === 'MemberViewRecorded'),
    ).toEqual([]);
  });

  it('law: a member under 12 has no account (403, audited)', async () => {
    const eva = await member('f-eva', home.ids.child9);
    for (const path of ['/api/my-family', '/api/my-family/timeline', '/api/my-family/access-log']) {
      const answer = await eva.get(path);
      expect([path, answer.status]).toEqual([path, 403]);
    }
    const audit = await auditor.get('/api/audit?actor=f-eva');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'denied', status: 403 })]),
    );
  });

  it('law: a guardianship measure ends what the parent with authority sees of the child', async () => {
    const measure = await anna.post(`${home.path}/protection-measures`, {
      kind: 'guardianship',
      memberIds: [home.ids.child14],
      institution: 'Jeugdbescherming Noord',
      startedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(measure.status).toBe(201);
    const mother = await member('f-ans', home.ids.mother);
    const under = await mother.get('/api/my-family');
    expect(under.body.trajectories).toEqual([]);
    expect(under.body.protectionMeasures).toEqual([]);
    expect(under.body.plan.goals.map((g: { goalId: string }) => g.goalId)).toEqual([
      home.goals.family,
    ]);
    const ended = await anna.post(
      `${home.path}/protection-measures/${measure.body.measureId}/end`,
      { reason: 'voogdij beëindigd' },
    );
    expect(ended.status).toBe(201);
    const after = await mother.get('/api/my-family');
    expect(after.body.trajectories).toHaveLength(1);
    expect(after.body.protectionMeasures).toEqual([
      expect.objectContaining({ kind: 'guardianship', status: 'ended' }),
    ]);
  });

  it('tells the timeline in plain Dutch, without note texts, advice texts or other members views', async () => {
    const mother = await member('f-ans', home.ids.mother);
    const timeline = await mother.get('/api/my-family/timeline');
    expect(timeline.status).toBe(200);
    const text = JSON.stringify(timeline.body);
    for (const secret of [SECRET_NOTE, SECRET_ADVICE, SECRET_VIEW])
      expect(text).not.toContain(secret);
    const summaries = timeline.body.entries.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Uw gezin is aangemeld.',
        'Een hulpverlener heeft iets genoteerd over de hulp.',
        'Het veiligheidsteam van de regio heeft meegekeken.',
        expect.stringContaining(
          'De verklarende analyse is begonnen. Daarin zoeken hulpverleners samen met u uit',
        ),
      ]),
    );
    const times = timeline.body.entries.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort()).toEqual(times);
    expect(timeline.body.entries[0].by).toEqual(
      expect.objectContaining({ name: 'Anna de Vries', organisation: 'WIJ Groningen' }),
    );
  });

  it("records the member's own view and agreement to the plan, as the token's member only", async () => {
    const mother = await member('f-ans', home.ids.mother);
    const view = await mother.post('/api/my-family/voices', {
      topic: 'plan',
      text: 'Ik wil graag meer hulp bij de opvoeding',
      feelsSafe: 7,
    });
    expect(view.status).toBe(201);
    expect(view.body).toMatchObject({ familyId: home.familyId, version: expect.any(Number) });
    // A body naming another member is refused: the member is the token's.
    const forged = await mother.post('/api/my-family/voices', {
      memberId: home.ids.youth17,
      topic: 'plan',
      text: 'namens Dewi',
    });
    expect(forged.status).toBe(400);
    const agreed = await mother.post('/api/my-family/plan/agreement', {
      agreed: true,
      comment: 'Goed plan',
    });
    expect(agreed.status).toBe(201);

    const record = await mother.get('/api/my-family');
    expect(record.body.plan.myAgreement).toEqual({
      agreed: true,
      planVersion: 1,
      at: expect.any(String),
    });
    expect(record.body.myViews).toEqual([
      expect.objectContaining({
        topic: 'plan',
        text: 'Ik wil graag meer hulp bij de opvoeding',
        feelsSafe: 7,
      }),
    ]);
    // The professionals see both in the family's record, under the mother's id.
    const summary = await anna.get(home.path);
    expect(summary.body.voices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: home.ids.mother, topic: 'plan' }),
      ]),
    );
    const timeline = await anna.get(`${home.path}/timeline?minPosition=${agreed.body.position}`);
    expect(timeline.body.entries.at(-1)).toMatchObject({
      type: 'PlanAgreementRecorded',
      actor: { id: 'f-ans', role: 'family' },
    });
    // The father does not see the mother's view or agreement.
    const father = await member('f-bert', home.ids.father);
    const his = await father.get('/api/my-family');
    expect(his.body.myViews).toEqual([]);
    expect(his.body.plan.myAgreement).toBeNull();
    const histimeline = await father.get('/api/my-family/timeline');
    expect(JSON.stringify(histimeline.body)).not.toContain('PlanAgreementRecorded');
  });

  it('refuses agreement without an adopted plan (422) and invalid input (400)', async () => {
    const other = await anna.post('/api/families', {
      municipality: 'Pekela',
      members: [{ role: 'parent', displayName: 'Zonder plan', birthYear: 1990 }],
    });
    const parent = await member('f-zonder', other.body.memberIds[0], other.body.familyId);
    const refused = await parent.post('/api/my-family/plan/agreement', { agreed: true });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('no-adopted-plan');
    const invalid = await parent.post('/api/my-family/voices', { topic: 'weather', text: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'text',
      'topic',
    ]);
  });

  it('shows who looked, in plain words: opening the record told apart from appearing in a list', async () => {
    const opened = await bas.get(home.path);
    expect(opened.status).toBe(200);
    const listed = await bas.get('/api/families');
    expect(listed.status).toBe(200);
    const mother = await member('f-ans', home.ids.mother);
    await mother.get('/api/my-family');
    const log = await mother.get('/api/my-family/access-log?limit=200');
    expect(log.status).toBe(200);
    const items = log.body.items as {
      at: string;
      organisation: string;
      kind: string;
      action: string;
      role: string;
      name: string | null;
    }[];
    // Newest first: the list, then the opening, by Accare.
    expect(items[0]).toMatchObject({
      organisation: 'Accare',
      kind: 'listed',
      role: 'hulpverlener',
    });
    expect(items[0]!.action).toContain('lijst of overzicht');
    expect(items[1]).toMatchObject({
      organisation: 'Accare',
      kind: 'opened',
      action: 'Heeft het dossier van uw gezin geopend.',
    });
    expect(items.some((i) => i.kind === 'changed' && i.name === 'Anna de Vries')).toBe(true);
    // The members' own reads are theirs, not looks by others.
    expect(items.filter((i) => i.role === 'gezinslid')).toEqual([]);
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    // Reading the log is itself audited, on the family.
    const audit = await auditor.get(`/api/audit?actor=f-ans&familyId=${home.familyId}`);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'GET /api/my-family/access-log', outcome: 'success' }),
      ]),
    );
  });

  it('attack: a token for one family never reaches another, nor any professional route', async () => {
    const other = await anna.post('/api/families', {
      municipality: 'Veendam',
      members: [{ role: 'parent', displayName: 'Ander gezin', birthYear: 1979 }],
    });
    const otherId = other.body.familyId as string;
    const mother = await member('f-ans', home.ids.mother);
    for (const path of [
      `/api/families/${otherId}`,
      `/api/families/${home.familyId}`,
      `/api/families/${otherId}/timeline`,
      '/api/families',
      `/api/families/${home.familyId}/access-log`,
      '/api/audit',
    ]) {
      const answer = await mother.get(path);
      expect([path, answer.status]).toEqual([path, 403]);
    }
    // A familyId in the query or a path below my-family is not a way in: the member is the token's.
    const query = await mother.get(`/api/my-family?familyId=${otherId}`);
    expect(query.status).toBe(400);
    expect(query.body.errors.map((e: { field: string }) => e.field)).toEqual(['familyId']);
    expect((await mother.get(`/api/my-family/${otherId}`)).status).toBe(404);
    // A token pairing this family with another family's member, or the reverse, names nobody.
    const mixed = await member('f-mixed', other.body.memberIds[0], home.familyId);
    expect((await mixed.get('/api/my-family')).status).toBe(403);
    const reversed = await member('f-reversed', home.ids.mother, otherId);
    expect((await reversed.get('/api/my-family')).status).toBe(403);
    const unknown = await member('f-unknown', randomUUID(), randomUUID());
    expect((await unknown.get('/api/my-family')).status).toBe(404);
    // A family token without a member, and one that is also a professional's.
    const bare = await http<{ token: string }>(app.base, 'POST', '/api/auth/dev-token', {
      body: { sub: 'f-bare', roles: ['family'] },
    });
    const bareClient = new ApiClient(app, bare.body.token);
    expect((await bareClient.get('/api/my-family')).status).toBe(403);
    expect((await bareClient.get('/api/me')).status).toBe(200);
    const both = await http<{ token: string }>(app.base, 'POST', '/api/auth/dev-token', {
      body: {
        sub: 'f-both',
        roles: ['family', 'professional'],
        familyId: home.familyId,
        memberId: home.ids.mother,
      },
    });
    expect((await new ApiClient(app, both.body.token).get(home.path)).status).toBe(401);
    // Every refusal is audited, with who and which family.
    const audit = await auditor.get('/api/audit?actor=f-ans&outcome=denied&limit=100');
    const denied = new Set(audit.body.items.map((e: { action: string }) => e.action));
    for (const action of ['GET /api/families/:familyId', 'GET /api/families', 'GET /api/audit'])
      expect([action, denied.has(action)]).toEqual([action, true]);
  });

  it('erasure: an erased family answers 404 to its members, and nothing of it is readable', async () => {
    const doomed = await anna.post('/api/families', {
      municipality: 'Oldambt',
      members: [{ role: 'parent', displayName: 'Te wissen', birthYear: 1985 }],
    });
    const parent = await member('f-erased', doomed.body.memberIds[0], doomed.body.familyId);
    expect((await parent.get('/api/my-family')).status).toBe(200);
    const erased = await auditor.delete(`/api/families/${doomed.body.familyId}/personal-data`, {
      legalBasis: 'Jeugdwet art. 7.3.9',
    });
    expect(erased.status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/api/my-family', undefined],
      ['GET', '/api/my-family/timeline', undefined],
      ['GET', '/api/my-family/access-log', undefined],
      ['POST', '/api/my-family/voices', { topic: 'other', text: 'hallo' }],
      ['POST', '/api/my-family/plan/agreement', { agreed: true }],
    ] as const) {
      const answer = await parent.request(method, path, body);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.text).not.toContain('Te wissen');
    }
  });
  /** The member's choice to share their own data with another member, and what their record says of it. */
  const share = (client: ApiClient, withMemberId: string, shared = true) =>
    client.post('/api/my-family/sharing', { withMemberId, shared });
  const sharingOf = async (client: ApiClient) => (await client.get('/api/my-family')).body.sharing;
  const nothingShared = (decidesOwnData: boolean) => ({
    decidesOwnData,
    sharesWith: [],
    sharedWithMe: [],
  });

  /** Youth17's own care: trauma treatment at verslavingszorg-noord (the father's there is addiction care). */
  const dewisCare = expect.objectContaining({
    careForm: 'trauma-treatment',
    provider: 'verslavingszorg-noord',
  });

  it('sharing: a youth of 17 shares with her mother, who then sees her care and view; the father never does; withdrawn, it ends', async () => {
    const dewi = await member('f-dewi', home.ids.youth17);
    const mother = await member('f-ans', home.ids.mother);
    const father = await member('f-bert', home.ids.father);
    expect(await sharingOf(dewi)).toEqual(nothingShared(true));

    const shared = await share(dewi, home.ids.mother);
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ familyId: home.familyId, position: expect.any(String) });
    const mine = await dewi.get(`/api/my-family?minPosition=${shared.body.position}`);
    expect(mine.body.sharing.sharesWith).toEqual([home.ids.mother]);

    const hers = await mother.get(`/api/my-family?minPosition=${shared.body.position}`);
    expect(hers.status).toBe(200);
    expect(hers.body.trajectories).toEqual(expect.arrayContaining([dewisCare]));
    expect(hers.body.sharing).toMatchObject({ sharedWithMe: [home.ids.youth17] });
    expect(hers.body.viewsSharedWithMe).toEqual([
      expect.objectContaining({ memberId: home.ids.youth17, topic: 'safety', text: SECRET_VIEW }),
    ]);
    const herTimeline = await mother.get(
      `/api/my-family/timeline?minPosition=${shared.body.position}`,
    );
    const summaries = herTimeline.body.entries.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Een gezinslid deelt nu de eigen gegevens met u: de hulp, de mening en de maatregelen.',
        'De mening van een gezinslid is genoteerd. Dit gezinslid deelt dat met u.',
      ]),
    );
    expect(JSON.stringify(herTimeline.body)).not.toContain(SECRET_VIEW);

    // The father, not chosen, sees nothing of hers: not in the record, not in the timeline.
    const his = await father.get('/api/my-family');
    expect(his.body.trajectories).not.toEqual(expect.arrayContaining([dewisCare]));
    expect(his.body.viewsSharedWithMe).toEqual([]);
    expect(his.body.sharing).toEqual(nothingShared(true));
    const histimeline = await father.get('/api/my-family/timeline');
    expect(JSON.stringify(histimeline.body)).not.toContain('DataSharingRecorded');
    expect(
      histimeline.body.entries.filter((e: { type: string }) => e.type === 'MemberViewRecorded'),
    ).toEqual([]);

    // The professionals' timeline knows the step, by the youth herself.
    const timeline = await anna.get(`${home.path}/timeline?minPosition=${shared.body.position}`);
    expect(timeline.body.entries.at(-1)).toMatchObject({
      type: 'DataSharingRecorded',
      actor: { id: 'f-dewi', role: 'family' },
    });

    const withdrawn = await share(dewi, home.ids.mother, false);
    expect(withdrawn.status).toBe(201);
    const after = await mother.get(`/api/my-family?minPosition=${withdrawn.body.position}`);
    expect(after.body.trajectories).not.toEqual(expect.arrayContaining([dewisCare]));
    expect(after.body.viewsSharedWithMe).toEqual([]);
    expect(after.body.sharing.sharedWithMe).toEqual([]);
    const afterTimeline = await mother.get('/api/my-family/timeline');
    expect(
      afterTimeline.body.entries.filter(
        (e: { type: string; by: { name: string } }) =>
          e.type === 'MemberViewRecorded' && e.by.name !== 'U',
      ),
    ).toEqual([]);
    expect(await sharingOf(dewi)).toEqual(nothingShared(true));

    // Both writes are audited as the youth's.
    const audit = await auditor.get(`/api/audit?actor=f-dewi&familyId=${home.familyId}`);
    const writes = audit.body.items.filter(
      (e: { action: string }) => e.action === 'POST /api/my-family/sharing',
    );
    expect(writes).toEqual([
      expect.objectContaining({ outcome: 'success' }),
      expect.objectContaining({ outcome: 'success' }),
    ]);
  });

  it('sharing: refused for a child of 14 (422), with oneself or a stranger (422), and bad input (400)', async () => {
    const cas = await member('f-cas', home.ids.child14);
    expect(await sharingOf(cas)).toEqual(nothingShared(false));
    const refused = await share(cas, home.ids.mother);
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('not-deciding-own-data');
    const audit = await auditor.get('/api/audit?actor=f-cas');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'POST /api/my-family/sharing', status: 422 }),
      ]),
    );

    const dewi = await member('f-dewi', home.ids.youth17);
    const self = await share(dewi, home.ids.youth17);
    expect([self.status, self.body.rule]).toEqual([422, 'invalid-transition']);
    const stranger = await share(dewi, randomUUID());
    expect([stranger.status, stranger.body.rule]).toEqual([422, 'unknown-reference']);
    const bad = await dewi.post('/api/my-family/sharing', {
      withMemberId: 'mother',
      shared: 'yes',
      memberId: home.ids.mother,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'memberId',
      'shared',
      'withMemberId',
    ]);
    // A member under 12 has no account, so no sharing either.
    const eva = await member('f-eva', home.ids.child9);
    expect((await share(eva, home.ids.mother)).status).toBe(403);
  });

  it('read-your-writes: a read with the position a write returned reflects it; a bad minPosition is a 400', async () => {
    const father = await member('f-bert', home.ids.father);
    const view = await father.post('/api/my-family/voices', {
      topic: 'care',
      text: 'Ik wil graag dat de hulp doorgaat',
    });
    expect(view.status).toBe(201);
    const record = await father.get(`/api/my-family?minPosition=${view.body.position}`);
    expect(record.status).toBe(200);
    expect(record.body.myViews).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'Ik wil graag dat de hulp doorgaat' }),
      ]),
    );
    const timeline = await father.get(`/api/my-family/timeline?minPosition=${view.body.position}`);
    expect(timeline.body.entries.at(-1)).toMatchObject({
      type: 'MemberViewRecorded',
      by: { name: 'U' },
    });
    for (const path of ['/api/my-family', '/api/my-family/timeline', '/api/my-family/access-log']) {
      const bad = await father.get(`${path}?minPosition=not-a-position`);
      expect([path, bad.status]).toEqual([path, 400]);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['minPosition']);
    }
  });
});
