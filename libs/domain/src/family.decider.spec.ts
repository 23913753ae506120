import type { FamilyCommand, FamilyCommandType } from './commands';
import { CLOCK_SKEW_MS } from './rules';
import {
  command,
  dated,
  day,
  event,
  given,
  history,
  NOW,
  parent,
  PARENT_ID,
  REGISTRAR_ID,
  sibling,
  youth,
} from './testing/given-when-then';

/** One command of every type but RegisterFamily, with the builders' defaults (typed: none can be missing). */
function everyCommandOnARegisteredFamily(): FamilyCommand[] {
  const every: {
    readonly [T in Exclude<FamilyCommandType, 'RegisterFamily'>]: Extract<
      FamilyCommand,
      { type: T }
    >;
  } = {
    AddFamilyMember: command.addFamilyMember(),
    ReceiveSignal: command.receiveSignal(),
    HoldConsultation: command.holdConsultation(),
    JoinNetwork: command.joinNetwork(),
    LeaveNetwork: command.leaveNetwork(),
    AssignCaseDirector: command.assignCaseDirector(),
    StartExplanatoryAnalysis: command.startExplanatoryAnalysis(),
    CompleteExplanatoryAnalysis: command.completeExplanatoryAnalysis(),
    AdoptTreatmentPlan: command.adoptTreatmentPlan(),
    ReviseTreatmentPlan: command.reviseTreatmentPlan(),
    RequestCare: command.requestCare(),
    StartCare: command.startCare(),
    EndCare: command.endCare(),
    WithdrawCareRequest: command.withdrawCareRequest(),
    HoldMdo: command.holdMdo(),
    NoteProgress: command.noteProgress(),
    AssessSafety: command.assessSafety(),
    ReviewSafety: command.reviewSafety(),
    RegisterOutflow: command.registerOutflow(),
    RecordFollowUp: command.recordFollowUp(),
    ErasePersonalData: command.erasePersonalData(),
  };
  return Object.values(every);
}

const byType = (commands: FamilyCommand[]): [string, FamilyCommand][] =>
  commands.map((c) => [c.type, c]);

const AFTER_OUTFLOW = day(150);

