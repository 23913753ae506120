import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';

import { ApiError, problemMessage } from '../api';
import { ErrorAlert, Loading, Page } from '../components/ui';
import { ROLE_LABELS } from '../labels';
import { finishSignIn, startSignIn, type AuthConfig, type OidcConfig } from '../oidc';
import { useSession, type Role, type User } from '../session';
import type { FamilyPage } from '../types';

/** `GET /api/auth/config`; a server without that route (404) only knows development tokens. */
async function authConfig(): Promise<AuthConfig> {
  const response = await fetch('/api/auth/config', { headers: { accept: 'application/json' } });
  if (response.status === 404) return { mode: 'dev' };
  if (!response.ok) throw new ApiError(response.status, undefined);
  return (await response.json()) as AuthConfig;
}

async function devToken(user: User): Promise<string> {
  const response = await fetch('/api/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      sub: user.id,
      roles: user.roles,
      ...(user.name ? { name: user.name } : {}),
      ...(user.organisation ? { organisation: user.organisation } : {}),
    }),
  });
  if (!response.ok) throw new ApiError(response.status, undefined);
  return ((await response.json()) as { token: string }).token;
}

/** A professional of the demo region, found in the networks of its families. */
interface DemoProfessional {
  readonly id: string;
  readonly organisation: string;
  readonly discipline: string | null;
  readonly families: number;
}

const DEMO_NAMES = [
  'Anna de Vries',
  'Sjoerd Bos',
  'Marieke Smit',
  'Jeroen Visser',
  'Fenna Dijkstra',
];

const FIXED_USERS: readonly User[] = [
  {
    id: 'rvt-carla-mulder',
    name: 'Carla Mulder',
    roles: ['safety-team'],
    organisation: 'Regionaal Veiligheidsteam Groningen',
  },
  {
    id: 'mgr-fleur-bakker',
    name: 'Fleur Bakker',
    roles: ['manager'],
    organisation: 'Gemeente Groningen',
  },
];

/**
 * The professionals with the most families in their networks, so that "Mijn gezinnen" shows families. Read
 * through the public API with a development token of the safety team, who may see the whole region: the
 * seeded professionals are ids the demo generator made up, so there is no other list of them.
 */
async function demoProfessionals(): Promise<DemoProfessional[]> {
  const token = await devToken({
    id: 'dev-demo-directory',
    name: 'Aanmeldscherm ontwikkelomgeving',
    roles: ['safety-team'],
    organisation: 'Samenspoor ontwikkelomgeving',
  });
  const response = await fetch('/api/families?limit=500', {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (!response.ok) throw new ApiError(response.status, undefined);
  const page = (await response.json()) as FamilyPage;
  const byId = new Map<string, DemoProfessional>();
  for (const family of page.items) {
    if (family.status === 'outflowed') continue;
    for (const member of family.network) {
      const known = byId.get(member.professionalId);
      byId.set(member.professionalId, {
        id: member.professionalId,
        organisation: member.organisation ?? 'onbekend',
        discipline: member.discipline,
        families: (known?.families ?? 0) + 1,
      });
    }
  }
  // The busiest professional of each organisation first, so the picker shows several organisations.
  const seen = new Set<string>();
  return [...byId.values()]
    .sort((a, b) => b.families - a.families || a.id.localeCompare(b.id))
    .filter((p) => !seen.has(p.organisation) && seen.add(p.organisation))
    .slice(0, DEMO_NAMES.length);
}

export function SignInPage({ returnTo }: { returnTo: string }) {
  const { endedBecause } = useSession();
  const [config, setConfig] = useState<AuthConfig>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    authConfig().then(setConfig, setError);
  }, []);
  return (
    <main id="inhoud" className="container narrow">
      <Page title="Aanmelden bij Samenspoor">
        <p className="lead">
          Samenspoor volgt de gezinnen van het HSJ-MCP-netwerk: van signaal en verklarende analyse
          tot plan, zorg, uitstroom en nazorg.
        </p>
        {endedBecause && (
          <div className="alert alert-info" role="status">
            {endedBecause}
          </div>
        )}
        {error !== undefined ? (
          <ErrorAlert error={error} retry={() => window.location.reload()} />
        ) : !config ? (
          <Loading what="Aanmeldgegevens" />
        ) : config.mode === 'oidc' ? (
          config.clientId ? (
            <OidcSignIn config={{ ...config, clientId: config.clientId }} returnTo={returnTo} />
          ) : (
            <div className="alert alert-error" role="alert">
              Aanmelden via de webapp is op deze server niet ingesteld (er is geen client-id). Neem
              contact op met de beheerder.
            </div>
          )
        ) : (
          <DevSignIn />
        )}
      </Page>
    </main>
  );
}

function OidcSignIn({ config, returnTo }: { config: OidcConfig; returnTo: string }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const start = () => {
    setBusy(true);
    startSignIn(config, returnTo).catch(() => {
      setBusy(false);
      setFailed(true);
    });
  };
  return (
    <>
      {failed && (
        <div className="alert alert-error" role="alert">
          De aanmeldserver is niet bereikbaar. Probeer het later opnieuw.
        </div>
      )}
      <button type="button" className="button" onClick={start} disabled={busy}>
        {busy ? 'Doorsturen…' : 'Aanmelden met uw organisatieaccount'}
      </button>
    </>
  );
}

