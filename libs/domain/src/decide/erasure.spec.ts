import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { byType, dated, everyCommandOnARegisteredFamily } from '../testing/family-commands';

describe('ErasePersonalData', () => {
  rules({
    'erases the personal data of a family on the route': {
      given: history.inCare(),
      when: command.erasePersonalData(),
      then: event.personalDataErased(),
    },
  });

  it.each(byType(everyCommandOnARegisteredFamily()))(
    'refuses %s once the personal data is erased',
    (_type, cmd) => {
      given(...history.erased())
        .when(dated(cmd, day(250)))
        .thenThrows(refusedBy('case-closed'));
    },
  );

  rules({
    'refuses a signal after an outflowed family was erased': {
      given: [history.outflowed(), event.personalDataErased()],
      when: command.receiveSignal({ signalId: 's-2', occurredAt: day(300) }),
      thenThrows: refusedBy('case-closed'),
    },
    'refuses registering an erased family again, as it is registered': {
      given: history.erased(),
      when: command.registerFamily({ occurredAt: day(250) }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});
