import { v5 as uuidv5 } from 'uuid';

import type { PersonalDataVault, Role } from '@samenspoor/access';
import {
  FamilyCommands,
  type CommandAuditEntry,
  type CommandContext,
  type FamilyCommandStep,
} from '@samenspoor/commands';
import type { Directory } from '@samenspoor/directory';
import {
  decide,
  DomainRuleError,
  evolve,
  type FamilyCommand,
  type FamilyEvent,
  type RegionConfig,
  type RegisteredFamilyState,
} from '@samenspoor/domain';
import type { BlindIndex } from '@samenspoor/search';

import { decideIjwMessage } from './ijw-decision';
import {
  IjwInbox,
  ijwMessageKeyId,
  type IjwInboxEntry,
  type IjwOutcome,
  type IjwResolution,
} from './ijw-inbox';
import type { IjwFieldError, IjwMessage, IjwMessageType } from './ijw-message';
import { parseIjwMessage } from './parse-ijw-message';

/** Namespace of the ids derived from a message's sender and `BerichtIdentificatie`. */
const IJW_NAMESPACE = '5c2b8f8e-7a51-5f0e-9b1d-3f1c2a6e9d47';

/** The answer to a delivered message (api.md "iJw messages"). */
export interface IjwAnswer {
  readonly messageId: string;
  readonly type: IjwMessageType;
  readonly outcome: IjwOutcome;
  readonly rule?: string;
  readonly familyId?: string;
  readonly position?: string;
  readonly events: readonly { readonly type: string; readonly trajectoryId: string }[];
}

/** A message that is not an iJw 3.2 message of the four: `errors[].field` is the element path. */
export class IjwMessageInvalidError extends Error {
  constructor(readonly errors: readonly IjwFieldError[]) {
    super('the message is not a valid iJw 3.2 message');
    this.name = 'IjwMessageInvalidError';
  }
}

/** A link the safety team asked for that cannot be made. */
export class IjwLinkError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'IjwLinkError';
  }
}

/** Who delivers: the integration client (or the import tool), with what the command path records of it. */
export interface IjwSender {
  readonly actor: { readonly id: string; readonly role: Role; readonly organisation?: string };
  readonly correlationId: string;
  readonly audit?: CommandAuditEntry;
}

/**
 * The intake of iJw messages: parse and check, recognise a duplicate (sender + `BerichtIdentificatie`), match the
 * client on BSN through the blind index, decide what the message means for the family (`decideIjwMessage`) and
 * send it down the one command path — or keep the message sealed (under a vault key of its own) for the safety
 * team when it is unmatched, unmapped or refused. The API's route and the import tool both use it.
 */
