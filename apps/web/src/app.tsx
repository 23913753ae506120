import { lazy, Suspense, type ComponentType } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';

import { CALLBACK_PATH } from './auth-paths';
import { Layout } from './components/layout';
import { Loading, Page } from './components/ui';
import { NoRolePage } from './pages/no-role';
import { RegionProvider } from './region';
import { mainRole, SessionProvider, useSession, type PersonRole, type Role } from './session';

// Each page is its own chunk: the dashboard alone loads Chart.js, the sign-in page alone the OpenID client.
/** The component `name` of a page's module, loaded when it is first shown. */
const page = <Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) =>
  lazy(() => load().then((m) => ({ default: m[name] as PageOf<Module[Name]> })));
type PageOf<Export> = Export extends ComponentType<infer Props> ? ComponentType<Props> : never;

const DashboardPage = page(() => import('./pages/dashboard'), 'DashboardPage');
const FamilyListPage = page(() => import('./pages/family-list'), 'FamilyListPage');
const FamilyPage = page(() => import('./pages/family'), 'FamilyPage');
const RegisterFamilyPage = page(() => import('./pages/register-family'), 'RegisterFamilyPage');
const SafetyOverviewPage = page(() => import('./pages/safety-overview'), 'SafetyOverviewPage');
const AuditLogPage = page(() => import('./pages/audit'), 'AuditLogPage');
const FamilyAccessPage = page(() => import('./pages/audit'), 'FamilyAccessPage');
const FamilySearchPage = page(() => import('./pages/family-search'), 'FamilySearchPage');
const MyEntryPage = page(() => import('./pages/my-entry'), 'MyEntryPage');
const MyWorkPage = page(() => import('./pages/my-work'), 'MyWorkPage');
const MyFamilyApp = page(() => import('./pages/my-family'), 'MyFamilyApp');
const ProvidersPage = page(() => import('./pages/providers'), 'ProvidersPage');
const SignInPage = page(() => import('./pages/sign-in'), 'SignInPage');
const SignInCallbackPage = page(() => import('./pages/sign-in'), 'SignInCallbackPage');
const IjwUnmatchedPage = page(() => import('./pages/ijw-unmatched'), 'IjwUnmatchedPage');
const TimelinePage = page(() => import('./pages/timeline'), 'TimelinePage');

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

/** The first page of each role. */
const HOME: Record<PersonRole, string> = {
  professional: '/werk',
  'safety-team': '/gezinnen',
  manager: '/dashboard',
  auditor: '/auditor',
  family: '/mijn-gezin',
};

function Routes() {
  const { session } = useSession();
  const [location] = useLocation();
  if (location === CALLBACK_PATH || !session) {
    return (
      <Suspense fallback={<Loading what="Inloggen" />}>
        {location === CALLBACK_PATH ? <SignInCallbackPage /> : <SignInPage returnTo={location} />}
      </Suspense>
    );
  }
  const roles = session.user.roles;
  // The integration client's role has no pages: it delivers iJw messages only.
  if (!roles.some((role) => role !== 'integration')) return <NoRolePage />;
  const may = (...allowed: Role[]) => allowed.some((role) => roles.includes(role));
  // A household member gets the family's own view, apart from every professional page.
  if (mainRole(session.user) === 'family') {
    return (
      <Suspense fallback={<Loading what="Mijn gezin" />}>
        {location.startsWith('/mijn-gezin') ? (
          <MyFamilyApp />
        ) : (
          <Redirect to="/mijn-gezin" replace />
        )}
      </Suspense>
    );
  }
  return (
    <RegionProvider>
      <Layout>
        <Suspense fallback={<Loading what="Pagina" />}>
          <Switch>
            <Route path="/">
              <Redirect to={HOME[mainRole(session.user)]} replace />
            </Route>
            <Route path="/aanmelden">
              <Redirect to="/" replace />
            </Route>
            {may('professional', 'safety-team') && <Route path="/werk" component={MyWorkPage} />}
            {may('professional', 'safety-team') && (
              <Route path="/gezinnen" component={FamilyListPage} />
            )}
            {may('professional') && <Route path="/gezinnen/nieuw" component={RegisterFamilyPage} />}
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
            {may('safety-team') && <Route path="/ketenberichten" component={IjwUnmatchedPage} />}
            {may('safety-team', 'auditor') && <Route path="/zoeken" component={FamilySearchPage} />}
            {may('professional', 'safety-team') && (
              <Route path="/mijn-gegevens" component={MyEntryPage} />
            )}
            {may('manager') && <Route path="/aanbieders" component={ProvidersPage} />}
            {may('manager', 'safety-team') && <Route path="/dashboard" component={DashboardPage} />}
            {may('auditor') && <Route path="/auditor" component={AuditLogPage} />}
            {may('auditor') && (
              <Route path="/auditor/gezinnen/:familyId">
                {(params) => <FamilyAccessPage familyId={params.familyId} />}
              </Route>
            )}
            <Route>
              <Page title="Pagina niet gevonden">
                <p>
                  Deze pagina bestaat niet, of is niet voor uw rol.{' '}
                  <Link href="/">Naar de startpagina</Link>
                </p>
              </Page>
            </Route>
          </Switch>
        </Suspense>
      </Layout>
    </RegionProvider>
  );
}
