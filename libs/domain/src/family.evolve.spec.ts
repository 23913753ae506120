import { evolve, replay } from './family.decider';
import { initialState, routeStatus } from './family.state';
import { day, event, history, stateAfter } from './testing/given-when-then';
import { everyEventOnARegisteredFamily } from './testing/family-events';
import { FAMILY_ID, parent, REGISTRAR_ID, sibling, youth } from './testing/family-fixtures';

describe('evolving the family state', () => {
  describe('on an unregistered family', () => {
    const everyEventButRegistration = everyEventOnARegisteredFamily();

    it.each(everyEventButRegistration.map((e) => [e.type, e] as const))(
      'ignores %s',
      (_type, e) => {
        expect(evolve(initialState, e)).toBe(initialState);
      },
    );

    it('ignores a whole history that lacks the registration', () => {
      expect(replay(history.inCare().slice(1))).toStrictEqual({ status: 'unregistered' });
    });
  });

  describe('FamilyRegistered', () => {
    it('opens the family with its members and nothing else yet', () => {
      const { status, familyId, municipality, registeredAt, members, caseNumber, ...records } =
        stateAfter(event.familyRegistered());
      expect({ status, familyId, municipality, registeredAt, members, caseNumber }).toStrictEqual({
        status: 'open',
        familyId: FAMILY_ID,
        municipality: 'Groningen',
        registeredAt: day(0),
        members: [youth, parent],
        caseNumber: 0,
      });
      // Every other field is a record of the route (network, signals, analyses, …), and each starts empty.
      expect(Object.values(records)).toStrictEqual(Object.keys(records).map(() => []));
    });

    it('puts the family in the registered phase', () => {
      expect(routeStatus(stateAfter(...history.registered()))).toBe('registered');
    });
  });

  describe('FamilyMemberAdded', () => {
    it('adds the member after the others', () => {
      expect(stateAfter(...history.registered(), event.familyMemberAdded()).members).toStrictEqual([
        youth,
        parent,
        sibling,
      ]);
    });
  });

  describe('ProfessionalJoinedNetwork and ProfessionalLeftNetwork', () => {
    it('puts the professional in the network, since the time they joined', () => {
      expect(stateAfter(...history.registered(), event.professionalJoined()).network).toStrictEqual(
        [
          {
            professionalId: REGISTRAR_ID,
            organisation: 'WIJ Groningen',
            discipline: 'social work',
            joinedAt: day(0),
          },
          {
            professionalId: 'prof-2',
            organisation: 'Accare',
            discipline: 'child psychiatry',
            joinedAt: day(3),
          },
        ],
      );
    });

    it('leaves the discipline out when none is given', () => {
      const state = stateAfter(event.familyRegistered(), {
        type: 'ProfessionalJoinedNetwork',
        data: { professionalId: 'prof-9', organisation: 'GGD', occurredAt: day(1) },
      });
      expect(state.network).toStrictEqual([
        { professionalId: 'prof-9', organisation: 'GGD', joinedAt: day(1) },
      ]);
    });

    it('keeps one entry for a professional who joins again', () => {
      const state = stateAfter(
        ...history.registered(),
        event.professionalJoined({ professionalId: REGISTRAR_ID, occurredAt: day(5) }),
      );
      expect(state.network).toStrictEqual([
        {
          professionalId: REGISTRAR_ID,
          organisation: 'Accare',
          discipline: 'child psychiatry',
          joinedAt: day(5),
        },
      ]);
    });

    it('takes the professional out of the network when they leave', () => {
      const state = stateAfter(
        ...history.registered(),
        event.professionalJoined(),
        event.professionalLeft(),
      );
      expect(state.network.map((p) => p.professionalId)).toStrictEqual([REGISTRAR_ID]);
    });
  });

  describe('CaseDirectorAssigned', () => {
    it('sets the case director and since when', () => {
      const state = stateAfter(
        ...history.registered(),
        event.professionalJoined(),
        event.caseDirectorAssigned(),
      );
      expect(state.caseDirector).toStrictEqual({ professionalId: 'prof-2', since: day(4) });
    });

    it('replaces the previous case director: one at a time', () => {
      const state = stateAfter(...history.directorReplaced());
      expect(state.caseDirector).toStrictEqual({ professionalId: REGISTRAR_ID, since: day(30) });
    });
  });

  describe('SignalReceived', () => {
    it('opens case 1 with the first signal and puts the family in the signalled phase', () => {
      const state = stateAfter(...history.signalled());
      expect(state.caseNumber).toBe(1);
      expect(state.signals).toStrictEqual([
        {
          signalId: 's-1',
          caseNumber: 1,
          receivedAt: day(2),
          urgency: 'urgent',
          source: 'local-team',
          reentry: false,
        },
      ]);
      expect(routeStatus(state)).toBe('signalled');
    });

    it('adds a further signal of the same case without touching the plan', () => {
      const state = stateAfter(
        ...history.planned(),
        event.signalReceived({ signalId: 's-2', urgency: 'crisis', occurredAt: day(26) }),
      );
      expect(state.caseNumber).toBe(1);
      expect(state.signals.map((s) => s.signalId)).toStrictEqual(['s-1', 's-2']);
      expect(state.plan?.planId).toBe('p-1');
    });
  });

  describe('ConsultationHeld', () => {
    it('records the advice of the consultation', () => {
      const state = stateAfter(...history.signalled(), event.consultationHeld());
      expect(state.consultations).toStrictEqual([
        { consultationId: 'c-1', advice: 'hsj-mcp-route', caseNumber: 1, at: day(3) },
      ]);
    });
  });

  describe('ExplanatoryAnalysisStarted and ExplanatoryAnalysisCompleted', () => {
    it('records the analysis in progress in its case: the in-analysis phase', () => {
      const state = stateAfter(...history.analysing());
      expect(state.analyses).toStrictEqual([
        { analysisId: 'a-1', caseNumber: 1, status: 'in-progress', startedAt: day(5) },
      ]);
      expect(routeStatus(state)).toBe('in-analysis');
    });

    it('completes the analysis with its findings and takes its safety level as the safety view', () => {
      const state = stateAfter(...history.analysed());
      expect(state.analyses).toStrictEqual([
        {
          analysisId: 'a-1',
          caseNumber: 1,
          status: 'completed',
          startedAt: day(5),
          completedAt: day(20),
          safetyLevel: 'concerns',
          patterns: ['school refusal follows conflicts at home'],
          riskFactors: ['debts'],
          protectiveFactors: ['involved grandparents'],
          careNeeds: [{ memberId: 'm-1', need: 'trauma treatment' }],
        },
      ]);
      expect(state.safety).toStrictEqual({ level: 'concerns', assessedAt: day(20) });
      expect(routeStatus(state)).toBe('in-analysis');
    });
  });

  describe('TreatmentPlanAdopted and TreatmentPlanRevised', () => {
    it('holds the adopted plan of the case: the planned phase', () => {
      const state = stateAfter(...history.planned());
      expect(state.plan).toStrictEqual({
        planId: 'p-1',
        caseNumber: 1,
        version: 1,
        basedOnAnalysisId: 'a-1',
        goals: [{ goalId: 'g-1', description: 'Sam goes to school again', memberIds: ['m-1'] }],
        agreedWithFamily: true,
        evaluateBy: day(120),
        adoptedAt: day(25),
        allGoalIds: ['g-1'],
        evaluations: [],
      });
      expect(routeStatus(state)).toBe('planned');
    });

    it('takes the version and goals of a revision and when it was revised', () => {
      const revision = event.planRevised();
      const state = stateAfter(...history.planned(), revision);
      expect(state.plan).toMatchObject({
        planId: 'p-1',
        version: 2,
        goals: revision.data.goals,
        adoptedAt: day(25),
        revisedAt: day(40),
      });
    });

    it('ignores a revision of another plan', () => {
      const before = stateAfter(...history.planned());
      expect(evolve(before, event.planRevised({ planId: 'p-other' }))).toBe(before);
    });
  });
});
