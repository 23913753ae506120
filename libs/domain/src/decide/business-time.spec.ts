import { CLOCK_SKEW_MS } from '../rules';
import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { byType, dated, everyCommandOnARegisteredFamily } from '../testing/family-commands';
import { NOW, REGISTRAR_ID } from '../testing/family-fixtures';

describe('rule 9: business time', () => {
  const beyondSkew = new Date(Date.parse(NOW) + CLOCK_SKEW_MS + 1).toISOString();
  const atSkew = new Date(Date.parse(NOW) + CLOCK_SKEW_MS).toISOString();

  rules({
    'refuses a registration in the future beyond the clock skew': {
      given: [],
      when: command.registerFamily({ occurredAt: beyondSkew }),
      thenThrows: refusedBy('invalid-time'),
    },
    'accepts a registration ahead of the clock within the skew': {
      given: [],
      when: command.registerFamily({ occurredAt: atSkew }),
      then: [
        event.familyRegistered({ occurredAt: atSkew }),
        event.professionalJoined({
          professionalId: REGISTRAR_ID,
          organisation: 'WIJ Groningen',
          discipline: 'social work',
          occurredAt: atSkew,
        }),
      ],
    },
  });

  it.each(byType(everyCommandOnARegisteredFamily()))(
    'refuses %s in the future beyond the clock skew, before any other rule',
    (_type, cmd) => {
      given(...history.inCare())
        .when(dated(cmd, beyondSkew))
        .thenThrows(refusedBy('invalid-time'));
    },
  );

  rules({
    'accepts a step ahead of the clock within the skew': {
      given: history.signalled(),
      when: command.noteProgress({ occurredAt: atSkew }),
      then: event.progressNoted({ occurredAt: atSkew }),
    },
    'judges the future against the clock of the command': {
      given: history.signalled(),
      when: command.noteProgress({ occurredAt: day(10) }, day(9)),
      thenThrows: refusedBy('invalid-time'),
    },
  });

  it.each(byType(everyCommandOnARegisteredFamily()))(
    'refuses %s dated before the family was registered',
    (_type, cmd) => {
      given(...history.inCare())
        .when(dated(cmd, day(-1)))
        .thenThrows(refusedBy('invalid-time'));
    },
  );
});
