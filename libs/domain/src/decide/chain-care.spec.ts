import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';

/**
 * Care the iJw chain reports (api.md "iJw messages"): JW315 → CareRequested, JW301 → CareAllocated, JW305 →
 * CareStarted (or running care), JW307 → CareEnded. The chain reports facts, not a professional's decisions: rule 4
 * does not refuse them, and care no plan covers is marked `outsidePlan`.
 */
/** What marks a command and its event as reported by the chain rather than decided by a professional. */
const byTheChain = { origin: 'ijw' } as const;
const chainRequest = command.requestCare({ ...byTheChain, reference: 'REF-1' });
const allocation = command.allocateCare();

describe('JW315: a request the chain reports', () => {
  rules({
    'is accepted without an adopted plan (rule 4 does not refuse it), outside the plan': {
      given: history.analysed(),
      when: chainRequest,
      then: event.careRequestedWithoutPlan({
        careForm: 'trauma-treatment',
        ...byTheChain,
        reference: 'REF-1',
        outsidePlan: true,
      }),
    },
    'is accepted before any signal, in case 0': {
      given: history.registered(),
      when: command.requestCare({ ...byTheChain, occurredAt: day(2) }),
      then: event.careRequestedWithoutPlan({
        careForm: 'trauma-treatment',
        caseNumber: 0,
        ...byTheChain,
        outsidePlan: true,
        occurredAt: day(2),
      }),
    },
    'is under the plan when there is one, and not outside it': {
      given: history.planned(),
      when: chainRequest,
      then: event.careRequested({ ...byTheChain, reference: 'REF-1' }),
    },
    'is still refused after the outflow (rule 8)': {
      given: history.outflowed(),
      when: command.requestCare({ ...byTheChain, trajectoryId: 't-2', occurredAt: day(120) }),
      thenThrows: refusedBy('case-closed'),
    },
  });

  it('a professional’s request without a plan is still refused (rule 4 holds for them)', () => {
    given(...history.analysed())
      .when(command.requestCare())
      .thenThrows(refusedBy('no-adopted-plan'));
  });
});

describe('JW301: the municipality allocates the care', () => {
  rules({
    'allocates the requested trajectory it answers': {
      given: history.waiting(),
      when: allocation,
      then: event.careAllocated(),
    },
    'allocates a trajectory that already runs (an extension)': {
      given: [...history.inCare()],
      when: command.allocateCare({ occurredAt: day(50) }),
      then: event.careAllocated({ occurredAt: day(50) }),
    },
    'opens the trajectory itself when no request is known: requested by the chain and allocated': {
      given: history.analysed(),
      when: command.allocateCare({
        request: { careForm: 'foster-care', providerId: 'provider-1', reference: 'REF-9' },
      }),
      then: [
        event.careRequestedWithoutPlan({
          careForm: 'foster-care',
          providerId: 'provider-1',
          memberIds: [],
          ...byTheChain,
          reference: 'REF-9',
          outsidePlan: true,
          occurredAt: day(32),
        }),
        event.careAllocated(),
      ],
    },
    'refuses an unknown trajectory when it may not open one': {
      given: history.planned(),
      when: allocation,
      thenThrows: refusedBy('unknown-reference', 'trajectory'),
    },
    'refuses an allocation number that another trajectory holds': {
      given: [...history.waiting(), event.careAllocated()],
      when: command.allocateCare({
        trajectoryId: 't-2',
        request: { careForm: 'foster-care', providerId: 'provider-1' },
      }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses to allocate an ended trajectory': {
      given: history.careEnded(),
      when: command.allocateCare({ occurredAt: day(95) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses an allocation that ends before it begins': {
      given: history.waiting(),
      when: command.allocateCare({ allocatedUntil: day(10).slice(0, 10) }),
      thenThrows: refusedBy('invalid-time'),
    },
  });
});

describe('JW305 and JW307: start and end of care reported by the chain', () => {
  rules({
    'starts the requested trajectory, marked as from the chain': {
      given: history.waiting(),
      when: command.startCare(byTheChain),
      then: event.careStarted(byTheChain),
    },
    'records running care outside the plan when no request is known': {
      given: history.analysed(),
      when: command.recordRunningCare({ ...byTheChain, allocationNumber: '667899' }),
      then: event.runningCareRecorded({
        ...byTheChain,
        allocationNumber: '667899',
        outsidePlan: true,
        caseNumber: 1,
      }),
    },
    'ends the trajectory with the mapped reason and the iJw reason beside it': {
      given: history.inCare(),
      when: command.endCare({ reason: 'breakdown', ...byTheChain, ijwReason: '22' }),
      then: event.careEnded({ reason: 'breakdown', ...byTheChain, ijwReason: '22' }),
    },
    'ends care handed over at the outflow, also after it (rule 8 amended)': {
      given: [
        ...history.inCare(),
        event.careHandedOver({ occurredAt: day(100) }),
        event.outflowRegistered({ occurredAt: day(100) }),
      ],
      when: command.endCare({ ...byTheChain, ijwReason: '19', occurredAt: day(130) }),
      then: event.careEnded({ ...byTheChain, ijwReason: '19', occurredAt: day(130) }),
    },
    'refuses a start for a family that flowed out (the message is kept for the safety team)': {
      given: history.outflowed(),
      when: command.recordRunningCare({ ...byTheChain, trajectoryId: 't-9', occurredAt: day(150) }),
      thenThrows: refusedBy('case-closed'),
    },
  });
});

describe('RecordMemberBsn: a member registered without a BSN takes the one of an iJw message linked to it', () => {
  rules({
    'records the BSN of a member that has none': {
      given: history.registered(),
      when: command.recordMemberBsn(),
      then: event.memberBsnRecorded(),
    },
    'never replaces a recorded BSN': {
      given: [...history.registered(), event.memberBsnRecorded()],
      when: command.recordMemberBsn({ bsn: '999990019' }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses a member the family does not have': {
      given: history.registered(),
      when: command.recordMemberBsn({ memberId: 'm-9' }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'refuses a number that fails the elfproef': {
      given: history.registered(),
      when: command.recordMemberBsn({ bsn: '123456789' }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});
