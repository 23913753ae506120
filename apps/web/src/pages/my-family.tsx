import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';

import { api, ApiError } from '../api';
import { Async, ErrorAlert, Page, useApi, type Loaded } from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { useSession, useSignOut } from '../session';
import type { MyAccessLog, MyFamily, MyTimeline } from '../types';

/**
 * The family's own view ("Mijn gezin"): for a household member on a phone first. Plain Dutch at level B1, one
 * thing per page, large touch targets; no professional page is reachable from here (the API refuses them too).
 */
export function MyFamilyApp() {
  const { session } = useSession();
  const signOut = useSignOut();
  const [location] = useLocation();
  if (!session) return null;
  const items = [
    { href: '/mijn-gezin', text: 'Overzicht' },
    { href: '/mijn-gezin/plan', text: 'Plan' },
    { href: '/mijn-gezin/tijdlijn', text: 'Wat er gebeurde' },
    { href: '/mijn-gezin/wie-keek', text: 'Wie keek mee' },
    { href: '/mijn-gezin/mening', text: 'Mijn mening' },
  ];
  return (
    <div className="family-app">
      <a className="skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="family-header">
        <div className="family-bar">
          <span className="family-brand">Mijn gezin</span>
          <button type="button" className="button secondary family-signout" onClick={signOut}>
            Afmelden
          </button>
        </div>
        <nav aria-label="Menu" className="family-nav">
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={location === item.href ? 'page' : undefined}>
                  {item.text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="inhoud" className="family-main" tabIndex={-1}>
        <Switch>
          <Route path="/mijn-gezin" component={OverviewPage} />
          <Route path="/mijn-gezin/plan" component={PlanPage} />
          <Route path="/mijn-gezin/tijdlijn" component={TimelinePage} />
          <Route path="/mijn-gezin/wie-keek" component={AccessLogPage} />
          <Route path="/mijn-gezin/mening" component={ViewPage} />
          <Route>
            <Redirect to="/mijn-gezin" replace />
          </Route>
        </Switch>
      </main>
      <footer className="family-footer">
        <p>
          Vragen? Bel of mail uw regievoerder. Samenspoor bewaart uw gegevens volgens de Jeugdwet.
        </p>
      </footer>
    </div>
  );
}

/** Why a member sees nothing: under 12, no member, or an erased record — said plainly. */
function NotForYou({ error, retry }: { error: unknown; retry: () => void }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return (
      <div className="alert alert-info" role="status">
        <p>
          {error.status === 404
            ? 'Er is geen dossier van uw gezin (meer) in Samenspoor.'
            : 'U kunt hier nog niet kijken. Kinderen jonger dan 12 jaar hebben geen eigen account.'}
        </p>
      </div>
    );
  return <ErrorAlert error={error} retry={retry} />;
}

function useMyFamily() {
  return useApi<MyFamily>('/api/my-family');
}

/** A page of "Mijn gezin": its title, an optional explanation, and what was loaded (or why nothing can be). */
function MemberPage<T>({
  title,
  loaded,
  intro,
  children,
}: {
  title: string;
  loaded: Loaded<T>;
  intro?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <Page title={title}>
      {intro}
      {loaded.error !== undefined ? (
        <NotForYou error={loaded.error} retry={loaded.reload} />
      ) : (
        <Async loaded={loaded} what={title}>
          {children}
        </Async>
      )}
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `kop-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="family-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const CARE_STATUS: Readonly<Record<string, string>> = {
  requested: 'aangevraagd, u wacht op de start',
  started: 'loopt',
  ended: 'gestopt',
  withdrawn: 'ingetrokken',
};

const GOAL_STATUS: Readonly<Record<string, string>> = {
  achieved: 'gehaald',
  'partly-achieved': 'deels gehaald',
  'not-achieved': 'niet gehaald',
  ongoing: 'we zijn ermee bezig',
};

function OverviewPage() {
  const loaded = useMyFamily();
  return (
    <MemberPage title="Mijn gezin" loaded={loaded}>
      {(family) => (
        <>
          <p className="family-lead">
            Hallo {family.me.displayName ?? ''}. Hier ziet u wat er met de hulp voor uw gezin
            gebeurt.
          </p>
          <Section title="Uw regievoerder">
            {family.caseDirector ? (
              <>
                <p className="family-big">{family.caseDirector.name ?? 'Naam nog niet bekend'}</p>
                <p>{family.caseDirector.organisation}</p>
                <p>De regievoerder is de vaste persoon die de hulp voor uw gezin regelt.</p>
                <div className="family-actions">
                  {family.caseDirector.phone && (
                    <a className="button" href={`tel:${family.caseDirector.phone}`}>
                      Bel {family.caseDirector.phone}
                    </a>
                  )}
                  {family.caseDirector.email && (
                    <a className="button secondary" href={`mailto:${family.caseDirector.email}`}>
                      Mail {family.caseDirector.email}
                    </a>
                  )}
                </div>
              </>
            ) : (
              <p>Er is nog geen regievoerder. Die komt zo snel mogelijk.</p>
            )}
          </Section>
          <Section title="Volgende overleg">
            <p>
              {family.nextMdoDueBy
                ? `Het volgende overleg met alle hulpverleners samen (MDO) is uiterlijk ${formatDate(family.nextMdoDueBy)}.`
                : 'Er is nog geen overleg met alle hulpverleners samen (MDO) gepland.'}
            </p>
          </Section>
          <Section title="Hulp">
            {family.trajectories.length === 0 ? (
              <p>Er is (nog) geen hulp die u hier kunt zien.</p>
            ) : (
              <ul className="family-list">
                {family.trajectories.map((t, i) => (
                  <li key={i}>
                    <strong>{t.careFormText}</strong>
                    <br />
                    bij {t.provider}: {CARE_STATUS[t.status] ?? t.status}
                    {t.startedAt ? ` (sinds ${formatDate(t.startedAt)})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Wie helpen er mee">
            <ul className="family-list">
              {family.network.map((n, i) => (
                <li key={i}>
                  <strong>{n.name ?? 'Een hulpverlener'}</strong>
                  <br />
                  {n.organisation}
                  {n.discipline ? ` · ${n.discipline}` : ''}
                </li>
              ))}
            </ul>
          </Section>
          <SharedWithMe family={family} />
          {family.sharing.decidesOwnData && <Sharing family={family} onDone={loaded.reload} />}
          <div className="family-actions">
            <Link className="button" href="/mijn-gezin/plan">
              Bekijk het plan
            </Link>
          </div>
        </>
      )}
    </MemberPage>
  );
}

