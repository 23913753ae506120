import { createHash, randomUUID } from 'node:crypto';

import { v5 as uuidv5 } from 'uuid';

import type { Role } from '@samenspoor/access';
import type { FamilyState } from '@samenspoor/domain';

import type { SqlQueryable, SqlStatementRider } from '@samenspoor/sql';

/** Namespace of the ids Samenspoor derives (UUID v5) from idempotency keys and command ids. */
const SAMENSPOOR_NAMESPACE = 'a8f5b9c2-4d1e-5f3a-9b7c-2e6d8f0a1c34';

/**
 * The audit entry of a command (NEN 7513), written by the command path inside the transaction that appends the
 * command's events, where the store allows it (the SQL stores); the API makes it from the HTTP request.
 */
export interface CommandAuditEntry {
  /** Writes the entry of the command's success about `familyId` in the caller's transaction. */
  writeIn(tx: SqlQueryable, familyId: string): Promise<void>;
  /**
   * The entry about `familyId` as rows the append's own statement writes (one round trip), when it can be written
   * so; else undefined, and {@link writeIn} is called in the append's transaction.
   */
  rider?(familyId: string): SqlStatementRider | undefined;
  /** Called once the transaction that wrote the entry committed. */
  committed(): void;
}

/** Who sends a command, why, and under which expectations: everything a command carries besides its data. */
export interface CommandContext {
  readonly actor: { readonly id: string; readonly role: Role; readonly organisation?: string };
  /**
   * Identifies the command. With an `Idempotency-Key` it is derived from the actor and the key, so that a repeat
   * is the same command; otherwise it is new.
   */
  readonly commandId: string;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  /** Digest of the request (route and body), to refuse an idempotency key reused for another request. */
  readonly requestHash: string;
  /** The stream version the client expects (`If-Match`); on a difference the command is refused with 409. */
  readonly ifMatch?: number;
  /** The decider's clock. */
  readonly now: string;
  /** The audit entry of a command sent over HTTP, written with its events where the store allows it. */
  readonly audit?: CommandAuditEntry | undefined;
  /**
   * The access policy on the family's state, checked by the command path on the very state it decides on (inside
   * the family's queue), so that a change of the network since the sender was let in is never missed.
   */
  readonly access?: CommandAccess | undefined;
}

/** Whether the sender of a command may send it about a family, judged on the family's state. */
export interface CommandAccess {
  /** Nothing when the sender may; else what records and throws the refusal. */
  refusal(state: FamilyState): (() => Promise<never>) | undefined;
}

export function commandIdFor(actorId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey
    ? uuidv5(`${actorId}\u0000${idempotencyKey}`, SAMENSPOOR_NAMESPACE)
    : randomUUID();
}

/**
 * The new ids a command needs (a family, an analysis, a trajectory, its events…), derived from the command id:
 * the same command always names the same things, which is what makes a repeated command recognisable.
 */
export function derivedId(commandId: string, purpose: string): string {
  return uuidv5(purpose, commandId);
}

export function requestHash(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route}\n${canonicalJson(body)}`)
    .digest('base64url');
}

/** JSON with object keys sorted, so that the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
