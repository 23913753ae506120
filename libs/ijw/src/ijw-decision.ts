import {
  careFormOfIjwProduct,
  type CareEndReason,
  type FamilyCommand,
  type RegionConfig,
  type RegisteredFamilyState,
  type Trajectory,
} from '@samenspoor/domain';

import type { IjwMessage, IjwProduct, Jw301, Jw305, Jw307, Jw315 } from './ijw-message';

/**
 * The iJw reason of ending (`RedenBeeindiging`, JZ588) as one of the engine's reasons: care ended as planned is
 * `completed`; ended one-sidedly by the client or the provider, a `breakdown`; a move, a switch of provider or an
 * outflow to another domain, `transferred`; the rest (death, a pause, the municipality, a change request, an
 * early end by agreement) `other`. The iJw code itself is kept beside it on the event.
 */
export const IJW_END_REASON_MAPPING: Readonly<Record<string, CareEndReason>> = {
  '02': 'other',
  '19': 'completed',
  '20': 'other',
  '21': 'breakdown',
  '22': 'breakdown',
  '23': 'other',
  '31': 'transferred',
  '36': 'other',
  '37': 'other',
  '38': 'transferred',
  '39': 'transferred',
};

/** What the engine knows when it decides what a message means for the family it was matched to. */
export interface IjwDecisionInput {
  readonly message: IjwMessage;
  readonly state: RegisteredFamilyState;
  /** The member the message's BSN belongs to. */
  readonly memberId: string;
  readonly region: RegionConfig;
  /** The provider the AGB code names: its directory id, or `agb-<code>` for a provider the directory lacks. */
  readonly providerId: string;
  /** When the message arrived: the decider's clock. */
  readonly receivedAt: string;
  /** A new trajectory's id, the same for the same key (so a repeated message names the same trajectory). */
  readonly trajectoryIdFor: (key: string) => string;
}

export type IjwDecision =
  | { readonly kind: 'commands'; readonly commands: readonly FamilyCommand[] }
  | { readonly kind: 'unmapped'; readonly products: readonly IjwProduct[] }
  | {
      readonly kind: 'refused';
      readonly rule: 'unsupported' | 'unknown-reference';
      readonly detail: string;
    };

/**
 * What a message asks of the family, as commands of the one command path (api.md "iJw messages"): JW315 →
 * RequestCare, JW301 → AllocateCare on the trajectory it answers (by the provider's reference, else the
 * allocation number) or opening one, JW305 → StartCare (or RecordRunningCare when no request is known), JW307 →
 * EndCare with the reason mapped. Every command carries `origin: 'ijw'`. A product without a care form is
 * `unmapped`; a withdrawal (`StatusAanlevering` 3) is refused as `unsupported`; an end of care the family does not
 * know is refused as `unknown-reference`. Pure: the decider judges the commands afterwards.
 */
export function decideIjwMessage(input: IjwDecisionInput): IjwDecision {
  const { message } = input;
  switch (message.type) {
    case 'JW315':
      return request(message, input);
    case 'JW301':
      return allocate(message, input);
    case 'JW305':
      return start(message, input);
    case 'JW307':
      return stop(message, input);
    default: {
      const never: never = message;
      return never;
    }
  }
}

/** A day of a message as business time: its start (UTC), not before the family's registration. */
function businessTime(date: string, state: RegisteredFamilyState): string {
  const at = `${date}T00:00:00.000Z`;
  return at < state.registeredAt ? state.registeredAt : at;
}

function careFormOf(product: IjwProduct | undefined, region: RegionConfig): string | undefined {
  return product ? careFormOfIjwProduct(region, product) : undefined;
}

function unmappedOf(
  products: readonly (IjwProduct | undefined)[],
  region: RegionConfig,
): IjwDecision | undefined {
  const unmapped = products.filter((p) => careFormOf(p, region) === undefined);
  return unmapped.length > 0
    ? { kind: 'unmapped', products: unmapped.map((p) => p ?? { category: '' }) }
    : undefined;
}

function request(message: Jw315, input: IjwDecisionInput): IjwDecision {
  const { state, region, providerId, memberId, receivedAt } = input;
  const unmapped = unmappedOf(
    message.products.map((p) => p.product),
    region,
  );
  if (unmapped) return unmapped;
  return {
    kind: 'commands',
    commands: message.products.map((p) => ({
      type: 'RequestCare',
      data: {
        trajectoryId: input.trajectoryIdFor(`request ${message.header.sender} ${p.reference}`),
        careForm: careFormOf(p.product, region)!,
        providerId,
        memberIds: [memberId],
        origin: 'ijw',
        reference: p.reference,
        occurredAt: businessTime(message.header.sentOn, state),
      },
      metadata: { now: receivedAt },
    })),
  };
}

