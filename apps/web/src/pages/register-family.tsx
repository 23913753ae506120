import {
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type InputHTMLAttributes,
} from 'react';
import { Link, useLocation } from 'wouter';

import { label, MEMBER_ROLE_LABELS } from '@samenspoor/domain/labels-nl';

import { api, ApiError, fieldMessage, newUuid, problemMessage } from '../api';
import { Choices, FieldLabel } from '../components/fields';
import { FocusedAlert, Page } from '../components/ui';
import { useRegion } from '../region';
import { birthYearProblem, bsnProblem, normaliseBsn } from '../validation';

/** One member as typed in; `key` keeps React's rows apart when one is removed. */
interface MemberInput {
  readonly key: string;
  readonly role: string;
  readonly displayName: string;
  readonly birthYear: string;
  readonly bsn: string;
}

type MemberField = 'role' | 'displayName' | 'birthYear' | 'bsn';

/** A member's fields, in the form's order: the role a select, the others text inputs. */
const MEMBER_FIELDS: readonly {
  readonly name: MemberField;
  readonly label: string;
  readonly required?: true;
  readonly hint?: string;
  /** What the field's text input adds to those of every member field. */
  readonly input?: InputHTMLAttributes<HTMLInputElement>;
}[] = [
  { name: 'role', label: 'Rol in het gezin', required: true },
  { name: 'displayName', label: 'Naam', required: true },
  { name: 'birthYear', label: 'Geboortejaar', input: { inputMode: 'numeric' } },
  {
    name: 'bsn',
    label: 'BSN',
    hint: 'Negen cijfers; gecontroleerd met de elfproef.',
    input: { inputMode: 'numeric', spellCheck: false },
  },
];

const emptyMember = (): MemberInput => ({
  key: newUuid(),
  role: '',
  displayName: '',
  birthYear: '',
  bsn: '',
});

/** Whom to contact about a child already known in the region (the 409 of the Verwijsindex match). */
interface MatchContact {
  readonly name: string;
  readonly organisation: string;
  readonly phone?: string;
  readonly email?: string;
  readonly role: 'case-director' | 'safety-team';
}

interface Match {
  readonly rule: 'already-known' | 'possible-duplicate';
  readonly contacts: readonly MatchContact[];
}

/** The match a 409 of the registration names, if it is one. */
function matchOf(error: unknown): Match | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const problem = error.problem;
  if (problem?.rule !== 'already-known' && problem?.rule !== 'possible-duplicate') return undefined;
  const contacts = Array.isArray(problem.contacts) ? (problem.contacts as MatchContact[]) : [];
  return { rule: problem.rule, contacts };
}

/** The input a field's problems belong to: `municipality`, `member-0-bsn`. */
const memberInputId = (index: number, field: MemberField) => `member-${index}-${field}`;

/** The form field of a server-side path: `members[0].bsn` → `member-0-bsn`; `municipality` stays. */
function inputOfPath(path: string): string | undefined {
  if (path === 'municipality') return 'municipality';
  const member = /^members\[(\d+)\]\.(role|displayName|birthYear|bsn)$/.exec(path);
  if (member) return memberInputId(Number(member[1]), member[2] as MemberField);
  return undefined;
}

/** The problems found before anything is sent, by input id. */
function check(municipality: string, members: readonly MemberInput[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!municipality) problems.municipality = 'Kies de gemeente van het gezin.';
  members.forEach((member, i) => {
    const found: Record<MemberField, string | undefined> = {
      role: member.role ? undefined : 'Kies de rol in het gezin.',
      displayName: member.displayName.trim() ? undefined : 'Vul de naam in.',
      birthYear: birthYearProblem(member.birthYear),
      bsn: bsnProblem(member.bsn),
    };
    for (const [field, problem] of Object.entries(found))
      if (problem) problems[memberInputId(i, field as MemberField)] = problem;
  });
  return problems;
}

/**
 * Registers a family (gezin aanmelden): its municipality and members, each with role, name, birth year and
 * optionally the BSN, checked with the elfproef here before it is sent. The registering professional joins the
 * family's network. Nothing typed here goes into an address: the form is sent only as the body of the request,
 * and its inputs have no `name`, so that even a browser that submits the form itself sends none of them.
 */
