import { Inject, Injectable } from '@nestjs/common';

import type { AuditEntry, AuditLog, AuditOutcome } from '@samenspoor/access';
import type { SqlQueryable, SqlStatementRider } from '@samenspoor/sql';

import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid } from '../http/params';

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/** What an answer's status says about the outcome of an audited request. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 400 || status === 413) return 'invalid';
  if (status === 401 || status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'refused';
  if (status === 503) return 'unavailable';
  return 'error';
}

/** What {@link AuditTrail.record} is told about a request besides its status. */
export interface AuditDetails {
  /** Who, when the request has no authenticated actor yet (a refusal): the role is then the token's roles. */
  readonly actor?: {
    readonly id: string;
    readonly role: string | null;
    readonly organisation?: string;
  };
  readonly familyId?: string | null;
  readonly detail?: string | null;
  readonly listed?: readonly string[];
}

/**
 * The audit entry of a command sent over HTTP, for the command side to write in the transaction of the command's
 * events (on the SQL stores): then the stored command and its entry commit together or not at all. When it was
 * not written there (another store, a repeated command that appended nothing, a refusal), the audit interceptor
 * writes the request's entry as for any other request.
 */
export class CommandAudit {
  private written = false;

  constructor(
    private readonly trail: AuditTrail,
    private readonly request: AuthenticatedRequest,
    private readonly status: number,
  ) {}

  /** Writes the entry of the command's success about `familyId` in the caller's transaction. */
  async writeIn(tx: SqlQueryable, familyId: string): Promise<void> {
    await this.trail.log.appendIn(tx, this.trail.entries(this.request, this.status, { familyId }));
  }

  /** The entry of the command's success about `familyId` as rows of the append's own statement, if it can be. */
  rider(familyId: string): SqlStatementRider | undefined {
    return this.trail.log.rider(this.trail.entries(this.request, this.status, { familyId }));
  }

  /** To be called once the transaction that wrote the entry committed. */
  committed(): void {
    this.written = true;
  }

  get isCommitted(): boolean {
    return this.written;
  }
}

/**
 * Writes the audit log entries of HTTP requests: the actor and the role they acted in, the route as the action
 * (`POST /api/families/:familyId/mdos` — the pattern, never the query string), the family, the outcome and the
 * correlation id. An entry is committed before the answer leaves: no look at a record goes unlogged.
 */
@Injectable()
export class AuditTrail {
  private readonly commands = new WeakMap<AuthenticatedRequest, CommandAudit>();
  private readonly refused = new WeakSet<AuthenticatedRequest>();

  constructor(@Inject(AUDIT_LOG) readonly log: AuditLog) {}

  /**
   * Records one request: an entry about `familyId` (or about no family), and one entry for each family a list
   * answer showed.
   */
  async record(
    request: AuthenticatedRequest,
    status: number,
    options: AuditDetails = {},
  ): Promise<void> {
    await this.log.record(this.entries(request, status, options));
  }

  /** Records the access policy's refusal of a request (403); the request's answer needs no other entry. */
  async recordRefusal(request: AuthenticatedRequest, options: AuditDetails): Promise<void> {
    this.refused.add(request);
    await this.record(request, 403, options);
  }

  /** Whether the request's refusal by the access policy is recorded already. */
  isRefused(request: AuthenticatedRequest): boolean {
    return this.refused.has(request);
  }

  /** The entries of one request (none without an actor). */
  entries(request: AuthenticatedRequest, status: number, options: AuditDetails = {}): AuditEntry[] {
    const actor =
      options.actor ??
      (request.actor && {
        id: request.actor.id,
        role: request.actor.actingRole,
        organisation: request.actor.organisation,
      });
    if (!actor) return [];
    const base = {
      at: new Date().toISOString(),
      actorId: actor.id,
      role: actor.role,
      organisation: actor.organisation ?? null,
      action: `${request.method} ${routePattern(request)}`,
      outcome: outcomeOf(status),
      status,
      detail: options.detail ?? null,
      correlationId: typeof request.id === 'string' ? request.id : null,
    };
    const familyId = options.familyId ?? familyOf(request);
    const listed = [...new Set(options.listed ?? [])].filter((id) => id !== familyId);
    return [
      { ...base, familyId },
      ...listed.map((id) => ({ ...base, familyId: id, detail: 'listed' })),
    ];
  }

  /** Opens the command audit of a request that succeeds with `status` (see {@link CommandAudit}). */
  expectCommand(request: AuthenticatedRequest, status: number): CommandAudit {
    const audit = new CommandAudit(this, request, status);
    this.commands.set(request, audit);
    return audit;
  }

  /** The command audit the interceptor opened for this request, for the command's context. */
  commandAudit(request: AuthenticatedRequest): CommandAudit | undefined {
    return this.commands.get(request);
  }
}

/** The route the request matched, as declared (`/api/families/:familyId`), or its path when none matched. */
function routePattern(request: AuthenticatedRequest): string {
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : request.path;
}

/** The family a request is about: its `familyId` path parameter, or the `familyId` it filters on. */
function familyOf(request: AuthenticatedRequest): string | null {
  const fromPath = (request.params as Record<string, string | undefined> | undefined)?.familyId;
  if (isUuid(fromPath)) return fromPath.toLowerCase();
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.familyId;
  return isUuid(fromQuery) ? fromQuery.toLowerCase() : null;
}