export class IjwIntake {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly index: BlindIndex,
    private readonly directory: Pick<Directory, 'providerByAgbCode'>,
    private readonly vault: Pick<PersonalDataVault, 'sealingKeyFor' | 'keyFor' | 'destroy'>,
    private readonly inbox: IjwInbox,
    private readonly region: RegionConfig,
  ) {}

  /**
   * Receives one message.
   *
   * @throws IjwMessageInvalidError when it is not a valid iJw 3.2 message (nothing is kept).
   */
  async receive(
    body: string | Uint8Array,
    sender: IjwSender,
    now = new Date().toISOString(),
  ): Promise<IjwAnswer> {
    const parsed = parseIjwMessage(body);
    if (!parsed.ok) throw new IjwMessageInvalidError(parsed.errors);
    const message = parsed.message;
    const { header } = message;
    const known = await this.inbox.bySender(header.sender, header.messageId);
    if (known) return duplicateOf(known);
    const id = uuidv5(`${header.sender}\u0000${header.messageId}`, IJW_NAMESPACE);
    const facts = await this.factsOf(id, message, now);
    const members = await this.index.membersWithBsn(message.client.bsn);
    const families = new Set(members.map((m) => m.familyId));
    const member = families.size === 1 ? members[0] : undefined;
    const answer = member
      ? await this.apply(
          id,
          message,
          member.familyId,
          member.memberId,
          sender,
          now,
          [],
          facts.provider,
        )
      : ({ outcome: 'unmatched', events: [] } as const);
    if (answer.outcome === 'applied') {
      const kept = await this.inbox.keep({ ...facts, outcome: 'applied', ...answerFacts(answer) });
      if (!kept) return duplicateOf((await this.inbox.bySender(header.sender, header.messageId))!);
      return { messageId: id, type: message.type, ...answer };
    }
    const key = await this.vault.sealingKeyFor(ijwMessageKeyId(id));
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const kept = await this.inbox.keep({
      ...facts,
      outcome: answer.outcome === 'duplicate' ? 'refused' : answer.outcome,
      ...(answer.rule === undefined ? {} : { rule: answer.rule }),
      ...(member ? { familyId: member.familyId } : {}),
      sealed: key.seal(text),
    });
    if (!kept) return duplicateOf((await this.inbox.bySender(header.sender, header.messageId))!);
    return {
      messageId: id,
      type: message.type,
      outcome: answer.outcome,
      ...(answer.rule === undefined ? {} : { rule: answer.rule }),
      ...(member ? { familyId: member.familyId } : {}),
      events: [],
    };
  }

  /**
   * Sets a kept message aside without applying it (the safety team's decision, with its reason): its sealed text
   * and its key are destroyed, nothing is appended; a repeat of the message is a duplicate.
   *
   * @throws IjwLinkError 404 for an unknown message or one no longer kept (applied or set aside).
   */
  async resolve(
    id: string,
    resolution: IjwResolution,
  ): Promise<{ messageId: string; outcome: 'resolved'; resolution: IjwResolution }> {
    if (!(await this.inbox.resolved(id, resolution)))
      throw new IjwLinkError(404, 'unknown-reference', 'no kept message has this id');
    await this.vault.destroy(ijwMessageKeyId(id));
    return { messageId: id, outcome: 'resolved', resolution };
  }

  /** The messages kept for the safety team, without BSN or name. */
  async unmatched(): Promise<IjwInboxEntry[]> {
    return this.inbox.open();
  }

  /**
   * Links a kept message to a family member and applies it. A member whose recorded BSN differs from the
   * message's is refused (409 `bsn-mismatch`).
   *
   * @throws IjwLinkError 404 for an unknown or already applied message or an unknown family or member.
   */
  async link(
    id: string,
    familyId: string,
    memberId: string,
    sender: IjwSender,
    now = new Date().toISOString(),
  ): Promise<IjwAnswer> {
    const entry = await this.inbox.byId(id);
    const key = await this.vault.keyFor(ijwMessageKeyId(id), { create: false });
    const text = entry?.sealed && key ? key.open(entry.sealed) : undefined;
    if (!entry || text === undefined)
      throw new IjwLinkError(404, 'unknown-reference', 'no kept message has this id');
    const parsed = parseIjwMessage(text);
    if (!parsed.ok) throw new IjwLinkError(404, 'unknown-reference', 'no kept message has this id');
    const family = await this.commands.load(familyId);
    if (family.state.status === 'unregistered')
      throw new IjwLinkError(404, 'unknown-reference', 'no family has this id');
    const member = family.state.members.find((m) => m.memberId === memberId);
    if (!member) throw new IjwLinkError(422, 'unknown-reference', 'the family has no such member');
    const holders = await this.index.membersWithBsn(parsed.message.client.bsn);
    const holds = holders.some((h) => h.familyId === familyId && h.memberId === memberId);
    const elsewhere = holders.some((h) => h.familyId !== familyId);
    if ((member.bsn !== undefined && !holds) || elsewhere)
      throw new IjwLinkError(
        409,
        'bsn-mismatch',
        "the member's recorded BSN is not the message's, or another family holds the message's BSN",
      );
    // A member without a BSN takes the message's (sealed in the event, indexed blind), so its next messages match.
    const recordBsn: FamilyCommand[] =
      member.bsn === undefined
        ? [
            {
              type: 'RecordMemberBsn',
              data: { memberId, bsn: parsed.message.client.bsn, occurredAt: now },
              metadata: { now },
            },
          ]
        : [];
    const answer = await this.apply(id, parsed.message, familyId, memberId, sender, now, recordBsn);
    if (answer.outcome !== 'applied')
      return { messageId: id, type: parsed.message.type, ...answer };
    await this.inbox.applied(id, familyId, answerFacts(answer).answer);
    await this.vault.destroy(ijwMessageKeyId(id));
    return { messageId: id, type: parsed.message.type, ...answer };
  }

  private async factsOf(id: string, message: IjwMessage, now: string) {
    const { header } = message;
    const [agbCode, municipalityCode] =
      message.type === 'JW301'
        ? [header.receiver, header.sender]
        : [header.sender, header.receiver];
    return {
      id,
      sender: header.sender,
      messageId: header.messageId,
      type: message.type,
      receivedAt: now,
      municipality: this.region.municipalityCodes[municipalityCode] ?? municipalityCode,
      provider: await this.providerIdOf(agbCode),
      products: message.products.flatMap((p) => (p.product ? [p.product] : [])),
    };
  }

  private async providerIdOf(agbCode: string, known?: string): Promise<string> {
    if (known !== undefined) return known;
    return (await this.directory.providerByAgbCode(agbCode))?.providerId ?? `agb-${agbCode}`;
  }

  /** Decides and appends what the message means for the member's family; nothing when a rule refuses it. */
  private async apply(
    id: string,
    message: IjwMessage,
    familyId: string,
    memberId: string,
    sender: IjwSender,
    now: string,
    before: readonly FamilyCommand[] = [],
    providerId?: string,
  ): Promise<Omit<IjwAnswer, 'messageId' | 'type'>> {
    // First on the family as this process last saw it (no read: the command path decides the commands again on the
    // stream as it is, and retries on a conflict); anything short of commands to send is judged again on a fresh
    // read, so that a stale state never refuses or misplaces a message.
    const agbCode = message.type === 'JW301' ? message.header.receiver : message.header.sender;
    const provider = await this.providerIdOf(agbCode, providerId);
    let commands: FamilyCommand[] = [];
    let events: FamilyEvent[] = [];
    for (const fresh of [false, true]) {
      const family = fresh
        ? await this.commands.load(familyId)
        : await this.commands.lastSeen(familyId);
      const state = family.state;
      if (state.status === 'unregistered') {
        if (fresh) return { outcome: 'unmatched', events: [] };
        continue;
      }
      const decision = decideIjwMessage({
        message,
        state,
        memberId,
        region: this.region,
        providerId: provider,
        receivedAt: now,
        trajectoryIdFor: (key) => uuidv5(key, uuidv5(familyId, IJW_NAMESPACE)),
      });
      if (decision.kind !== 'commands') {
        if (!fresh) continue;
        return decision.kind === 'unmapped'
          ? { outcome: 'unmapped', familyId, events: [] }
          : { outcome: 'refused', rule: decision.rule, familyId, events: [] };
      }
      commands = [...before, ...decision.commands];
      try {
        events = decideLocally(state, commands);
        break;
      } catch (error) {
        if (!(error instanceof DomainRuleError)) throw error;
        if (fresh) return { outcome: 'refused', rule: error.rule, familyId, events: [] };
      }
    }
    const steps: FamilyCommandStep[] = commands.map((command, i) => ({
      command,
      context: this.contextOf(id, i, sender, now),
    }));
    try {
      const result = await this.commands.run(familyId, steps);
      return {
        outcome: 'applied',
        familyId,
        position: String(result.position),
        events: events.flatMap((e) =>
          'trajectoryId' in e.data ? [{ type: e.type, trajectoryId: e.data.trajectoryId }] : [],
        ),
      };
    } catch (error) {
      if (error instanceof DomainRuleError)
        return { outcome: 'refused', rule: error.rule, familyId, events: [] };
      throw error;
    }
  }

  private contextOf(id: string, step: number, sender: IjwSender, now: string): CommandContext {
    return {
      actor: sender.actor,
      // Derived from the message: a message delivered again after a crash is recognised by the command path.
      commandId: step === 0 ? id : uuidv5(`step ${step}`, id),
      correlationId: sender.correlationId,
      requestHash: id,
      now,
      ...(step === 0 && sender.audit ? { audit: sender.audit } : {}),
    };
  }
}

/** The events the commands make, decided in order on the state (the command path decides again on its own). */
function decideLocally(
  state: RegisteredFamilyState,
  commands: readonly Parameters<typeof decide>[0][],
): FamilyEvent[] {
  let current: Parameters<typeof decide>[1] = state;
  const events: FamilyEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, current)) {
      events.push(event);
      current = evolve(current, event);
    }
  }
  return events;
}

function answerFacts(answer: Omit<IjwAnswer, 'messageId' | 'type'>) {
  return {
    ...(answer.familyId === undefined ? {} : { familyId: answer.familyId }),
    answer: {
      ...(answer.position === undefined ? {} : { position: answer.position }),
      events: answer.events,
    } as Record<string, unknown>,
  };
}

function duplicateOf(entry: IjwInboxEntry): IjwAnswer {
  const position = entry.answer?.position;
  return {
    messageId: entry.id,
    type: entry.type,
    outcome: 'duplicate',
    ...(entry.familyId === undefined ? {} : { familyId: entry.familyId }),
    ...(typeof position === 'string' ? { position } : {}),
    events: [],
  };
}
