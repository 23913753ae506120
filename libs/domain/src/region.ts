import {
  configRecords,
  firstTwice,
  parseRegionProviders,
  type ProviderConfig,
} from './region-providers';
import { CARE_FORMS, MUNICIPALITIES, WORKSTREAMS } from './vocabulary';

/** A care form the region purchases, with its waiting-time norm (days from request to start). */
export interface CareFormConfig {
  readonly id: string;
  readonly normDays: number;
  /**
   * Care outside the family's home (uithuisplaatsing), counted in the managers' monitor's `outOfHome`; when
   * left out, whether the form is one of {@link OUT_OF_HOME_CARE_FORMS}.
   */
  readonly outOfHome?: boolean;
}

/** The default out-of-home care forms (api.md, managers' monitor); a configured care form may say otherwise. */
export const OUT_OF_HOME_CARE_FORMS: readonly string[] = [
  'secure-residential',
  'small-scale-residential',
  'mental-health-admission',
  'family-home',
  'foster-care',
];

/**
 * What a region configures: its municipalities, care forms and norms, workstreams and the thresholds of the
 * stacking and safety figures. Defaults are those of `api.md` for the Groningen region.
 */
export interface RegionConfig {
  readonly name: string;
  readonly municipalities: readonly string[];
  readonly careForms: readonly CareFormConfig[];
  readonly workstreams: readonly string[];
  /** Waiting norms of the route's stages, in days. */
  readonly stageNorms: { readonly analysisDays: number; readonly planDays: number };
  /**
   * When the safety overview flags a family, in days: after the first signal of its case (no case director, no
   * plan), after the first care started (no MDO since the plan), after the plan (no care), after a crisis signal
   * (no care) and after a level of concerns or unsafe (not reassessed).
   */
  readonly safety: {
    readonly noCaseDirectorDays: number;
    readonly noPlanDays: number;
    readonly inCareWithoutMdoDays: number;
    readonly planWithoutCareDays: number;
    readonly openCrisisDays: number;
    readonly reassessmentDays: number;
  };
  /** A family is flagged for stacking of care at or above any of these. */
  readonly stacking: {
    readonly activeTrajectories: number;
    readonly distinctProviders: number;
    readonly networkSize: number;
  };
  /** Care providers to list in the directory at start-up (registered once; managers add more). */
  readonly providers?: readonly ProviderConfig[];
  /**
   * How iJw products map to the region's care forms: an entry with a `code` maps that product, one without maps
   * every product of its category that no entry names by code.
   */
  readonly ijwProducts: readonly IjwProductMapping[];
  /** The municipalities' codes in the iJw messages (CBS gemeentecode, 4 digits) and the names they stand for. */
  readonly municipalityCodes: Readonly<Record<string, string>>;
}

/** One row of the iJw product mapping: product category (2 digits), product code (5 characters) or none. */
export interface IjwProductMapping {
  readonly category: string;
  readonly code?: string;
  readonly careForm: string;
}

/** The care form an iJw product maps to: its code's entry, else its category's, else none (`unmapped`). */
export function careFormOfIjwProduct(
  region: RegionConfig,
  product: { readonly category: string; readonly code?: string },
): string | undefined {
  const byCode =
    product.code === undefined
      ? undefined
      : region.ijwProducts.find((m) => m.category === product.category && m.code === product.code);
  return (
    byCode ??
    region.ijwProducts.find((m) => m.category === product.category && m.code === undefined)
  )?.careForm;
}

/** Norms per care form of `api.md`: crisis care 1 day, secure residential 14, … every other form 42. */
const CARE_FORM_NORMS: Readonly<Record<string, number>> = {
  'crisis-care': 1,
  'secure-residential': 14,
  'mental-health-admission': 28,
  'intensive-ambulatory-family': 28,
};

