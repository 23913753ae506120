import {
  DEFAULT_REGION,
  decide,
  replay,
  type FamilyEvent,
  type RegisteredFamilyState,
} from '@samenspoor/domain';
import { YOUTH_ID, day, event, history } from '@samenspoor/domain/testing';
import { jw301, jw305, jw307, jw315 } from '@samenspoor/ijw/testing';
import { decideIjwMessage, parseIjwMessage, type IjwDecision } from '@samenspoor/ijw';

const RECEIVED = '2026-12-01T09:00:00.000Z';
const PROVIDER_ID = 'accare';

/**
 * What a message opening care the family's requests do not answer states of it: by the chain, outside the plan,
 * in the current case; the care form the region maps its product to, at the matched provider, for the youth.
 */
const careOutsidePlanFromTheChain = {
  careForm: 'intensive-ambulatory-family',
  providerId: PROVIDER_ID,
  memberIds: [YOUTH_ID],
  caseNumber: 1,
  origin: 'ijw',
  outsidePlan: true,
};

function stateOf(events: readonly FamilyEvent[]): RegisteredFamilyState {
  const state = replay(events);
  if (state.status === 'unregistered') throw new Error('not registered');
  return state;
}

function decision(xml: string, given: readonly FamilyEvent[]): IjwDecision {
  const parsed = parseIjwMessage(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return decideIjwMessage({
    message: parsed.message,
    state: stateOf(given),
    memberId: YOUTH_ID,
    region: DEFAULT_REGION,
    providerId: PROVIDER_ID,
    receivedAt: RECEIVED,
    trajectoryIdFor: (key) => `t-${key.replace(/\W+/g, '-')}`,
  });
}

/** Given the events, when the message, then the events the decider makes of its commands. */
function eventsOf(xml: string, given: readonly FamilyEvent[]): FamilyEvent[] {
  const decided = decision(xml, given);
  if (decided.kind !== 'commands') throw new Error(`expected commands, got ${decided.kind}`);
  const events = [...given];
  const made: FamilyEvent[] = [];
  for (const command of decided.commands) {
    const next = decide(command, replay(events));
    events.push(...next);
    made.push(...next);
  }
  return made;
}

/** Given the events, when these messages one after the other, then what each made, having seen the ones before. */
function eventsInTurn(given: readonly FamilyEvent[], ...messages: string[]): FamilyEvent[][] {
  const past = [...given];
  return messages.map((xml) => {
    const made = eventsOf(xml, past);
    past.push(...made);
    return made;
  });
}

/** The fixture messages are of March 2026; the family of the domain's builders is registered on 6 January 2025. */
describe('decideIjwMessage: what each message does to the family it was matched to', () => {
  it.each([
    {
      name: 'JW315 → CareRequested by the chain, outside the plan when none is adopted, care form from the mapping',
      message: jw315({ reference: 'REF-7' }),
      made: {
        type: 'CareRequested',
        data: {
          trajectoryId: 't-request-98000101-REF-7',
          ...careOutsidePlanFromTheChain,
          reference: 'REF-7',
          occurredAt: '2026-03-02T00:00:00.000Z',
        },
      },
    },
    {
      name: 'JW305 without a known request records running care outside the plan',
      message: jw305({ allocationNumber: '4242' }),
      made: {
        type: 'RunningCareRecorded',
        data: {
          trajectoryId: 't-start-98000101-4242',
          ...careOutsidePlanFromTheChain,
          startedAt: '2026-03-04T00:00:00.000Z',
          allocationNumber: '4242',
          occurredAt: RECEIVED,
        },
      },
    },
  ])('$name', ({ message, made }) => {
    expect(eventsOf(message, history.analysed())).toEqual([made]);
  });

  it('JW301 → CareAllocated on the trajectory its reference answers', () => {
    const [, allocated] = eventsInTurn(
      history.planned(),
      jw315({ reference: 'REF-7' }),
      jw301({ reference: 'REF-7', until: '2026-12-31' }),
    );
    expect(allocated).toEqual([
      {
        type: 'CareAllocated',
        data: {
          trajectoryId: 't-request-98000101-REF-7',
          allocationNumber: '667899',
          productCategory: '45',
          productCode: '45A04',
          allocatedFrom: '2026-03-01',
          allocatedUntil: '2026-12-31',
          origin: 'ijw',
          occurredAt: '2026-03-02T00:00:00.000Z',
        },
      },
    ]);
  });

  it('JW301 without a known request opens the trajectory itself, then JW305 starts it and JW307 ends it', () => {
    const [opened, started, ended] = eventsInTurn(
      history.planned(),
      jw301({ reference: 'REF-X' }),
      jw305(),
      jw307({ endReason: '22' }),
    );
    expect(opened?.map((e) => e.type)).toEqual(['CareRequested', 'CareAllocated']);
    expect(started).toEqual([
      {
        type: 'CareStarted',
        data: {
          trajectoryId: 't-allocation-0014-667899',
          origin: 'ijw',
          occurredAt: '2026-03-04T00:00:00.000Z',
        },
      },
    ]);
    expect(ended).toEqual([
      {
        type: 'CareEnded',
        data: {
          trajectoryId: 't-allocation-0014-667899',
          reason: 'breakdown',
          origin: 'ijw',
          ijwReason: '22',
          occurredAt: '2026-06-30T00:00:00.000Z',
        },
      },
    ]);
  });

  it('dates a message sent before the registration at the registration (rule 9)', () => {
    const early = eventsOf(jw315({ sentOn: '2024-12-01' }), history.registered());
    expect(early[0]?.data.occurredAt).toBe(day(0));
  });

  it('answers unmapped for a product the region does not map, refused for a withdrawal or an unknown end', () => {
    expect(decision(jw315({ category: '43', code: '43A01' }), history.planned())).toEqual({
      kind: 'unmapped',
      products: [{ category: '43', code: '43A01' }],
    });
    expect(decision(jw305({ status: '3' }), history.planned())).toMatchObject({
      kind: 'refused',
      rule: 'unsupported',
    });
    expect(decision(jw307({ allocationNumber: '999' }), history.planned())).toMatchObject({
      kind: 'refused',
      rule: 'unknown-reference',
    });
  });

  it('a start for a family that flowed out is refused by the decider (case-closed)', () => {
    const decided = decision(jw305({ allocationNumber: '5151' }), history.outflowed());
    if (decided.kind !== 'commands') throw new Error('expected commands');
    expect(() => decide(decided.commands[0]!, replay(history.outflowed()))).toThrow(
      expect.objectContaining({ rule: 'case-closed' }),
    );
    expect(event.careEnded().type).toBe('CareEnded');
  });
});
