import { useState, type FormEvent } from 'react';

import { api, problemMessage } from '../api';
import { Field, MemberSearchInput, SearchForm, SelectField } from '../components/fields';
import { Async, ErrorAlert, Page, ScrollTable, useApi } from '../components/ui';
import { formatDateTime } from '../format';
import { careFormLabel } from '../region';
import type { FamilySearchAnswer, FamilySummary, IjwUnmatched } from '../types';
import { foundMemberText } from './family-search';

/** What each iJw message is, in the words of the chain. */
const MESSAGE_LABELS: Record<string, string> = {
  JW315: 'JW315 verzoek om toewijzing',
  JW301: 'JW301 toewijzing',
  JW305: 'JW305 start zorg',
  JW307: 'JW307 stop zorg',
};

/** Why the message was kept. */
function outcomeText(outcome: string, rule: string | null): string {
  if (outcome === 'unmatched') return 'Geen gezin gevonden bij het BSN';
  if (outcome === 'unmapped') return 'Product hoort bij geen zorgvorm van de regio';
  if (rule === 'case-closed') return 'Geweigerd: het gezin is uitgestroomd';
  if (rule === 'unsupported') return 'Geweigerd: intrekking van een eerder bericht';
  return `Geweigerd (${rule ?? 'regel'})`;
}

/**
 * "Berichten uit de keten" (safety team): the iJw messages the engine kept because it found no family by the BSN,
 * could not map the product or a rule refused them. No BSN or name is shown; the team links a message to a member
 * of a family it finds by name or BSN (the search text stays in the body of a POST), and the message is applied.
 */
export function IjwUnmatchedPage() {
  const messages = useApi<IjwUnmatched>('/api/ijw/unmatched');
  const [linking, setLinking] = useState<string>();
  const [resolving, setResolving] = useState<string>();
  const [done, setDone] = useState<string>();
  /** When a form is done: it closes, says what happened, and the list is read again. */
  const finished = (close: (messageId: undefined) => void) => (text: string) => {
    close(undefined);
    setDone(text);
    messages.reload();
  };
  /** Opens a form for one message: what the last form did is no longer said. */
  const open = (form: (messageId: string) => void, messageId: string) => {
    setDone(undefined);
    form(messageId);
  };
  return (
    <Page title="Berichten uit de keten">
      <p className="lead">
        iJw-berichten (verzoek om toewijzing, toewijzing, start en stop zorg) die niet vanzelf bij
        een gezin terechtkwamen. Koppel een bericht aan een gezinslid: dan wordt het verwerkt. Een
        gezinslid met een ander BSN dan het bericht wordt geweigerd. Hoort een bericht niet bij het
        netwerk, dan legt u het met een reden opzij: de inhoud wordt dan gewist.
      </p>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <Async loaded={messages} what="Berichten">
        {(data) =>
          data.items.length === 0 ? (
            <p>Er wachten geen berichten.</p>
          ) : (
            <ScrollTable
              name="Berichten die wachten"
              columns={['Bericht', 'Ontvangen', 'Waarom', 'Gemeente', 'Aanbieder', 'Product', '']}
            >
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.messageId}>
                    <th scope="row">{MESSAGE_LABELS[m.type] ?? m.type}</th>
                    <td>{formatDateTime(m.receivedAt)}</td>
                    <td>{outcomeText(m.outcome, m.rule)}</td>
                    <td>{m.municipality}</td>
                    <td>{m.provider}</td>
                    <td>
                      {m.products
                        .map((p) => `${p.category}${p.code ? ` ${p.code}` : ''}`)
                        .join(', ') || '—'}
                    </td>
                    <td>
                      {m.outcome === 'unmatched' && (
                        <button
                          type="button"
                          className="button secondary small"
                          aria-label={`${MESSAGE_LABELS[m.type] ?? m.type} van ${formatDateTime(m.receivedAt)} koppelen`}
                          onClick={() => open(setLinking, m.messageId)}
                        >
                          Koppelen
                        </button>
                      )}{' '}
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`${MESSAGE_LABELS[m.type] ?? m.type} van ${formatDateTime(m.receivedAt)} opzijleggen`}
                        onClick={() => {
                          setLinking(undefined);
                          open(setResolving, m.messageId);
                        }}
                      >
                        Opzijleggen
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )
        }
      </Async>
      {resolving && (
        <ResolveForm
          key={resolving}
          messageId={resolving}
          resolved={finished(setResolving)}
          cancel={() => setResolving(undefined)}
        />
      )}
      {linking && <LinkForm key={linking} messageId={linking} linked={finished(setLinking)} />}
    </Page>
  );
}

