import type { FamilyCommand } from './commands';
import {
  addFamilyMember,
  holdConsultation,
  recordMemberBsn,
  receiveSignal,
  registerFamily,
} from './decide/registration';
import {
  adoptTreatmentPlan,
  completeExplanatoryAnalysis,
  evaluatePlan,
  reviseTreatmentPlan,
  startExplanatoryAnalysis,
} from './decide/analysis-and-plan';
import {
  allocateCare,
  endCare,
  recordRunningCare,
  requestCare,
  startCare,
  withdrawCareRequest,
} from './decide/care';
import {
  addInformalSupporter,
  recordMemberView,
  recordParentalAuthority,
  recordDataSharing,
  recordPlanAgreement,
} from './decide/family-voice';
import {
  endProtectionMeasure,
  imposeProtectionMeasure,
  makeSafeAtHomeReport,
} from './decide/protection';
import { assessSafety, holdMdo, noteProgress, reviewSafety } from './decide/case-work';
import { erasePersonalData } from './decide/erasure';
import { assertAcceptsCommands, assertNotInFuture } from './decide/guards';
import { assignCaseDirector, joinNetwork, leaveNetwork } from './decide/network';
import { recordFollowUp, registerOutflow } from './decide/outflow';
import type { FamilyEvent } from './events';
import { evolve } from './family.evolve';
import { initialState, type FamilyState } from './family.state';

export { evolve } from './family.evolve';

/**
 * The family decider: `decide(command, state)` returns the events a command produces, or throws a
 * {@link DomainRuleError} naming the rule that refuses it; `evolve(state, event)` applies one event. Pure: the
 * time and new ids come with the command. The rules every command passes come first (business time, rule 1, an
 * erased or outflowed family); then one small function per command, grouped by area of the route in `decide/`.
 */
export function decide(command: FamilyCommand, state: FamilyState): FamilyEvent[] {
  assertNotInFuture(command.data.occurredAt, command.metadata.now);
  if (command.type === 'RegisterFamily') return registerFamily(command, state);
  const family = assertAcceptsCommands(command, state);
  switch (command.type) {
    case 'AddFamilyMember':
      return addFamilyMember(command, family);
    case 'RecordMemberBsn':
      return recordMemberBsn(command, family);
    case 'ReceiveSignal':
      return receiveSignal(command, family);
    case 'HoldConsultation':
      return holdConsultation(command, family);
    case 'JoinNetwork':
      return joinNetwork(command, family);
    case 'LeaveNetwork':
      return leaveNetwork(command, family);
    case 'AssignCaseDirector':
      return assignCaseDirector(command, family);
    case 'StartExplanatoryAnalysis':
      return startExplanatoryAnalysis(command, family);
    case 'CompleteExplanatoryAnalysis':
      return completeExplanatoryAnalysis(command, family);
    case 'AdoptTreatmentPlan':
      return adoptTreatmentPlan(command, family);
    case 'ReviseTreatmentPlan':
      return reviseTreatmentPlan(command, family);
    case 'RequestCare':
      return requestCare(command, family);
    case 'StartCare':
      return startCare(command, family);
    case 'AllocateCare':
      return allocateCare(command, family);
    case 'EndCare':
      return endCare(command, family);
    case 'WithdrawCareRequest':
      return withdrawCareRequest(command, family);
    case 'HoldMdo':
      return holdMdo(command, family);
    case 'NoteProgress':
      return noteProgress(command, family);
    case 'AssessSafety':
      return assessSafety(command, family);
    case 'ReviewSafety':
      return reviewSafety(command, family);
    case 'RegisterOutflow':
      return registerOutflow(command, family);
    case 'RecordFollowUp':
      return recordFollowUp(command, family);
    case 'ErasePersonalData':
      return erasePersonalData(command, family);
    case 'RecordRunningCare':
      return recordRunningCare(command, family);
    case 'ImposeProtectionMeasure':
      return imposeProtectionMeasure(command, family);
    case 'EndProtectionMeasure':
      return endProtectionMeasure(command, family);
    case 'MakeSafeAtHomeReport':
      return makeSafeAtHomeReport(command, family);
    case 'EvaluatePlan':
      return evaluatePlan(command, family);
    case 'RecordMemberView':
      return recordMemberView(command, family);
    case 'AddInformalSupporter':
      return addInformalSupporter(command, family);
    case 'RecordPlanAgreement':
      return recordPlanAgreement(command, family);
    case 'RecordParentalAuthority':
      return recordParentalAuthority(command, family);
    case 'RecordDataSharing':
      return recordDataSharing(command, family);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** The family stream as a decider (Emmett's `Decider`): what a command handler and a specification need. */
export const familyDecider = { decide, evolve, initialState } as const;

/** Folds events into the state they produce. */
export function replay(
  events: Iterable<FamilyEvent>,
  from: FamilyState = initialState,
): FamilyState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
