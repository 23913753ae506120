import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

export const SIGN_IN_ROUTE = 'samenspoor:sign-in';

/**
 * A route of signing in (`/api/auth/…`, `/api/me`): rate limited per client address, so that nobody can try
 * tokens or ask for development tokens at machine speed. The limit (`SIGN_IN_RATE_LIMIT` per
 * `SIGN_IN_RATE_WINDOW_SECONDS`, default 120 a minute) is far above what a person or the web UI needs.
 */
export const SignIn = () => SetMetadata(SIGN_IN_ROUTE, true);

/**
 * `@nestjs/throttler` on the routes marked `@SignIn()` only, answering 429 with `Retry-After`. It is a global
 * guard registered before the access guard, so that it counts requests before any token is looked at: a
 * request with a bad token counts too. Counts are kept in this process's memory: behind several API processes
 * each holds its own, so the limit a client meets is a multiple of the setting.
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    return Promise.resolve(!this.reflector.getAllAndOverride<boolean>(SIGN_IN_ROUTE, targets));
  }

  /** One count per address for all sign-in routes together (the library counts per route by default). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `sign-in:${name}:${tracker}`;
  }
}
