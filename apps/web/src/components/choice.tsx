import type { ReactNode } from 'react';

/** The ids, texts and state a step form gives each of its fields. */
export interface FieldProps {
  readonly id: string;
  readonly labelText: ReactNode;
  readonly hint: ReactNode;
  readonly error: ReactNode;
  readonly value: string;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
}

/**
 * A field of choices: a fieldset with the field's legend, hint and error, focusable by its id (the error summary
 * links to it); the options (and anything else, such as a search box) come in as children.
 */
export function ChoiceFieldset({
  field,
  children,
}: {
  field: Omit<FieldProps, 'value'>;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={`field choice${field.invalid ? ' has-error' : ''}`}
      aria-describedby={field.describedBy}
      id={field.id}
      tabIndex={-1}
    >
      <legend>{field.labelText}</legend>
      {field.hint}
      {field.error}
      {children}
    </fieldset>
  );
}

/** One option of a choice field: a radio button or check box named after the field, with its label. */
export function ChoiceItem({
  name,
  value,
  type = 'radio',
  checked,
  onChange,
  children,
}: {
  /** The field's id: the option's id is `<name>-<value>`. */
  name: string;
  value: string;
  type?: 'radio' | 'checkbox';
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  const optionId = `${name}-${value}`;
  return (
    <div className="choice-item">
      <input
        id={optionId}
        type={type}
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={optionId}>{children}</label>
    </div>
  );
}
