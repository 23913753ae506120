import { CARE_FORMS, MUNICIPALITIES, WORKSTREAMS } from './vocabulary';

/** A care form the region purchases, with its waiting-time norm (days from request to start). */
export interface CareFormConfig {
  readonly id: string;
  readonly normDays: number;
}

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
  /** When the safety overview flags a family, in days after the first signal of its case. */
  readonly safety: { readonly noCaseDirectorDays: number; readonly noPlanDays: number };
  /** A family is flagged for stacking of care at or above any of these. */
  readonly stacking: {
    readonly activeTrajectories: number;
    readonly distinctProviders: number;
    readonly networkSize: number;
  };
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
  careForms: CARE_FORMS.map((id) => ({ id, normDays: CARE_FORM_NORMS[id] ?? 42 })),
  workstreams: WORKSTREAMS,
  // The Treeknorm's four weeks for the analysis; two weeks from analysis to plan.
  stageNorms: { analysisDays: 28, planDays: 14 },
  safety: { noCaseDirectorDays: 14, noPlanDays: 42 },
  stacking: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
};

export function careFormNorm(region: RegionConfig, careForm: string): number | undefined {
  return region.careForms.find((form) => form.id === careForm)?.normDays;
}
