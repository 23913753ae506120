import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';

import { ROLE_LABELS } from '@samenspoor/domain/labels-nl';

import { ApiError, problemMessage } from '../api';
import { SelectField, TextField } from '../components/fields';
import { ErrorAlert, Loading, Page } from '../components/ui';
import { CALLBACK_PATH } from '../auth-paths';
import { authConfig, finishSignIn, startSignIn, type AuthConfig, type OidcConfig } from '../oidc';
import { useSession, type Role, type Session, type User } from '../session';
import type { DevUser } from '../types';

/** A demo user to sign in as: a household member also names their family and member (development only). */
type DemoUser = User & { readonly familyId?: string; readonly memberId?: string };

async function devToken(user: DemoUser): Promise<string> {
  const response = await fetch('/api/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      sub: user.id,
      roles: user.roles,
      ...(user.name ? { name: user.name } : {}),
      ...(user.organisation ? { organisation: user.organisation } : {}),
      ...(user.familyId && user.memberId
        ? { familyId: user.familyId, memberId: user.memberId }
        : {}),
    }),
  });
  if (!response.ok) throw new ApiError(response.status, undefined);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Who the token speaks for, as the API reads it (`GET /api/me`, with the roles and organisation claims it is
 * configured for); `undefined` when the token carries none of the four roles (403): signed in, allowed nothing.
 */
async function userOf(token: string): Promise<User | undefined> {
  const response = await fetch('/api/me', {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    credentials: 'omit',
  });
  if (response.status === 403) return undefined;
  if (!response.ok) throw new ApiError(response.status, undefined);
  return (await response.json()) as User;
}

async function devUsers(): Promise<DevUser[]> {
  const response = await fetch('/api/auth/dev-users', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, undefined);
  return ((await response.json()) as { users: DevUser[] }).users;
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
      <Page title="Inloggen bij Samenspoor">
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
              Inloggen via de webapp is op deze server niet ingesteld. Neem contact op met de
              beheerder.
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
      <p>U logt in met het account van uw organisatie.</p>
      <button type="button" className="button" onClick={start} disabled={busy}>
        {busy ? 'Doorsturen…' : 'Inloggen'}
      </button>
    </>
  );
}

function DevSignIn() {
  const { signIn } = useSession();
  const [users, setUsers] = useState<DevUser[]>();
  const [error, setError] = useState<unknown>();
  const [signingIn, setSigningIn] = useState<string>();
  useEffect(() => {
    devUsers().then(setUsers, setError);
  }, []);

  const as = async (user: DemoUser) => {
    setSigningIn(user.id);
    try {
      const token = await devToken(user);
      const me = await userOf(token);
      signIn({ token, user: me ?? { id: user.id, roles: [] }, mode: 'dev' });
    } catch (failure) {
      setError(failure);
      setSigningIn(undefined);
    }
  };
  const professionals = users?.filter((u) => u.roles.includes('professional')) ?? [];
  const members = users?.filter((u) => u.roles.includes('family')) ?? [];
  const others =
    users?.filter((u) => !u.roles.includes('professional') && !u.roles.includes('family')) ?? [];
  const pick = (user: DevUser, detail: string) => (
    <li key={user.id}>
      <button
        type="button"
        className="pick"
        disabled={signingIn !== undefined}
        onClick={() => void as(user)}
      >
        <span className="pick-name">{user.name ?? user.id}</span>
        <span className="pick-detail">{detail}</span>
      </button>
    </li>
  );

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
        {!users && error === undefined && <Loading what="Demogebruikers" />}
        {users && professionals.length === 0 && (
          <p>
            Er zijn nog geen gezinnen in deze omgeving. Meld u aan als nieuwe professional
            (hieronder) en kies dan <strong>Gezin aanmelden</strong>.
          </p>
        )}
        <ul className="user-picker">
          {professionals.map((user) =>
            pick(
              user,
              `${user.organisation ?? 'onbekend'} · ${user.families ?? 0} ${user.families === 1 ? 'gezin' : 'gezinnen'}`,
            ),
          )}
        </ul>
      </section>
      <section aria-labelledby="kies-anders" className="card">
        <h2 id="kies-anders">Regionaal Veiligheidsteam, management en privacy</h2>
        <ul className="user-picker">
          {others.map((user) =>
            pick(
              user,
              `${user.roles.map((r) => ROLE_LABELS[r]).join(', ')} · ${user.organisation ?? ''}`,
            ),
          )}
        </ul>
      </section>
      {members.length > 0 && (
        <section aria-labelledby="kies-gezin" className="card">
          <h2 id="kies-gezin">Gezinslid (Mijn gezin)</h2>
          <p>
            Een ouder of jongere van het demogezin. In productie logt een gezinslid in met DigiD.
          </p>
          <ul className="user-picker">
            {members.map((user) => pick(user, user.organisation ?? 'Gezinslid'))}
          </ul>
        </section>
      )}
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
        <TextField id="other-name" label="Naam" value={name} onChange={setName} />
        <TextField
          id="other-organisation"
          label="Organisatie"
          value={organisation}
          onChange={setOrganisation}
        />
        <SelectField
          id="other-role"
          label="Rol"
          value={role}
          onChange={(value) => setRole(value as Role)}
          values={Object.entries(ROLE_LABELS).filter(([role]) => role !== 'family')}
        />
        <button type="submit" className="button" disabled={disabled}>
          Inloggen
        </button>
      </form>
    </details>
  );
}

/** A code is traded once, even when React runs the effect twice (StrictMode in development). */
let finishing: Promise<Session & { returnTo: string }> | undefined;

async function finishOidcSignIn(callback: URL): Promise<Session & { returnTo: string }> {
  const config = await authConfig();
  if (config.mode !== 'oidc' || !config.clientId) throw new Error('no OpenID Connect client');
  const signedIn = await finishSignIn({ ...config, clientId: config.clientId }, callback);
  const user = await userOf(signedIn.token);
  return {
    token: signedIn.token,
    mode: 'oidc',
    user: user ?? {
      id: signedIn.subject,
      roles: [],
      ...(signedIn.name ? { name: signedIn.name } : {}),
    },
    ...(signedIn.expiresAt === undefined ? {} : { expiresAt: signedIn.expiresAt }),
    returnTo: signedIn.returnTo,
  };
}

/** Where the OpenID provider sends the browser back: trades the code for tokens, then opens the app. */
export function SignInCallbackPage() {
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const callback = new URL(window.location.href);
    finishing ??= finishOidcSignIn(callback);
    finishing
      .then(({ returnTo, ...session }) => {
        signIn(session);
        navigate(returnTo === CALLBACK_PATH ? '/' : returnTo, { replace: true });
      })
      .catch((error: unknown) =>
        setFailure(
          error instanceof ApiError
            ? problemMessage(error)
            : 'Inloggen is niet gelukt. Probeer het opnieuw vanaf de inlogpagina.',
        ),
      );
  }, [signIn, navigate]);
  return (
    <main id="inhoud" className="container narrow">
      <Page title="Inloggen">
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
