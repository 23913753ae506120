import { isValidBsn } from '../bsn';
import type {
  AddFamilyMember,
  HoldConsultation,
  ReceiveSignal,
  RecordMemberBsn,
  RegisterFamily,
} from '../commands';
import type {
  ConsultationHeld,
  FamilyMemberAdded,
  FamilyRegistered,
  MemberBsnRecorded,
  ProfessionalJoinedNetwork,
  SignalReceived,
} from '../events';
import { closingConsultation, type FamilyState, type RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import { CLOSING_CONSULTATION_ADVICE } from '../vocabulary';
import {
  assertCaseAdmitted,
  assertDistinctMembers,
  assertMembers,
  assertNewId,
  assertNotBefore,
  definedOnly,
} from './guards';

/** The family enters the engine; the registering professional joins its network. */
export function registerFamily(
  command: RegisterFamily,
  state: FamilyState,
): [FamilyRegistered, ProfessionalJoinedNetwork] {
  if (state.status !== 'unregistered') {
    throw new DomainRuleError('invalid-transition', 'this family is already registered');
  }
  const { familyId, municipality, members, registrar, occurredAt } = command.data;
  assertDistinctMembers(members);
  return [
    { type: 'FamilyRegistered', data: { familyId, municipality, members, occurredAt } },
    {
      type: 'ProfessionalJoinedNetwork',
      data: {
        professionalId: registrar.professionalId,
        organisation: registrar.organisation,
        ...definedOnly({ discipline: registrar.discipline }),
        occurredAt,
      },
    },
  ];
}

export function addFamilyMember(
  command: AddFamilyMember,
  state: RegisteredFamilyState,
): [FamilyMemberAdded] {
  const { member, occurredAt } = command.data;
  if (state.members.some((m) => m.memberId === member.memberId)) {
    throw new DomainRuleError(
      'invalid-transition',
      `member ${member.memberId} is already in the family`,
    );
  }
  return [{ type: 'FamilyMemberAdded', data: { member, occurredAt } }];
}

/**
 * A member registered without a BSN gets one: the member must be in the family and have none yet (a recorded BSN
 * is never replaced), and the number must pass the elfproef.
 */
export function recordMemberBsn(
  command: RecordMemberBsn,
  state: RegisteredFamilyState,
): [MemberBsnRecorded] {
  const { memberId, bsn, occurredAt } = command.data;
  const member = state.members.find((m) => m.memberId === memberId);
  if (!member)
    throw new DomainRuleError('unknown-reference', `member ${memberId} is not in the family`);
  if (member.bsn !== undefined)
    throw new DomainRuleError('invalid-transition', `member ${memberId} has a BSN already`);
  if (!isValidBsn(bsn))
    throw new DomainRuleError('invalid-transition', 'the BSN does not pass the elfproef');
  return [{ type: 'MemberBsnRecorded', data: { memberId, bsn, occurredAt } }];
}

/**
 * A signal opens the first case, belongs to the open one, reopens the case after an outflow (re-entry), or opens
 * a new case after a consultation closed the last one (not a re-entry: the family never entered the route).
 */
export function receiveSignal(
  command: ReceiveSignal,
  state: RegisteredFamilyState,
): [SignalReceived] {
  const { signalId, source, referrerOrganisation, concerns, urgency, summary, occurredAt } =
    command.data;
  const concernedMemberIds = command.data.concernedMemberIds ?? [];
  assertNewId(state.signals, 'signalId', signalId);
  assertMembers(state, concernedMemberIds);
  const reentry = state.status === 'outflowed';
  if (state.status === 'outflowed')
    assertNotBefore(occurredAt, state.outflow.at, 'the outflow it would reopen the case after');
  const closing = closingConsultation(state);
  if (closing) assertNotBefore(occurredAt, closing.at, 'the consultation that closed the case');
  const newCase = reentry || state.caseNumber === 0 || closing !== undefined;
  const caseNumber = newCase ? state.caseNumber + 1 : state.caseNumber;
  return [
    {
      type: 'SignalReceived',
      data: {
        signalId,
        source,
        ...definedOnly({ referrerOrganisation }),
        concerns,
        urgency,
        concernedMemberIds,
        ...definedOnly({ summary }),
        caseNumber,
        reentry,
        occurredAt,
      },
    },
  ];
}

export function holdConsultation(
  command: HoldConsultation,
  state: RegisteredFamilyState,
): [ConsultationHeld] {
  const { consultationId, advice, occurredAt } = command.data;
  if (state.caseNumber === 0) {
    throw new DomainRuleError(
      'no-signal',
      'a consultation follows a signal; no signal was received',
    );
  }
  assertCaseAdmitted(state, 'another consultation');
  assertNewId(state.consultations, 'consultationId', consultationId);
  const started = state.analyses.find((a) => a.caseNumber === state.caseNumber);
  if (started && (CLOSING_CONSULTATION_ADVICE as readonly string[]).includes(advice)) {
    throw new DomainRuleError(
      'invalid-transition',
      `the case is on the route (analysis ${started.analysisId} started): a consultation can no longer close it; register an outflow instead`,
    );
  }
  return [{ type: 'ConsultationHeld', data: { consultationId, advice, occurredAt } }];
}
