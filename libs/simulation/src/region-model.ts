import { DEFAULT_REGION, type RegionConfig } from '@samenspoor/domain';

import {
  AUDITORS,
  CARE_FORM_PROFILES,
  CASELOAD,
  DEFAULT_MUNICIPALITY_WEIGHT,
  DEFAULT_WORKSTREAM_WEIGHT,
  generalPractice,
  localTeam,
  MUNICIPALITY_WEIGHTS,
  SAFETY_TEAM,
  unknownCareFormProfile,
  WORKSTREAM_WEIGHTS,
  type CareFormProfile,
  type OrganisationProfile,
  type ProfessionalKind,
  type Weighted,
} from './catalogue';
import { MINUTE, HOUR, DAY, YEAR } from './durations';
import { hash32, Prng, seedWords } from './prng';
import type { SimulatedActor, SimulationOptions } from './simulation.types';

/** Independent PRNG streams per purpose, so that adding a draw to one never shifts another. */
const STREAM = {
  family: 0x46414d49,
  professional: 0x50524f46,
  safetyTeam: 0x53414654,
  auditor: 0x41554449,
} as const;

/** A professional of the region: the same id always has the same organisation and discipline. */
export interface Professional {
  readonly id: string;
  readonly organisation: string;
  readonly discipline: string;
  readonly kind: ProfessionalKind;
  /** The organisation's key. */
  readonly key: string;
  readonly actor: SimulatedActor;
}

export interface CareFormModel {
  readonly id: string;
  readonly normDays: number;
  readonly profile: CareFormProfile;
}

/**
 * What every family of one simulation shares: the clock, the region's municipalities, care forms and
 * workstreams with their weights, and the pools of professionals, safety-team members and auditors.
 * Professionals are not stored: the `index`-th professional of an organisation is derived from the seed, so
 * that the pools cost no memory however many families are simulated.
 */
export class RegionModel {
  /** `metadata.now` of every command. */
  readonly now: string;
  /** The metadata of every command, shared. */
  readonly metadata: { readonly now: string };
  readonly endMs: number;
  readonly startMs: number;
  readonly spanMs: number;
  readonly families: number;
  readonly municipalities: Weighted<string>;
  readonly careForms: readonly CareFormModel[];
  readonly workstreams: Weighted<string>;
  private readonly seed: readonly [number, number];
  private readonly careFormsById: ReadonlyMap<string, CareFormModel>;
  private readonly localTeams = new Map<string, OrganisationProfile>();
  private readonly generalPractices = new Map<string, OrganisationProfile>();
  private readonly safetyTeam: readonly SimulatedActor[];
  private readonly auditors: readonly SimulatedActor[];
  private readonly dates = new Map<number, string>();

