import type { FamilyEvent, FamilyEventType } from './events';
import { evolve, replay } from './family.decider';
import { initialState, routeStatus, type RegisteredFamilyState } from './family.state';
import { familySummary } from './family.summary';
import {
  day,
  event,
  FAMILY_ID,
  history,
  parent,
  REGISTRAR_ID,
  sibling,
  youth,
} from './testing/given-when-then';

/** The state after these events, which must have registered the family. */
function stateAfter(...events: readonly FamilyEvent[]): RegisteredFamilyState {
  const state = replay(events);
  if (state.status === 'unregistered') throw new Error('the events did not register the family');
  return state;
}

describe('evolving the family state', () => {
  describe('on an unregistered family', () => {
    const every: {
      readonly [T in Exclude<FamilyEventType, 'FamilyRegistered'>]: Extract<
        FamilyEvent,
        { type: T }
      >;
    } = {
      FamilyMemberAdded: event.familyMemberAdded(),
      SignalReceived: event.signalReceived(),
      ConsultationHeld: event.consultationHeld(),
      ProfessionalJoinedNetwork: event.professionalJoined(),
      ProfessionalLeftNetwork: event.professionalLeft(),
      CaseDirectorAssigned: event.caseDirectorAssigned(),
      ExplanatoryAnalysisStarted: event.analysisStarted(),
      ExplanatoryAnalysisCompleted: event.analysisCompleted(),
      TreatmentPlanAdopted: event.planAdopted(),
      TreatmentPlanRevised: event.planRevised(),
      CareRequested: event.careRequested(),
      CareRequestWithdrawn: event.careRequestWithdrawn(),
      CareStarted: event.careStarted(),
      CareEnded: event.careEnded(),
      MdoHeld: event.mdoHeld(),
      ProgressNoted: event.progressNoted(),
      SafetyAssessed: event.safetyAssessed(),
      SafetyTeamReviewed: event.safetyTeamReviewed(),
      OutflowRegistered: event.outflowRegistered(),
      FollowUpRecorded: event.followUpRecorded(),
      PersonalDataErased: event.personalDataErased(),
    };
    const everyEventButRegistration: FamilyEvent[] = Object.values(every);

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
      expect(replay([event.familyRegistered()])).toStrictEqual({
        status: 'open',
        familyId: FAMILY_ID,
        municipality: 'Groningen',
        registeredAt: day(0),
        members: [youth, parent],
        network: [],
        signals: [],
        caseNumber: 0,
        consultations: [],
        analyses: [],
        trajectories: [],
      });
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
      const state = stateAfter(
        ...history.registered(),
        event.professionalJoined(),
        event.caseDirectorAssigned(),
        event.caseDirectorAssigned({
          professionalId: REGISTRAR_ID,
          previousProfessionalId: 'prof-2',
          occurredAt: day(30),
        }),
      );
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
        { consultationId: 'c-1', advice: 'hsj-mcp-route', at: day(3) },
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
        goals: [{ description: 'Sam goes to school again', memberIds: ['m-1'] }],
        agreedWithFamily: true,
        evaluateBy: day(120),
        adoptedAt: day(25),
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

  describe('CareRequested, CareStarted, CareEnded and CareRequestWithdrawn', () => {
    it('records a requested trajectory under its plan; the family waits, still planned', () => {
      const state = stateAfter(...history.waiting());
      expect(state.trajectories).toStrictEqual([
        {
          trajectoryId: 't-1',
          caseNumber: 1,
          careForm: 'trauma-treatment',
          providerId: 'provider-1',
          memberIds: ['m-1'],
          planId: 'p-1',
          status: 'requested',
          requestedAt: day(30),
        },
      ]);
      expect(routeStatus(state)).toBe('planned');
    });

    it('records crisis care requested under no plan without a plan id', () => {
      const state = stateAfter(...history.signalled(), event.careRequestedWithoutPlan());
      expect(state.trajectories[0]).not.toHaveProperty('planId');
    });

    it('marks the trajectory started: the in-care phase', () => {
      const state = stateAfter(...history.inCare());
      expect(state.trajectories[0]).toMatchObject({ status: 'started', startedAt: day(45) });
      expect(routeStatus(state)).toBe('in-care');
    });

    it('marks the trajectory ended with its reason, back to the planned phase', () => {
      const state = stateAfter(...history.inCare(), event.careEnded({ reason: 'transferred' }));
      expect(state.trajectories[0]).toMatchObject({
        status: 'ended',
        startedAt: day(45),
        endedAt: day(90),
        endReason: 'transferred',
      });
      expect(routeStatus(state)).toBe('planned');
    });

    it('marks the trajectory withdrawn', () => {
      const state = stateAfter(...history.waiting(), event.careRequestWithdrawn());
      expect(state.trajectories[0]).toMatchObject({ status: 'withdrawn', withdrawnAt: day(35) });
    });

    it('changes only the trajectory the event names', () => {
      const state = stateAfter(
        ...history.waiting(),
        event.careRequested({ trajectoryId: 't-2', careForm: 'foster-care', occurredAt: day(31) }),
        event.careStarted({ trajectoryId: 't-2', occurredAt: day(40) }),
      );
      expect(state.trajectories.map((t) => [t.trajectoryId, t.status])).toStrictEqual([
        ['t-1', 'requested'],
        ['t-2', 'started'],
      ]);
    });
  });

  describe('MdoHeld, ProgressNoted, SafetyAssessed and SafetyTeamReviewed', () => {
    it('records when the last MDO was and when the next is due', () => {
      const state = stateAfter(...history.inCare(), event.mdoHeld());
      expect(state.lastMdoAt).toBe(day(50));
      expect(state.nextMdoDueBy).toBe(day(92));
    });

    it('leaves the state as it is for a progress note', () => {
      const before = stateAfter(...history.inCare());
      expect(evolve(before, event.progressNoted())).toBe(before);
    });

    it('takes the latest safety assessment with its phase as the safety view', () => {
      const state = stateAfter(
        ...history.analysed(),
        event.safetyAssessed({ occurredAt: day(21) }),
      );
      expect(state.safety).toStrictEqual({
        level: 'unsafe',
        phase: 'direct-safety',
        assessedAt: day(21),
      });
    });

    it('leaves the phase out of the safety view when the assessment has none', () => {
      const state = stateAfter(...history.signalled(), event.safetyAssessed(), {
        type: 'SafetyAssessed',
        data: { assessmentId: 'sa-2', level: 'safe', occurredAt: day(30) },
      });
      expect(state.safety).toStrictEqual({ level: 'safe', assessedAt: day(30) });
    });

    it('records when the regional safety team last reviewed the family', () => {
      const state = stateAfter(...history.signalled(), event.safetyTeamReviewed());
      expect(state.lastSafetyReviewAt).toBe(day(12));
    });
  });

  describe('OutflowRegistered and FollowUpRecorded', () => {
    it('closes the case with its outflow: the outflowed phase', () => {
      const state = stateAfter(...history.outflowed());
      expect(state.status).toBe('outflowed');
      expect(state.outflow).toStrictEqual({
        caseNumber: 1,
        destination: 'local-team',
        at: day(100),
        reason: 'goals reached',
        handoverTo: 'WIJ Groningen',
        followUps: [],
      });
      expect(routeStatus(state)).toBe('outflowed');
    });

    it('keeps the plan and the trajectories of the closed case', () => {
      const state = stateAfter(...history.outflowed());
      expect(state.plan?.planId).toBe('p-1');
      expect(state.trajectories.map((t) => t.status)).toStrictEqual(['ended']);
    });

    it('adds follow-ups to the outflow', () => {
      const state = stateAfter(
        ...history.outflowed(),
        event.followUpRecorded(),
        event.followUpRecorded({ monthsAfterOutflow: 6, occurredAt: day(280) }),
      );
      expect(state.outflow?.followUps).toStrictEqual([
        { monthsAfterOutflow: 3, at: day(190) },
        { monthsAfterOutflow: 6, at: day(280) },
      ]);
    });

    it('ignores a follow-up of a family that never flowed out', () => {
      const before = stateAfter(...history.inCare());
      expect(evolve(before, event.followUpRecorded())).toBe(before);
    });
  });

  describe('re-entry: a signal after outflow', () => {
    it('reopens the family in a new case, without the plan of the closed case', () => {
      const state = stateAfter(...history.reentered());
      expect(state.status).toBe('open');
      expect(state.caseNumber).toBe(2);
      expect(state.plan).toBeUndefined();
      expect(state.signals.at(-1)).toMatchObject({ signalId: 's-2', caseNumber: 2, reentry: true });
      expect(routeStatus(state)).toBe('signalled');
    });

    it('keeps the outflow of the closed case and its history', () => {
      const state = stateAfter(...history.reentered());
      expect(state.outflow).toMatchObject({ caseNumber: 1, at: day(100) });
      expect(state.analyses.map((a) => a.analysisId)).toStrictEqual(['a-1']);
      expect(state.trajectories.map((t) => t.trajectoryId)).toStrictEqual(['t-1']);
    });

    it('puts the reopened case in analysis only with an analysis of the new case', () => {
      const state = stateAfter(
        ...history.reentered(),
        event.analysisStarted({ analysisId: 'a-2', caseNumber: 2, occurredAt: day(301) }),
      );
      expect(routeStatus(state)).toBe('in-analysis');
    });

    it('plans and cares for the reopened case again', () => {
      const planned = stateAfter(
        ...history.reentered(),
        event.analysisStarted({ analysisId: 'a-2', caseNumber: 2, occurredAt: day(301) }),
        event.analysisCompleted({ analysisId: 'a-2', occurredAt: day(310) }),
        event.planAdopted({
          planId: 'p-2',
          basedOnAnalysisId: 'a-2',
          caseNumber: 2,
          occurredAt: day(311),
        }),
      );
      expect(routeStatus(planned)).toBe('planned');
      const inCare = stateAfter(
        ...history.reentered(),
        event.careRequestedWithoutPlan({
          trajectoryId: 't-2',
          caseNumber: 2,
          occurredAt: day(301),
        }),
        event.careStarted({ trajectoryId: 't-2', occurredAt: day(302) }),
      );
      expect(routeStatus(inCare)).toBe('in-care');
    });
  });

  describe('PersonalDataErased', () => {
    it('records when the personal data was erased and keeps the anonymous facts', () => {
      const state = stateAfter(...history.erased());
      expect(state.erasedAt).toBe(day(200));
      expect(state.caseNumber).toBe(1);
      expect(state.trajectories).toHaveLength(1);
    });

    it('forgets that a member had a BSN: the summary says hasBsn false from then on', () => {
      const withBsn = { ...youth, bsn: '111222333' };
      const before = stateAfter(event.familyRegistered({ members: [withBsn, parent] }));
      expect(familySummary(before, 1).members.map((m) => m.hasBsn)).toEqual([true, false]);
      const after = evolve(before, event.personalDataErased()) as RegisteredFamilyState;
      expect(after.members.map((m) => m.bsn)).toEqual([undefined, undefined]);
      expect(familySummary(after, 2).members.map((m) => m.hasBsn)).toEqual([false, false]);
      // A state stored before erasure forgot the BSN (a read model's row) still answers false.
      expect(
        familySummary({ ...before, erasedAt: day(200) }, 2).members.map((m) => m.hasBsn),
      ).toEqual([false, false]);
    });
  });
});
