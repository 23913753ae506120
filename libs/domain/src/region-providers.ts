/** A care provider (zorgaanbieder) the region lists in its directory, with its AGB code (8 digits). */
export interface ProviderConfig {
  readonly providerId: string;
  readonly agbCode: string;
  readonly name: string;
  readonly careForms: readonly string[];
}

const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const AGB_CODE = /^[0-9]{8}$/;

/**
 * Reads a list of records of a region configuration, `field`: each item (an empty record when it is none) by
 * `read`, with its path for the problems; a value that is no list is the problem "must be a list of `shape`".
 */
export function configRecords<T>(
  value: unknown,
  field: string,
  shape: string,
  problems: string[],
  read: (record: Readonly<Record<string, unknown>>, path: string) => T,
): T[] {
  if (!Array.isArray(value)) {
    problems.push(`${field} must be a list of ${shape}`);
    return [];
  }
  return value.map((item: unknown, i) =>
    read(
      (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>,
      `${field}[${i}]`,
    ),
  );
}

/** The first of `values` that stands in them twice. */
export function firstTwice<T>(values: readonly T[]): T | undefined {
  return values.find((v, i) => values.indexOf(v) !== i);
}

/**
 * Reads the `providers` of a region configuration: `[{ "providerId", "agbCode", "name", "careForms"? }]`, each
 * id and AGB code once, each care form one of the region's. Problems are added to `problems`, by path.
 */
export function parseRegionProviders(
  value: unknown,
  careForms: readonly string[],
  problems: string[],
): ProviderConfig[] {
  const shape = '{ "providerId", "agbCode", "name", "careForms" }';
  const providers = configRecords(value, 'providers', shape, problems, (record, path) => {
    const { providerId, agbCode, name } = record;
    if (typeof providerId !== 'string' || !PROVIDER_ID.test(providerId))
      problems.push(`${path}.providerId must be lower-case letters, digits and -`);
    if (typeof agbCode !== 'string' || !AGB_CODE.test(agbCode))
      problems.push(`${path}.agbCode must be a text of 8 digits`);
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200)
      problems.push(`${path}.name must be a non-empty text of at most 200 characters`);
    const forms = record.careForms ?? [];
    if (!Array.isArray(forms) || forms.some((form) => !careForms.includes(form as string)))
      problems.push(`${path}.careForms must list care forms of the region`);
    return {
      providerId: String(providerId),
      agbCode: String(agbCode),
      name: String(name),
      careForms: Array.isArray(forms) ? forms.map(String) : [],
    };
  });
  for (const key of ['providerId', 'agbCode'] as const) {
    const twice = firstTwice(providers.map((p) => p[key]));
    if (twice !== undefined) problems.push(`providers has the ${key} ${twice} twice`);
  }
  return providers;
}
