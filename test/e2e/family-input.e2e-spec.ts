import fc from 'fast-check';

import { http, type HttpAnswer } from '@samenspoor/testing';

import { ApiClient, describeOnEachStore, expectProblem, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';

describeOnEachStore(
  'bad input is answered 4xx, naming what is wrong, and appends nothing',
  (kind) => {
    const app = useTestApp(kind);
    const professional = app.as('p-anna', ['professional']);
    let family: string;
    let memberId: string;

    beforeAll(async () => {
      const registered = await familyOnRoute(professional, {
        municipality: 'Westerwolde',
        displayName: 'Lars',
        daysAgo: [30],
      });
      family = registered.path;
      memberId = registered.memberId;
    });

    const expectBadRequest = async (
      send: () => Promise<HttpAnswer<any>>,
      status: number,
      fields: string[],
    ) => (await expectProblem(app, send, { status, fields })).body;

    /**
     * Posts each body to a step of the family (`families`: a new registration) and expects 400 naming exactly its
     * fields, with nothing appended.
     */
    async function expectBadBodies(...cases: [step: string, body: object, fields: string[]][]) {
      const answers: any[] = [];
      for (const [step, body, fields] of cases) {
        const path = step === 'families' ? '/api/families' : `${family}/${step}`;
        answers.push(await expectBadRequest(() => professional.post(path, body), 400, fields));
      }
      return answers;
    }

    it('lists every missing field', async () => {
      await expectBadBodies(
        ['signals', {}, ['source', 'concerns', 'urgency']],
        ['families', {}, ['municipality', 'members']],
      );
    });

    it('refuses wrong types, without converting "2012" into a number', async () => {
      await expectBadBodies(
        [
          'signals',
          { source: 5, concerns: 'trauma', urgency: true },
          ['source', 'concerns', 'urgency'],
        ],
        ['members', { role: 'sibling', displayName: 'Bo', birthYear: '2012' }, ['birthYear']],
        ['follow-ups', { monthsAfterOutflow: '3', outcome: 'ok' }, ['monthsAfterOutflow']],
      );
    });

    it('refuses values outside the vocabulary and the region, in nested fields too', async () => {
      const members = [
        { role: 'youth', displayName: 'A' },
        { role: 'uncle', displayName: 'B' },
      ];
      const [registration] = await expectBadBodies(
        ['families', { municipality: 'Amsterdam', members }, ['municipality', 'members[1].role']],
        [
          'signals',
          { source: 'neighbour', concerns: ['trauma', 'boredom'], urgency: 'regular' },
          ['source', 'concerns'],
        ],
        ['trajectories', { careForm: 'spa-weekend', providerId: 'x' }, ['careForm']],
        ['progress-notes', { workstream: 'gossip', note: 'x' }, ['workstream']],
        ['follow-ups', { monthsAfterOutflow: 4, outcome: 'x' }, ['monthsAfterOutflow']],
      );
      expect(JSON.stringify(registration.errors)).toMatch(/Eemsdelta/);
    });

    it('refuses oversize strings and lists, and unknown fields', async () => {
      const note = (fields: object) => ({ workstream: 'execution', ...fields });
      await expectBadBodies(
        ['members', { role: 'sibling', displayName: 'x'.repeat(201) }, ['displayName']],
        ['progress-notes', note({ note: 'x'.repeat(10_001) }), ['note']],
        [
          'mdos',
          { participants: Array(51).fill('p'), nextMdoDueBy: '2030-01-01' },
          ['participants'],
        ],
        ['progress-notes', note({ note: 'x', priority: 'high' }), ['priority']],
        ['progress-notes', note({ note: '' }), ['note']],
      );
    });

    it('refuses times that are not ISO-8601, and treats future ones as a broken rule (422)', async () => {
      const note = (occurredAt: string) => ({ workstream: 'execution', note: 'x', occurredAt });
      await expectBadBodies(
        ['progress-notes', note('yesterday'), ['occurredAt']],
        ['progress-notes', note('2026-02-30T10:00:00Z'), ['occurredAt']],
      );
      const future = await expectBadRequest(
        () => professional.post(`${family}/progress-notes`, note('2999-01-01T00:00:00Z')),
        422,
        [],
      );
      expect(future.rule).toBe('invalid-time');
    });

    it('refuses an invalid BSN without repeating it', async () => {
      const body = await expectBadRequest(
        () =>
          professional.post(`${family}/members`, {
            role: 'parent',
            displayName: 'P',
            bsn: '123456789',
          }),
        400,
        ['bsn'],
      );
      expect(JSON.stringify(body)).not.toContain('123456789');
      const ok = await professional.post(`${family}/members`, {
        role: 'parent',
        displayName: 'P',
        bsn: '111222333',
      });
      expect(ok.status).toBe(201);
      const summary = (await professional.get(family)).body;
      expect(JSON.stringify(summary)).not.toContain('111222333');
      expect(summary.members.at(-1)).toMatchObject({ displayName: 'P', hasBsn: true });
    });

    it('answers malformed JSON, a non-object body, a bad id and an oversize body with 4xx', async () => {
      const headers = { authorization: `Bearer ${professional.token}` };
      const before = await app.eventCount();
      const malformed = await http(app.base, 'POST', `${family}/progress-notes`, {
        rawBody: '{"workstream": "execution", "note": ',
        headers,
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        detail: 'the request body is not valid JSON',
        correlationId: expect.any(String),
      });
      expect(
        (await http(app.base, 'POST', `${family}/progress-notes`, { rawBody: '[1,2,3]', headers }))
          .status,
      ).toBe(400);
      expect(
        (await http(app.base, 'POST', `${family}/progress-notes`, { rawBody: '"note"', headers }))
          .status,
      ).toBe(400);
      expect((await professional.post('/api/families/not-a-uuid/signals', {})).status).toBe(400);
      const huge = await professional.post(`${family}/progress-notes`, {
        workstream: 'execution',
        note: 'x'.repeat(2_000_000),
      });
      expect(huge.status).toBe(413);
      expect(await app.eventCount()).toBe(before);
    });

    it('never answers 500, whatever the body (fuzz of every command route)', async () => {
      const trajectory = (
        await professional.post(`${family}/trajectories`, {
          careForm: 'crisis-care',
          providerId: 'x',
        })
      ).body.trajectoryId;
      const routes: [string, string][] = [
        ['POST', '/api/families'],
        ['POST', `${family}/members`],
        ['POST', `${family}/signals`],
        ['POST', `${family}/consultations`],
        ['POST', `${family}/network`],
        ['DELETE', `${family}/network/p-x`],
        ['PUT', `${family}/case-director`],
        ['POST', `${family}/analyses`],
        ['POST', `${family}/analyses/${memberId}/complete`],
        ['POST', `${family}/plans`],
        ['POST', `${family}/plans/${memberId}/revisions`],
        ['POST', `${family}/trajectories`],
        ['POST', `${family}/trajectories/${trajectory}/start`],
        ['POST', `${family}/trajectories/${trajectory}/end`],
        ['POST', `${family}/trajectories/${trajectory}/withdraw`],
        ['POST', `${family}/mdos`],
        ['POST', `${family}/progress-notes`],
        ['POST', `${family}/safety-assessments`],
        ['POST', `${family}/safety-reviews`],
        ['POST', `${family}/outflow`],
        ['POST', `${family}/follow-ups`],
        ['DELETE', `${family}/personal-data`],
      ];
      const fields = [
        'municipality',
        'members',
        'role',
        'displayName',
        'birthYear',
        'bsn',
        'source',
        'concerns',
        'urgency',
        'summary',
        'advice',
        'professionalId',
        'organisation',
        'safetyLevel',
        'careNeeds',
        'analysisId',
        'goals',
        'careForm',
        'providerId',
        'memberIds',
        'reason',
        'participants',
        'nextMdoDueBy',
        'workstream',
        'note',
        'level',
        'phase',
        'outcome',
        'destination',
        'monthsAfterOutflow',
        'legalBasis',
        'occurredAt',
        '__proto__',
        'constructor',
      ];
      const body = fc.oneof(
        fc.jsonValue(),
        fc.dictionary(fc.constantFrom(...fields), fc.jsonValue(), { maxKeys: 6 }),
        fc.dictionary(
          fc.constantFrom(...fields),
          fc.oneof(
            fc.string(),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.array(fc.string()),
          ),
          { maxKeys: 8 },
        ),
      );
      const auditor = new ApiClient(app, await app.token('a-1', ['auditor']));
      const safetyTeam = new ApiClient(app, await app.token('s-1', ['safety-team']));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, path], payload) => {
          const client = path.endsWith('personal-data')
            ? auditor
            : path.endsWith('safety-reviews')
              ? safetyTeam
              : professional;
          const answer = await http(app.base, method, path, {
            rawBody: JSON.stringify(payload),
            headers: { authorization: `Bearer ${client.token}` },
          });
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400)
            expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }),
        { numRuns: 400 },
      );
    });
  },
);
