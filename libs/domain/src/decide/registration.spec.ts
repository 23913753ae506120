import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { byType, everyCommandOnARegisteredFamily } from '../testing/family-commands';
import { parent, PARENT_ID, REGISTRAR_ID, sibling, youth } from '../testing/family-fixtures';

describe('RegisterFamily', () => {
  rules({
    'registers the family and puts the registrar in its network': {
      given: [],
      when: command.registerFamily(),
      then: [
        event.familyRegistered(),
        event.professionalJoined({
          professionalId: REGISTRAR_ID,
          organisation: 'WIJ Groningen',
          discipline: 'social work',
          occurredAt: day(0),
        }),
      ],
    },
    'leaves the discipline out when the registrar has none': {
      given: [],
      when: command.registerFamily({
        registrar: { professionalId: REGISTRAR_ID, organisation: 'GGD Groningen' },
      }),
      then: [
        event.familyRegistered(),
        {
          type: 'ProfessionalJoinedNetwork',
          data: {
            professionalId: REGISTRAR_ID,
            organisation: 'GGD Groningen',
            occurredAt: day(0),
          },
        },
      ],
    },
    'refuses to register a family twice': {
      given: history.registered(),
      when: command.registerFamily({ occurredAt: day(3) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses two members with the same member id': {
      given: [],
      when: command.registerFamily({ members: [youth, { ...parent, memberId: youth.memberId }] }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('rule 1: nothing happens to a family that is not registered', () => {
  it.each(byType(everyCommandOnARegisteredFamily()))(
    'refuses %s on an unregistered family, addressing the family',
    (_type, cmd) => {
      given().when(cmd).thenThrows(refusedBy('not-registered', 'family'));
    },
  );
});

describe('AddFamilyMember', () => {
  rules({
    'adds a member': {
      given: history.registered(),
      when: command.addFamilyMember(),
      then: event.familyMemberAdded(),
    },
    'refuses a member whose id is already in the family': {
      given: history.registered(),
      when: command.addFamilyMember({ member: { ...sibling, memberId: PARENT_ID } }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('ReceiveSignal', () => {
  rules({
    'opens the first case with the first signal': {
      given: history.registered(),
      when: command.receiveSignal(),
      then: event.signalReceived(),
    },
    'keeps the optional referrer and summary when they are given': {
      given: history.registered(),
      when: command.receiveSignal({ referrerOrganisation: 'Veilig Thuis', summary: 'call' }),
      then: event.signalReceived({ referrerOrganisation: 'Veilig Thuis', summary: 'call' }),
    },
    'adds a further signal to the open case without reopening it': {
      given: history.analysing(),
      when: command.receiveSignal({ signalId: 's-2', occurredAt: day(8) }),
      then: event.signalReceived({ signalId: 's-2', occurredAt: day(8) }),
    },
  });
});

describe('HoldConsultation', () => {
  rules({
    'records the consultation after a signal': {
      given: history.signalled(),
      when: command.holdConsultation(),
      then: event.consultationHeld(),
    },
    'refuses a consultation before any signal': {
      given: history.registered(),
      when: command.holdConsultation(),
      thenThrows: refusedBy('no-signal'),
    },
  });
});
