import type { FamilyEvent } from '../events';
import { familyDecider, replay } from '../family.decider';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError, type RuleCode } from '../rules';
import { DeciderSpecification } from './decider-specification';

/** Given these past family events, when this command, then these events or `.thenThrows(refusedBy(rule))`. */
export const given = DeciderSpecification.for(familyDecider);

/** What a refusal addresses when the thing named in the command's address does not exist (the API's 404). */
export type RuleTarget = DomainRuleError['target'];

/**
 * Asserts a refusal by `rule` with a message. The refusal's target must be `target`: leaving it out asserts that
 * the refusal has no target (the API answers 422, not 404).
 */
export function refusedBy(rule: RuleCode, target?: RuleTarget): (error: unknown) => void {
  return (error) => {
    if (!(error instanceof DomainRuleError)) {
      throw new Error(
        `expected a refusal by rule ${rule}, but it threw ${
          error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        }`,
      );
    }
    expect({ rule: error.rule, target: error.target }).toStrictEqual({ rule, target });
    expect(error.message).not.toBe('');
  };
}

/** The state after these events, which must have registered the family. */
export function stateAfter(...events: readonly FamilyEvent[]): RegisteredFamilyState {
  const state = replay(events);
  if (state.status === 'unregistered') throw new Error('the events did not register the family');
  return state;
}
