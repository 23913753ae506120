import type { FamilyCommand, Member } from '@samenspoor/domain';

import { derivedId, type CommandContext } from './command-context';

type CommandType = FamilyCommand['type'];
type DataOf<T extends CommandType> = Extract<FamilyCommand, { type: T }>['data'];

/** The id each command introduces, made here from the command id: a repeated command names the same thing. */
const NEW_ID = {
  ReceiveSignal: 'signalId',
  HoldConsultation: 'consultationId',
  StartExplanatoryAnalysis: 'analysisId',
  AdoptTreatmentPlan: 'planId',
  RequestCare: 'trajectoryId',
  HoldMdo: 'mdoId',
  NoteProgress: 'noteId',
  AssessSafety: 'assessmentId',
  ReviewSafety: 'reviewId',
  RecordRunningCare: 'trajectoryId',
  ImposeProtectionMeasure: 'measureId',
  MakeSafeAtHomeReport: 'reportId',
  EvaluatePlan: 'evaluationId',
  RecordMemberView: 'viewId',
  AddInformalSupporter: 'supporterId',
  RecordPlanAgreement: 'agreementId',
} as const satisfies { readonly [T in CommandType]?: keyof DataOf<T> };

/** Commands that introduce nothing but answer the id of what they act on, as the HTTP contract has it. */
const ANSWERED_ID = {
  ReviseTreatmentPlan: 'planId',
  StartCare: 'trajectoryId',
  EndCare: 'trajectoryId',
  WithdrawCareRequest: 'trajectoryId',
  EndProtectionMeasure: 'measureId',
} as const satisfies { readonly [T in CommandType]?: keyof DataOf<T> };

type NewIdOf<T extends CommandType> = T extends keyof typeof NEW_ID ? (typeof NEW_ID)[T] : never;
type NewMember = Omit<Member, 'memberId'> & { readonly memberId?: string | undefined };

/** A command's data as its sender has it: without the ids the command path makes, and without the time. */
export type DraftData<T extends CommandType> = T extends 'RegisterFamily'
  ? Omit<DataOf<T>, 'familyId' | 'members' | 'occurredAt'> & {
      readonly members: readonly NewMember[];
    }
  : T extends 'AddFamilyMember'
    ? { readonly member: NewMember }
    : T extends 'AdoptTreatmentPlan'
      ? Omit<DataOf<T>, 'occurredAt' | 'planId' | 'goalIds'>
      : T extends 'ReviseTreatmentPlan'
        ? Omit<DataOf<T>, 'occurredAt' | 'newGoalIds'>
        : Omit<DataOf<T>, 'occurredAt' | NewIdOf<T>>;

/**
 * A command as a sender (a controller, a tool) states it. `occurredAt` is the business time, already checked to be
 * a valid time (the decider's clock when absent).
 */
export type FamilyCommandDraft = {
  readonly [T in CommandType]: {
    readonly type: T;
    readonly data: DraftData<T>;
    readonly occurredAt?: string | undefined;
  };
}[CommandType];

/** A draft made whole: the family it is about, the full command, and the ids to answer the sender. */
export interface CompletedCommand {
  readonly familyId: string;
  readonly command: FamilyCommand;
  readonly createdIds: Readonly<Record<string, unknown>>;
}

/**
 * Makes a draft a command: new ids derived from the command id (a registration's family id too, which is why
 * `familyId` is absent then), the business time, the decider's clock.
 */
export function completeCommand(
  draft: FamilyCommandDraft,
  familyId: string | undefined,
  context: Pick<CommandContext, 'commandId' | 'now'>,
): CompletedCommand {
  const id = (purpose: string) => derivedId(context.commandId, purpose);
  const occurredAt = draft.occurredAt ?? context.now;
  const metadata = { now: context.now };
  if (draft.type === 'RegisterFamily') {
    const registered = id('familyId');
    const members = draft.data.members.map((member, i) => ({
      ...member,
      memberId: member.memberId ?? id(`member:${i}`),
    }));
    return {
      familyId: registered,
      command: {
        type: draft.type,
        data: { ...draft.data, familyId: registered, members, occurredAt },
        metadata,
      },
      createdIds: { memberIds: members.map((member) => member.memberId) },
    };
  }
  if (familyId === undefined) throw new TypeError(`${draft.type} needs the family's id`);
  if (draft.type === 'AddFamilyMember') {
    const memberId = draft.data.member.memberId ?? id('memberId');
    return {
      familyId,
      command: {
        type: draft.type,
        data: { member: { ...draft.data.member, memberId }, occurredAt },
        metadata,
      },
      createdIds: { memberId },
    };
  }
  if (draft.type === 'AdoptTreatmentPlan' || draft.type === 'ReviseTreatmentPlan') {
    return completePlanCommand(draft, familyId, id, occurredAt, metadata);
  }
  const newId = (NEW_ID as Partial<Record<CommandType, string>>)[draft.type];
  const answered = (ANSWERED_ID as Partial<Record<CommandType, string>>)[draft.type];
  const data: Record<string, unknown> = { ...draft.data, occurredAt };
  if (newId !== undefined) data[newId] = id(newId);
  const shown = newId ?? answered;
  return {
    familyId,
    // TypeScript cannot tie a union member to its own id field; the draft's type fixes the data's shape.
    command: { type: draft.type, data, metadata } as FamilyCommand,
    createdIds: shown === undefined ? {} : { [shown]: data[shown] },
  };
}

/**
 * A plan or its revision: new goals get ids derived from the command (`goal:<place>`), a revision's goal that
 * names its `goalId` keeps it. Both answer `planId` and `goalIds`, in goal order.
 */
function completePlanCommand(
  draft: Extract<FamilyCommandDraft, { type: 'AdoptTreatmentPlan' | 'ReviseTreatmentPlan' }>,
  familyId: string,
  id: (purpose: string) => string,
  occurredAt: string,
  metadata: { readonly now: string },
): CompletedCommand {
  if (draft.type === 'AdoptTreatmentPlan') {
    const planId = id('planId');
    const goalIds = draft.data.goals.map((_, i) => id(`goal:${i}`));
    return {
      familyId,
      command: {
        type: draft.type,
        data: { ...draft.data, planId, goalIds, occurredAt },
        metadata,
      },
      createdIds: { planId, goalIds },
    };
  }
  const goalIds = draft.data.goals.map((g, i) => g.goalId ?? id(`goal:${i}`));
  const newGoalIds = goalIds.filter((_, i) => draft.data.goals[i]?.goalId === undefined);
  return {
    familyId,
    command: { type: draft.type, data: { ...draft.data, newGoalIds, occurredAt }, metadata },
    createdIds: { planId: draft.data.planId, goalIds },
  };
}