export const DEFAULT_REGION: RegionConfig = {
  name: 'Groningen',
  municipalities: MUNICIPALITIES,
  careForms: CARE_FORMS.map((id) => ({
    id,
    normDays: CARE_FORM_NORMS[id] ?? 42,
    outOfHome: OUT_OF_HOME_CARE_FORMS.includes(id),
  })),
  workstreams: WORKSTREAMS,
  // The Treeknorm's four weeks for the analysis; two weeks from analysis to plan.
  stageNorms: { analysisDays: 28, planDays: 14 },
  safety: {
    noCaseDirectorDays: 14,
    noPlanDays: 42,
    inCareWithoutMdoDays: 42,
    planWithoutCareDays: 28,
    openCrisisDays: 1,
    reassessmentDays: 42,
  },
  stacking: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
  // Product category 45: jeugdhulp ambulant (api.md, iJw messages).
  ijwProducts: [{ category: '45', careForm: 'intensive-ambulatory-family' }],
  municipalityCodes: {
    '0014': 'Groningen',
    '0037': 'Stadskanaal',
    '0047': 'Veendam',
    '0765': 'Pekela',
    '1895': 'Oldambt',
    '1950': 'Westerwolde',
    '1952': 'Midden-Groningen',
    '1966': 'Het Hogeland',
    '1969': 'Westerkwartier',
    '1979': 'Eemsdelta',
  },
};

/** The care forms of the region that are out-of-home care (api.md, managers' monitor). */
export function outOfHomeCareForms(region: RegionConfig): string[] {
  return region.careForms
    .filter((form) => form.outOfHome ?? OUT_OF_HOME_CARE_FORMS.includes(form.id))
    .map((form) => form.id);
}

export function careFormNorm(region: RegionConfig, careForm: string): number | undefined {
  return region.careForms.find((form) => form.id === careForm)?.normDays;
}

