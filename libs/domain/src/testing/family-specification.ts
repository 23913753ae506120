import type { FamilyCommand } from '../commands';
import type { FamilyEvent } from '../events';
import { familyDecider, replay } from '../family.decider';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError, type RuleCode } from '../rules';
import { DeciderSpecification } from './decider-specification';

/** Given these past family events, when this command, then these events or `.thenThrows(refusedBy(rule))`. */
export const given = DeciderSpecification.for(familyDecider);

/**
 * One case of a rule, as data: given these past events (lists are flattened in order), when this command, then
 * exactly these events — or `thenThrows: refusedBy(rule)`.
 */
export type RuleCase = {
  readonly given: FamilyEvent | readonly (FamilyEvent | readonly FamilyEvent[])[];
  readonly when: FamilyCommand;
} & (
  | { readonly then: FamilyEvent | readonly FamilyEvent[] }
  | { readonly thenThrows: (error: unknown) => void }
);

/**
 * The cases of a rule as a table, one test a case, named by its key: the given/when/then of `given` without
 * repeating its skeleton in every test.
 */
export function rules(cases: Readonly<Record<string, RuleCase>>): void {
  for (const [name, rule] of Object.entries(cases)) {
    it(name, () => {
      const outcome = given(...[rule.given].flat()).when(rule.when);
      if ('thenThrows' in rule) outcome.thenThrows(rule.thenThrows);
      else outcome.then(...[rule.then].flat());
    });
  }
}

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
