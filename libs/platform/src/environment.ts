import { Transform } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';

/** Reads a whole number from an environment variable's text; anything else is left for the validator to refuse. */
export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

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
