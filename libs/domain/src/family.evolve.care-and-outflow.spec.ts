import { evolve } from './family.decider';
import { routeStatus, type RegisteredFamilyState } from './family.state';
import { familySummary } from './family.summary';
import { day, event, history, parent, stateAfter, youth } from './testing/given-when-then';

describe('evolving the family state', () => {
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
