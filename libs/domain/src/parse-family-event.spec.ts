import { EVENT_SCHEMA_VERSIONS, FAMILY_EVENT_TYPES, type FamilyEvent } from './events';
import { isRouteEvent } from './family.evolve.route';
import { describeFamilyEventError, parseFamilyEvent, UNKNOWN_CASE } from './parse-family-event';
import { given } from './testing/family-specification';
import { everyEventOnARegisteredFamily } from './testing/family-events';
import { command, event, history } from './testing/given-when-then';
import { derivedGoalId } from './upcasters';

/** One event of every type, as the builders make them. */
const everyEvent: FamilyEvent[] = [
  ...history.outflowed(),
  event.familyMemberAdded(),
  event.memberBsnRecorded(),
  event.consultationHeld(),
  event.professionalLeft(),
  event.caseDirectorAssigned({ previousProfessionalId: 'prof-1' }),
  event.planRevised(),
  event.careRequestedWithoutPlan({ trajectoryId: 't-2' }),
  event.careRequestWithdrawn(),
  event.mdoHeld(),
  event.progressNoted(),
  event.safetyAssessed(),
  event.safetyTeamReviewed(),
  event.followUpRecorded(),
  event.personalDataErased(),
  ...everyEventOnARegisteredFamily().filter((e) => isRouteEvent(e)),
];

