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
} as const satisfies { readonly [T in CommandType]?: keyof DataOf<T> };

/** Commands that introduce nothing but answer the id of what they act on, as the HTTP contract has it. */
const ANSWERED_ID = {
  ReviseTreatmentPlan: 'planId',
  StartCare: 'trajectoryId',
  EndCare: 'trajectoryId',
  WithdrawCareRequest: 'trajectoryId',
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
