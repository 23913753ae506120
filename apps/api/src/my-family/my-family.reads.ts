import { Inject, Injectable } from '@nestjs/common';

import {
  PersonalDataVault,
  revealPersonalData,
  type FamilyMemberIdentity,
} from '@samenspoor/access';
import { FamilyCommands } from '@samenspoor/commands';
import { Directory } from '@samenspoor/directory';
import {
  familyStreamId,
  decidesOwnData,
  familySummary,
  maySeeAbout,
  memberAccount,
  parseFamilyEvent,
  sharesWith,
  type Family,
  type FamilyEvent,
  type Member,
  type RegisteredFamilyState,
} from '@samenspoor/domain';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';

import { AuditTrail } from '../access/audit-trail';
import type { AuthenticatedActor } from '../auth/auth.decorators';
import { Problem } from '../http/problem';
import { accessWords, careFormWords, eventWords, roleWords, type AccessKind } from './family-words';

/** The member a request speaks for, with their family as it is now. */
export interface SignedInMember {
  readonly familyId: string;
  readonly member: Member;
  readonly family: RegisteredFamilyState;
  readonly version: number;
  readonly actorId: string;
}

export interface MyFamilyAnswer {
  familyId: string;
  municipality: string;
  me: { memberId: string; role: string; displayName: string | null };
  members: { memberId: string; role: string; displayName: string | null }[];
  caseDirector: {
    name: string | null;
    organisation: string;
    phone?: string;
    email?: string;
  } | null;
  network: { name: string | null; organisation: string; discipline: string | null }[];
  plan: {
    version: number;
    adoptedAt: string;
    evaluateBy: string | null;
    goals: { goalId: string; description: string | null; status: string | null }[];
    myAgreement: { agreed: boolean; planVersion: number; at: string } | null;
  } | null;
  nextMdoDueBy: string | null;
  trajectories: {
    careForm: string;
    careFormText: string;
    provider: string;
    status: string;
    requestedAt: string;
    startedAt: string | null;
    endedAt: string | null;
  }[];
  protectionMeasures: {
    kind: string;
    institution: string;
    startedAt: string;
    endsBy: string | null;
    status: string;
  }[];
  myViews: { topic: string; text: string | null; feelsSafe: number | null; at: string }[];
  /**
   * Whether I decide about my own data (16 or older, or an adult) and may share it; the members I share it with;
   * the members who share theirs with me.
   */
  sharing: { decidesOwnData: boolean; sharesWith: string[]; sharedWithMe: string[] };
  /** The views of the members who share their own data with me, in their words. */
  viewsSharedWithMe: {
    memberId: string;
    topic: string;
    text: string | null;
    feelsSafe: number | null;
    at: string;
  }[];
}

export interface MyTimelineEntry {
  occurredAt: string;
  type: string;
  summary: string;
  by: { name: string | null; organisation: string | null; role: string };
}

export interface MyTimeline {
  familyId: string;
  entries: MyTimelineEntry[];
}

export interface MyAccessLog {
  familyId: string;
  items: MyAccessLogItem[];
  nextCursor: string | null;
}

export interface MyAccessLogItem {
  seq: number;
  at: string;
  name: string | null;
  organisation: string | null;
  role: string;
  kind: AccessKind;
  action: string;
}

/**
 * The family's own view, read straight from the family's stream (strongly consistent, as a professional's read of
 * one family is): what a member may see follows the law rules of `@samenspoor/domain` (`member-access.ts`),
 * judged now. A token that names no member of a registered family, or a member under 12, is refused (403); an
 * erased family answers 404 to its members.
 */
