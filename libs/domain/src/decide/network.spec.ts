import { refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { REGISTRAR_ID } from '../testing/family-fixtures';

describe('JoinNetwork and LeaveNetwork', () => {
  rules({
    'lets a professional join the network': {
      given: history.registered(),
      when: command.joinNetwork(),
      then: event.professionalJoined(),
    },
    'refuses a professional who is already in the network': {
      given: history.registered(),
      when: command.joinNetwork({ professionalId: REGISTRAR_ID }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'lets a professional who is not the case director leave': {
      given: history.joined(),
      when: command.leaveNetwork(),
      then: event.professionalLeft(),
    },
    'refuses to let a professional leave who is not in the network, addressing the professional': {
      given: history.registered(),
      when: command.leaveNetwork(),
      thenThrows: refusedBy('unknown-reference', 'professional'),
    },
    'refuses to let a professional leave twice': {
      given: history.left(),
      when: command.leaveNetwork({ occurredAt: day(61) }),
      thenThrows: refusedBy('unknown-reference', 'professional'),
    },
    'refuses to let the case director leave the network (the director stays in it)': {
      given: history.directed(),
      when: command.leaveNetwork(),
      thenThrows: refusedBy('director-not-in-network'),
    },
    'lets a former case director leave once another one is assigned': {
      given: history.directorReplaced(),
      when: command.leaveNetwork(),
      then: event.professionalLeft(),
    },
  });
});

describe('rule 6: AssignCaseDirector', () => {
  rules({
    'assigns the first case director from the network': {
      given: history.joined(),
      when: command.assignCaseDirector(),
      then: event.caseDirectorAssigned(),
    },
    'replaces the case director and names the previous one': {
      given: history.directed(),
      when: command.assignCaseDirector({ professionalId: REGISTRAR_ID, occurredAt: day(30) }),
      then: event.caseDirectorAssigned({
        professionalId: REGISTRAR_ID,
        previousProfessionalId: 'prof-2',
        occurredAt: day(30),
      }),
    },
    'refuses a case director who never joined the network': {
      given: history.registered(),
      when: command.assignCaseDirector(),
      thenThrows: refusedBy('director-not-in-network'),
    },
    'refuses a case director who has left the network': {
      given: history.left(),
      when: command.assignCaseDirector({ occurredAt: day(61) }),
      thenThrows: refusedBy('director-not-in-network'),
    },
    'refuses to assign the current case director again': {
      given: history.directed(),
      when: command.assignCaseDirector({ occurredAt: day(30) }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});
