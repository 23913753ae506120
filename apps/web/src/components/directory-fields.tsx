import { useEffect, useState } from 'react';

import { api } from '../api';
import { ChoiceFieldset, ChoiceItem, type FieldProps } from './choice';
import { SearchInput } from './fields';
import { useApi } from './ui';
import type { DirectoryProfessional, DirectoryProviders } from '../types';
import type { Values } from '../steps';

/** "Anna de Vries · jeugd- en gezinswerker, WIJ Groningen". */
export function colleagueText(p: DirectoryProfessional): string {
  return `${p.name} · ${[p.discipline, p.organisation].filter(Boolean).join(', ')}`;
}

/**
 * Professionals in the directory whose name matches `q` (at least 2 letters), asked for 200 ms after the last
 * keystroke; an earlier question still under way is abandoned. `undefined` while nothing is asked, `[]` when the
 * directory found no one or could not be asked.
 */
export function useDirectorySearch(q: string): readonly DirectoryProfessional[] | undefined {
  const [found, setFound] = useState<readonly DirectoryProfessional[]>();
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound(undefined);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: DirectoryProfessional[] }>(
        `/api/directory/professionals?limit=10&q=${encodeURIComponent(q.trim())}`,
        { signal: abort.signal },
      ).then(
        (answer) => setFound(answer.items),
        () => setFound([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q]);
  return found;
}

/**
 * A colleague found in the directory by name: type part of a name, pick one of the matches. Picking fills the
 * step's `professionalId`, and its organisation and discipline from the directory entry (still editable).
 */
export function ColleagueField({
  onPick,
  ...field
}: FieldProps & { onPick: (values: Values) => void }) {
  const { id } = field;
  const [q, setQ] = useState('');
  const found = useDirectorySearch(q);
  return (
    <ChoiceFieldset field={field}>
      <label htmlFor={`${id}-q`}>Zoek op naam</label>
      <SearchInput id={`${id}-q`} value={q} onChange={setQ} />
      <div aria-live="polite">
        {found?.length === 0 && <p className="hint">Niemand gevonden met die naam.</p>}
      </div>
      {found && found.length > 0 && (
        <div className="choices colleagues">
          {found.map((p) => (
            <ChoiceItem
              key={p.professionalId}
              name={id}
              value={p.professionalId}
              checked={field.value === p.professionalId}
              onChange={() =>
                onPick({
                  professionalId: p.professionalId,
                  organisation: p.organisation,
                  discipline: p.discipline ?? '',
                })
              }
            >
              {colleagueText(p)}
            </ChoiceItem>
          ))}
        </div>
      )}
    </ChoiceFieldset>
  );
}

/** A provider chosen from the directory (only registered providers are offered). */
export function ProviderField({
  onChange,
  ...field
}: FieldProps & { onChange: (value: string) => void }) {
  const { id, invalid, describedBy } = field;
  const providers = useApi<DirectoryProviders>('/api/directory/providers?limit=100');
  const items = providers.data?.items ?? [];
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{field.labelText}</label>
      {field.hint}
      {field.error}
      <select
        id={id}
        value={field.value}
        onChange={(e) => onChange(e.target.value)}
        aria-required
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      >
        <option value="">
          {providers.data === undefined
            ? 'Aanbieders laden…'
            : items.length === 0
              ? 'Nog geen aanbieders in de lijst'
              : 'Kies…'}
        </option>
        {items.map((p) => (
          <option key={p.providerId} value={p.providerId}>
            {p.name} (AGB {p.agbCode})
          </option>
        ))}
      </select>
    </div>
  );
}