@Injectable()
export class MyFamilyReads {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly vault: PersonalDataVault,
    private readonly directory: Directory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly trail: AuditTrail,
  ) {}

  /** The member the token speaks for, or the refusal. */
  async signedIn(actor: AuthenticatedActor): Promise<SignedInMember> {
    const identity: FamilyMemberIdentity | undefined = actor.familyMember;
    if (!identity)
      throw new Problem(403, 'forbidden', 'Forbidden', 'the token names no member of a family');
    const { state, version } = await this.commands.load(identity.familyId);
    if (state.status === 'unregistered' || state.erasedAt !== undefined)
      throw Problem.notFound('there is no record of this family');
    const account = memberAccount(state, identity.memberId, new Date().toISOString());
    if (!account.allowed)
      throw new Problem(
        403,
        'forbidden',
        'Forbidden',
        account.reason === 'under-12'
          ? 'members under 12 have no account of their own'
          : 'the token names no member of this family',
      );
    return {
      familyId: identity.familyId,
      member: account.member,
      family: state,
      version,
      actorId: actor.id,
    };
  }

  async record(me: SignedInMember): Promise<MyFamilyAnswer> {
    const { family, member } = me;
    const now = new Date().toISOString();
    const sees = (memberIds: readonly string[]) =>
      maySeeAbout(family, member.memberId, memberIds, now);
    const key = await this.vault.keyFor(me.familyId, { create: false });
    const summary = revealPersonalData(familySummary(family, me.version), key);
    const people = await this.directory.professionals([
      ...family.network.map((n) => n.professionalId),
      ...(family.caseDirector ? [family.caseDirector.professionalId] : []),
    ]);
    const trajectories = family.trajectories.filter(
      (t) => t.caseNumber === family.caseNumber || t.status === 'started',
    );
    const providers = await this.directory.providers(trajectories.map((t) => t.providerId));
    const director = family.caseDirector && people.get(family.caseDirector.professionalId);
    const directorInNetwork = family.network.find(
      (n) => n.professionalId === family.caseDirector?.professionalId,
    );
    const agreement = [...family.planAgreements]
      .reverse()
      .find((a) => a.memberId === member.memberId && a.planId === family.plan?.planId);
    const plan = summary.plan;
    const sharedWithMe = family.dataSharing
      .filter((s) => s.withMemberId === member.memberId)
      .map((s) => s.memberId);
    const view = (v: (typeof summary.voices)[number]) => ({
      topic: v.topic,
      text: v.text ?? null,
      feelsSafe: v.feelsSafe ?? null,
      at: v.at,
    });
    return {
      familyId: me.familyId,
      municipality: family.municipality,
      me: { memberId: member.memberId, role: member.role, displayName: nameOf(summary, member) },
      members: family.members.map((m) => ({
        memberId: m.memberId,
        role: m.role,
        displayName: nameOf(summary, m),
      })),
      caseDirector: family.caseDirector
        ? {
            name: director?.name ?? null,
            organisation: director?.organisation ?? directorInNetwork?.organisation ?? '',
            ...(director?.phone ? { phone: director.phone } : {}),
            ...(director?.email ? { email: director.email } : {}),
          }
        : null,
      network: family.network.map((n) => ({
        name: people.get(n.professionalId)?.name ?? null,
        organisation: n.organisation,
        discipline: n.discipline ?? null,
      })),
      plan:
        plan && plan.caseNumber === family.caseNumber
          ? {
              version: plan.version,
              adoptedAt: plan.adoptedAt,
              evaluateBy: latestDueDate(family) ?? null,
              goals: summary.goals
                .filter((g) => sees(g.memberIds))
                .map((g) => ({
                  goalId: g.goalId,
                  description: g.description ?? null,
                  status: g.status,
                })),
              myAgreement: agreement
                ? { agreed: agreement.agreed, planVersion: agreement.planVersion, at: agreement.at }
                : null,
            }
          : null,
      nextMdoDueBy: family.nextMdoDueBy ?? null,
      trajectories: trajectories
        .filter((t) => sees(t.memberIds))
        .map((t) => ({
          careForm: t.careForm,
          careFormText: careFormWords(t.careForm),
          provider: providers.get(t.providerId)?.name ?? t.providerId,
          status: t.status,
          requestedAt: t.requestedAt,
          startedAt: t.startedAt ?? null,
          endedAt: t.endedAt ?? t.withdrawnAt ?? null,
        })),
      protectionMeasures: family.protectionMeasures
        .filter((m) => sees(m.memberIds))
        .map((m) => ({
          kind: m.kind,
          institution: m.institution,
          startedAt: m.startedAt,
          endsBy: m.endsBy ?? null,
          status: m.status,
        })),
      myViews: summary.voices.filter((v) => v.memberId === member.memberId).map(view),
      sharing: {
        decidesOwnData: decidesOwnData(member, now),
        sharesWith: family.dataSharing
          .filter((s) => s.memberId === member.memberId)
          .map((s) => s.withMemberId),
        sharedWithMe,
      },
      viewsSharedWithMe: summary.voices
        .filter((v) => v.memberId !== member.memberId && sharedWithMe.includes(v.memberId))
        .filter((v) => sees([v.memberId]))
        .map((v) => ({ memberId: v.memberId, ...view(v) })),
    };
  }

  /** What happened, oldest first, in plain words: only what this member may see; never a text of the record. */
  async timeline(me: SignedInMember): Promise<MyTimeline> {
    const now = new Date().toISOString();
    const records = await this.store.readStream(familyStreamId(me.familyId));
    const events: { event: FamilyEvent; actor: StoredActor }[] = [];
    for (const record of records) {
      const parsed = parseFamilyEvent(record);
      if (parsed.ok) events.push({ event: parsed.event, actor: actorOf(record.metadata) });
    }
    const visible = events.filter(({ event }) => shows(event, me.family, me.member.memberId, now));
    const people = await this.directory.professionals(
      visible.map(({ actor }) => actor.id).filter((id): id is string => id !== null),
    );
    const entries: MyTimelineEntry[] = [];
    for (const { event, actor } of visible) {
      const summary = eventWords(event, me.member.memberId);
      if (summary === undefined) continue;
      const isMe = actor.role === 'family' && actor.id === me.actorId;
      entries.push({
        occurredAt: event.data.occurredAt,
        type: event.type,
        summary,
        by:
          actor.role === 'family'
            ? { name: isMe ? 'U' : 'Een gezinslid', organisation: null, role: roleWords('family') }
            : {
                name: (actor.id !== null && people.get(actor.id)?.name) || null,
                organisation: actor.organisation,
                role: roleWords(actor.role),
              },
      });
    }
    return { familyId: me.familyId, entries };
  }

  /** Who looked at the family's record, newest first, in plain words (NEN 7513). */
  async accessLog(
    me: SignedInMember,
    page: { limit: number; cursor?: number },
  ): Promise<MyAccessLog> {
    const entries = await this.trail.log.lookedAt(me.familyId, {
      limit: page.limit + 1,
      ...(page.cursor === undefined ? {} : { beforeSeq: page.cursor }),
    });
    const shown = entries.slice(0, page.limit);
    const people = await this.directory.professionals(new Set(shown.map((e) => e.actorId)));
    const items = shown.map((entry) => {
      const words = accessWords(entry.action, entry.detail);
      return {
        seq: entry.seq,
        at: entry.at,
        name: people.get(entry.actorId)?.name ?? null,
        organisation: entry.organisation,
        role: roleWords(entry.role),
        kind: words.kind,
        action: words.action,
      };
    });
    const last = shown.at(-1);
    return {
      familyId: me.familyId,
      items,
      nextCursor: entries.length > page.limit && last ? String(last.seq) : null,
    };
  }
}