  constructor(options: SimulationOptions) {
    const { families, end } = options;
    const years = options.years ?? 2;
    const region: RegionConfig = options.region ?? DEFAULT_REGION;
    if (!Number.isSafeInteger(families) || families < 0) {
      throw new RangeError(`families must be a whole number ≥ 0, not ${families}`);
    }
    if (!Number.isFinite(years) || years <= 0) {
      throw new RangeError(`years must be a positive number, not ${years}`);
    }
    const endMs = Date.parse(end);
    if (Number.isNaN(endMs)) throw new RangeError(`end must be an ISO-8601 moment, not ${end}`);
    if (region.municipalities.length === 0) {
      throw new RangeError('the region has no municipalities');
    }
    if (region.careForms.length === 0) throw new RangeError('the region has no care forms');
    if (region.workstreams.length === 0) throw new RangeError('the region has no workstreams');

    this.seed = seedWords(options.seed);
    this.now = end;
    this.metadata = Object.freeze({ now: end });
    this.endMs = endMs;
    this.spanMs = years * YEAR;
    this.startMs = endMs - this.spanMs;
    this.families = families;

    this.municipalities = region.municipalities.map(
      (m) => [m, MUNICIPALITY_WEIGHTS[m] ?? DEFAULT_MUNICIPALITY_WEIGHT] as const,
    );
    const total = this.municipalities.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [municipality, weight] of this.municipalities) {
      this.localTeams.set(municipality, localTeam(municipality, weight / total));
      this.generalPractices.set(municipality, generalPractice(municipality, weight / total));
    }
    this.careForms = region.careForms.map(({ id, normDays }) => ({
      id,
      normDays,
      profile: CARE_FORM_PROFILES[id] ?? unknownCareFormProfile(normDays),
    }));
    this.careFormsById = new Map(this.careForms.map((form) => [form.id, form]));
    this.workstreams = region.workstreams.map(
      (w) => [w, WORKSTREAM_WEIGHTS[w] ?? DEFAULT_WORKSTREAM_WEIGHT] as const,
    );
    this.safetyTeam = Array.from({ length: SAFETY_TEAM.size }, (_, i) => ({
      id: this.stream(STREAM.safetyTeam, 0, i).uuid(),
      role: 'safety-team' as const,
      organisation: SAFETY_TEAM.organisation,
    }));
    this.auditors = Array.from({ length: AUDITORS.size }, (_, i) => ({
      id: this.stream(STREAM.auditor, 0, i).uuid(),
      role: 'auditor' as const,
      organisation: AUDITORS.organisation,
    }));
  }

  /** The PRNG of the `index`-th family: each family is independent of the others. */
  familyPrng(index: number): Prng {
    return this.stream(STREAM.family, index, 0);
  }

  /**
   * When the `index`-th family registers: the window is cut into equal slots, one family to a slot, so that
   * families arrive evenly over the history and in the order they are generated.
   */
  registrationTime(index: number, prng: Prng): number {
    return this.startMs + (this.spanMs * (index + prng.next())) / Math.max(1, this.families);
  }

  careForm(id: string): CareFormModel | undefined {
    return this.careFormsById.get(id);
  }

  localTeam(municipality: string): OrganisationProfile {
    return this.localTeams.get(municipality) ?? localTeam(municipality, 0.1);
  }

  generalPractice(municipality: string): OrganisationProfile {
    return this.generalPractices.get(municipality) ?? generalPractice(municipality, 0.1);
  }

  /**
   * A professional of the organisation. Its pool grows with the number of families, so that a professional
   * is involved with about {@link CASELOAD} families over the history whatever the size of the simulation.
   */
  professional(organisation: OrganisationProfile, prng: Prng): Professional {
    const pool = Math.max(2, Math.ceil((this.families * organisation.involvement) / CASELOAD));
    const own = this.stream(STREAM.professional, hash32(organisation.key), prng.int(0, pool - 1));
    const id = own.uuid();
    return {
      id,
      organisation: organisation.name,
      discipline: own.pick(organisation.disciplines),
      kind: organisation.kind,
      key: organisation.key,
      actor: { id, role: 'professional', organisation: organisation.name },
    };
  }

  safetyTeamMember(prng: Prng): SimulatedActor {
    return prng.pick(this.safetyTeam);
  }

  auditor(prng: Prng): SimulatedActor {
    return prng.pick(this.auditors);
  }

  /**
   * The moment as ISO-8601 (as `Date.prototype.toISOString`), the date part cached per day: the simulation
   * writes millions of times within a few hundred days.
   */
  iso(ms: number): string {
    const day = Math.floor(ms / DAY);
    let date = this.dates.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 11);
      this.dates.set(day, date);
    }
    const time = ms - day * DAY;
    const hours = Math.floor(time / HOUR);
    const minutes = Math.floor((time % HOUR) / MINUTE);
    const seconds = Math.floor((time % MINUTE) / 1000);
    const millis = Math.floor(time % 1000);
    return `${date}${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${String(millis).padStart(3, '0')}Z`;
  }

  private stream(purpose: number, a: number, b: number): Prng {
    return new Prng(this.seed[0], this.seed[1] ^ purpose, a, b);
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function pad(value: number): string {
  return TWO_DIGITS[value] ?? String(value).padStart(2, '0');
}