function open(state: RegisteredFamilyState): Trajectory[] {
  return state.trajectories.filter((t) => t.status === 'requested' || t.status === 'started');
}

function allocate(message: Jw301, input: IjwDecisionInput): IjwDecision {
  const { state, region, providerId, memberId, receivedAt } = input;
  const commands: FamilyCommand[] = [];
  for (const p of message.products) {
    const answered =
      open(state).find(
        (t) =>
          p.reference !== undefined && t.reference === p.reference && t.providerId === providerId,
      ) ?? state.trajectories.find((t) => t.allocationNumber === p.allocationNumber);
    const occurredAt = businessTime(p.allocatedOn, state);
    const allocation = {
      allocationNumber: p.allocationNumber,
      productCategory: p.product?.category ?? '',
      ...(p.product?.code === undefined ? {} : { productCode: p.product.code }),
      allocatedFrom: p.from,
      ...(p.until === undefined ? {} : { allocatedUntil: p.until }),
      occurredAt,
    };
    if (answered) {
      commands.push({
        type: 'AllocateCare',
        data: { trajectoryId: answered.trajectoryId, ...allocation },
        metadata: { now: receivedAt },
      });
      continue;
    }
    const careForm = careFormOf(p.product, region);
    if (careForm === undefined) return unmappedOf([p.product], region)!;
    commands.push({
      type: 'AllocateCare',
      data: {
        trajectoryId: input.trajectoryIdFor(
          `allocation ${message.header.sender} ${p.allocationNumber}`,
        ),
        ...allocation,
        request: {
          careForm,
          providerId,
          memberIds: [memberId],
          ...(p.reference === undefined ? {} : { reference: p.reference }),
        },
      },
      metadata: { now: receivedAt },
    });
  }
  return { kind: 'commands', commands };
}

function byAllocation(state: RegisteredFamilyState, allocationNumber: string | undefined) {
  return allocationNumber === undefined
    ? undefined
    : state.trajectories.find((t) => t.allocationNumber === allocationNumber);
}

function start(message: Jw305, input: IjwDecisionInput): IjwDecision {
  const { state, region, providerId, memberId, receivedAt } = input;
  if (message.products.some((p) => p.status === '3')) return withdrawal();
  const commands: FamilyCommand[] = [];
  for (const [i, p] of message.products.entries()) {
    const trajectory = byAllocation(state, p.allocationNumber);
    if (trajectory) {
      commands.push({
        type: 'StartCare',
        data: {
          trajectoryId: trajectory.trajectoryId,
          origin: 'ijw',
          occurredAt: businessTime(p.startedOn, state),
        },
        metadata: { now: receivedAt },
      });
      continue;
    }
    const careForm = careFormOf(p.product, region);
    if (careForm === undefined) return unmappedOf([p.product], region)!;
    const key = p.allocationNumber ?? `${message.header.messageId} ${i}`;
    commands.push({
      type: 'RecordRunningCare',
      data: {
        trajectoryId: input.trajectoryIdFor(`start ${message.header.sender} ${key}`),
        careForm,
        providerId,
        startedAt: `${p.startedOn}T00:00:00.000Z`,
        memberIds: [memberId],
        ...(p.allocationNumber === undefined ? {} : { allocationNumber: p.allocationNumber }),
        origin: 'ijw',
        occurredAt: receivedAt,
      },
      metadata: { now: receivedAt },
    });
  }
  return { kind: 'commands', commands };
}

function stop(message: Jw307, input: IjwDecisionInput): IjwDecision {
  const { state, receivedAt } = input;
  if (message.products.some((p) => p.status === '3')) return withdrawal();
  const commands: FamilyCommand[] = [];
  for (const p of message.products) {
    const trajectory = byAllocation(state, p.allocationNumber);
    if (!trajectory) {
      return {
        kind: 'refused',
        rule: 'unknown-reference',
        detail: 'the family has no trajectory with the allocation number of this end of care',
      };
    }
    commands.push({
      type: 'EndCare',
      data: {
        trajectoryId: trajectory.trajectoryId,
        reason: IJW_END_REASON_MAPPING[p.endReason] ?? 'other',
        origin: 'ijw',
        ijwReason: p.endReason,
        occurredAt: businessTime(p.endedOn, state),
      },
      metadata: { now: receivedAt },
    });
  }
  return { kind: 'commands', commands };
}

function withdrawal(): IjwDecision {
  return {
    kind: 'refused',
    rule: 'unsupported',
    detail: 'a withdrawal of an earlier message (StatusAanlevering 3) is not supported yet',
  };
}
