import type { RecordFollowUp, RegisterOutflow } from '../commands';
import type { FollowUpRecorded, OutflowRegistered } from '../events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import { assertNotBefore, definedOnly } from './guards';

/** Rule 8: the family flows out of its case once every trajectory is ended or withdrawn. */
export function registerOutflow(
  command: RegisterOutflow,
  state: RegisteredFamilyState,
): [OutflowRegistered] {
  if (state.caseNumber === 0) {
    throw new DomainRuleError(
      'invalid-transition',
      'the family has no case to flow out of: no signal was received',
    );
  }
  const open = state.trajectories.filter((t) => t.status === 'requested' || t.status === 'started');
  if (open.length > 0) {
    throw new DomainRuleError(
      'open-trajectories',
      `end or withdraw every trajectory first: ${open.map((t) => `${t.trajectoryId} (${t.status})`).join(', ')}`,
    );
  }
  const { destination, reason, handoverTo, occurredAt } = command.data;
  return [
    {
      type: 'OutflowRegistered',
      data: {
        destination,
        ...definedOnly({ reason, handoverTo }),
        caseNumber: state.caseNumber,
        occurredAt,
      },
    },
  ];
}

/** "Don't let go" (niet loslaten): one follow-up per month after the outflow, while the case is closed. */
export function recordFollowUp(
  command: RecordFollowUp,
  state: RegisteredFamilyState,
): [FollowUpRecorded] {
  const { monthsAfterOutflow, outcome, occurredAt } = command.data;
  if (state.status !== 'outflowed') {
    throw new DomainRuleError(
      'invalid-transition',
      'a follow-up comes after an outflow; the family has not flowed out',
    );
  }
  const { outflow } = state;
  if (outflow.followUps.some((f) => f.monthsAfterOutflow === monthsAfterOutflow)) {
    throw new DomainRuleError(
      'invalid-transition',
      `the follow-up ${monthsAfterOutflow} months after outflow is already recorded`,
    );
  }
  assertNotBefore(occurredAt, outflow.at, 'the outflow');
  return [
    {
      type: 'FollowUpRecorded',
      data: { monthsAfterOutflow, outcome, caseNumber: outflow.caseNumber, occurredAt },
    },
  ];
}
