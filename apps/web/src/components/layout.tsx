import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';

import { ROLE_LABELS, label } from '@samenspoor/domain/labels-nl';

import { afterOwnWrites, api, onOwnWrite } from '../api';
import { useRegion } from '../region';
import { useSession, useSignOut } from '../session';

interface NavItem {
  readonly href: string;
  readonly text: string;
  /** A count beside the text (the items of "Mijn werk"). */
  readonly count?: number;
}

/**
 * How many items "Mijn werk" holds, read when signed in and again after each step the user takes (with its
 * position, so that the count includes the step); undefined until known. Not on every page change: each read of
 * the list is an audited look at the families on it.
 */
function useWorkCount(enabled: boolean): number | undefined {
  const [count, setCount] = useState<number>();
  const [round, setRound] = useState(0);
  useEffect(() => (enabled ? onOwnWrite(() => setRound((n) => n + 1)) : undefined), [enabled]);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    api<{ counts: { due: number } }>(afterOwnWrites('/api/my-work'), { signal: abort.signal }).then(
      (work) => setCount(work.counts.due),
      () => undefined,
    );
    return () => abort.abort();
  }, [enabled, round]);
  return count;
}

/** The frame of every page: skip link, header with the role's navigation and the user, and the main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const signOut = useSignOut();
  const region = useRegion();
  const [location] = useLocation();
  const roles = session?.user.roles ?? [];
  const working = roles.includes('professional') || roles.includes('safety-team');
  const workCount = useWorkCount(working);
  if (!session) return null;
  const items: NavItem[] = [];
  if (working)
    items.push({
      href: '/werk',
      text: 'Mijn werk',
      ...(workCount === undefined ? {} : { count: workCount }),
    });
  if (roles.includes('professional') && !roles.includes('safety-team'))
    items.push({ href: '/gezinnen', text: 'Mijn gezinnen' });
  if (roles.includes('safety-team')) {
    items.push({ href: '/gezinnen', text: 'Gezinnen in de regio' });
    items.push({ href: '/veiligheid', text: 'Zicht op veiligheid' });
    items.push({ href: '/zoeken', text: 'Gezin zoeken' });
    items.push({ href: '/ketenberichten', text: 'Berichten uit de keten' });
  }
  if (roles.includes('manager') || roles.includes('safety-team'))
    items.push({ href: '/dashboard', text: 'Wachtlijsten en cijfers' });
  if (roles.includes('manager')) items.push({ href: '/aanbieders', text: 'Aanbieders' });
  if (roles.includes('auditor')) {
    items.push({ href: '/auditor', text: 'Auditlog' });
    if (!roles.includes('safety-team')) items.push({ href: '/zoeken', text: 'Gezin zoeken' });
  }
  if (roles.includes('professional') || roles.includes('safety-team'))
    items.push({ href: '/mijn-gegevens', text: 'Mijn gegevens' });
  const current = (href: string) => location === href || location.startsWith(`${href}/`);
  return (
    <>
      <a className="skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link href="/" className="brand">
            Samenspoor <span className="brand-region">regio {region.name}</span>
          </Link>
          <nav aria-label="Hoofdmenu">
            <ul className="nav-list">
              {items.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                    {item.text}
                    {item.count !== undefined && (
                      <span className="nav-count" data-testid="work-count">
                        <span aria-hidden="true">{item.count}</span>
                        <span className="sr-only">
                          {`: ${item.count} ${item.count === 1 ? 'punt' : 'punten'}`}
                        </span>
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user">
            <span>
              <span className="user-name">{session.user.name ?? session.user.id}</span>
              <span className="user-role">
                {roles.map((role) => label(ROLE_LABELS, role)).join(', ')}
                {session.user.organisation ? ` · ${session.user.organisation}` : ''}
              </span>
            </span>
            <button type="button" className="button secondary small" onClick={signOut}>
              Uitloggen
            </button>
          </div>
        </div>
      </header>
      <main id="inhoud" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          Samenspoor · HSJ-MCP regio {region.name} ·{' '}
          {session.mode === 'dev' ? 'ontwikkelomgeving met demogegevens' : 'productie'}
        </div>
      </footer>
    </>
  );
}

/** "Gezin aanmelden", a page's action for a professional (who registers families; the safety team does not). */
export function RegisterFamilyAction() {
  const { session } = useSession();
  if (!session?.user.roles.includes('professional')) return null;
  return (
    <Link className="button" href="/gezinnen/nieuw">
      Gezin aanmelden
    </Link>
  );
}