export function RegisterFamilyPage() {
  const region = useRegion();
  const [, navigate] = useLocation();
  const [municipality, setMunicipality] = useState('');
  const [members, setMembers] = useState<MemberInput[]>(() => [emptyMember()]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newUuid());
  const summary = useRef<HTMLDivElement>(null);
  const lastName = useRef<HTMLInputElement>(null);
  const [added, setAdded] = useState(false);
  const [match, setMatch] = useState<Match>();

  const invalid = Object.keys(problems).length > 0;
  useLayoutEffect(() => {
    if (invalid || failure !== undefined) summary.current?.focus();
  }, [problems, failure, invalid]);
  useLayoutEffect(() => {
    if (added) lastName.current?.focus();
  }, [added, members.length]);

  const change = (index: number, field: MemberField, value: string) =>
    setMembers((list) => list.map((m, i) => (i === index ? { ...m, [field]: value } : m)));
  const remove = (index: number) => {
    setMembers((list) => list.filter((_, i) => i !== index));
    setProblems({});
  };

  const submit = async (event: FormEvent | undefined, confirmedNewFamily = false) => {
    event?.preventDefault();
    setFailure(undefined);
    setMatch(undefined);
    const found = check(municipality, members);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const answer = await api<{ familyId: string }>('/api/families', {
        method: 'POST',
        body: {
          municipality,
          members: members.map((m) => ({
            role: m.role,
            displayName: m.displayName.trim(),
            ...(m.birthYear.trim() ? { birthYear: Number(m.birthYear.trim()) } : {}),
            ...(normaliseBsn(m.bsn) ? { bsn: normaliseBsn(m.bsn) } : {}),
          })),
          ...(confirmedNewFamily ? { confirmedNewFamily: true } : {}),
        },
        idempotencyKey: idempotencyKey.current,
      });
      navigate(`/gezinnen/${answer.familyId}`, {
        state: { notice: 'Het gezin is aangemeld. U zit in het netwerk van het gezin.' },
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 0) idempotencyKey.current = newUuid();
      const found = matchOf(error);
      if (found) {
        setMatch(found);
      } else if (error instanceof ApiError && error.status === 400) {
        const byInput: Record<string, string> = {};
        for (const e of error.problem?.errors ?? []) {
          const input = inputOfPath(e.field);
          if (input) byInput[input] = fieldMessage(e.message);
        }
        if (Object.keys(byInput).length > 0) setProblems(byInput);
        else setFailure(error);
      } else {
        setFailure(error);
      }
      setBusy(false);
    }
  };

  const problemOf = (id: string) => problems[id];
  const describedBy = (id: string, hint?: boolean) =>
    [hint ? `${id}-hint` : '', problems[id] ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const errorText = (id: string) =>
    problems[id] && (
      <p className="field-error" id={`${id}-error`}>
        {problems[id]}
      </p>
    );
  const inputLabel = (id: string) => {
    if (id === 'municipality') return 'Gemeente';
    const [, index, field] = /^member-(\d+)-(\w+)$/.exec(id) ?? [];
    const name = MEMBER_FIELDS.find((f) => f.name === field)?.label ?? field;
    return `${name} van gezinslid ${Number(index) + 1}`;
  };

  return (
    <Page title="Gezin aanmelden">
      <p className="lead">
        Een gezin komt in Samenspoor als het de HSJ-MCP-route ingaat. U komt zelf in het netwerk van
        het gezin; daarna legt u het signaal en de volgende stappen vast.
      </p>
      {match && (
        <MatchNotice match={match} busy={busy} onConfirm={() => void submit(undefined, true)} />
      )}
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
        {(invalid || failure !== undefined) && (
          <div ref={summary} tabIndex={-1} className="alert alert-error" role="alert">
            {invalid ? (
              <>
                <p>Niet alle velden zijn goed ingevuld. Er is nog niets vastgelegd.</p>
                <ul>
                  {Object.entries(problems).map(([id, text]) => (
                    <li key={id}>
                      <a href={`#${id}`}>{inputLabel(id)}</a>: {text}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{problemMessage(failure)}</p>
            )}
          </div>
        )}
        <div className="field">
          <FieldLabel id="municipality" label="Gemeente" required />
          {errorText('municipality')}
          <select
            id="municipality"
            value={municipality}
            onChange={(e) => setMunicipality(e.target.value)}
            aria-required="true"
            aria-invalid={problemOf('municipality') ? true : undefined}
            aria-describedby={describedBy('municipality')}
          >
            <Choices values={region.municipalities} empty="Kies…" />
          </select>
        </div>

        <h2>Gezinsleden</h2>
        <p className="hint">
          Persoonsgegevens: alleen wat nodig is. Namen en BSN worden versleuteld bewaard en op
          verzoek van het gezin vernietigd. Vul het BSN alleen in als de wet het verwerken toestaat;
          het wordt nooit getoond.
        </p>
        {members.map((member, i) => (
          <fieldset className="field member" key={member.key}>
            <legend>Gezinslid {i + 1}</legend>
            <div className="member-fields">
              {MEMBER_FIELDS.map((field) => {
                const id = memberInputId(i, field.name);
                const control = {
                  id,
                  value: member[field.name],
                  onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
                    change(i, field.name, e.target.value),
                  'aria-required': field.required,
                  'aria-invalid': problemOf(id) ? true : undefined,
                  'aria-describedby': describedBy(id, field.hint !== undefined),
                };
                return (
                  <div className="field" key={field.name}>
                    <FieldLabel
                      id={id}
                      label={field.label}
                      required={field.required}
                      hint={field.hint}
                    />
                    {errorText(id)}
                    {field.name === 'role' ? (
                      <select {...control}>
                        <Choices
                          values={Object.keys(MEMBER_ROLE_LABELS).map(
                            (role) => [role, label(MEMBER_ROLE_LABELS, role)] as const,
                          )}
                          empty="Kies…"
                        />
                      </select>
                    ) : (
                      <input
                        {...control}
                        {...field.input}
                        ref={
                          field.name === 'displayName' && i === members.length - 1
                            ? lastName
                            : undefined
                        }
                        type="text"
                        autoComplete="off"
                      />
                    )}
                  </div>
                );
              })}
            </div>
            {members.length > 1 && (
              <button
                type="button"
                className="button secondary small remove-member"
                onClick={() => remove(i)}
                aria-label={`Gezinslid ${i + 1} verwijderen`}
              >
                Verwijderen
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMembers((list) => [...list, emptyMember()]);
              setAdded(true);
            }}
          >
            Nog een gezinslid toevoegen
          </button>
        </p>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Bezig met aanmelden…' : 'Gezin aanmelden'}
          </button>{' '}
          <Link href="/gezinnen">Annuleren</Link>
        </div>
      </form>
    </Page>
  );
}

const CONTACT_ROLE_LABELS: Record<MatchContact['role'], string> = {
  'case-director': 'casusregisseur',
  'safety-team': 'Regionaal Veiligheidsteam',
};

/**
 * The Verwijsindex match: the child is known in the region already (its BSN), or a family with a member of the
 * same name and birth year lives in the same municipality. Nothing is registered; it names whom to contact,
 * never the family. A possible duplicate can still be registered as another family, after a deliberate choice.
 */
function MatchNotice({
  match,
  busy,
  onConfirm,
}: {
  match: Match;
  busy: boolean;
  onConfirm: () => void;
}) {
  const known = match.rule === 'already-known';
  return (
    <FocusedAlert
      news={match}
      className="alert alert-warn match"
      role="alert"
      aria-labelledby="h-match"
    >
      <h2 id="h-match">
        {known ? 'Dit kind is al bekend in de regio' : 'Mogelijk is dit gezin al aangemeld'}
      </h2>
      <p>
        {known
          ? 'Het BSN van een van de gezinsleden hoort bij een gezin dat al in Samenspoor staat. Er is niets aangemeld. Neem contact op met:'
          : 'In deze gemeente staat al een gezin met een gezinslid met dezelfde naam en hetzelfde geboortejaar. Er is niets aangemeld. Overleg eerst met:'}
      </p>
      {match.contacts.length > 0 ? (
        <ul className="contacts">
          {match.contacts.map((contact, i) => (
            <li key={`${contact.name}-${i}`}>
              <strong>{contact.name}</strong> ({CONTACT_ROLE_LABELS[contact.role] ?? contact.role},{' '}
              {contact.organisation})
              {contact.phone && (
                <>
                  {' · '}
                  <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
                </>
              )}
              {contact.email && (
                <>
                  {' · '}
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>het Regionaal Veiligheidsteam.</p>
      )}
      <p>
        {known
          ? 'Zij horen ook van uw aanmelding, zoals in de Verwijsindex. Sluit via hen aan bij het netwerk van het gezin.'
          : 'Zij horen ook van uw aanmelding, zoals in de Verwijsindex.'}
      </p>
      {!known && (
        <>
          <p>Weet u zeker dat het om een ander gezin gaat? Dan kunt u het toch aanmelden.</p>
          <button type="button" className="button secondary" onClick={onConfirm} disabled={busy}>
            {busy ? 'Bezig met aanmelden…' : 'Het is een ander gezin: toch aanmelden'}
          </button>
        </>
      )}
    </FocusedAlert>
  );
}
