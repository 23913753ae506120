import type { AssignCaseDirector, JoinNetwork, LeaveNetwork } from '../commands';
import type {
  CaseDirectorAssigned,
  ProfessionalJoinedNetwork,
  ProfessionalLeftNetwork,
} from '../events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import { definedOnly, found } from './guards';

export function joinNetwork(
  command: JoinNetwork,
  state: RegisteredFamilyState,
): [ProfessionalJoinedNetwork] {
  const { professionalId, organisation, discipline, occurredAt } = command.data;
  if (state.network.some((p) => p.professionalId === professionalId)) {
    throw new DomainRuleError(
      'invalid-transition',
      `${professionalId} is already in the family's network`,
    );
  }
  return [
    {
      type: 'ProfessionalJoinedNetwork',
      data: {
        professionalId,
        organisation,
        ...definedOnly({ discipline }),
        occurredAt,
      },
    },
  ];
}

/** Rule 6: the case director stays in the network until another one is assigned. */
export function leaveNetwork(
  command: LeaveNetwork,
  state: RegisteredFamilyState,
): [ProfessionalLeftNetwork] {
  const { professionalId, occurredAt } = command.data;
  found(state.network, 'professionalId', professionalId, 'professional');
  if (state.caseDirector?.professionalId === professionalId) {
    throw new DomainRuleError(
      'director-not-in-network',
      'the case director must stay in the network: assign another case director first',
    );
  }
  return [{ type: 'ProfessionalLeftNetwork', data: { professionalId, occurredAt } }];
}

/** Rule 6: one case director (regie), a current member of the network; replaces the previous one. */
export function assignCaseDirector(
  command: AssignCaseDirector,
  state: RegisteredFamilyState,
): [CaseDirectorAssigned] {
  const { professionalId, occurredAt } = command.data;
  if (!state.network.some((p) => p.professionalId === professionalId)) {
    throw new DomainRuleError(
      'director-not-in-network',
      `${professionalId} is not in the family's network: only a member of the network can direct the case`,
    );
  }
  const previous = state.caseDirector?.professionalId;
  if (previous === professionalId) {
    throw new DomainRuleError(
      'invalid-transition',
      `${professionalId} is already the case director`,
    );
  }
  return [
    {
      type: 'CaseDirectorAssigned',
      data: {
        professionalId,
        ...definedOnly({ previousProfessionalId: previous }),
        occurredAt,
      },
    },
  ];
}
