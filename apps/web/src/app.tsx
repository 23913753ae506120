import { Link, Redirect, Route, Switch, useLocation } from 'wouter';

import { Layout } from './components/layout';
import { Page } from './components/ui';
import { CALLBACK_PATH } from './oidc';
import { DashboardPage } from './pages/dashboard';
import { FamilyListPage } from './pages/family-list';
import { FamilyPage } from './pages/family';
import { SafetyOverviewPage } from './pages/safety-overview';
import { SignInCallbackPage, SignInPage } from './pages/sign-in';
import { TimelinePage } from './pages/timeline';
import { RegionProvider } from './region';
import { mainRole, SessionProvider, useSession, type Role } from './session';

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

/** The first page of each role. */
const HOME: Record<Role, string> = {
  professional: '/gezinnen',
  'safety-team': '/gezinnen',
  manager: '/dashboard',
  auditor: '/auditor',
};

function Routes() {
  const { session } = useSession();
  const [location] = useLocation();
  if (location === CALLBACK_PATH) return <SignInCallbackPage />;
  if (!session) return <SignInPage returnTo={location} />;
  const roles = session.user.roles;
  const may = (...allowed: Role[]) => allowed.some((role) => roles.includes(role));
  return (
    <RegionProvider>
      <Layout>
        <Switch>
          <Route path="/">
            <Redirect to={HOME[mainRole(session.user)]} replace />
          </Route>
          <Route path="/aanmelden">
            <Redirect to="/" replace />
          </Route>
          {may('professional', 'safety-team') && (
            <Route path="/gezinnen" component={FamilyListPage} />
          )}
          {may('professional', 'safety-team') && (
            <Route path="/gezinnen/:familyId">
              {(params) => <FamilyPage familyId={params.familyId} />}
            </Route>
          )}
          {may('professional', 'safety-team') && (
            <Route path="/gezinnen/:familyId/tijdlijn">
              {(params) => <TimelinePage familyId={params.familyId} />}
            </Route>
          )}
          {may('safety-team') && <Route path="/veiligheid" component={SafetyOverviewPage} />}
          {may('manager', 'safety-team') && <Route path="/dashboard" component={DashboardPage} />}
          <Route path="/auditor">
            <Page title="Auditor">
              <p>
                Voor auditors en privacyfunctionarissen heeft de webapp nog geen schermen. Het
                toegangslog en verzoeken tot vernietiging lopen voorlopig via de API (
                <a href="/docs">API-documentatie</a>).
              </p>
            </Page>
          </Route>
          <Route>
            <Page title="Pagina niet gevonden">
              <p>
                Deze pagina bestaat niet, of is niet voor uw rol.{' '}
                <Link href="/">Naar de startpagina</Link>
              </p>
            </Page>
          </Route>
        </Switch>
      </Layout>
    </RegionProvider>
  );
}
