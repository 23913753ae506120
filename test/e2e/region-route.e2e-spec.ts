import { randomUUID } from 'node:crypto';

import type { HttpAnswer } from '@samenspoor/testing';

import { describeOnEachStore, expectProblem, useTestApp } from '../support/app';
import { daysAgo, familyOnRoute } from '../support/route';

/**
 * The route as the region runs it (api.md v2), over HTTP: care already running, child protection, the Meldcode
 * step, plan goals with ids and their evaluations, the family's own voice and informal network, care that goes on
 * after the outflow, and consultations that close a case.
 */
describeOnEachStore('the route as the region runs it, over HTTP', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-rina', ['professional'], 'WIJ Groningen');
  const safetyTeam = app.as('s-tom', ['safety-team'], 'Regionaal Veiligheidsteam');
  /** A family of `municipality` that the professional registered and that was signalled, on the days given. */
  const signalledFamily = (municipality: string, displayName: string, days: number[]) =>
    familyOnRoute(professional, { municipality, displayName, until: 'signalled', daysAgo: days });

  const stored = (answer: HttpAnswer<any>, status = 201) => {
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
    return answer.body;
  };
  const refused = (send: () => Promise<HttpAnswer<any>>, status: number, rule?: string) =>
    expectProblem(app, send, { status, ...(rule === undefined ? {} : { rule }) });

  it('records running care, a measure, a Veilig Thuis step, a view and a supporter, shown on the family', async () => {
    const family = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Lotte',
      daysAgo: [30],
    });
    const { path, memberId } = family;

    const running = stored(
      await professional.post(`${path}/running-care`, {
        careForm: 'foster-care',
        providerId: 'provider-pleegzorg',
        startedAt: daysAgo(400),
        memberIds: [memberId],
        allocationNumber: 'TOEW-17',
      }),
    );
    expect(running.trajectoryId).toMatch(/^[0-9a-f-]{36}$/);

    const measure = stored(
      await safetyTeam.post(`${path}/protection-measures`, {
        kind: 'supervision-order',
        memberIds: [memberId],
        institution: 'Jeugdbescherming Noord',
        startedAt: daysAgo(60),
        endsBy: daysAgo(-300),
      }),
    );
    stored(
      await professional.post(`${path}/safe-at-home-reports`, {
        kind: 'advice',
        memberIds: [memberId],
        outcome: 'advies: veiligheidsplan',
      }),
    );
    stored(
      await professional.post(`${path}/voices`, {
        memberId,
        topic: 'safety',
        text: 'Bij oma voel ik me veilig',
        feelsSafe: 7,
      }),
    );
    const supporter = stored(
      await professional.post(`${path}/informal-network`, {
        displayName: 'Oma Jannie',
        relation: 'grootmoeder',
      }),
    );

    const summary = stored(await professional.get(path), 200);
    expect(summary).toMatchObject({
      status: 'registered',
      trajectories: [],
      runningCare: [
        {
          trajectoryId: running.trajectoryId,
          careForm: 'foster-care',
          status: 'started',
          runningCare: true,
          outsidePlan: true,
          allocationNumber: 'TOEW-17',
        },
      ],
      protectionMeasures: [
        {
          measureId: measure.measureId,
          kind: 'supervision-order',
          institution: 'Jeugdbescherming Noord',
          status: 'active',
        },
      ],
      informalNetwork: [
        {
          supporterId: supporter.supporterId,
          displayName: 'Oma Jannie',
          relation: 'grootmoeder',
        },
      ],
      voices: [{ memberId, topic: 'safety', text: 'Bij oma voel ik me veilig', feelsSafe: 7 }],
      safeAtHomeReports: [{ kind: 'advice', outcome: 'advies: veiligheidsplan' }],
      goals: [],
    });

    stored(
      await safetyTeam.post(`${path}/protection-measures/${measure.measureId}/end`, {
        reason: 'niet verlengd',
      }),
    );
    await refused(
      () =>
        professional.post(`${path}/protection-measures/${measure.measureId}/end`, { reason: 'x' }),
      422,
      'invalid-transition',
    );
    await refused(
      () => professional.post(`${path}/protection-measures/${randomUUID()}/end`, { reason: 'x' }),
      404,
      'unknown-reference',
    );
    stored(
      await professional.post(`${path}/trajectories/${running.trajectoryId}/end`, {
        reason: 'completed',
      }),
    );
    expect(stored(await professional.get(path), 200)).toMatchObject({
      runningCare: [{ status: 'ended', endReason: 'completed' }],
      protectionMeasures: [{ status: 'ended', endReason: 'niet verlengd' }],
    });
  });

  it('refuses what the rules refuse, naming the rule, and bad input with 400', async () => {
    const { path, memberId } = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Bram',
    });
    await refused(
      () =>
        professional.post(`${path}/running-care`, {
          careForm: 'foster-care',
          providerId: 'x',
          startedAt: daysAgo(-10),
        }),
      422,
      'invalid-time',
    );
    await refused(
      () =>
        professional.post(`${path}/protection-measures`, {
          kind: 'guardianship',
          memberIds: [randomUUID()],
          institution: 'Jeugdbescherming Noord',
          startedAt: daysAgo(5),
        }),
      422,
      'unknown-reference',
    );
    await refused(
      () =>
        professional.post(`${path}/voices`, { memberId: randomUUID(), topic: 'safety', text: 'x' }),
      422,
      'unknown-reference',
    );
    await expectProblem(
      app,
      () =>
        professional.post(`${path}/protection-measures`, {
          kind: 'house-arrest',
          memberIds: [],
          institution: '',
          startedAt: 'gisteren',
        }),
      { status: 400, fields: ['kind', 'memberIds', 'institution', 'startedAt'] },
    );
    await expectProblem(
      app,
      () =>
        professional.post(`${path}/voices`, {
          memberId,
          topic: 'safety',
          text: 'x',
          feelsSafe: 11,
        }),
      { status: 400, fields: ['feelsSafe'] },
    );
    await expectProblem(
      app,
      () =>
        professional.post(`${path}/running-care`, { careForm: 'no-such-form', providerId: 'x' }),
      { status: 400, fields: ['careForm', 'startedAt'] },
    );
    await expectProblem(
      app,
      () => professional.post(`${path}/safe-at-home-reports`, { kind: 'melding' }),
      { status: 400, fields: ['kind'] },
    );
    await expectProblem(
      app,
      () => professional.post(`${path}/informal-network`, { displayName: 'Oma' }),
      { status: 400, fields: ['relation'] },
    );
  });

  it('answers goal ids, keeps them across a revision and evaluates each goal', async () => {
    const family = await familyOnRoute(professional, {
      municipality: 'Oldambt',
      displayName: 'Noor',
      until: 'analysed',
      daysAgo: [50, 45, 40, 30],
    });
    const { path } = family;
    const plan = stored(
      await professional.post(`${path}/plans`, {
        analysisId: family.analysisId,
        goals: [{ description: 'naar school' }, { description: 'rust thuis' }],
        evaluateBy: daysAgo(-60),
        occurredAt: daysAgo(20),
      }),
    );
    expect(plan.goalIds).toHaveLength(2);
    const [school, rest] = plan.goalIds as [string, string];

    const revision = stored(
      await professional.post(`${path}/plans/${plan.planId}/revisions`, {
        reason: 'evaluatie',
        goals: [
          { goalId: school, description: 'vier dagen naar school' },
          { description: 'sport' },
        ],
        occurredAt: daysAgo(10),
      }),
    );
    expect(revision.goalIds[0]).toBe(school);
    expect(revision.goalIds[1]).not.toBe(rest);
    const sport = revision.goalIds[1] as string;

    await refused(
      () =>
        professional.post(`${path}/plans/${plan.planId}/evaluations`, {
          goals: [{ goalId: rest, status: 'achieved' }],
          familyInvolved: true,
        }),
      422,
      'unknown-reference',
    );
    await refused(
      () =>
        professional.post(`${path}/plans/${randomUUID()}/evaluations`, {
          goals: [{ goalId: school, status: 'achieved' }],
          familyInvolved: true,
        }),
      404,
      'unknown-reference',
    );
    await expectProblem(
      app,
      () =>
        professional.post(`${path}/plans/${plan.planId}/evaluations`, {
          goals: [
            { goalId: school, status: 'achieved' },
            { goalId: school, status: 'ongoing' },
          ],
        }),
      { status: 400, fields: ['goals', 'familyInvolved'] },
    );
    stored(
      await professional.post(`${path}/plans/${plan.planId}/evaluations`, {
        goals: [
          { goalId: school, status: 'partly-achieved' },
          { goalId: sport, status: 'ongoing' },
        ],
        familyInvolved: true,
        nextEvaluateBy: daysAgo(-90),
      }),
    );
    const summary = stored(await professional.get(path), 200);
    expect(summary.goals).toMatchObject([
      { goalId: school, description: 'vier dagen naar school', status: 'partly-achieved' },
      { goalId: sport, description: 'sport', status: 'ongoing' },
    ]);
    expect(summary.plan.evaluations).toMatchObject([{ familyInvolved: true, planVersion: 2 }]);
  });

  it('hands running care over at the outflow and ends it afterwards', async () => {
    const family = await signalledFamily('Pekela', 'Sem', [40, 39]);
    const { path } = family;
    const foster = stored(
      await professional.post(`${path}/running-care`, {
        careForm: 'foster-care',
        providerId: 'provider-pleegzorg',
        startedAt: daysAgo(700),
        occurredAt: daysAgo(38),
      }),
    );
    await refused(
      () => professional.post(`${path}/outflow`, { destination: 'regular-care' }),
      422,
      'open-trajectories',
    );
    await refused(
      () =>
        professional.post(`${path}/outflow`, {
          destination: 'regular-care',
          continuingTrajectoryIds: [randomUUID()],
        }),
      422,
      'unknown-reference',
    );
    stored(
      await professional.post(`${path}/outflow`, {
        destination: 'regular-care',
        handoverTo: 'Pleegzorg Groningen',
        continuingTrajectoryIds: [foster.trajectoryId],
        occurredAt: daysAgo(5),
      }),
    );
    const after = stored(await professional.get(path), 200);
    expect(after).toMatchObject({
      status: 'outflowed',
      runningCare: [{ status: 'started', handedOver: { handoverTo: 'Pleegzorg Groningen' } }],
    });
    stored(
      await professional.post(`${path}/follow-ups`, {
        monthsAfterOutflow: 3,
        outcome: 'gaat goed',
        status: 'doing-well',
      }),
    );
    const ended = stored(
      await professional.post(`${path}/trajectories/${foster.trajectoryId}/end`, {
        reason: 'transferred',
      }),
    );
    await refused(
      () =>
        professional.post(`${path}/voices`, {
          memberId: family.memberId,
          topic: 'care',
          text: 'x',
        }),
      422,
      'case-closed',
    );
    const timeline = stored(
      await professional.get(`${path}/timeline?minPosition=${ended.position}`),
      200,
    );
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['RunningCareRecorded', 'CareHandedOver', 'OutflowRegistered']),
    );
  });

  it('closes a case on a consultation advising the regular route; a new signal opens a new one', async () => {
    const family = await signalledFamily('Stadskanaal', 'Fenna', [20, 19]);
    const { path } = family;
    const consulted = stored(
      await professional.post(`${path}/consultations`, { advice: 'regular-route' }),
    );
    expect(stored(await professional.get(path), 200)).toMatchObject({
      status: 'not-admitted',
      caseNumber: 1,
    });
    await refused(() => professional.post(`${path}/analyses`), 422, 'case-closed');
    const list = stored(
      await safetyTeam.get(
        `/api/families?status=not-admitted&limit=100&minPosition=${consulted.position}`,
      ),
      200,
    );
    expect(list.items.map((f: { familyId: string }) => f.familyId)).toContain(family.familyId);

    const signal = stored(
      await professional.post(`${path}/signals`, {
        source: 'education',
        concerns: ['school-dropout'],
        urgency: 'regular',
      }),
    );
    const reopened = stored(await professional.get(path), 200);
    expect(reopened).toMatchObject({ status: 'signalled', caseNumber: 2 });
    expect(reopened.signals.at(-1)).toMatchObject({ signalId: signal.signalId, reentry: false });
    stored(await professional.post(`${path}/analyses`));
  });
});