/** The reasons to set a message aside, in the team's words (`IJW_RESOLUTIONS` of the API). */
const RESOLUTIONS: readonly (readonly [string, string])[] = [
  ['not-in-network', 'Het gezin hoort niet bij het netwerk'],
  ['handled-elsewhere', 'De zorg wordt buiten het netwerk geregeld'],
  ['sent-in-error', 'Het bericht is per vergissing gestuurd'],
  ['superseded', 'Een later bericht vervangt dit bericht'],
];

/** Sets a kept message aside with a reason: it is not applied and its content is erased. */
function ResolveForm({
  messageId,
  resolved,
  cancel,
}: {
  messageId: string;
  resolved: (text: string) => void;
  cancel: () => void;
}) {
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!resolution) return setProblem('Kies een reden.');
    setProblem(undefined);
    try {
      await api(`/api/ijw/unmatched/${messageId}/resolve`, {
        method: 'POST',
        body: { resolution },
      });
      resolved('Het bericht is opzijgelegd. De inhoud is gewist.');
    } catch (error) {
      setProblem(problemMessage(error));
    }
  };
  return (
    <section className="card" aria-labelledby="h-opzij">
      <h2 id="h-opzij">Bericht opzijleggen</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SelectField
          id="ijw-reden"
          label="Reden"
          value={resolution}
          onChange={setResolution}
          values={RESOLUTIONS}
          empty="Kies een reden…"
          error={problem}
        />
        <div className="page-actions">
          <button type="submit" className="button">
            Opzijleggen
          </button>
          <button type="button" className="button secondary" onClick={cancel}>
            Annuleren
          </button>
        </div>
      </form>
    </section>
  );
}

function LinkForm({ messageId, linked }: { messageId: string; linked: (text: string) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FamilySearchAnswer>();
  const [family, setFamily] = useState<FamilySummary>();
  const [memberId, setMemberId] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const search = async () => {
    setProblem(undefined);
    setFailure(undefined);
    setFamily(undefined);
    if (!q.trim()) return setProblem('Vul een naam of een BSN in.');
    try {
      setFound(
        await api<FamilySearchAnswer>('/api/families/search', {
          method: 'POST',
          body: { q: q.trim() },
        }),
      );
    } catch (error) {
      setFailure(error);
    }
  };
  const choose = async (familyId: string) => {
    setFailure(undefined);
    try {
      const summary = await api<FamilySummary>(`/api/families/${familyId}`);
      setFamily(summary);
      setMemberId(summary.members[0]?.memberId);
    } catch (error) {
      setFailure(error);
    }
  };
  const link = async (event: FormEvent) => {
    event.preventDefault();
    if (!family || !memberId) return setProblem('Kies een gezinslid.');
    setProblem(undefined);
    try {
      const answer = await api<{ outcome: string; events: { type: string }[] }>(
        `/api/ijw/unmatched/${messageId}/link`,
        { method: 'POST', body: { familyId: family.familyId, memberId } },
      );
      linked(
        answer.outcome === 'applied'
          ? 'Het bericht is gekoppeld en verwerkt.'
          : `Het bericht is gekoppeld, maar niet verwerkt (${answer.outcome}).`,
      );
    } catch (error) {
      setProblem(problemMessage(error));
    }
  };

  return (
    <section className="card" aria-labelledby="h-koppelen">
      <h2 id="h-koppelen">Bericht koppelen aan een gezinslid</h2>
      <SearchForm label="Gezin zoeken" onSearch={search}>
        <Field id="ijw-q" label="Naam of BSN van het gezinslid">
          <MemberSearchInput id="ijw-q" value={q} onChange={setQ} />
        </Field>
        <button type="submit" className="button">
          Zoeken
        </button>
      </SearchForm>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {found && found.items.length === 0 && <p role="status">Geen gezin gevonden.</p>}
      {found && found.items.length > 0 && !family && (
        <ul className="plain">
          {found.items.map((f) => (
            <li key={f.familyId}>
              <button
                type="button"
                className="button secondary small"
                onClick={() => void choose(f.familyId)}
              >
                {f.members.map(foundMemberText).join(', ')} — {f.municipality}
              </button>
            </li>
          ))}
        </ul>
      )}
      {family && (
        <form className="form" onSubmit={(e) => void link(e)} noValidate>
          <fieldset>
            <legend>Welk gezinslid?</legend>
            {family.members.map((m) => (
              <label key={m.memberId} className="choice">
                <input
                  type="radio"
                  name="ijw-member"
                  value={m.memberId}
                  checked={memberId === m.memberId}
                  onChange={() => setMemberId(m.memberId)}
                />{' '}
                {foundMemberText(m)}
              </label>
            ))}
          </fieldset>
          {family.trajectories.length > 0 && (
            <p className="hint">
              Zorg van dit gezin:{' '}
              {family.trajectories.map((t) => careFormLabel(t.careForm)).join(', ')}
            </p>
          )}
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="button">
            Koppelen en verwerken
          </button>
        </form>
      )}
      {problem && !family && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