describe('the family decider', () => {
  describe('RegisterFamily', () => {
    it('registers the family and puts the registrar in its network', () => {
      given()
        .when(command.registerFamily())
        .then(
          event.familyRegistered(),
          event.professionalJoined({
            professionalId: REGISTRAR_ID,
            organisation: 'WIJ Groningen',
            discipline: 'social work',
            occurredAt: day(0),
          }),
        );
    });

    it('leaves the discipline out when the registrar has none', () => {
      given()
        .when(
          command.registerFamily({
            registrar: { professionalId: REGISTRAR_ID, organisation: 'GGD Groningen' },
          }),
        )
        .then(event.familyRegistered(), {
          type: 'ProfessionalJoinedNetwork',
          data: { professionalId: REGISTRAR_ID, organisation: 'GGD Groningen', occurredAt: day(0) },
        });
    });

    it('refuses to register a family twice', () => {
      given(...history.registered())
        .when(command.registerFamily({ occurredAt: day(3) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses two members with the same member id', () => {
      given()
        .when(command.registerFamily({ members: [youth, { ...parent, memberId: youth.memberId }] }))
        .thenRefuses('invalid-transition');
    });
  });

  describe('rule 1: nothing happens to a family that is not registered', () => {
    it.each(byType(everyCommandOnARegisteredFamily()))(
      'refuses %s on an unregistered family, addressing the family',
      (_type, cmd) => {
        given().when(cmd).thenRefuses('not-registered', 'family');
      },
    );
  });

  describe('AddFamilyMember', () => {
    it('adds a member', () => {
      given(...history.registered())
        .when(command.addFamilyMember())
        .then(event.familyMemberAdded());
    });

    it('refuses a member whose id is already in the family', () => {
      given(...history.registered())
        .when(command.addFamilyMember({ member: { ...sibling, memberId: PARENT_ID } }))
        .thenRefuses('invalid-transition');
    });
  });

  describe('ReceiveSignal', () => {
    it('opens the first case with the first signal', () => {
      given(...history.registered())
        .when(command.receiveSignal())
        .then(event.signalReceived());
    });

    it('keeps the optional referrer and summary when they are given', () => {
      given(...history.registered())
        .when(command.receiveSignal({ referrerOrganisation: 'Veilig Thuis', summary: 'call' }))
        .then(event.signalReceived({ referrerOrganisation: 'Veilig Thuis', summary: 'call' }));
    });

    it('records no concerned members when none are named', () => {
      given(...history.registered())
        .when(command.receiveSignal({ concernedMemberIds: undefined }))
        .then(event.signalReceived({ concernedMemberIds: [] }));
    });

    it('adds a further signal to the open case without reopening it', () => {
      given(...history.analysing())
        .when(command.receiveSignal({ signalId: 's-2', occurredAt: day(8) }))
        .then(event.signalReceived({ signalId: 's-2', occurredAt: day(8) }));
    });

    it('refuses a signal id that was already received', () => {
      given(...history.signalled())
        .when(command.receiveSignal({ occurredAt: day(8) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses a concerned member who is not in the family', () => {
      given(...history.registered())
        .when(command.receiveSignal({ concernedMemberIds: [youth.memberId, 'm-unknown'] }))
        .thenRefuses('unknown-reference');
    });
  });

  describe('HoldConsultation', () => {
    it('records the consultation after a signal', () => {
      given(...history.signalled())
        .when(command.holdConsultation())
        .then(event.consultationHeld());
    });

    it('refuses a consultation before any signal', () => {
      given(...history.registered())
        .when(command.holdConsultation())
        .thenRefuses('no-signal');
    });

    it('refuses a consultation id that was already used', () => {
      given(...history.signalled(), event.consultationHeld())
        .when(command.holdConsultation({ advice: 'regular-route', occurredAt: day(4) }))
        .thenRefuses('invalid-transition');
    });
  });

  describe('JoinNetwork and LeaveNetwork', () => {
    it('lets a professional join the network', () => {
      given(...history.registered())
        .when(command.joinNetwork())
        .then(event.professionalJoined());
    });

    it('refuses a professional who is already in the network', () => {
      given(...history.registered())
        .when(command.joinNetwork({ professionalId: REGISTRAR_ID }))
        .thenRefuses('invalid-transition');
    });

    it('lets a professional who is not the case director leave', () => {
      given(...history.registered(), event.professionalJoined())
        .when(command.leaveNetwork())
        .then(event.professionalLeft());
    });

    it('refuses to let a professional leave who is not in the network, addressing the professional', () => {
      given(...history.registered())
        .when(command.leaveNetwork())
        .thenRefuses('unknown-reference', 'professional');
    });

    it('refuses to let a professional leave twice', () => {
      given(...history.registered(), event.professionalJoined(), event.professionalLeft())
        .when(command.leaveNetwork({ occurredAt: day(61) }))
        .thenRefuses('unknown-reference', 'professional');
    });

    it('refuses to let the case director leave the network (the director stays in it)', () => {
      given(...history.registered(), event.professionalJoined(), event.caseDirectorAssigned())
        .when(command.leaveNetwork())
        .thenRefuses('director-not-in-network');
    });

    it('lets a former case director leave once another one is assigned', () => {
      given(
        ...history.registered(),
        event.professionalJoined(),
        event.caseDirectorAssigned(),
        event.caseDirectorAssigned({
          professionalId: REGISTRAR_ID,
          previousProfessionalId: 'prof-2',
          occurredAt: day(30),
        }),
      )
        .when(command.leaveNetwork())
        .then(event.professionalLeft());
    });
  });

  describe('rule 6: AssignCaseDirector', () => {
    it('assigns the first case director from the network', () => {
      given(...history.registered(), event.professionalJoined())
        .when(command.assignCaseDirector())
        .then(event.caseDirectorAssigned());
    });

    it('replaces the case director and names the previous one', () => {
      given(...history.registered(), event.professionalJoined(), event.caseDirectorAssigned())
        .when(command.assignCaseDirector({ professionalId: REGISTRAR_ID, occurredAt: day(30) }))
        .then(
          event.caseDirectorAssigned({
            professionalId: REGISTRAR_ID,
            previousProfessionalId: 'prof-2',
            occurredAt: day(30),
          }),
        );
    });

    it('refuses a case director who never joined the network', () => {
      given(...history.registered())
        .when(command.assignCaseDirector())
        .thenRefuses('director-not-in-network');
    });

    it('refuses a case director who has left the network', () => {
      given(...history.registered(), event.professionalJoined(), event.professionalLeft())
        .when(command.assignCaseDirector({ occurredAt: day(61) }))
        .thenRefuses('director-not-in-network');
    });

    it('refuses to assign the current case director again', () => {
      given(...history.registered(), event.professionalJoined(), event.caseDirectorAssigned())
        .when(command.assignCaseDirector({ occurredAt: day(30) }))
        .thenRefuses('invalid-transition');
    });
  });

  describe('rule 2: StartExplanatoryAnalysis', () => {
    it('starts an analysis in the current case after a signal', () => {
      given(...history.signalled())
        .when(command.startExplanatoryAnalysis())
        .then(event.analysisStarted());
    });

    it('starts an analysis at the very moment of the signal', () => {
      given(...history.signalled())
        .when(command.startExplanatoryAnalysis({ occurredAt: day(2) }))
        .then(event.analysisStarted({ occurredAt: day(2) }));
    });

    it('refuses an analysis before any signal', () => {
      given(...history.registered())
        .when(command.startExplanatoryAnalysis())
        .thenRefuses('no-signal');
    });

    it('refuses a second analysis while one is in progress', () => {
      given(...history.analysing())
        .when(command.startExplanatoryAnalysis({ analysisId: 'a-2', occurredAt: day(6) }))
        .thenRefuses('analysis-in-progress');
    });

    it('starts a further analysis once the previous one is completed', () => {
      given(...history.analysed())
        .when(command.startExplanatoryAnalysis({ analysisId: 'a-2', occurredAt: day(21) }))
        .then(event.analysisStarted({ analysisId: 'a-2', occurredAt: day(21) }));
    });

    it('refuses an analysis id that was already used', () => {
      given(...history.analysed())
        .when(command.startExplanatoryAnalysis({ occurredAt: day(21) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses an analysis that starts before the signal that opened the case', () => {
      given(...history.signalled())
        .when(command.startExplanatoryAnalysis({ occurredAt: day(1) }))
        .thenRefuses('invalid-time');
    });

    it('starts the analysis of a reopened case in the new case', () => {
      given(...history.reentered())
        .when(command.startExplanatoryAnalysis({ analysisId: 'a-2', occurredAt: day(301) }))
        .then(event.analysisStarted({ analysisId: 'a-2', caseNumber: 2, occurredAt: day(301) }));
    });

    it('refuses an analysis of a reopened case that starts before the signal that reopened it', () => {
      given(...history.reentered())
        .when(command.startExplanatoryAnalysis({ analysisId: 'a-2', occurredAt: day(200) }))
        .thenRefuses('invalid-time');
    });
  });

  describe('CompleteExplanatoryAnalysis', () => {
    it('completes the analysis in progress', () => {
      given(...history.analysing())
        .when(command.completeExplanatoryAnalysis())
        .then(event.analysisCompleted());
    });

    it('records empty lists for the findings that are not given', () => {
      given(...history.analysing())
        .when(
          command.completeExplanatoryAnalysis({
            patterns: undefined,
            riskFactors: undefined,
            protectiveFactors: undefined,
            careNeeds: undefined,
          }),
        )
        .then(
          event.analysisCompleted({
            patterns: [],
            riskFactors: [],
            protectiveFactors: [],
            careNeeds: [],
          }),
        );
    });

    it('refuses to complete an analysis that does not exist, addressing the analysis', () => {
      given(...history.analysing())
        .when(command.completeExplanatoryAnalysis({ analysisId: 'a-unknown' }))
        .thenRefuses('unknown-reference', 'analysis');
    });

    it('refuses to complete an analysis twice', () => {
      given(...history.analysed())
        .when(command.completeExplanatoryAnalysis({ occurredAt: day(21) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses a completion before the analysis started', () => {
      given(...history.analysing())
        .when(command.completeExplanatoryAnalysis({ occurredAt: day(4) }))
        .thenRefuses('invalid-time');
    });

    it('refuses a care need of a member who is not in the family', () => {
      given(...history.analysing())
        .when(
          command.completeExplanatoryAnalysis({
            careNeeds: [{ memberId: 'm-unknown', need: 'support' }],
          }),
        )
        .thenRefuses('unknown-reference');
    });
  });

  describe('rule 3: first understand, then act (AdoptTreatmentPlan)', () => {
    it('adopts version 1 of the plan on a completed analysis of the current case', () => {
      given(...history.analysed())
        .when(command.adoptTreatmentPlan())
        .then(event.planAdopted());
    });

    it('adopts a plan at the very moment its analysis is completed', () => {
      given(...history.analysed())
        .when(command.adoptTreatmentPlan({ occurredAt: day(20) }))
        .then(event.planAdopted({ occurredAt: day(20) }));
    });

    it('records a plan not (yet) agreed with the family when nothing is said', () => {
      given(...history.analysed())
        .when(command.adoptTreatmentPlan({ agreedWithFamily: undefined, evaluateBy: undefined }))
        .then({
          type: 'TreatmentPlanAdopted',
          data: {
            planId: 'p-1',
            version: 1,
            basedOnAnalysisId: 'a-1',
            goals: command.adoptTreatmentPlan().data.goals,
            agreedWithFamily: false,
            caseNumber: 1,
            occurredAt: day(25),
          },
        });
    });

    it('refuses a plan on an analysis that is still in progress', () => {
      given(...history.analysing())
        .when(command.adoptTreatmentPlan())
        .thenRefuses('first-understand-then-act');
    });

    it('refuses a plan on the analysis of an earlier case after re-entry', () => {
      given(...history.reentered())
        .when(command.adoptTreatmentPlan({ planId: 'p-2', occurredAt: day(301) }))
        .thenRefuses('first-understand-then-act');
    });

    it('adopts a plan in a reopened case on an analysis of that case', () => {
      given(
        ...history.reentered(),
        event.analysisStarted({ analysisId: 'a-2', caseNumber: 2, occurredAt: day(301) }),
        event.analysisCompleted({ analysisId: 'a-2', occurredAt: day(310) }),
      )
        .when(
          command.adoptTreatmentPlan({ planId: 'p-2', analysisId: 'a-2', occurredAt: day(311) }),
        )
        .then(
          event.planAdopted({
            planId: 'p-2',
            basedOnAnalysisId: 'a-2',
            caseNumber: 2,
            occurredAt: day(311),
          }),
        );
    });

    it('refuses a plan on an analysis that does not exist, without addressing it (it is in the body)', () => {
      given(...history.analysed())
        .when(command.adoptTreatmentPlan({ analysisId: 'a-unknown' }))
        .thenRefuses('unknown-reference');
    });

    it('refuses a second plan in the same case: one family, one plan', () => {
      given(
        ...history.planned(),
        event.analysisStarted({ analysisId: 'a-2', occurredAt: day(26) }),
        event.analysisCompleted({ analysisId: 'a-2', occurredAt: day(27) }),
      )
        .when(command.adoptTreatmentPlan({ planId: 'p-2', analysisId: 'a-2', occurredAt: day(28) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses a goal for a member who is not in the family', () => {
      given(...history.analysed())
        .when(
          command.adoptTreatmentPlan({ goals: [{ description: 'x', memberIds: ['m-unknown'] }] }),
        )
        .thenRefuses('unknown-reference');
    });

    it('refuses a plan adopted before its analysis was completed', () => {
      given(...history.analysed())
        .when(command.adoptTreatmentPlan({ occurredAt: day(19) }))
        .thenRefuses('invalid-time');
    });
  });

  describe('ReviseTreatmentPlan', () => {
    it('revises the plan as version 2', () => {
      given(...history.planned())
        .when(command.reviseTreatmentPlan())
        .then(event.planRevised());
    });

    it('numbers every further revision one up', () => {
      given(...history.planned(), event.planRevised())
        .when(command.reviseTreatmentPlan({ reason: 'second MDO', occurredAt: day(60) }))
        .then(event.planRevised({ version: 3, reason: 'second MDO', occurredAt: day(60) }));
    });

    it('refuses to revise a plan that does not exist, addressing the plan', () => {
      given(...history.planned())
        .when(command.reviseTreatmentPlan({ planId: 'p-unknown' }))
        .thenRefuses('unknown-reference', 'plan');
    });

    it('refuses to revise when no plan was adopted, addressing the plan', () => {
      given(...history.analysed())
        .when(command.reviseTreatmentPlan())
        .thenRefuses('unknown-reference', 'plan');
    });

    it('refuses to revise the plan of a closed case after re-entry, addressing the plan', () => {
      given(...history.reentered())
        .when(command.reviseTreatmentPlan({ occurredAt: day(301) }))
        .thenRefuses('unknown-reference', 'plan');
    });

    it('refuses a revised goal for a member who is not in the family', () => {
      given(...history.planned())
        .when(
          command.reviseTreatmentPlan({ goals: [{ description: 'x', memberIds: ['m-unknown'] }] }),
        )
        .thenRefuses('unknown-reference');
    });

    it('refuses a revision dated before the last version of the plan', () => {
      given(...history.planned(), event.planRevised())
        .when(command.reviseTreatmentPlan({ occurredAt: day(30) }))
        .thenRefuses('invalid-time');
    });
  });

  describe('rule 4: RequestCare', () => {
    it('requests care under the adopted plan', () => {
      given(...history.planned())
        .when(command.requestCare())
        .then(event.careRequested());
    });

    it('records no members when none are named', () => {
      given(...history.planned())
        .when(command.requestCare({ memberIds: undefined }))
        .then(event.careRequested({ memberIds: [] }));
    });

    it('refuses non-crisis care without an adopted plan', () => {
      given(...history.analysed())
        .when(command.requestCare())
        .thenRefuses('no-adopted-plan');
    });

    it('refuses non-crisis care under the plan of a closed case after re-entry', () => {
      given(...history.reentered())
        .when(command.requestCare({ trajectoryId: 't-2', occurredAt: day(301) }))
        .thenRefuses('no-adopted-plan');
    });

    it('accepts crisis care without a plan, under no plan', () => {
      given(...history.signalled())
        .when(command.requestCare({ careForm: 'crisis-care', occurredAt: day(3) }))
        .then(event.careRequestedWithoutPlan({ occurredAt: day(3) }));
    });

    it('accepts crisis care even before any signal, outside any case', () => {
      given(...history.registered())
        .when(command.requestCare({ careForm: 'crisis-care', occurredAt: day(1) }))
        .then(event.careRequestedWithoutPlan({ caseNumber: 0, occurredAt: day(1) }));
    });

    it('requests crisis care under the plan when there is one', () => {
      given(...history.planned())
        .when(command.requestCare({ careForm: 'crisis-care' }))
        .then(event.careRequested({ careForm: 'crisis-care' }));
    });

    it('refuses a trajectory id that was already used', () => {
      given(...history.waiting())
        .when(command.requestCare({ occurredAt: day(31) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses care for a member who is not in the family', () => {
      given(...history.planned())
        .when(command.requestCare({ memberIds: ['m-unknown'] }))
        .thenRefuses('unknown-reference');
    });
  });

  describe('rule 5: a trajectory moves requested → started → ended, or requested → withdrawn', () => {
    it('starts a requested trajectory', () => {
      given(...history.waiting())
        .when(command.startCare())
        .then(event.careStarted());
    });

    it('ends a started trajectory', () => {
      given(...history.inCare())
        .when(command.endCare({ reason: 'breakdown' }))
        .then(event.careEnded({ reason: 'breakdown' }));
    });

    it('withdraws a requested trajectory', () => {
      given(...history.waiting())
        .when(command.withdrawCareRequest())
        .then(event.careRequestWithdrawn());
    });

    const started = () => history.inCare();
    const ended = () => [...history.inCare(), event.careEnded()];
    const withdrawn = () => [...history.waiting(), event.careRequestWithdrawn()];
    const late = day(95);

    it.each([
      ['start a started trajectory (twice)', started, command.startCare({ occurredAt: late })],
      ['start an ended trajectory', ended, command.startCare({ occurredAt: late })],
      ['start a withdrawn trajectory', withdrawn, command.startCare({ occurredAt: late })],
      ['end a requested trajectory', history.waiting, command.endCare({ occurredAt: late })],
      ['end an ended trajectory (twice)', ended, command.endCare({ occurredAt: late })],
      ['end a withdrawn trajectory', withdrawn, command.endCare({ occurredAt: late })],
      ['withdraw a started trajectory', started, command.withdrawCareRequest({ occurredAt: late })],
      ['withdraw an ended trajectory', ended, command.withdrawCareRequest({ occurredAt: late })],
      [
        'withdraw a withdrawn trajectory (twice)',
        withdrawn,
        command.withdrawCareRequest({ occurredAt: late }),
      ],
    ])('refuses to %s', (_name, past, cmd) => {
      given(...past())
        .when(cmd)
        .thenRefuses('invalid-transition');
    });

    it.each(
      byType([
        command.startCare({ trajectoryId: 't-unknown' }),
        command.endCare({ trajectoryId: 't-unknown' }),
        command.withdrawCareRequest({ trajectoryId: 't-unknown' }),
      ]),
    )('refuses %s of a trajectory that does not exist, addressing the trajectory', (_t, cmd) => {
      given(...history.inCare())
        .when(cmd)
        .thenRefuses('unknown-reference', 'trajectory');
    });

    it('starts care at the very moment it was requested', () => {
      given(...history.waiting())
        .when(command.startCare({ occurredAt: day(30) }))
        .then(event.careStarted({ occurredAt: day(30) }));
    });

    it('refuses a start before the request', () => {
      given(...history.waiting())
        .when(command.startCare({ occurredAt: day(29) }))
        .thenRefuses('invalid-time');
    });

    it('refuses an end before the start', () => {
      given(...history.inCare())
        .when(command.endCare({ occurredAt: day(44) }))
        .thenRefuses('invalid-time');
    });

    it('refuses a withdrawal before the request', () => {
      given(...history.waiting())
        .when(command.withdrawCareRequest({ occurredAt: day(29) }))
        .thenRefuses('invalid-time');
    });
  });

  describe('HoldMdo', () => {
    it('records the MDO and when the next one is due', () => {
      given(...history.inCare())
        .when(command.holdMdo())
        .then(event.mdoHeld());
    });

    it('records an MDO without the family and without decisions when nothing is said', () => {
      given(...history.inCare())
        .when(command.holdMdo({ familyPresent: undefined, decisions: undefined }))
        .then(event.mdoHeld({ familyPresent: false, decisions: [] }));
    });

    it.each([
      ['on the day of this MDO', day(50)],
      ['before this MDO', day(49)],
    ])('refuses a next MDO due %s', (_when, nextMdoDueBy) => {
      given(...history.inCare())
        .when(command.holdMdo({ nextMdoDueBy }))
        .thenRefuses('invalid-time');
    });
  });

  describe('NoteProgress, AssessSafety and ReviewSafety', () => {
    it('notes progress in a workstream', () => {
      given(...history.signalled())
        .when(command.noteProgress())
        .then(event.progressNoted());
    });

    it('records a safety assessment with its phase and notes', () => {
      given(...history.signalled())
        .when(command.assessSafety())
        .then(event.safetyAssessed());
    });

    it('records a safety assessment without phase and notes', () => {
      given(...history.signalled())
        .when(command.assessSafety({ level: 'safe', phase: undefined, notes: undefined }))
        .then({
          type: 'SafetyAssessed',
          data: { assessmentId: 'sa-1', level: 'safe', occurredAt: day(11) },
        });
    });

    it('records a review by the regional safety team', () => {
      given(...history.signalled())
        .when(command.reviewSafety())
        .then(event.safetyTeamReviewed());
    });

    it('records a review without advice', () => {
      given(...history.signalled())
        .when(command.reviewSafety({ advice: undefined }))
        .then({
          type: 'SafetyTeamReviewed',
          data: { reviewId: 'r-1', outcome: 'safety plan agreed', occurredAt: day(12) },
        });
    });
  });

  describe('rule 8: RegisterOutflow', () => {
    it('registers the outflow of the current case once every trajectory has ended', () => {
      given(...history.inCare(), event.careEnded())
        .when(command.registerOutflow())
        .then(event.outflowRegistered());
    });

    it('registers an outflow with only a destination', () => {
      given(...history.signalled())
        .when(
          command.registerOutflow({
            destination: 'no-further-care',
            reason: undefined,
            handoverTo: undefined,
          }),
        )
        .then({
          type: 'OutflowRegistered',
          data: { destination: 'no-further-care', caseNumber: 1, occurredAt: day(100) },
        });
    });

    it('registers the outflow when the only trajectory was withdrawn', () => {
      given(...history.waiting(), event.careRequestWithdrawn())
        .when(command.registerOutflow())
        .then(event.outflowRegistered());
    });

    it.each([
      ['requested', history.waiting],
      ['started', history.inCare],
    ])('refuses the outflow while a trajectory is %s', (_status, past) => {
      given(...past())
        .when(command.registerOutflow())
        .thenRefuses('open-trajectories');
    });

    it('refuses the outflow while crisis care requested before the signal is open', () => {
      given(
        ...history.registered(),
        event.careRequestedWithoutPlan({ caseNumber: 0, occurredAt: day(1) }),
        event.signalReceived(),
      )
        .when(command.registerOutflow())
        .thenRefuses('open-trajectories');
    });

    it('refuses an outflow before any signal: there is no case to leave', () => {
      given(...history.registered())
        .when(command.registerOutflow())
        .thenRefuses('invalid-transition');
    });
  });

  describe('rule 8: after outflow only follow-ups, a new signal and erasure', () => {
    const closedCommands = everyCommandOnARegisteredFamily()
      .filter(
        (c) =>
          c.type !== 'ReceiveSignal' &&
          c.type !== 'RecordFollowUp' &&
          c.type !== 'ErasePersonalData',
      )
      .map((c) => dated(c, AFTER_OUTFLOW));

    it.each(byType(closedCommands))('refuses %s after outflow', (_type, cmd) => {
      given(...history.outflowed())
        .when(cmd)
        .thenRefuses('case-closed');
    });

    it('reopens the case on a new signal, as a re-entry into case 2', () => {
      given(...history.outflowed())
        .when(command.receiveSignal({ signalId: 's-2', occurredAt: day(300) }))
        .then(
          event.signalReceived({
            signalId: 's-2',
            caseNumber: 2,
            reentry: true,
            occurredAt: day(300),
          }),
        );
    });

    it('refuses a signal dated before the outflow as a re-entry (invalid-time)', () => {
      const outflowAt = event.outflowRegistered().data.occurredAt;
      const before = new Date(Date.parse(outflowAt) - 86_400_000).toISOString();
      given(...history.outflowed())
        .when(command.receiveSignal({ signalId: 's-2', occurredAt: before }))
        .thenRefuses('invalid-time');
    });

    it('accepts again what the reopened case needs, such as crisis care', () => {
      given(...history.reentered())
        .when(
          command.requestCare({
            trajectoryId: 't-2',
            careForm: 'crisis-care',
            occurredAt: day(301),
          }),
        )
        .then(
          event.careRequestedWithoutPlan({
            trajectoryId: 't-2',
            caseNumber: 2,
            occurredAt: day(301),
          }),
        );
    });

    it('records a follow-up after outflow for the case that flowed out', () => {
      given(...history.outflowed())
        .when(command.recordFollowUp())
        .then(event.followUpRecorded());
    });

    it('records follow-ups of different months', () => {
      given(...history.outflowed(), event.followUpRecorded())
        .when(command.recordFollowUp({ monthsAfterOutflow: 6, occurredAt: day(280) }))
        .then(event.followUpRecorded({ monthsAfterOutflow: 6, occurredAt: day(280) }));
    });

    it('refuses a follow-up of a month that was already recorded', () => {
      given(...history.outflowed(), event.followUpRecorded())
        .when(command.recordFollowUp({ occurredAt: day(200) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses a follow-up before any outflow', () => {
      given(...history.inCare())
        .when(command.recordFollowUp())
        .thenRefuses('invalid-transition');
    });

    it('refuses a follow-up once a new signal has reopened the case', () => {
      given(...history.reentered())
        .when(command.recordFollowUp({ occurredAt: day(301) }))
        .thenRefuses('invalid-transition');
    });

    it('refuses a follow-up dated before the outflow', () => {
      given(...history.outflowed())
        .when(command.recordFollowUp({ occurredAt: day(99) }))
        .thenRefuses('invalid-time');
    });

    it('erases the personal data after outflow', () => {
      given(...history.outflowed())
        .when(command.erasePersonalData())
        .then(event.personalDataErased());
    });
  });

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
          .thenRefuses('case-closed');
      },
    );

    it('refuses a signal after an outflowed family was erased', () => {
      given(...history.outflowed(), event.personalDataErased())
        .when(command.receiveSignal({ signalId: 's-2', occurredAt: day(300) }))
        .thenRefuses('case-closed');
    });

    it('refuses registering an erased family again, as it is registered', () => {
      given(...history.erased())
        .when(command.registerFamily({ occurredAt: day(250) }))
        .thenRefuses('invalid-transition');
    });
  });

  describe('rule 9: business time', () => {
    const beyondSkew = new Date(Date.parse(NOW) + CLOCK_SKEW_MS + 1).toISOString();
    const atSkew = new Date(Date.parse(NOW) + CLOCK_SKEW_MS).toISOString();

    it('refuses a registration in the future beyond the clock skew', () => {
      given()
        .when(command.registerFamily({ occurredAt: beyondSkew }))
        .thenRefuses('invalid-time');
    });

    it('accepts a registration ahead of the clock within the skew', () => {
      given()
        .when(command.registerFamily({ occurredAt: atSkew }))
        .then(
          event.familyRegistered({ occurredAt: atSkew }),
          event.professionalJoined({
            professionalId: REGISTRAR_ID,
            organisation: 'WIJ Groningen',
            discipline: 'social work',
            occurredAt: atSkew,
          }),
        );
    });

    it.each(byType(everyCommandOnARegisteredFamily()))(
      'refuses %s in the future beyond the clock skew, before any other rule',
      (_type, cmd) => {
        given(...history.inCare())
          .when(dated(cmd, beyondSkew))
          .thenRefuses('invalid-time');
      },
    );

    it('accepts a step ahead of the clock within the skew', () => {
      given(...history.signalled())
        .when(command.noteProgress({ occurredAt: atSkew }))
        .then(event.progressNoted({ occurredAt: atSkew }));
    });

    it('judges the future against the clock of the command', () => {
      given(...history.signalled())
        .when(command.noteProgress({ occurredAt: day(10) }, day(9)))
        .thenRefuses('invalid-time');
    });

    it.each(byType(everyCommandOnARegisteredFamily()))(
      'refuses %s dated before the family was registered',
      (_type, cmd) => {
        given(...history.inCare())
          .when(dated(cmd, day(-1)))
          .thenRefuses('invalid-time');
      },
    );

    it('accepts a step at the very moment of registration', () => {
      given(...history.registered())
        .when(command.receiveSignal({ occurredAt: day(0) }))
        .then(event.signalReceived({ occurredAt: day(0) }));
    });
  });
});
