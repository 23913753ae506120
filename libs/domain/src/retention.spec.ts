import { replay } from './family.decider';
import type { FamilyEvent } from './events';
import type { RegisteredFamilyState } from './family.state';
import { careEndedAt, retentionExpired } from './retention';
import { day, event, history } from './testing/given-when-then';

function stateOf(events: readonly FamilyEvent[]): RegisteredFamilyState {
  const state = replay(events);
  if (state.status === 'unregistered') throw new Error('not registered');
  return state;
}

describe('retention: 20 years after care ended (Jeugdwet)', () => {
  it('counts from the outflow when it is the last end of care', () => {
    expect(careEndedAt(stateOf(history.outflowed()))).toBe(day(100));
  });

  it('counts from the last end or withdrawal of care when the case is still open', () => {
    const ended = [...history.inCare(), event.careEnded({ occurredAt: day(120) })];
    expect(careEndedAt(stateOf(ended))).toBe(day(120));
    const withdrawn = [...history.waiting(), event.careRequestWithdrawn({ occurredAt: day(40) })];
    expect(careEndedAt(stateOf(withdrawn))).toBe(day(40));
  });

  it('does not count while care runs or waits, nor for a family that never had care', () => {
    expect(careEndedAt(stateOf(history.inCare()))).toBeUndefined();
    expect(careEndedAt(stateOf(history.waiting()))).toBeUndefined();
    expect(careEndedAt(stateOf(history.planned()))).toBeUndefined();
    // A re-entry after outflow: the earlier care ended, none runs now.
    expect(careEndedAt(stateOf(history.reentered()))).toBe(day(100));
  });

  it('leaves out a family whose personal data was already erased', () => {
    expect(
      careEndedAt(stateOf([...history.outflowed(), event.personalDataErased()])),
    ).toBeUndefined();
  });

  it('is a candidate once the years have passed, to the day', () => {
    const state = stateOf(history.outflowed());
    const ended = new Date(day(100));
    const twentyYearsOn = new Date(ended);
    twentyYearsOn.setUTCFullYear(ended.getUTCFullYear() + 20);
    expect(retentionExpired(state, 20, new Date(twentyYearsOn.getTime() - 1))).toBe(false);
    expect(retentionExpired(state, 20, twentyYearsOn)).toBe(true);
    expect(retentionExpired(state, 5, new Date(twentyYearsOn.getTime() - 1))).toBe(true);
    expect(retentionExpired(stateOf(history.inCare()), 0, new Date('2100-01-01'))).toBe(false);
  });
});
