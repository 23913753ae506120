import { useRef, useState, type FormEvent } from 'react';

import { api, ApiError, fieldMessage, fieldName, newUuid, problemMessage } from '../api';
import { useRegion } from '../region';
import { ChoiceFieldset, ChoiceItem, type FieldProps } from './choice';
import { ColleagueField, ProviderField } from './directory-fields';
import { FocusedAlert } from './ui';
import {
  closedReason,
  defaultBody,
  fitFields,
  prefilled,
  stepFields,
  stepPath,
  type FieldDef,
  type StepDef,
  type Values,
} from '../steps';
import type { FamilySummary, StepAvailability } from '../types';

interface Outcome {
  readonly kind: 'done' | 'refused' | 'conflict' | 'invalid' | 'failed';
  readonly message: string;
}

/**
 * The form of one case step. It sends the family's version as If-Match (a 409 when someone else changed the
 * family meanwhile) and an Idempotency-Key that stays the same until the step is answered, so that a retry after
 * a lost connection takes effect once. Refusals are said in Dutch: a 422 with the rule, a 400 next to the fields.
 */
export function StepForm({
  step,
  family,
  availability,
  onDone,
  onReload,
}: {
  step: StepDef;
  family: FamilySummary;
  /** What the domain accepts the step on now: the form offers only that, and fills in what it can. */
  availability?: StepAvailability;
  /** After success, with the values the step was taken with. */
  onDone: (values: Values) => void;
  onReload: () => void;
}) {
  const region = useRegion();
  const fields = fitFields(step, stepFields(step, family, region), availability);
  const [values, setValues] = useState<Values>(() => prefilled(step, fields));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef<string>(newUuid());

  const set = (name: string, value: Values[string]) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    const missingPath = fields.filter((f) => f.inPath && !values[f.name]);
    if (missingPath.length > 0) {
      setErrors(
        Object.fromEntries(
          missingPath.map((f) => [
            f.name,
            [f.options?.length ? 'Kies er een uit de lijst.' : 'Er is nu niets om uit te kiezen.'],
          ]),
        ),
      );
      setOutcome({ kind: 'invalid', message: 'Niet alle velden zijn goed ingevuld.' });
      return;
    }
    const found = step.validate?.(values) ?? {};
    if (Object.keys(found).length > 0) {
      setErrors(Object.fromEntries(Object.entries(found).map(([name, text]) => [name, [text]])));
      setOutcome({ kind: 'invalid', message: 'Niet alle velden zijn goed ingevuld.' });
      return;
    }
    setBusy(true);
    try {
      await api(stepPath(step, family.familyId, values), {
        method: step.method ?? 'POST',
        body: step.body ? step.body(values, fields) : defaultBody(fields, values),
        ifMatch: family.version,
        idempotencyKey: idempotencyKey.current,
      });
      idempotencyKey.current = newUuid();
      setValues(prefilled(step, fields));
      setErrors({});
      setOutcome({ kind: 'done', message: step.done });
      onDone(values);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 0) {
        idempotencyKey.current = newUuid();
      }
      const status = error instanceof ApiError ? error.status : -1;
      if (status === 400 && error instanceof ApiError) {
        const byField: Record<string, string[]> = {};
        const known = new Set(fields.map((f) => f.name));
        for (const e of error.problem?.errors ?? []) {
          const name = known.has(fieldName(e.field)) ? fieldName(e.field) : '_form';
          (byField[name] ??= []).push(fieldMessage(e.message));
        }
        setErrors(byField);
      } else {
        setErrors({});
      }
      setOutcome({
        kind:
          status === 422
            ? 'refused'
            : status === 409
              ? 'conflict'
              : status === 400
                ? 'invalid'
                : 'failed',
        message:
          (error instanceof ApiError && error.problem?.rule
            ? (step.ruleMessages?.[error.problem.rule] ??
              (error.problem.rule === 'case-closed' ? closedReason(family) : undefined))
            : undefined) ?? problemMessage(error),
      });
    } finally {
      setBusy(false);
    }
  };

  const invalid = fields.filter((f) => errors[f.name]);
  return (
    <form
      className="form step-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`step-${step.key}-title`}
    >
      <h3 id={`step-${step.key}-title`}>{step.title}</h3>
      {step.intro && <p className="hint">{step.intro}</p>}
      {outcome && (
        <FocusedAlert
          news={outcome}
          className={`alert ${outcome.kind === 'done' ? 'alert-success' : outcome.kind === 'conflict' ? 'alert-warn' : 'alert-error'}`}
          role={outcome.kind === 'done' ? 'status' : 'alert'}
          data-outcome={outcome.kind}
        >
          <p>{outcome.message}</p>
          {invalid.length > 0 && (
            <ul>
              {invalid.map((f) => (
                <li key={f.name}>
                  <a href={`#${inputId(step, f)}`}>{f.label}</a>: {errors[f.name]?.join(' ')}
                </li>
              ))}
            </ul>
          )}
          {errors._form && <p>{errors._form.join(' ')}</p>}
          {outcome.kind === 'conflict' && (
            <button type="button" className="button secondary" onClick={onReload}>
              Nieuwe stand van het gezin laden
            </button>
          )}
        </FocusedAlert>
      )}
      {fields.map((field) => (
        <Field
          key={field.name}
          step={step}
          field={field}
          value={values[field.name]}
          errors={errors[field.name]}
          onChange={(value) => set(field.name, value)}
          onPick={(picked) => setValues((previous) => ({ ...previous, ...picked }))}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Bezig met vastleggen…' : (step.submit ?? `${step.title} vastleggen`)}
        </button>
      </div>
    </form>
  );
}

function inputId(step: StepDef, field: FieldDef): string {
  return `step-${step.key}-${field.name}`;
}

function Field({
  step,
  field,
  value,
  errors,
  onChange,
  onPick,
}: {
  step: StepDef;
  field: FieldDef;
  value: Values[string] | undefined;
  errors: string[] | undefined;
  onChange: (value: Values[string]) => void;
  /** Several values at once: a colleague picked from the directory. */
  onPick: (values: Values) => void;
}) {
  const id = inputId(step, field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [field.hint || field.personal ? hintId : '', errors ? errorId : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const labelText = (
    <>
      {field.label}
      {field.required && <span className="required"> (verplicht)</span>}
    </>
  );
  const hint = (field.hint || field.personal) && (
    <p className="hint" id={hintId}>
      {field.hint}
      {field.hint && field.personal ? ' ' : ''}
      {field.personal ? 'Persoonsgegevens: alleen wat nodig is.' : ''}
    </p>
  );
  const error = errors && (
    <p className="field-error" id={errorId}>
      {errors.join(' ')}
    </p>
  );
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? value : [];
  const props: FieldProps = {
    id,
    labelText,
    hint,
    error,
    value: text,
    invalid: errors !== undefined,
    describedBy,
  };

  if (field.kind === 'radio' || field.kind === 'checkboxes') {
    return (
      <ChoiceFieldset field={props}>
        {field.options?.length === 0 && <p className="hint">Er is niets om uit te kiezen.</p>}
        <div className="choices">
          {field.options?.map((option) => (
            <ChoiceItem
              key={option.value}
              name={id}
              value={option.value}
              type={field.kind === 'radio' ? 'radio' : 'checkbox'}
              checked={field.kind === 'radio' ? text === option.value : list.includes(option.value)}
              onChange={(checked) =>
                onChange(
                  field.kind === 'radio'
                    ? option.value
                    : checked
                      ? [...list, option.value]
                      : list.filter((v) => v !== option.value),
                )
              }
            >
              {option.label}
            </ChoiceItem>
          ))}
        </div>
      </ChoiceFieldset>
    );
  }
  if (field.kind === 'colleague' || field.kind === 'provider') {
    return field.kind === 'colleague' ? (
      <ColleagueField {...props} onPick={onPick} />
    ) : (
      <ProviderField {...props} onChange={onChange} />
    );
  }
  if (field.kind === 'checkbox') {
    return (
      <div className="field checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          {...common}
        />
        <label htmlFor={id}>{field.label}</label>
        {hint}
        {error}
      </div>
    );
  }
  return (
    <div className={`field${errors ? ' has-error' : ''}`}>
      <label htmlFor={id}>{labelText}</label>
      {hint}
      {error}
      {field.kind === 'select' ? (
        <select
          id={id}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          aria-required={field.required || undefined}
          {...common}
        >
          <option value="">
            {field.options?.length === 0 ? 'Niets om uit te kiezen' : 'Kies…'}
          </option>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : field.kind === 'textarea' || field.kind === 'lines' ? (
        <textarea
          id={id}
          value={text}
          rows={field.kind === 'lines' ? 3 : 4}
          onChange={(e) => onChange(e.target.value)}
          aria-required={field.required || undefined}
          {...common}
        />
      ) : (
        <input
          id={id}
          type={
            field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : 'text'
          }
          value={text}
          onChange={(e) => onChange(e.target.value)}
          aria-required={field.required || undefined}
          autoComplete="off"
          inputMode={field.inputMode}
          {...common}
        />
      )}
    </div>
  );
}
