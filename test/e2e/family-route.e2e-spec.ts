import { describeOnEachStore } from '../support/app';
import { useCast } from '../support/cast';
import { daysAgo } from '../support/route';

describeOnEachStore('a family walked through the whole HSJ-MCP route over HTTP', (kind) => {
  const cast = useCast(kind);
  const { app, anna: professional, bram: colleague } = cast;
  const { carla: safetyTeam, dirk: auditor } = cast;

  it('registers, analyses, plans, cares, flows out, follows up and re-enters', async () => {
    const positions: string[] = [];
    const expectStep = (
      answer: { status: number; body: any; text: string },
      status: number,
      version: number,
    ) => {
      expect({ status: answer.status, body: answer.body }).toMatchObject({
        status,
        body: { version },
      });
      expect(answer.body.position).toMatch(/^[0-9a-f]{32}$/);
      if (positions.length > 0) expect(answer.body.position > positions.at(-1)!).toBe(true);
      positions.push(answer.body.position);
      return answer.body;
    };

    // Registration: the family and its registrar, who joins the network.
    const registered = await professional.post(
      '/api/families',
      {
        municipality: 'Midden-Groningen',
        members: [
          { role: 'youth', displayName: 'Sanne', birthYear: 2011 },
          { role: 'parent', displayName: 'Mieke' },
        ],
        occurredAt: daysAgo(120),
      },
      { 'X-Correlation-Id': 'walk-1' },
    );
    const { familyId, memberIds } = expectStep(registered, 201, 2);
    expect(registered.headers.get('location')).toBe(`/api/families/${familyId}`);
    expect(registered.headers.get('etag')).toBe('"2"');
    const [youth, parent] = memberIds as [string, string];
    const family = `/api/families/${familyId}`;

    const member = expectStep(
      await professional.post(`${family}/members`, {
        role: 'sibling',
        displayName: 'Tim',
        birthYear: 2015,
        occurredAt: daysAgo(119),
      }),
      201,
      3,
    );
    expect(member.memberId).toMatch(/^[0-9a-f-]{36}$/);

    const signal = expectStep(
      await professional.post(`${family}/signals`, {
        source: 'safe-at-home',
        referrerOrganisation: 'Veilig Thuis Groningen',
        concerns: ['domestic-violence', 'debts'],
        urgency: 'urgent',
        concernedMemberIds: [youth],
        summary: 'Zorgen over de thuissituatie',
        occurredAt: daysAgo(118),
      }),
      201,
      4,
    );
    expect(signal.signalId).toMatch(/^[0-9a-f-]{36}$/);
    expectStep(
      await professional.post(`${family}/consultations`, {
        advice: 'hsj-mcp-route',
        occurredAt: daysAgo(117),
      }),
      201,
      5,
    );
    expectStep(
      await professional.post(`${family}/network`, {
        professionalId: 'p-bram',
        organisation: 'Accare',
        discipline: 'GZ-psycholoog',
        occurredAt: daysAgo(117),
      }),
      201,
      6,
    );
    expectStep(
      await colleague.put(`${family}/case-director`, {
        professionalId: 'p-bram',
        occurredAt: daysAgo(116),
      }),
      200,
      7,
    );

    const { analysisId } = expectStep(
      await professional.post(`${family}/analyses`, { occurredAt: daysAgo(110) }),
      201,
      8,
    );
    expectStep(
      await professional.post(`${family}/analyses/${analysisId}/complete`, {
        safetyLevel: 'concerns',
        patterns: ['schulden en stress'],
        riskFactors: ['huiselijk geweld'],
        protectiveFactors: ['betrokken grootouders'],
        careNeeds: [{ memberId: youth, need: 'traumabehandeling' }],
        occurredAt: daysAgo(90),
      }),
      201,
      9,
    );
    const { planId } = expectStep(
      await professional.post(`${family}/plans`, {
        analysisId,
        goals: [{ description: 'Veiligheid thuis', memberIds: [youth, parent] }],
        agreedWithFamily: true,
        evaluateBy: daysAgo(-60),
        occurredAt: daysAgo(80),
      }),
      201,
      10,
    );
    expectStep(
      await professional.post(`${family}/plans/${planId}/revisions`, {
        reason: 'school erbij betrokken',
        goals: [
          { description: 'Veiligheid thuis' },
          { description: 'Terug naar school', memberIds: [youth] },
        ],
        occurredAt: daysAgo(70),
      }),
      201,
      11,
    );

    const { trajectoryId: trauma } = expectStep(
      await professional.post(`${family}/trajectories`, {
        careForm: 'trauma-treatment',
        providerId: 'accare',
        memberIds: [youth],
        occurredAt: daysAgo(69),
      }),
      201,
      12,
    );
    const { trajectoryId: ambulant } = expectStep(
      await professional.post(`${family}/trajectories`, {
        careForm: 'intensive-ambulatory-family',
        providerId: 'elker',
        occurredAt: daysAgo(69),
      }),
      201,
      13,
    );
    expectStep(
      await professional.post(`${family}/trajectories/${trauma}/start`, {
        occurredAt: daysAgo(50),
      }),
      201,
      14,
    );
    const mdo = expectStep(
      await professional.post(`${family}/mdos`, {
        participants: ['case director', 'Accare', 'school'],
        familyPresent: true,
        decisions: ['traumabehandeling loopt door'],
        nextMdoDueBy: daysAgo(-30),
        occurredAt: daysAgo(40),
      }),
      201,
      15,
    );
    expect(mdo.mdoId).toMatch(/^[0-9a-f-]{36}$/);
    expectStep(
      await professional.post(`${family}/progress-notes`, {
        workstream: 'execution',
        note: 'Huisbezoek gedaan',
        occurredAt: daysAgo(39),
      }),
      201,
      16,
    );
    expectStep(
      await professional.post(`${family}/safety-assessments`, {
        level: 'unsafe',
        phase: 'direct-safety',
        notes: 'escalatie',
        occurredAt: daysAgo(38),
      }),
      201,
      17,
    );
    expectStep(
      await safetyTeam.post(`${family}/safety-reviews`, {
        outcome: 'plan aangescherpt',
        advice: 'wekelijks contact',
        occurredAt: daysAgo(37),
      }),
      201,
      18,
    );

    let summary = (await professional.get(family)).body;
    expect(summary).toMatchObject({
      familyId,
      municipality: 'Midden-Groningen',
      status: 'in-care',
      caseNumber: 1,
      caseDirector: { professionalId: 'p-bram' },
      plan: { planId, version: 2, basedOnAnalysisId: analysisId },
      safetyLevel: 'unsafe',
      nextMdoDueBy: expect.any(String),
      version: 18,
    });
    expect(summary.members.map((m: { displayName: string }) => m.displayName)).toEqual([
      'Sanne',
      'Mieke',
      'Tim',
    ]);
    expect(summary.network.map((p: { professionalId: string }) => p.professionalId)).toEqual([
      'p-anna',
      'p-bram',
    ]);
    expect(summary.trajectories.map((t: { status: string }) => t.status)).toEqual([
      'started',
      'requested',
    ]);

    expectStep(
      await professional.post(`${family}/trajectories/${ambulant}/withdraw`, {
        reason: 'niet meer nodig',
        occurredAt: daysAgo(30),
      }),
      201,
      19,
    );
    expectStep(
      await professional.post(`${family}/trajectories/${trauma}/end`, {
        reason: 'completed',
        occurredAt: daysAgo(20),
      }),
      201,
      20,
    );
    expectStep(
      await professional.post(`${family}/outflow`, {
        destination: 'local-team',
        reason: 'doelen bereikt',
        handoverTo: 'WIJ Groningen',
        occurredAt: daysAgo(15),
      }),
      201,
      21,
    );
    expectStep(
      await professional.post(`${family}/follow-ups`, {
        monthsAfterOutflow: 3,
        outcome: 'gaat goed',
        occurredAt: daysAgo(5),
      }),
      201,
      22,
    );
    expect((await professional.get(family)).body).toMatchObject({
      status: 'outflowed',
      outflow: { destination: 'local-team' },
    });

    // Revolving door: a new signal reopens the case as case 2.
    expectStep(
      await professional.post(`${family}/signals`, {
        source: 'education',
        concerns: ['school-dropout'],
        urgency: 'regular',
        occurredAt: daysAgo(1),
      }),
      201,
      23,
    );
    summary = (await professional.get(family)).body;
    expect(summary).toMatchObject({ status: 'signalled', caseNumber: 2, plan: null, version: 23 });
    expect(summary.signals.at(-1)).toMatchObject({ caseNumber: 2, reentry: true });

    // The professional can leave the network; the auditor erases the family's personal data.
    expectStep(await professional.delete(`${family}/network/p-anna`), 200, 24);
    expectStep(
      await auditor.delete(`${family}/personal-data`, {
        legalBasis: 'verzoek tot vernietiging (Jeugdwet 7.3.11)',
      }),
      200,
      25,
    );
    const afterErasure = await colleague.post(`${family}/progress-notes`, {
      workstream: 'execution',
      note: 'x',
    });
    expect(afterErasure.status).toBe(422);
    expect(afterErasure.body.rule).toBe('case-closed');
  });

  it('records who, why and when in every event’s metadata', async () => {
    const registered = await professional.post(
      '/api/families',
      {
        municipality: 'Pekela',
        members: [{ role: 'youth', displayName: 'Noor' }],
        occurredAt: daysAgo(3),
      },
      { 'X-Correlation-Id': 'corr-meta-1' },
    );
    const familyId: string = registered.body.familyId;
    const events = await app.store.readStream(`family-${familyId}`);
    expect(events.map((e) => e.type)).toEqual(['FamilyRegistered', 'ProfessionalJoinedNetwork']);
    const [first, second] = events;
    expect(first!.metadata).toMatchObject({
      actor: { id: 'p-anna', role: 'professional', organisation: 'WIJ Groningen' },
      correlationId: 'corr-meta-1',
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      recordedAt: expect.any(String),
    });
    expect(first!.metadata.causationId).toBe(first!.metadata.commandId);
    expect(second!.metadata.commandId).toBe(first!.metadata.commandId);
    expect(Date.parse(first!.metadata.occurredAt as string)).toBeLessThan(
      Date.parse(first!.metadata.recordedAt as string),
    );
    expect(first!.schemaVersion).toBe(1);
    expect(first!.data).toMatchObject({ familyId, municipality: 'Pekela' });
  });
});
