import type { ErasePersonalData } from '../commands';
import type { PersonalDataErased } from '../events';
import type { RegisteredFamilyState } from '../family.state';

/** An erasure request: the family's personal data becomes unreadable (crypto-shredding by the handler). */
export function erasePersonalData(
  command: ErasePersonalData,
  _state: RegisteredFamilyState,
): [PersonalDataErased] {
  const { legalBasis, occurredAt } = command.data;
  return [{ type: 'PersonalDataErased', data: { legalBasis, occurredAt } }];
}
