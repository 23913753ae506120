import { useState, type FormEvent } from 'react';

import { ApiError, fieldMessage, fieldName, problemMessage } from '../api';
import { FieldLabel } from './fields';

/** One text input of a {@link SimpleForm}; `name` is the API's field, so that a 400 lands next to it. */
export interface SimpleField {
  readonly name: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly type?: 'text' | 'email' | 'tel';
  readonly inputMode?: 'numeric';
  readonly autoComplete?: string;
}

/**
 * A form of a few text fields that sends them to the API: the outcome said in Dutch, each 400 error next to its
 * field and in a list of links at the top, as the step forms do.
 */
export function SimpleForm({
  id,
  fields,
  initial,
  submit,
  send,
  done,
  className = 'form card',
}: {
  id: string;
  /** The form's classes: a card of its own by default, plain inside a card. */
  className?: string;
  fields: readonly SimpleField[];
  initial: Readonly<Record<string, string>>;
  submit: string;
  /** Sends the filled-in fields (empty ones left out); the answer's message on success. */
  send: (values: Record<string, string>) => Promise<string | void>;
  done: string;
}) {
  const [values, setValues] = useState<Record<string, string>>({ ...initial });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    try {
      const filled = Object.fromEntries(
        Object.entries(values)
          .map(([k, v]) => [k, v.trim()] as const)
          .filter(([, v]) => v !== ''),
      );
      const message = await send(filled);
      setErrors({});
      setOutcome({ ok: true, message: message ?? done });
    } catch (error) {
      const byField: Record<string, string[]> = {};
      if (error instanceof ApiError)
        for (const e of error.problem?.errors ?? [])
          (byField[fieldName(e.field)] ??= []).push(fieldMessage(e.message));
      setErrors(byField);
      setOutcome({ ok: false, message: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const invalid = fields.filter((f) => errors[f.name]);
  return (
    <form className={className} onSubmit={(e) => void onSubmit(e)} noValidate>
      {outcome && (
        <div
          className={`alert ${outcome.ok ? 'alert-success' : 'alert-error'}`}
          role={outcome.ok ? 'status' : 'alert'}
          data-outcome={outcome.ok ? 'done' : 'failed'}
        >
          <p>{outcome.message}</p>
          {invalid.length > 0 && (
            <ul>
              {invalid.map((f) => (
                <li key={f.name}>
                  <a href={`#${id}-${f.name}`}>{f.label}</a>: {errors[f.name]?.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const error = errors[field.name];
        const describedBy =
          [field.hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : '']
            .filter(Boolean)
            .join(' ') || undefined;
        return (
          <div className={`field${error ? ' has-error' : ''}`} key={field.name}>
            <FieldLabel
              id={inputId}
              label={field.label}
              required={field.required}
              hint={field.hint}
            />
            {error && (
              <p className="field-error" id={`${inputId}-error`}>
                {error.join(' ')}
              </p>
            )}
            <input
              id={inputId}
              type={field.type ?? 'text'}
              value={values[field.name] ?? ''}
              inputMode={field.inputMode}
              autoComplete={field.autoComplete ?? 'off'}
              aria-required={field.required || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
            />
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Bezig met opslaan…' : submit}
        </button>
      </div>
    </form>
  );
}
