import { ROLE_LABELS } from '@samenspoor/domain/labels-nl';

import { Page } from '../components/ui';
import { useSession, useSignOut } from '../session';

/**
 * Signed in, but the token carries none of Samenspoor's roles (the API answers 403 to everything): say so, and
 * what to do about it, instead of showing pages that would all fail.
 */
export function NoRolePage() {
  const { session } = useSession();
  const signOut = useSignOut();
  const who = session?.user.name ?? session?.user.id ?? '';
  return (
    <main id="inhoud" className="container narrow">
      <Page title="Geen toegang tot Samenspoor">
        <div className="alert alert-warn" role="status">
          <p>
            U bent ingelogd{who ? ` als ${who}` : ''}, maar uw account heeft geen rol in Samenspoor.
            Daarom kunt u hier niets inzien of vastleggen.
          </p>
        </div>
        <p>Samenspoor kent deze rollen:</p>
        <ul>
          {Object.values(ROLE_LABELS).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
        <p>
          Vraag de beheerder van de accounts van uw organisatie om u de rol te geven die bij uw werk
          hoort. Log daarna uit en opnieuw in.
        </p>
        <button type="button" className="button" onClick={signOut}>
          Uitloggen
        </button>
      </Page>
    </main>
  );
}
