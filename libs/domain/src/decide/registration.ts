import type { AddFamilyMember, HoldConsultation, ReceiveSignal, RegisterFamily } from '../commands';
import type {
  ConsultationHeld,
  FamilyMemberAdded,
  FamilyRegistered,
  ProfessionalJoinedNetwork,
  SignalReceived,
} from '../events';
import type { FamilyState, RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import {
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
        ...(registrar.discipline === undefined ? {} : { discipline: registrar.discipline }),
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

/** A signal opens the first case, belongs to the open one, or reopens the case after an outflow (re-entry). */
export function receiveSignal(
  command: ReceiveSignal,
  state: RegisteredFamilyState,
): [SignalReceived] {
  const { signalId, source, referrerOrganisation, concerns, urgency, summary, occurredAt } =
    command.data;
  const concernedMemberIds = command.data.concernedMemberIds ?? [];
  assertNewId(
    state.signals.map((s) => s.signalId),
    signalId,
    'signal',
  );
  assertMembers(state, concernedMemberIds);
  const reentry = state.status === 'outflowed';
  if (state.status === 'outflowed')
    assertNotBefore(occurredAt, state.outflow.at, 'the outflow it would reopen the case after');
  const caseNumber = reentry || state.caseNumber === 0 ? state.caseNumber + 1 : state.caseNumber;
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
  assertNewId(
    state.consultations.map((c) => c.consultationId),
    consultationId,
    'consultation',
  );
  return [{ type: 'ConsultationHeld', data: { consultationId, advice, occurredAt } }];
}
