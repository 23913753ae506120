import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, Min, validateSync } from 'class-validator';

/** Reads a whole number from an environment variable's text; anything else is left for the validator to refuse. */
export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** An empty variable counts as unset. */
export const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A setting that may be left out: unset or empty, it keeps its default and is not validated. */
export function OptionalSetting(): PropertyDecorator {
  return combined([Transform(emptyToUndefined), IsOptional()]);
}

/** A setting that must be a URL with one of these protocols (a host without a top-level domain will do). */
export function UrlSetting(protocols: readonly string[], message: string): PropertyDecorator {
  return IsUrl(
    { protocols: [...protocols], require_tld: false, require_protocol: true },
    { message },
  );
}

/**
 * A setting that must be a whole number from `min` (up to `max`, when given), read from its text: any other
 * value is refused with `message`, which names the variable and its range.
 */
export function WholeNumber(message: string, min: number, max?: number): PropertyDecorator {
  const decorators = [
    Transform(toInt),
    IsInt({ message }),
    Min(min, { message }),
    ...(max === undefined ? [] : [Max(max, { message })]),
  ];
  return combined(decorators);
}

function combined(decorators: readonly PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/**
 * What is wrong with validated settings, a message a setting (the first broken constraint of each), each followed
 * by what `shown` tells of the setting's value (nothing by default: a value may be a secret).
 */
export function settingProblems(
  settings: object,
  shown: (variable: string) => string = () => '',
): string[] {
  return validateSync(settings, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${message}${shown(error.property)}`),
  );
}
