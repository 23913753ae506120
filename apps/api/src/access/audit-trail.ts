import { Inject, Injectable } from '@nestjs/common';

import type { AuditLog, AuditOutcome } from '@samenspoor/access';

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

/**
 * Writes the audit log entries of HTTP requests: the actor and the role they acted in, the route as the action
 * (`POST /api/families/:familyId/mdos` — the pattern, never the query string), the family, the outcome and the
 * correlation id. An entry is committed before the answer leaves: no look at a record goes unlogged.
 */
@Injectable()
export class AuditTrail {
  constructor(@Inject(AUDIT_LOG) readonly log: AuditLog) {}

  /**
   * Records one request: an entry about `familyId` (or about no family), and one entry for each family a list
   * answer showed.
   */
  async record(
    request: AuthenticatedRequest,
    status: number,
    options: {
      /** Who, when the request has no authenticated actor yet (a refusal): the role is then the token's roles. */
      readonly actor?: {
        readonly id: string;
        readonly role: string | null;
        readonly organisation?: string;
      };
      readonly familyId?: string | null;
      readonly detail?: string | null;
      readonly listed?: readonly string[];
    } = {},
  ): Promise<void> {
    const actor =
      options.actor ??
      (request.actor && {
        id: request.actor.id,
        role: request.actor.actingRole,
        organisation: request.actor.organisation,
      });
    if (!actor) return;
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
    await this.log.record([
      { ...base, familyId },
      ...listed.map((id) => ({ ...base, familyId: id, detail: 'listed' })),
    ]);
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
