import {
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { concatMap, type Observable } from 'rxjs';

import { Directory } from '@samenspoor/directory';

/** How deep an answer is searched for ids: a page of families holds them at about four levels. */
const MAX_DEPTH = 8;
/** Event data and audit details are shown as they were recorded: no names are added inside them. */
const KEPT_AS_RECORDED = new Set(['data', 'detail']);

type Node = Record<string, unknown>;

/**
 * Puts names beside ids in an answer, at read time, from the directory: a professional's `name` (and work
 * contacts) beside a `professionalId` (network members, the case director), `actor.name` beside a timeline
 * actor's id, `actorName` beside an audit entry's `actor`, and `providerName` beside a `providerId`. Ids the
 * directory does not know stay as they are, without a name (v1 clients and free-text provider ids keep working).
 * The read models themselves hold ids only, so a corrected name shows everywhere at once.
 */
@Injectable()
export class DirectoryNames {
  constructor(private readonly directory: Directory) {}

  async add<T>(answer: T): Promise<T> {
    const people = new Set<string>();
    const providers = new Set<string>();
    walk(answer, 0, (node) => {
      if (typeof node.professionalId === 'string') people.add(node.professionalId);
      if (typeof node.providerId === 'string') providers.add(node.providerId);
      if (typeof node.actor === 'string') people.add(node.actor);
      const actor = node.actor as Node | null | undefined;
      if (typeof actor === 'object' && actor !== null && typeof actor.id === 'string')
        people.add(actor.id);
    });
    if (people.size === 0 && providers.size === 0) return answer;
    const [professionals, knownProviders] = await Promise.all([
      this.directory.professionals(people),
      this.directory.providers(providers),
    ]);
    walk(answer, 0, (node) => {
      if (typeof node.professionalId === 'string') {
        const entry = professionals.get(node.professionalId);
        if (entry) {
          node.name = entry.name;
          if (entry.email !== null) node.email = entry.email;
          if (entry.phone !== null) node.phone = entry.phone;
        }
      }
      if (typeof node.providerId === 'string') {
        const provider = knownProviders.get(node.providerId);
        if (provider) node.providerName = provider.name;
      }
      if (typeof node.actor === 'string') {
        const entry = professionals.get(node.actor);
        if (entry) node.actorName = entry.name;
      }
      const actor = node.actor as Node | null | undefined;
      if (typeof actor === 'object' && actor !== null && typeof actor.id === 'string') {
        const entry = professionals.get(actor.id);
        if (entry) actor.name = entry.name;
      }
    });
    return answer;
  }
}

/** Calls `visit` on every object of an answer (not inside event data or audit details). */
function walk(value: unknown, depth: number, visit: (node: Node) => void): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const element of value) walk(element, depth + 1, visit);
    return;
  }
  const node = value as Node;
  visit(node);
  for (const [key, inner] of Object.entries(node))
    if (!KEPT_AS_RECORDED.has(key) && key !== 'actor') walk(inner, depth + 1, visit);
}

/** Runs an answer through {@link DirectoryNames} before it is sent. */
@Injectable()
export class DirectoryNamesInterceptor implements NestInterceptor {
  constructor(private readonly names: DirectoryNames) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(concatMap((answer: unknown) => this.names.add(answer)));
  }
}

/** The route's answer names the people and providers it holds by id (see {@link DirectoryNames}). */
export const WithDirectoryNames = () => UseInterceptors(DirectoryNamesInterceptor);
