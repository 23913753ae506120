import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';

import { setBearer } from './api';
import type { Me } from './types';
import { forgetFound } from './found-families';

/** The user as the API reads their token (`GET /api/me`); no roles: signed in, but allowed nothing here. */
export type User = Me;

export type Role = Me['roles'][number];
/** The roles of people, that have pages (not the integration client's). */
export type PersonRole = Exclude<Role, 'integration'>;

/** Who is signed in, and the bearer token for the API. */
export interface Session {
  readonly token: string;
  readonly user: User;
  readonly mode: 'dev' | 'oidc';
  /** When the token expires (epoch ms), when known. */
  readonly expiresAt?: number;
}

/** The session lives in this tab only (sessionStorage), never in a URL or a cookie. */
const KEY = 'samenspoor.session';

/** The session this tab already had when the app loaded: its requests can start before the first render. */
export function storedSession(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (!session?.token || (session.expiresAt !== undefined && session.expiresAt < Date.now()))
      return undefined;
    return session;
  } catch {
    return undefined;
  }
}

interface SessionContext {
  readonly session: Session | undefined;
  /** Why the last session ended, to say on the sign-in page. */
  readonly endedBecause: string | undefined;
  signIn: (session: Session) => void;
  signOut: (reason?: string) => void;
}

const Context = createContext<SessionContext | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [endedBecause, setEndedBecause] = useState<string>();

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(KEY);
    setEndedBecause(reason);
    setSession(undefined);
  }, []);

  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setEndedBecause(undefined);
    setSession(next);
  }, []);

  // The API client sends this session's token; a 401 on it ends the session.
  setBearer(session?.token, () => signOut('Uw sessie is verlopen. Meld u opnieuw aan.'));

  const value = useMemo(
    () => ({ session, endedBecause, signIn, signOut }),
    [session, endedBecause, signIn, signOut],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The role the UI shows its pages for: the first of the user's roles that has pages. */
export function mainRole(user: User): PersonRole {
  return (
    (['safety-team', 'professional', 'manager', 'auditor', 'family'] as const).find((role) =>
      user.roles.includes(role),
    ) ?? 'professional'
  );
}

/**
 * Signs out: ends the session in this tab and goes to the start page; after an OpenID Connect sign-in it also
 * ends the session at the issuer (its end_session_endpoint), so that the next person at this computer is not
 * signed straight back in.
 */
export function useSignOut(): () => void {
  const { session, signOut } = useSession();
  const [, navigate] = useLocation();
  return useCallback(() => {
    const mode = session?.mode;
    forgetFound();
    signOut();
    navigate('/', { replace: true });
    if (mode === 'oidc') {
      import('./oidc').then((oidc) => oidc.signOutAtIssuer()).catch(() => undefined);
    }
  }, [session, signOut, navigate]);
}
