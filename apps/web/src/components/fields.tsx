/** The fields of forms and filters: a label with its control, the choices of a select, the search boxes. */
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';

/** A value to choose, with its text; a plain string is its own text. */
export type Choice = string | readonly [value: string, text: string];

/** The `<option>`s of a select, after an empty choice (`Kies…`, `Alle …`) when `empty` is given. */
export function Choices({ values, empty }: { values: readonly Choice[]; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((choice) => {
        const [value, text] = typeof choice === 'string' ? [choice, choice] : choice;
        return (
          <option key={value} value={value}>
            {text}
          </option>
        );
      })}
    </>
  );
}

/**
 * A labelled field around its control (`children`, whose id is `id`); with `error`, the message under it
 * (`<id>-fout`, which the control names in `aria-describedby`).
 */
export function Field({
  id,
  label,
  inline = false,
  error,
  children,
}: {
  id: string;
  label: string;
  /** Beside the other filters on one line. */
  inline?: boolean;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={inline ? 'field inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-fout`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form field's label, marked when the field is required, and its hint under it (`<id>-hint`, which the control
 * names in `aria-describedby`).
 */
export function FieldLabel({
  id,
  label,
  required = false,
  hint,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
}) {
  return (
    <>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> (verplicht)</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
}

/** A labelled select: a filter, or a choice that shows what follows. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  values,
  empty,
  inline,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  values: readonly Choice[];
  empty?: string;
  inline?: boolean;
  /** What is wrong with the choice, said under it. */
  error?: string;
}) {
  return (
    <Field id={id} label={label} inline={inline} error={error}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-fout` : undefined}
      >
        <Choices values={values} empty={empty} />
      </select>
    </Field>
  );
}

/** A labelled line of text. */
export function TextField({
  label,
  onChange,
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={input.id} label={label}>
      <input {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/**
 * A form that searches or filters (a `search` landmark named `label`): sent, it stays on the page and calls
 * `onSearch`; the page checks what is typed itself.
 */
export function SearchForm({
  label,
  onSearch,
  children,
}: {
  label: string;
  onSearch?: () => unknown;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSearch?.();
  };
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={submit} noValidate>
      {children}
    </form>
  );
}

/** A search box that hands on what is typed as it is typed; the browser offers no earlier entries. */
export function SearchInput({
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange' | 'autoComplete'> & {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input {...input} type="search" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
  );
}

/** A labelled search box. */
export function SearchField({
  label,
  ...input
}: Parameters<typeof SearchInput>[0] & { label: string }) {
  return (
    <Field id={input.id} label={label}>
      <SearchInput {...input} />
    </Field>
  );
}

/**
 * The search box for a family member's name (with a birth year) or BSN, as the API's member search takes it:
 * wide, without spelling checks, at most 200 characters.
 */
export function MemberSearchInput(input: Parameters<typeof SearchInput>[0]) {
  return <SearchInput className="wide" spellCheck={false} maxLength={200} {...input} />;
}