function DevSignIn() {
  const { signIn } = useSession();
  const [professionals, setProfessionals] = useState<DemoProfessional[]>();
  const [error, setError] = useState<unknown>();
  const [signingIn, setSigningIn] = useState<string>();
  useEffect(() => {
    demoProfessionals().then(setProfessionals, setError);
  }, []);

  const as = async (user: User) => {
    setSigningIn(user.id);
    try {
      signIn({ token: await devToken(user), user, mode: 'dev' });
    } catch (failure) {
      setError(failure);
      setSigningIn(undefined);
    }
  };
  const professionalUsers: User[] = (professionals ?? []).map((p, i) => ({
    id: p.id,
    name: DEMO_NAMES[i] ?? `Professional ${i + 1}`,
    roles: ['professional'],
    organisation: p.organisation,
  }));

  return (
    <>
      <div className="alert alert-info">
        <p>
          <strong>Ontwikkelomgeving.</strong> Kies een demogebruiker. In productie meldt u zich aan
          met het account van uw organisatie.
        </p>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
      <section aria-labelledby="kies-professional" className="card">
        <h2 id="kies-professional">Professional in het netwerk van gezinnen</h2>
        {!professionals && error === undefined && <Loading what="Demogebruikers" />}
        {professionals?.length === 0 && (
          <p>
            Er zijn nog geen gezinnen in deze omgeving. Meld u aan als nieuwe professional
            (hieronder) en meld een gezin aan via de API.
          </p>
        )}
        <ul className="user-picker">
          {professionalUsers.map((user, i) => {
            const p = professionals?.[i];
            return (
              <li key={user.id}>
                <button
                  type="button"
                  className="pick"
                  disabled={signingIn !== undefined}
                  onClick={() => void as(user)}
                >
                  <span className="pick-name">{user.name}</span>
                  <span className="pick-detail">
                    {p?.discipline ? `${p.discipline}, ` : ''}
                    {user.organisation} · {p?.families} {p?.families === 1 ? 'gezin' : 'gezinnen'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="kies-anders" className="card">
        <h2 id="kies-anders">Regionaal Veiligheidsteam en management</h2>
        <ul className="user-picker">
          {FIXED_USERS.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="pick"
                disabled={signingIn !== undefined}
                onClick={() => void as(user)}
              >
                <span className="pick-name">{user.name}</span>
                <span className="pick-detail">
                  {user.roles.map((r) => ROLE_LABELS[r]).join(', ')} · {user.organisation}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <OtherUser onSignIn={(user) => void as(user)} disabled={signingIn !== undefined} />
    </>
  );
}

function OtherUser({ onSignIn, disabled }: { onSignIn: (user: User) => void; disabled: boolean }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState<Role>('professional');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!id.trim()) return setMissing(true);
    onSignIn({
      id: id.trim(),
      roles: [role],
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
    });
  };
  return (
    <details className="card">
      <summary>Andere demogebruiker</summary>
      <form onSubmit={submit} noValidate className="form">
        <div className="field">
          <label htmlFor="other-id">Gebruikers-id (geen naam)</label>
          <input
            id="other-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-required="true"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'other-id-error' : undefined}
          />
          {missing && (
            <p className="field-error" id="other-id-error">
              Vul een gebruikers-id in.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="other-name">Naam</label>
          <input id="other-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="other-organisation">Organisatie</label>
          <input
            id="other-organisation"
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="other-role">Rol</label>
          <select id="other-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={disabled}>
          Aanmelden
        </button>
      </form>
    </details>
  );
}

/** A code is traded once, even when React runs the effect twice (StrictMode in development). */
let finishing: ReturnType<typeof finishSignIn> | undefined;

/** Where the OpenID provider sends the browser back: trades the code for tokens, then opens the app. */
export function SignInCallbackPage() {
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const callback = new URL(window.location.href);
    authConfig()
      .then(async (config) => {
        if (config.mode !== 'oidc' || !config.clientId) throw new Error('no OpenID Connect client');
        finishing ??= finishSignIn({ ...config, clientId: config.clientId }, callback);
        const { session, returnTo } = await finishing;
        signIn(session);
        navigate(returnTo === '/aanmelden/terug' ? '/' : returnTo, { replace: true });
      })
      .catch((error: unknown) =>
        setFailure(
          error instanceof ApiError
            ? problemMessage(error)
            : 'Aanmelden is niet gelukt. Probeer het opnieuw vanaf de aanmeldpagina.',
        ),
      );
  }, [signIn, navigate]);
  return (
    <main id="inhoud" className="container narrow">
      <Page title="Aanmelden">
        {failure ? (
          <div className="alert alert-error" role="alert">
            <p>{failure}</p>
            <a href="/">Naar de aanmeldpagina</a>
          </div>
        ) : (
          <Loading what="Aanmelding" />
        )}
      </Page>
    </main>
  );
}