/** A region configuration file that cannot be used; the message names the field. */
export class RegionConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `region configuration ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'RegionConfigError';
  }
}

type Json = unknown;

/**
 * Reads a region configuration (parsed JSON). Every field is optional and falls back to {@link DEFAULT_REGION};
 * what is given is checked, and every problem is reported with the field's path.
 *
 * @throws RegionConfigError naming each bad field.
 */
export function parseRegionConfig(json: Json, source: string): RegionConfig {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RegionConfigError(source, ['the file must hold a JSON object']);
  }
  const input = json as Record<string, Json>;
  const known = [
    'name',
    'municipalities',
    'careForms',
    'workstreams',
    'stageNorms',
    'safety',
    'stacking',
    'providers',
    'ijwProducts',
    'municipalityCodes',
  ];
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      problems.push(`${key} is not a known field (known: ${known.join(', ')})`);
  }

  const name = input.name === undefined ? DEFAULT_REGION.name : text(input.name, 'name', problems);
  const municipalities =
    input.municipalities === undefined
      ? DEFAULT_REGION.municipalities
      : distinctTexts(input.municipalities, 'municipalities', problems);
  const workstreams =
    input.workstreams === undefined
      ? DEFAULT_REGION.workstreams
      : distinctTexts(input.workstreams, 'workstreams', problems);

  let careForms: readonly CareFormConfig[] = DEFAULT_REGION.careForms;
  if (input.careForms !== undefined) {
    if (!Array.isArray(input.careForms) || input.careForms.length === 0) {
      problems.push('careForms must be a non-empty list of { "id", "normDays" }');
    } else {
      careForms = input.careForms.map((form: Json, i) => {
        const path = `careForms[${i}]`;
        const record = (typeof form === 'object' && form !== null ? form : {}) as Record<
          string,
          Json
        >;
        if (typeof form !== 'object' || form === null)
          problems.push(`${path} must be an object { "id", "normDays", "outOfHome"? }`);
        for (const key of Object.keys(record))
          if (!['id', 'normDays', 'outOfHome'].includes(key))
            problems.push(`${path}.${key} is not a known field (known: id, normDays, outOfHome)`);
        const id = text(record.id, `${path}.id`, problems);
        if (record.outOfHome !== undefined && typeof record.outOfHome !== 'boolean')
          problems.push(`${path}.outOfHome must be true or false`);
        return {
          id,
          normDays: days(record.normDays, `${path}.normDays`, problems),
          outOfHome:
            typeof record.outOfHome === 'boolean'
              ? record.outOfHome
              : OUT_OF_HOME_CARE_FORMS.includes(id),
        };
      });
      const duplicate = firstTwice(careForms.map((form) => form.id));
      if (duplicate) problems.push(`careForms has ${duplicate} twice`);
    }
  }

  const numbers = <K extends string>(
    field: string,
    defaults: Record<K, number>,
  ): Record<K, number> => {
    const given = input[field];
    if (given === undefined) return defaults;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      problems.push(`${field} must be an object with ${Object.keys(defaults).join(', ')}`);
      return defaults;
    }
    const record = given as Record<string, Json>;
    for (const key of Object.keys(record)) {
      if (!(key in defaults)) problems.push(`${field}.${key} is not a known field`);
    }
    return Object.fromEntries(
      Object.entries<number>(defaults).map(([key, fallback]) => [
        key,
        record[key] === undefined ? fallback : days(record[key], `${field}.${key}`, problems),
      ]),
    ) as Record<K, number>;
  };

  const config: Omit<RegionConfig, 'ijwProducts' | 'municipalityCodes'> = {
    name,
    municipalities,
    careForms,
    workstreams,
    stageNorms: numbers('stageNorms', DEFAULT_REGION.stageNorms),
    safety: numbers('safety', DEFAULT_REGION.safety),
    stacking: numbers('stacking', DEFAULT_REGION.stacking),
    ...(input.providers === undefined
      ? {}
      : {
          providers: parseRegionProviders(
            input.providers,
            careForms.map((form) => form.id),
            problems,
          ),
        }),
  };
  const ijwProducts =
    input.ijwProducts === undefined
      ? DEFAULT_REGION.ijwProducts
      : parseIjwProducts(input.ijwProducts, careForms, problems);
  const municipalityCodes =
    input.municipalityCodes === undefined
      ? DEFAULT_REGION.municipalityCodes
      : parseMunicipalityCodes(input.municipalityCodes, municipalities, problems);
  if (problems.length > 0) throw new RegionConfigError(source, problems);
  return { ...config, ijwProducts, municipalityCodes };
}

function parseIjwProducts(
  value: Json,
  careForms: readonly CareFormConfig[],
  problems: string[],
): IjwProductMapping[] {
  const shape = '{ "category", "code"?, "careForm" }';
  const mappings = configRecords(value, 'ijwProducts', shape, problems, (record, path) => {
    for (const key of Object.keys(record))
      if (!['category', 'code', 'careForm'].includes(key))
        problems.push(`${path}.${key} is not a known field (known: category, code, careForm)`);
    const { category, code, careForm } = record;
    if (typeof category !== 'string' || !/^\d{2}$/.test(category))
      problems.push(`${path}.category must be a product category of 2 digits`);
    if (code !== undefined && (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)))
      problems.push(`${path}.code must be a product code of 5 digits or capitals`);
    if (typeof careForm !== 'string' || !careForms.some((form) => form.id === careForm))
      problems.push(`${path}.careForm must be a care form of the region`);
    return {
      category: String(category),
      ...(typeof code === 'string' ? { code } : {}),
      careForm: String(careForm),
    };
  });
  const twice = firstTwice(mappings.map((m) => `${m.category}/${m.code ?? ''}`));
  if (twice !== undefined) problems.push(`ijwProducts maps ${twice} twice`);
  return mappings;
}

function parseMunicipalityCodes(
  value: Json,
  municipalities: readonly string[],
  problems: string[],
): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('municipalityCodes must be an object { "<4 digits>": "<municipality>" }');
    return {};
  }
  const codes: Record<string, string> = {};
  for (const [code, name] of Object.entries(value as Record<string, Json>)) {
    if (!/^\d{4}$/.test(code))
      problems.push(`municipalityCodes.${code} must be a code of 4 digits`);
    if (typeof name !== 'string' || !municipalities.includes(name))
      problems.push(`municipalityCodes.${code} must name a municipality of the region`);
    else codes[code] = name;
  }
  return codes;
}

function text(value: Json, path: string, problems: string[]): string {
  if (typeof value === 'string' && value.trim().length > 0 && value.length <= 100) return value;
  problems.push(`${path} must be a non-empty text of at most 100 characters`);
  return '';
}

function days(value: Json, path: string, problems: string[]): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3650)
    return value;
  problems.push(`${path} must be a whole number from 0 to 3650`);
  return 0;
}

function distinctTexts(value: Json, path: string, problems: string[]): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path} must be a non-empty list of texts`);
    return [];
  }
  const texts = value.map((item: Json, i) => text(item, `${path}[${i}]`, problems));
  const duplicate = texts.find((t, i) => t !== '' && texts.indexOf(t) !== i);
  if (duplicate) problems.push(`${path} has ${duplicate} twice`);
  return texts;
}