/**
 * A member's own step (`POST /api/my-family/…`): busy while it is sent, the error when it failed; `then` runs
 * after it was recorded. A repeat of the same press is one step (a new Idempotency-Key per press).
 */
function useMemberStep() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const send = async (path: string, body: object, then: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await api(path, { method: 'POST', body, idempotencyKey: crypto.randomUUID() });
      then();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, send };
}

/** The name of a member of the household, as the family knows it. */
function memberName(family: MyFamily, memberId: string): string {
  return family.members.find((m) => m.memberId === memberId)?.displayName ?? 'Een gezinslid';
}

/**
 * A member who decides about their own data (16 or older, or an adult) chooses per member of the household who may
 * see their care, views and measures: one switch each, off unless they turn it on.
 */
function Sharing({ family, onDone }: { family: MyFamily; onDone: () => void }) {
  const { busy, error, send } = useMemberStep();
  const others = family.members.filter((m) => m.memberId !== family.me.memberId);
  const toggle = (withMemberId: string, shared: boolean) =>
    send('/api/my-family/sharing', { withMemberId, shared }, onDone);
  return (
    <Section title="Wie mag meekijken?">
      <p>
        U beslist zelf over uw gegevens: uw hulp, uw mening en maatregelen van de rechter. Andere
        gezinsleden zien die niet. Wilt u dat iemand uit uw gezin wel meekijkt? Zet die persoon hier
        aan. U kunt het altijd weer uitzetten.
      </p>
      <ul className="family-switches">
        {others.map((other) => {
          const on = family.sharing.sharesWith.includes(other.memberId);
          return (
            <li key={other.memberId}>
              <button
                type="button"
                role="switch"
                aria-checked={on}
                className="family-switch"
                disabled={busy}
                onClick={() => void toggle(other.memberId, !on)}
              >
                <span>{other.displayName ?? 'Een gezinslid'} mag meekijken</span>
                <span className="family-switch-state" aria-hidden="true">
                  {on ? 'Aan' : 'Uit'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {error !== undefined && <ErrorAlert error={error} />}
    </Section>
  );
}

/** Views in a member's own words, newest last; with `nameOf`, whose each one is. */
function ViewList({
  views,
  nameOf,
}: {
  views: readonly { at: string; text: string | null; memberId?: string }[];
  nameOf?: (memberId: string) => string;
}) {
  if (views.length === 0) return null;
  return (
    <ul className="family-list">
      {views.map((view, i) => (
        <li key={i}>
          {nameOf && view.memberId !== undefined && <strong>{nameOf(view.memberId)} </strong>}
          <span className="family-when">{formatDate(view.at)}</span>
          <br />
          {view.text ?? ''}
        </li>
      ))}
    </ul>
  );
}

/** What other members chose to share with this member: who, and their views in their own words. */
function SharedWithMe({ family }: { family: MyFamily }) {
  if (family.sharing.sharedWithMe.length === 0) return null;
  return (
    <Section title="Wat gezinsleden met u delen">
      <p>
        {family.sharing.sharedWithMe.map((id) => memberName(family, id)).join(', ')} laat u
        meekijken. De hulp staat hierboven bij Hulp.
        {family.viewsSharedWithMe.length > 0 ? ' Wat zij zelf vinden, staat hieronder.' : ''}
      </p>
      <ViewList views={family.viewsSharedWithMe} nameOf={(id) => memberName(family, id)} />
    </Section>
  );
}

function PlanPage() {
  const loaded = useMyFamily();
  return (
    <MemberPage title="Het plan voor uw gezin" loaded={loaded}>
      {(family) =>
        family.plan ? (
          <>
            <div className="family-card family-explain">
              <p>
                Dit plan is gemaakt na de <strong>verklarende analyse</strong>. Dat betekent:
                hulpverleners hebben samen met u uitgezocht wat er aan de hand is, en waarom. Pas
                daarna is het plan gemaakt. Eén gezin, één plan.
              </p>
            </div>
            <Section title="Doelen">
              <ol className="family-list">
                {family.plan.goals.map((goal) => (
                  <li key={goal.goalId}>
                    <strong>{goal.description ?? 'Doel'}</strong>
                    <br />
                    Hoe staat het ervoor?{' '}
                    {goal.status ? GOAL_STATUS[goal.status] : 'nog niet besproken'}
                  </li>
                ))}
              </ol>
              <p>
                Versie {family.plan.version}, gemaakt op {formatDate(family.plan.adoptedAt)}.
                {family.plan.evaluateBy
                  ? ` We bespreken het plan weer vóór ${formatDate(family.plan.evaluateBy)}.`
                  : ''}
              </p>
            </Section>
            <Agreement family={family} onDone={loaded.reload} />
            <div className="family-actions no-print">
              <button type="button" className="button secondary" onClick={() => window.print()}>
                Plan afdrukken
              </button>
            </div>
          </>
        ) : (
          <p>Er is nog geen plan. Eerst zoeken de hulpverleners samen met u uit wat er nodig is.</p>
        )
      }
    </MemberPage>
  );
}

function Agreement({ family, onDone }: { family: MyFamily; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const step = useMemberStep();
  const { busy, error } = step;
  const mine = family.plan?.myAgreement;
  const send = (agreed: boolean) =>
    step.send(
      '/api/my-family/plan/agreement',
      { agreed, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      () => {
        setComment('');
        onDone();
      },
    );
  return (
    <Section title="Bent u het eens met het plan?">
      {mine && mine.planVersion === family.plan?.version ? (
        <p className="family-done" role="status" data-outcome="done">
          {mine.agreed
            ? `U bent akkoord gegaan met dit plan (${formatDateTime(mine.at)}).`
            : `U heeft laten weten dat u het niet eens bent met dit plan (${formatDateTime(mine.at)}).`}
        </p>
      ) : (
        <p>Laat weten of u het eens bent met dit plan. Uw regievoerder ziet uw antwoord.</p>
      )}
      <div className="no-print">
        <label htmlFor="opmerking">Wilt u iets zeggen over het plan? (mag leeg blijven)</label>
        <textarea
          id="opmerking"
          value={comment}
          maxLength={4000}
          rows={3}
          onChange={(event) => setComment(event.target.value)}
        />
        {error !== undefined && <ErrorAlert error={error} />}
        <div className="family-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void send(true)}>
            Ik ga akkoord
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void send(false)}
          >
            Ik ben het er niet mee eens
          </button>
        </div>
      </div>
    </Section>
  );
}

function TimelinePage() {
  const loaded = useApi<MyTimeline>('/api/my-family/timeline');
  return (
    <MemberPage title="Wat er gebeurde" loaded={loaded}>
      {(timeline) => (
        <ol className="family-timeline">
          {[...timeline.entries].reverse().map((entry, i) => (
            <li key={i} className="family-card">
              <p className="family-when">{formatDate(entry.occurredAt)}</p>
              <p>{entry.summary}</p>
              <p className="family-who">
                {[entry.by.name, entry.by.organisation].filter(Boolean).join(', ') || entry.by.role}
              </p>
            </li>
          ))}
        </ol>
      )}
    </MemberPage>
  );
}

const ACCESS_KIND: Readonly<Record<string, string>> = {
  opened: 'Dossier geopend',
  listed: 'In een lijst',
  changed: 'Iets genoteerd',
};

function AccessLogPage() {
  const loaded = useApi<MyAccessLog>('/api/my-family/access-log');
  const intro = (
    <div className="family-card family-explain">
      <p>
        Hier ziet u wie het dossier van uw gezin heeft bekeken. Dat is uw recht. Staat er{' '}
        <strong>In een lijst</strong>? Dan stond uw gezin alleen in een lijst of overzicht van een
        hulpverlener. Het dossier is dan niet geopend.
      </p>
    </div>
  );
  return (
    <MemberPage title="Wie keek mee" loaded={loaded} intro={intro}>
      {(log) =>
        log.items.length === 0 ? (
          <p>Nog niemand heeft het dossier bekeken.</p>
        ) : (
          <ul className="family-timeline">
            {log.items.map((item) => (
              <li key={item.seq} className={`family-card access-${item.kind}`}>
                <p className="family-when">
                  {formatDateTime(item.at)} ·{' '}
                  <span className="family-kind">{ACCESS_KIND[item.kind]}</span>
                </p>
                <p>
                  <strong>{item.name ?? 'Een medewerker'}</strong>
                  {item.organisation ? ` (${item.organisation}, ${item.role})` : ` (${item.role})`}
                </p>
                <p>{item.action}</p>
              </li>
            ))}
          </ul>
        )
      }
    </MemberPage>
  );
}

const TOPICS: readonly [string, string][] = [
  ['safety', 'Veiligheid thuis'],
  ['plan', 'Het plan'],
  ['care', 'De hulp'],
  ['other', 'Iets anders'],
];

function ViewPage() {
  const loaded = useMyFamily();
  const [topic, setTopic] = useState('plan');
  const [text, setText] = useState('');
  const [feelsSafe, setFeelsSafe] = useState('');
  const { busy, error, setError, send } = useMemberStep();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(new ApiError(400, { detail: 'Schrijf eerst wat u vindt.' }));
    await send(
      '/api/my-family/voices',
      { topic, text: text.trim(), ...(feelsSafe ? { feelsSafe: Number(feelsSafe) } : {}) },
      () => {
        setText('');
        setFeelsSafe('');
        setDone(true);
        loaded.reload();
      },
    );
  };
  return (
    <Page title="Mijn mening">
      <p className="family-lead">
        Wat vindt u zelf? Schrijf het hier op. Uw regievoerder en de hulpverleners lezen het. Andere
        gezinsleden zien het niet
        {loaded.data?.sharing.decidesOwnData ? ', behalve wie u laat meekijken.' : '.'}
      </p>
      <form className="family-card" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>Waar gaat het over?</legend>
          {TOPICS.map(([value, words]) => (
            <label key={value} className="family-choice">
              <input
                type="radio"
                name="onderwerp"
                value={value}
                checked={topic === value}
                onChange={() => setTopic(value)}
              />{' '}
              {words}
            </label>
          ))}
        </fieldset>
        <label htmlFor="mening">Wat wilt u zeggen?</label>
        <textarea
          id="mening"
          value={text}
          rows={5}
          maxLength={4000}
          onChange={(event) => {
            setText(event.target.value);
            setDone(false);
          }}
        />
        <label htmlFor="veilig">
          Hoe veilig voelt u zich thuis? (1 = helemaal niet, 10 = heel veilig)
        </label>
        <select
          id="veilig"
          value={feelsSafe}
          onChange={(event) => setFeelsSafe(event.target.value)}
        >
          <option value="">Zeg ik liever niet</option>
          {Array.from({ length: 10 }, (_, i) => String(i + 1)).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {error !== undefined && <ErrorAlert error={error} />}
        {done && (
          <p className="family-done" role="status" data-outcome="done">
            Dank u. Uw mening is genoteerd.
          </p>
        )}
        <div className="family-actions">
          <button type="submit" className="button" disabled={busy}>
            Mening versturen
          </button>
        </div>
      </form>
      <Async loaded={loaded} what="Uw eerdere meningen">
        {(family) =>
          family.myViews.length > 0 ? (
            <Section title="Wat u eerder zei">
              <ViewList views={family.myViews} />
            </Section>
          ) : null
        }
      </Async>
    </Page>
  );
}
