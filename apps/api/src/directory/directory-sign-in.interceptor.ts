import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';

import { Directory } from '@samenspoor/directory';

import type { AuthenticatedRequest } from '../auth/auth.decorators';

/** How many signed-in professionals this process remembers having an entry; beyond it, it asks again. */
const REMEMBERED = 10_000;

/**
 * On a professional's (or safety-team member's) first signed-in request, makes their directory entry from the
 * token's `name`, `email` and organisation claims, so that colleagues find them before they edit it. An entry
 * that exists is never overwritten: the professional's own edits win. A token without a name or organisation
 * makes no entry (the professional can still write one).
 */
@Injectable()
export class DirectorySignInInterceptor implements NestInterceptor {
  private readonly known = new Set<string>();

  constructor(private readonly directory: Directory) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (
      !actor ||
      this.known.has(actor.id) ||
      !actor.roles.some((role) => role === 'professional' || role === 'safety-team') ||
      !actor.name ||
      !actor.organisation
    )
      return next.handle();
    const entry = {
      professionalId: actor.id,
      name: actor.name.slice(0, 200),
      organisation: actor.organisation.slice(0, 200),
      email: actor.email && actor.email.length <= 254 ? actor.email : null,
    };
    return from(this.directory.ensureProfessional(entry)).pipe(
      switchMap(() => {
        if (this.known.size >= REMEMBERED) this.known.clear();
        this.known.add(actor.id);
        return next.handle();
      }),
    );
  }
}