describe('parseFamilyEvent', () => {
  it('covers every event type in this table', () => {
    expect(new Set(everyEvent.map((e) => e.type)).size).toBe(FAMILY_EVENT_TYPES.length);
  });

  it.each(everyEvent.map((e) => [e.type, e] as const))(
    'parses a stored %s into the same typed event',
    (_type, e) => {
      const stored = JSON.parse(JSON.stringify(e)) as { type: string; data: unknown };
      expect(
        parseFamilyEvent({ ...stored, schemaVersion: EVENT_SCHEMA_VERSIONS[e.type] }),
      ).toStrictEqual({
        ok: true,
        event: e,
      });
      expect(parseFamilyEvent(stored)).toStrictEqual({ ok: true, event: e });
    },
  );

  it('leaves personal fields unchecked: they may be sealed or erased', () => {
    const sealed = event.familyRegistered();
    const data = {
      ...sealed.data,
      members: sealed.data.members.map((m) => ({ ...m, displayName: null })),
    };
    expect(parseFamilyEvent({ type: 'FamilyRegistered', data })).toMatchObject({ ok: true });
  });

  it('keeps odd values of the right type: events are facts', () => {
    const data = { ...event.outflowRegistered().data, destination: 'abroad', occurredAt: 'never' };
    expect(parseFamilyEvent({ type: 'OutflowRegistered', data })).toMatchObject({ ok: true });
  });

  it('names an unknown type', () => {
    expect(parseFamilyEvent({ type: 'FamilyMovedAbroad', data: {} })).toStrictEqual({
      ok: false,
      error: { kind: 'unknown-type', type: 'FamilyMovedAbroad' },
    });
  });

  it('names a schema version this code does not know', () => {
    const { type, data } = event.careStarted();
    expect(parseFamilyEvent({ type, data, schemaVersion: 2 })).toStrictEqual({
      ok: false,
      error: { kind: 'unsupported-schema-version', type: 'CareStarted', schemaVersion: 2 },
    });
  });

  it.each([
    ['data that is no object', 'CareStarted', 'soon', 'data', 'an object'],
    ['data that is a list', 'CareStarted', [], 'data', 'an object'],
    [
      'a missing field',
      'OutflowRegistered',
      { caseNumber: 1, occurredAt: 'x' },
      'data.destination',
      'a string',
    ],
    [
      'a mistyped field',
      'SignalReceived',
      { ...event.signalReceived().data, caseNumber: 'one' },
      'data.caseNumber',
      'a number',
    ],
    ['a missing occurredAt', 'CareStarted', { trajectoryId: 't-1' }, 'data.occurredAt', 'a string'],
    [
      'an optional field of the wrong type',
      'SafetyAssessed',
      { ...event.safetyAssessed().data, phase: 3 },
      'data.phase',
      'a string',
    ],
    [
      'a field in a list',
      'FamilyRegistered',
      {
        ...event.familyRegistered().data,
        members: [{ memberId: 'm-1', role: 'youth' }, { role: 'parent' }],
      },
      'data.members[1].memberId',
      'a string',
    ],
    [
      'a list that is not one',
      'CareRequested',
      { ...event.careRequested().data, memberIds: 'm-1' },
      'data.memberIds',
      'a list',
    ],
    [
      'a nested list',
      'TreatmentPlanRevised',
      { ...event.planRevised().data, goals: [{ goalId: 'g-1', memberIds: [7] }] },
      'data.goals[0].memberIds[0]',
      'a string',
    ],
  ] as const)('names %s', (_what, type, data, field, expected) => {
    const parsed = parseFamilyEvent({ type, data });
    expect(parsed).toStrictEqual({
      ok: false,
      error: { kind: 'invalid-field', type, field, expected },
    });
    if (!parsed.ok)
      expect(describeFamilyEventError(parsed.error)).toBe(`${type}: ${field} is not ${expected}`);
  });

  it.each(['OutflowRegistered', 'FollowUpRecorded'] as const)(
    'reads a %s stored without a case number as of no case, and a mistyped one as invalid',
    (type) => {
      const { caseNumber: _caseNumber, ...data } = everyEvent.find((e) => e.type === type)!
        .data as {
        caseNumber: number;
      };
      expect(parseFamilyEvent({ type, data })).toStrictEqual({
        ok: true,
        event: { type, data: { ...data, caseNumber: UNKNOWN_CASE } },
      });
      expect(parseFamilyEvent({ type, data: { ...data, caseNumber: '2' } })).toMatchObject({
        ok: false,
        error: { field: 'data.caseNumber', expected: 'a number' },
      });
    },
  );

  it('never names a value, which may be personal', () => {
    const data = {
      ...event.familyMemberAdded().data,
      member: { memberId: 'm-9', role: 'Sam de Vries' },
    };
    const parsed = parseFamilyEvent({
      type: 'FamilyMemberAdded',
      data: { ...data, member: { ...data.member, memberId: 42 } },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(JSON.stringify(parsed.error) + describeFamilyEventError(parsed.error)).not.toMatch(
        /Sam|42/,
      );
  });

  describe('upcasting the plan events of schema version 1, whose goals had no ids', () => {
    const withoutIds = <T extends { goals: readonly object[] }>(data: T) => ({
      ...data,
      goals: data.goals.map(({ goalId: _goalId, ...goal }: { goalId?: string }) => goal),
    });

    it('gives the goals of an adopted plan ids derived from the plan and their place', () => {
      const data = withoutIds(event.planAdopted().data);
      const first = parseFamilyEvent({ type: 'TreatmentPlanAdopted', data, schemaVersion: 1 });
      const again = parseFamilyEvent({ type: 'TreatmentPlanAdopted', data, schemaVersion: 1 });
      expect(first).toStrictEqual(again);
      expect(first).toStrictEqual({
        ok: true,
        event: {
          type: 'TreatmentPlanAdopted',
          data: { ...data, goals: [{ goalId: derivedGoalId('p-1', 1, 0), ...data.goals[0] }] },
        },
      });
      expect(derivedGoalId('p-1', 1, 0)).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('gives the goals of a revision ids of their own version', () => {
      const data = withoutIds(event.planRevised().data);
      const parsed = parseFamilyEvent({ type: 'TreatmentPlanRevised', data, schemaVersion: 1 });
      expect(
        parsed.ok && parsed.event.type === 'TreatmentPlanRevised' && parsed.event.data.goals,
      ).toStrictEqual([
        { goalId: derivedGoalId('p-1', 2, 0), ...data.goals[0] },
        { goalId: derivedGoalId('p-1', 2, 1), ...data.goals[1] },
      ]);
      expect(derivedGoalId('p-1', 2, 0)).not.toBe(derivedGoalId('p-1', 1, 0));
    });

    it('reads the current version as it is, and refuses a version it does not know', () => {
      const data = event.planAdopted().data;
      expect(
        parseFamilyEvent({ type: 'TreatmentPlanAdopted', data, schemaVersion: 2 }),
      ).toStrictEqual({ ok: true, event: { type: 'TreatmentPlanAdopted', data } });
      for (const schemaVersion of [0, 3])
        expect(
          parseFamilyEvent({ type: 'TreatmentPlanAdopted', data, schemaVersion }),
        ).toStrictEqual({
          ok: false,
          error: {
            kind: 'unsupported-schema-version',
            type: 'TreatmentPlanAdopted',
            schemaVersion,
          },
        });
    });

    it('replays a history stored before goal ids into a plan whose goals can be evaluated', () => {
      const stored = withoutIds(event.planAdopted().data);
      const parsed = parseFamilyEvent({
        type: 'TreatmentPlanAdopted',
        data: stored,
        schemaVersion: 1,
      });
      if (!parsed.ok) throw new Error('not parsed');
      const goalId = derivedGoalId('p-1', 1, 0);
      given(...history.analysed(), parsed.event)
        .when(command.evaluatePlan({ goals: [{ goalId, status: 'achieved' }] }))
        .then(event.planEvaluated({ goals: [{ goalId, status: 'achieved' }] }));
    });
  });
});
