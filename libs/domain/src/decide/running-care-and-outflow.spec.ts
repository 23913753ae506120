import { refusedBy, rules, stateAfter } from '../testing/family-specification';
import { command, day, event, history, NOW } from '../testing/given-when-then';
import { routeStatus } from '../family.state';
import { familySummary } from '../family.summary';

/** Running care (rule 4 and 9 amended) and care that goes on after the outflow (rule 8 amended). */
describe('RecordRunningCare: care already running when the family enters', () => {
  rules({
    'records foster care running since before the registration, without a signal or a plan': {
      given: history.registered(),
      when: command.recordRunningCare(),
      then: event.runningCareRecorded(),
    },
    'records running care under the adopted plan as inside the plan, in the current case': {
      given: history.planned(),
      when: command.recordRunningCare({ occurredAt: day(26) }),
      then: event.runningCareRecorded({ outsidePlan: false, caseNumber: 1, occurredAt: day(26) }),
    },
    'records running care without members or allocation number': {
      given: history.signalled(),
      when: command.recordRunningCare({ memberIds: undefined, allocationNumber: undefined }),
      then: {
        type: 'RunningCareRecorded',
        data: {
          trajectoryId: 't-running',
          careForm: 'foster-care',
          providerId: 'provider-2',
          memberIds: [],
          startedAt: day(-200),
          outsidePlan: true,
          caseNumber: 1,
          occurredAt: day(1),
        },
      },
    },
    'rule 9: refuses running care that starts in the future': {
      given: history.registered(),
      when: command.recordRunningCare({ startedAt: day(366) }),
      thenThrows: refusedBy('invalid-time'),
    },
    'ends running care like any started trajectory, not before its start': {
      given: [history.registered(), event.runningCareRecorded()],
      when: command.endCare({ trajectoryId: 't-running', occurredAt: day(40) }),
      then: event.careEnded({ trajectoryId: 't-running', occurredAt: day(40) }),
    },
    'rule 5: refuses to start running care, which runs already': {
      given: [history.registered(), event.runningCareRecorded()],
      when: command.startCare({ trajectoryId: 't-running', occurredAt: day(40) }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });

  it('keeps running care out of the route status and apart from the requested trajectories', () => {
    const state = stateAfter(...history.signalled(), event.runningCareRecorded());
    expect(routeStatus(state)).toBe('signalled');
    const summary = familySummary(state, 4);
    expect(summary.trajectories).toStrictEqual([]);
    expect(summary.runningCare).toMatchObject([
      { trajectoryId: 't-running', status: 'started', startedAt: day(-200), runningCare: true },
    ]);
  });
});

describe('RegisterOutflow with care that goes on (rule 8 amended)', () => {
  rules({
    'hands the running trajectory over and flows out': {
      given: history.inCare(),
      when: command.registerOutflow({ continuingTrajectoryIds: ['t-1'] }),
      then: [event.careHandedOver(), event.outflowRegistered()],
    },
    'hands over running care recorded before the case, with no handover organisation': {
      given: [history.registered(), event.runningCareRecorded(), event.signalReceived()],
      when: command.registerOutflow({
        continuingTrajectoryIds: ['t-running'],
        handoverTo: undefined,
      }),
      then: [
        {
          type: 'CareHandedOver',
          data: { trajectoryId: 't-running', caseNumber: 1, occurredAt: day(100) },
        },
        {
          type: 'OutflowRegistered',
          data: {
            destination: 'local-team',
            reason: 'goals reached',
            caseNumber: 1,
            occurredAt: day(100),
          },
        },
      ],
    },
    'refuses while another trajectory still runs and is not handed over': {
      given: [history.inCare(), event.runningCareRecorded({ occurredAt: day(46) })],
      when: command.registerOutflow({ continuingTrajectoryIds: ['t-1'] }),
      thenThrows: refusedBy('open-trajectories'),
    },
    'refuses to hand over a trajectory that has not started': {
      given: history.waiting(),
      when: command.registerOutflow({ continuingTrajectoryIds: ['t-1'] }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses to hand over a trajectory of no one': {
      given: history.careEnded(),
      when: command.registerOutflow({ continuingTrajectoryIds: ['t-unknown'] }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'refuses to hand over one trajectory twice': {
      given: history.inCare(),
      when: command.registerOutflow({ continuingTrajectoryIds: ['t-1', 't-1'] }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'accepts the end of the handed-over care after the outflow': {
      given: [history.inCare(), event.careHandedOver(), event.outflowRegistered()],
      when: command.endCare({ occurredAt: day(150) }),
      then: event.careEnded({ occurredAt: day(150) }),
    },
    'accepts the end of care handed over at an earlier outflow, after a later one': {
      given: [
        history.registered(),
        event.runningCareRecorded(),
        event.signalReceived(),
        event.careHandedOver({ trajectoryId: 't-running' }),
        event.outflowRegistered(),
        event.reentrySignal({ occurredAt: day(120) }),
        event.careRequested({
          caseNumber: 2,
          planId: undefined,
          careForm: 'crisis-care',
          occurredAt: day(121),
        }),
        event.careStarted({ occurredAt: day(122) }),
        event.careHandedOver({ trajectoryId: 't-1', occurredAt: day(130), caseNumber: 2 }),
        event.outflowRegistered({ caseNumber: 2, occurredAt: day(130) }),
      ],
      when: command.endCare({ trajectoryId: 't-running', occurredAt: day(150) }),
      then: event.careEnded({ trajectoryId: 't-running', occurredAt: day(150) }),
    },
    'handed-over care does not hold a later outflow back': {
      given: [
        history.inCare(),
        event.careHandedOver(),
        event.outflowRegistered(),
        event.reentrySignal({ occurredAt: day(120) }),
      ],
      when: command.registerOutflow({ occurredAt: day(130) }),
      then: event.outflowRegistered({ caseNumber: 2, occurredAt: day(130) }),
    },
    'rule 8: refuses a step on the handed-over care other than its end after the outflow': {
      given: [history.inCare(), event.careHandedOver(), event.outflowRegistered()],
      when: command.withdrawCareRequest({ occurredAt: day(150) }),
      thenThrows: refusedBy('case-closed'),
    },
  });

  it('shows the handed-over trajectory as going on, handed over', () => {
    const state = stateAfter(
      ...history.inCare(),
      event.careHandedOver(),
      event.outflowRegistered(),
    );
    expect(state.trajectories[0]).toMatchObject({
      status: 'started',
      handedOver: { at: day(100), handoverTo: 'WIJ Groningen' },
    });
    expect(NOW).toBe(day(365));
  });
});

describe('RecordFollowUp with a status', () => {
  rules({
    'records the structured status beside the outcome': {
      given: history.outflowed(),
      when: command.recordFollowUp({ status: 'needs-support' }),
      then: event.followUpRecorded({ status: 'needs-support' }),
    },
  });
});
