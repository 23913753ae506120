import { byType, command, day, event, given, history, refusedBy } from '../testing/given-when-then';
import { dated, everyCommandOnARegisteredFamily } from '../testing/family-commands';

describe('the family decider', () => {
  describe('ErasePersonalData', () => {
    it('erases the personal data of a family on the route', () => {
      given(...history.inCare())
        .when(command.erasePersonalData())
        .then(event.personalDataErased());
    });

    it.each(byType(everyCommandOnARegisteredFamily()))(
      'refuses %s once the personal data is erased',
      (_type, cmd) => {
        given(...history.erased())
          .when(dated(cmd, day(250)))
          .thenThrows(refusedBy('case-closed'));
      },
    );

    it('refuses a signal after an outflowed family was erased', () => {
      given(...history.outflowed(), event.personalDataErased())
        .when(command.receiveSignal({ signalId: 's-2', occurredAt: day(300) }))
        .thenThrows(refusedBy('case-closed'));
    });

    it('refuses registering an erased family again, as it is registered', () => {
      given(...history.erased())
        .when(command.registerFamily({ occurredAt: day(250) }))
        .thenThrows(refusedBy('invalid-transition'));
    });
  });
});