interface StoredActor {
  readonly id: string | null;
  readonly role: string | null;
  readonly organisation: string | null;
}

function actorOf(metadata: Readonly<Record<string, unknown>> | undefined): StoredActor {
  const actor = metadata?.actor as Record<string, unknown> | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { id: text(actor?.id), role: text(actor?.role), organisation: text(actor?.organisation) };
}

function nameOf(
  summary: { members: readonly { memberId: string; displayName?: unknown }[] },
  member: Member,
) {
  const shown = summary.members.find((m) => m.memberId === member.memberId)?.displayName;
  return typeof shown === 'string' ? shown : null;
}

/** The plan's latest due date for an evaluation: its `evaluateBy`, or a later evaluation's `nextEvaluateBy`. */
function latestDueDate(family: Family): string | undefined {
  const plan = family.plan;
  if (!plan) return undefined;
  const next = [...plan.evaluations].reverse().find((e) => e.nextEvaluateBy)?.nextEvaluateBy;
  return next ?? plan.evaluateBy;
}

/**
 * Whether a member sees this event in the timeline: what concerns particular members follows the law rules (and
 * so a member's sharing of their own data); views the member's own and those shared with them; plan agreements
 * only the member's own; a sharing the two members.
 */
function shows(event: FamilyEvent, family: Family, viewerId: string, now: string): boolean {
  const sees = (memberIds: readonly string[]) => maySeeAbout(family, viewerId, memberIds, now);
  const trajectory = (id: string) =>
    family.trajectories.find((t) => t.trajectoryId === id)?.memberIds ?? [];
  switch (event.type) {
    case 'MemberViewRecorded':
      return (
        event.data.memberId === viewerId ||
        (sharesWith(family, event.data.memberId, viewerId) && sees([event.data.memberId]))
      );
    case 'PlanAgreementRecorded':
      return event.data.memberId === viewerId;
    case 'DataSharingRecorded':
      return event.data.memberId === viewerId || event.data.withMemberId === viewerId;
    case 'SignalReceived':
      return sees(event.data.concernedMemberIds);
    case 'CareRequested':
    case 'RunningCareRecorded':
    case 'ProtectionMeasureImposed':
    case 'SafeAtHomeReportMade':
      return sees(event.data.memberIds);
    case 'CareAllocated':
    case 'CareStarted':
    case 'CareEnded':
    case 'CareRequestWithdrawn':
    case 'CareHandedOver':
      return sees(trajectory(event.data.trajectoryId));
    case 'MemberBsnRecorded':
      return sees([event.data.memberId]);
    case 'ProtectionMeasureEnded':
      return sees(
        family.protectionMeasures.find((m) => m.measureId === event.data.measureId)?.memberIds ??
          [],
      );
    case 'ParentalAuthorityRecorded':
      return sees([event.data.childMemberId]);
    default:
      return true;
  }
}
