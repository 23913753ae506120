import { describeOnEachStore, useTestApp } from '../support/app';
import { daysAgo, familyOnRoute } from '../support/route';

/** `at` plus whole days, as the overview writes `since`. */
const plus = (at: string, days: number) =>
  new Date(Date.parse(at) + days * 86_400_000).toISOString();

/**
 * The safety overview's lists of the route as the region runs it (api.md v2), over HTTP with the default norms
 * (in care 42 days without an MDO, a plan 28 days without care, a crisis 1 day without care, a level of concerns
 * 42 days without a reassessment), every item with the moment its condition began.
 */
describeOnEachStore('safety overview: the lists of the route as the region runs it', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-rina', ['professional'], 'WIJ Groningen');
  const safetyTeam = app.as('s-tom', ['safety-team'], 'Regionaal Veiligheidsteam');
  const manager = app.as('m-mia', ['manager'], 'Gemeente Groningen');

  it('lists each family on the new lists since the moment its condition began', async () => {
    let position = '';
    const post = async (path: string, body: object) => {
      const answer = await professional.post(path, body);
      expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 201 });
      position = answer.body.position;
      return answer.body;
    };
    const signal = (path: string, occurredAt: string, urgency = 'regular') =>
      post(`${path}/signals`, { source: 'gp', concerns: ['trauma'], urgency, occurredAt });

    // Planned 97 days ago, never care; evaluated 50 days ago with the next evaluation due 20 days ago.
    const planned = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Noor',
      until: 'analysed',
      daysAgo: [100, 100, 99, 98],
    });
    const planAt = daysAgo(97);
    const plan = await post(`${planned.path}/plans`, {
      analysisId: planned.analysisId,
      goals: [{ description: 'veilig thuis' }],
      occurredAt: planAt,
    });
    const goalId = plan.goalIds[0];
    const nextEvaluateBy = daysAgo(20);
    await post(`${planned.path}/plans/${plan.planId}/evaluations`, {
      goals: [{ goalId, status: 'ongoing' }],
      familyInvolved: true,
      nextEvaluateBy,
      occurredAt: daysAgo(50),
    });

    // Signalled 30 days ago; foster care running for 400 days; a supervision order since 60 days ago.
    const inCare = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Daan',
      daysAgo: [30],
    });
    const inCareSignal = daysAgo(30);
    await signal(inCare.path, inCareSignal);
    await post(`${inCare.path}/running-care`, {
      careForm: 'foster-care',
      providerId: 'provider-pleegzorg',
      startedAt: daysAgo(400),
    });
    const measureStart = daysAgo(60);
    await post(`${inCare.path}/protection-measures`, {
      kind: 'supervision-order',
      memberIds: [inCare.memberId],
      institution: 'Jeugdbescherming Noord',
      startedAt: measureStart,
    });

    // A crisis signal 3 days ago, no care since.
    const crisis = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Sem',
      daysAgo: [5],
    });
    const crisisAt = daysAgo(3);
    await signal(crisis.path, crisisAt, 'crisis');

    // Concerns assessed 50 days ago, never reassessed.
    const concerns = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Fenna',
      daysAgo: [60],
    });
    await signal(concerns.path, daysAgo(60));
    const assessedAt = daysAgo(50);
    await post(`${concerns.path}/safety-assessments`, {
      level: 'concerns',
      occurredAt: assessedAt,
    });

    // Signalled 100 days ago, closed by a consultation advising the regular route: no norm flagged any more.
    const closed = await familyOnRoute(professional, {
      municipality: 'Veendam',
      displayName: 'Jesse',
      daysAgo: [100],
    });
    await signal(closed.path, daysAgo(100), 'crisis');
    await post(`${closed.path}/consultations`, {
      advice: 'regular-route',
      occurredAt: daysAgo(99),
    });

    const answer = await safetyTeam.get(`/api/projections/safety-overview?minPosition=${position}`);
    expect(answer.status).toBe(200);
    const ours = new Set(
      [planned, inCare, crisis, concerns, closed].map((family) => family.familyId),
    );
    const list = (name: string) =>
      (answer.body[name] as { familyId: string; since: string }[])
        .filter((item) => ours.has(item.familyId))
        .map(({ familyId, since }) => ({ familyId, since }));
    expect({
      inCareWithoutMdo: list('inCareWithoutMdo'),
      planWithoutCare: list('planWithoutCare'),
      evaluationOverdue: list('evaluationOverdue'),
      openCrisis: list('openCrisis'),
      protectionMeasureActive: list('protectionMeasureActive'),
      reassessmentDue: list('reassessmentDue'),
    }).toEqual({
      // In care since 400 days, no plan: since the case's first signal.
      inCareWithoutMdo: [{ familyId: inCare.familyId, since: inCareSignal }],
      planWithoutCare: [{ familyId: planned.familyId, since: plus(planAt, 28) }],
      evaluationOverdue: [{ familyId: planned.familyId, since: nextEvaluateBy }],
      openCrisis: [{ familyId: crisis.familyId, since: plus(crisisAt, 1) }],
      protectionMeasureActive: [{ familyId: inCare.familyId, since: measureStart }],
      reassessmentDue: [{ familyId: concerns.familyId, since: plus(assessedAt, 42) }],
    });
    // The closed case is on no list, old or new (its signal and missing director would flag it otherwise).
    for (const [name, items] of Object.entries(answer.body)) {
      if (!Array.isArray(items)) continue;
      expect({ name, closed: items.some((i) => i.familyId === closed.familyId) }).toEqual({
        name,
        closed: false,
      });
    }
    expect((await manager.get('/api/projections/safety-overview')).status).toBe(403);
  });
});
