import {
  ADVICE_LABELS,
  CONCERN_LABELS,
  DESTINATION_LABELS,
  END_REASON_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  GOAL_STATUS_LABELS,
  MEMBER_ROLE_LABELS,
  PROTECTION_MEASURE_KIND_LABELS,
  SAFE_AT_HOME_KIND_LABELS,
  SAFETY_LEVEL_LABELS,
  SAFETY_PHASE_LABELS,
  SOURCE_LABELS,
  URGENCY_LABELS,
  VOICE_TOPIC_LABELS,
  RULE_MESSAGES,
  WORKSTREAM_LABELS,
  label,
} from '@samenspoor/domain/labels-nl';

import { days, formatDate, localToIso } from './format';
import { memberText, professionalText } from './family-text';
import { careFormLabel } from './region';
import type { Role } from './session';
import type { FamilySummary, Region, StepAvailability, Trajectory } from './types';
import { birthYearProblem, bsnProblem, normaliseBsn } from './validation';

export type FieldValue = string | string[] | boolean;
export type Values = Record<string, FieldValue>;

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** One input of a step's form; `name` is the API's field, so that a 400 lands next to its input. */
export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly kind:
    | 'text'
    | 'textarea'
    | 'lines'
    | 'select'
    | 'radio'
    | 'checkboxes'
    | 'checkbox'
    | 'date'
    | 'datetime'
    /** A colleague found in the directory by name (fills `organisation` and `discipline` too). */
    | 'colleague'
    /** A provider from the directory. */
    | 'provider';
  readonly options?: readonly Option[];
  readonly required?: boolean;
  readonly hint?: string;
  /** A value that goes into the address (which analysis, which trajectory), not into the body. */
  readonly inPath?: boolean;
  /** Personal data: shown with a reminder that it is erased on request. */
  readonly personal?: boolean;
  /** `numeric`: a number keyboard on tablets (a year, a BSN), still a text field. */
  readonly inputMode?: 'numeric';
  /** Sent as a number (a year, a count of months), not as the text chosen or typed. */
  readonly number?: boolean;
}

/** A case step the UI offers: its form and the command route it calls. */
export interface StepDef {
  readonly key: string;
  readonly title: string;
  /** The domain's command the step sends: its availability (`GET /api/families/{id}/steps`) is by this name. */
  readonly command: string;
  /** The field that names what the step acts on: only the domain's `choices` are offered in it. */
  readonly choiceField?: string;
  /** The first of the domain's choices is the likely one (the next follow-up due): it is chosen already. */
  readonly preselectFirst?: boolean;
  /** Why the step is not available, by the rule that refuses it, when the rule's general text would mislead. */
  readonly unavailable?: Readonly<Record<string, string>>;
  /** The submit button; by default "<title> vastleggen". */
  readonly submit?: string;
  readonly intro?: string;
  readonly roles: readonly Role[];
  readonly method?: 'POST' | 'PUT' | 'DELETE';
  /** The step's own fields; every step also asks when it happened (`stepFields`). */
  readonly fields: (family: FamilySummary, region: Region) => FieldDef[];
  /** The command route below the family (`/signals`), or made from the values when an id goes into it. */
  readonly path: string | ((values: Values) => string);
  /** Turns form values into the body; by default every field not in the path, empty ones left out. */
  readonly body?: (values: Values, fields: readonly FieldDef[]) => Record<string, unknown>;
  /** Checks done before anything is sent (a BSN's elfproef): the problems by field, in Dutch. */
  readonly validate?: (values: Values) => Record<string, string>;
  /** What a refusal means for this step, when the general text of its rule would mislead. */
  readonly ruleMessages?: Readonly<Record<string, string>>;
  /** Said after success. */
  readonly done: string;
}

const options = (labels: Readonly<Record<string, string>>): Option[] =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

const members = (family: FamilySummary): Option[] =>
  family.members.map((m) => ({ value: m.memberId, label: memberText(m) }));

const trajectoryOptions = (family: FamilySummary, status: Trajectory['status']): Option[] =>
  family.trajectories
    .filter((t) => t.status === status)
    .map((t) => ({
      value: t.trajectoryId,
      label: `${careFormLabel(t.careForm)} bij ${t.providerName ?? t.providerId}`,
    }));

/** The care that runs now and may go on after an outflow: trajectories and running care not yet handed over. */
const continuingOptions = (family: FamilySummary): Option[] =>
  [...family.trajectories, ...family.runningCare]
    .filter((t) => t.status === 'started' && !t.handedOver)
    .map((t) => ({
      value: t.trajectoryId,
      label: `${careFormLabel(t.careForm)} bij ${t.providerName ?? t.providerId}${t.runningCare ? ' (lopende zorg)' : ''}`,
    }));

/** A field to pick from: labelled values (`SOURCE_LABELS`, …) or options made for the family. */
function choice(
  name: string,
  label: string,
  kind: 'select' | 'radio' | 'checkboxes',
  from: Readonly<Record<string, string>> | Option[],
  more: Pick<FieldDef, 'inPath' | 'required' | 'number'> = {},
): FieldDef {
  return { name, label, kind, options: Array.isArray(from) ? from : options(from), ...more };
}

/** Personal free text, in a few sentences. */
const freeText = (
  name: string,
  label: string,
  more: Pick<FieldDef, 'required'> = {},
): FieldDef => ({
  name,
  label,
  kind: 'textarea',
  personal: true,
  ...more,
});

/** Personal free text, one item a line. */
const perLine = (name: string, label: string): FieldDef => ({
  name,
  label,
  kind: 'lines',
  hint: 'Eén per regel.',
  personal: true,
});

const GOALS: FieldDef = {
  name: 'goals',
  label: 'Doelen',
  kind: 'lines',
  required: true,
  hint: 'Eén doel per regel.',
  personal: true,
};

/** A trajectory of the family in this status, chosen for the address. */
const trajectory = (family: FamilySummary, status: Trajectory['status']): FieldDef =>
  choice('trajectoryId', 'Traject', 'select', trajectoryOptions(family, status), {
    inPath: true,
    required: true,
  });

const OCCURRED_AT: FieldDef = {
  name: 'occurredAt',
  label: 'Wanneer gebeurde het?',
  kind: 'datetime',
  hint: 'Leeg laten als het nu is.',
};

const text = (v: FieldValue | undefined): string => (typeof v === 'string' ? v.trim() : '');
const lines = (v: FieldValue | undefined): string[] =>
  text(v)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The problems of the fields whose check finds one. */
function problems(checks: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The body of a form: every field not in the path; empty texts and lists left out unless required. */
export function defaultBody(fields: readonly FieldDef[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.inPath) continue;
    const value = values[field.name];
    switch (field.kind) {
      case 'checkbox':
        body[field.name] = value === true;
        break;
      case 'lines': {
        const list = lines(value);
        if (list.length > 0 || field.required) body[field.name] = list;
        break;
      }
      case 'checkboxes': {
        const list = Array.isArray(value) ? value : [];
        if (list.length > 0 || field.required) body[field.name] = list;
        break;
      }
      case 'datetime': {
        const iso = localToIso(text(value));
        if (iso) body[field.name] = iso;
        break;
      }
      case 'text':
      case 'textarea':
      case 'select':
      case 'radio':
      case 'date':
      case 'colleague':
      case 'provider':
        if (text(value)) body[field.name] = field.number ? Number(text(value)) : text(value);
        break;
      default: {
        const unknown: never = field.kind;
        throw new Error(`unknown field kind ${String(unknown)}`);
      }
    }
  }
  return body;
}

/** A plan's body: its goals one a line, each about the whole family. */
const goalsBody = (values: Values, fields: readonly FieldDef[]) => ({
  ...defaultBody(fields, values),
  goals: lines(values.goals).map((description) => ({ description })),
});

const id = (values: Values, name: string) => encodeURIComponent(text(values[name]) || '-');

/** The plan as a person knows it: by when it was adopted (and last revised), not by its version number. */
const planText = (plan: NonNullable<FamilySummary['plan']>): string =>
  `Plan van ${formatDate(plan.adoptedAt)}${plan.revisedAt ? `, herzien ${formatDate(plan.revisedAt)}` : ''}`;

/** The evaluation form has a field per goal, named by this prefix and the goal's id. */
const GOAL_FIELD = 'goal-';

export const STEPS: readonly StepDef[] = [
  {
    key: 'signal',
    command: 'ReceiveSignal',
    title: 'Signaal',
    intro: 'Een HSJ-MCP-signaal over het gezin. Na uitstroom heropent een signaal de casus.',
    roles: ['professional', 'safety-team'],
    fields: (family) => [
      choice('source', 'Van wie komt het signaal?', 'select', SOURCE_LABELS, { required: true }),
      choice('concerns', 'Zorgen', 'checkboxes', CONCERN_LABELS, { required: true }),
      choice('urgency', 'Urgentie', 'radio', URGENCY_LABELS, { required: true }),
      { name: 'referrerOrganisation', label: 'Organisatie van de melder', kind: 'text' },
      choice('concernedMemberIds', 'Over wie gaat het?', 'checkboxes', members(family)),
      freeText('summary', 'Samenvatting'),
    ],
    path: '/signals',
    done: 'Het signaal is vastgelegd.',
  },
  {
    key: 'consultation',
    command: 'HoldConsultation',
    choiceField: 'advice',
    unavailable: {
      'no-signal': 'Een consultatie volgt op een signaal; er is nog geen signaal over dit gezin.',
    },
    title: 'Consultatie',
    intro: 'Experts besluiten of het gezin de HSJ-MCP-route ingaat.',
    roles: ['professional'],
    fields: () => [choice('advice', 'Advies', 'radio', ADVICE_LABELS, { required: true })],
    path: '/consultations',
    done: 'De consultatie is vastgelegd.',
  },
  {
    key: 'member',
    command: 'AddFamilyMember',
    title: 'Gezinslid toevoegen',
    submit: 'Gezinslid toevoegen',
    intro: 'Iemand die bij het gezin hoort en nog niet in Samenspoor staat.',
    roles: ['professional'],
    fields: () => [
      choice('role', 'Rol in het gezin', 'select', MEMBER_ROLE_LABELS, { required: true }),
      {
        name: 'displayName',
        label: 'Naam',
        kind: 'text',
        required: true,
        hint: 'De naam die het gezin zelf gebruikt.',
        personal: true,
      },
      {
        name: 'birthYear',
        label: 'Geboortejaar',
        kind: 'text',
        inputMode: 'numeric',
        number: true,
      },
      {
        name: 'bsn',
        label: 'BSN',
        kind: 'text',
        inputMode: 'numeric',
        hint: 'Alleen als de wet het verwerken toestaat. Het wordt versleuteld bewaard en nooit getoond.',
        personal: true,
      },
    ],
    path: '/members',
    validate: (values) =>
      problems({
        birthYear: birthYearProblem(text(values.birthYear)),
        bsn: bsnProblem(text(values.bsn)),
      }),
    body: (values, fields) => {
      const body = defaultBody(fields, values);
      const bsn = normaliseBsn(text(values.bsn));
      return bsn ? { ...body, bsn } : body;
    },
    done: 'Het gezinslid is toegevoegd.',
  },
  {
    key: 'network',
    command: 'JoinNetwork',
    title: 'Professional aan het netwerk toevoegen',
    submit: 'Professional aan het netwerk toevoegen',
    roles: ['professional'],
    fields: () => [
      {
        name: 'professionalId',
        label: 'Collega',
        kind: 'colleague',
        required: true,
        hint: 'Typ een deel van de naam en kies de juiste collega.',
      },
      { name: 'organisation', label: 'Organisatie', kind: 'text', required: true },
      {
        name: 'discipline',
        label: 'Discipline',
        kind: 'text',
        hint: 'Bijvoorbeeld: GZ-psycholoog',
      },
    ],
    path: '/network',
    done: 'De professional zit nu in het netwerk.',
  },
  {
    key: 'network-leave',
    command: 'LeaveNetwork',
    choiceField: 'professionalId',
    unavailable: {
      'nothing-to-choose': 'Er zit niemand in het netwerk.',
      'director-not-in-network':
        'Alleen de casusregisseur zit in het netwerk, en die blijft tot er een andere is toegewezen.',
    },
    title: 'Professional uit het netwerk',
    submit: 'Uit het netwerk halen',
    intro:
      'Wie uit het netwerk gaat, ziet het gezin niet meer. De casusregisseur blijft tot er een andere is toegewezen.',
    roles: ['professional'],
    method: 'DELETE',
    fields: (family) => [
      {
        name: 'professionalId',
        label: 'Wie gaat uit het netwerk?',
        kind: 'select',
        inPath: true,
        required: true,
        options: family.network
          .filter((p) => p.professionalId !== family.caseDirector?.professionalId)
          .map((p) => ({
            value: p.professionalId,
            // A name from the directory says who it is; without one, the id tells two alike apart.
            label: p.name
              ? professionalText(family, p.professionalId)
              : `${professionalText(family, p.professionalId)} (${p.professionalId})`,
          })),
      },
    ],
    path: (values) => `/network/${id(values, 'professionalId')}`,
    ruleMessages: {
      'director-not-in-network':
        'De casusregisseur blijft in het netwerk: wijs eerst een andere casusregisseur toe.',
    },
    done: 'De professional zit niet meer in het netwerk.',
  },
  {
    key: 'case-director',
    command: 'AssignCaseDirector',
    choiceField: 'professionalId',
    unavailable: {
      'nothing-to-choose': 'Er zit niemand in het netwerk.',
      'invalid-transition':
        'Wie in het netwerk zit, is al casusregisseur. Voeg eerst een collega toe aan het netwerk.',
    },
    title: 'Casusregisseur toewijzen',
    submit: 'Casusregisseur toewijzen',
    intro: 'Eén gezin, één plan, één regisseur: de nieuwe regisseur vervangt de vorige.',
    roles: ['professional'],
    method: 'PUT',
    fields: (family) => [
      {
        name: 'professionalId',
        label: 'Casusregisseur',
        kind: 'select',
        required: true,
        options: family.network.map((p) => ({
          value: p.professionalId,
          label: professionalText(family, p.professionalId),
        })),
      },
    ],
    path: '/case-director',
    done: 'De casusregisseur is toegewezen.',
  },
  {
    key: 'analysis-start',
    command: 'StartExplanatoryAnalysis',
    title: 'Verklarende analyse starten',
    submit: 'Verklarende analyse starten',
    intro: 'Eerst begrijpen, dan handelen.',
    roles: ['professional'],
    fields: () => [],
    path: '/analyses',
    done: 'De verklarende analyse is gestart.',
  },
  {
    key: 'analysis-complete',
    command: 'CompleteExplanatoryAnalysis',
    choiceField: 'analysisId',
    unavailable: {
      'nothing-to-choose': 'Er loopt geen verklarende analyse om af te ronden.',
      'invalid-transition': 'Er loopt geen verklarende analyse om af te ronden.',
    },
    title: 'Verklarende analyse afronden',
    submit: 'Verklarende analyse afronden',
    roles: ['professional'],
    fields: (family) => [
      {
        name: 'analysisId',
        label: 'Analyse',
        kind: 'select',
        inPath: true,
        required: true,
        options: family.analyses
          .filter((a) => a.status === 'in-progress')
          .map((a) => ({
            value: a.analysisId,
            label: `Analyse gestart op ${formatDate(a.startedAt)}`,
          })),
      },
      choice('safetyLevel', 'Veiligheid', 'radio', SAFETY_LEVEL_LABELS, { required: true }),
      perLine('patterns', 'Patronen'),
      perLine('riskFactors', 'Risicofactoren'),
      perLine('protectiveFactors', 'Beschermende factoren'),
    ],
    path: (values) => `/analyses/${id(values, 'analysisId')}/complete`,
    done: 'De verklarende analyse is afgerond.',
  },
  {
    key: 'plan',
    command: 'AdoptTreatmentPlan',
    choiceField: 'analysisId',
    unavailable: {
      'nothing-to-choose': 'Eerst begrijpen, dan handelen: er is nog geen verklarende analyse.',
      'invalid-transition':
        'Er is al een plan vastgesteld. Herzie dat plan als het moet veranderen.',
    },
    title: 'Plan vaststellen',
    submit: 'Plan vaststellen',
    intro: 'Eén gezin, één plan, op een afgeronde verklarende analyse.',
    roles: ['professional'],
    fields: (family) => [
      {
        name: 'analysisId',
        label: 'Gebaseerd op de analyse',
        kind: 'select',
        required: true,
        options: family.analyses.map((a) => ({
          value: a.analysisId,
          label: `Analyse gestart op ${formatDate(a.startedAt)} (${a.status === 'completed' ? 'afgerond' : 'loopt nog'})`,
        })),
      },
      GOALS,
      { name: 'agreedWithFamily', label: 'Afgesproken met het gezin', kind: 'checkbox' },
      { name: 'evaluateBy', label: 'Evalueren uiterlijk op', kind: 'date' },
    ],
    path: '/plans',
    body: goalsBody,
    done: 'Het plan is vastgesteld.',
  },
  {
    key: 'plan-revision',
    command: 'ReviseTreatmentPlan',
    choiceField: 'planId',
    unavailable: {
      'nothing-to-choose': 'Er is nog geen plan vastgesteld.',
      'unknown-reference': 'Er is nog geen plan vastgesteld.',
    },
    title: 'Plan herzien',
    submit: 'Plan herzien',
    roles: ['professional'],
    fields: (family) => [
      {
        name: 'planId',
        label: 'Plan',
        kind: 'select',
        inPath: true,
        required: true,
        options: family.plan ? [{ value: family.plan.planId, label: planText(family.plan) }] : [],
      },
      freeText('reason', 'Reden van de herziening', { required: true }),
      GOALS,
    ],
    path: (values) => `/plans/${id(values, 'planId')}/revisions`,
    body: goalsBody,
    done: 'Het plan is herzien.',
  },
  {
    key: 'care-request',
    command: 'RequestCare',
    choiceField: 'careForm',
    title: 'Zorg aanvragen',
    submit: 'Zorg aanvragen',
    intro: 'Vanaf nu wacht het gezin. Alleen crisishulp kan zonder plan.',
    roles: ['professional'],
    fields: (family, region) => [
      {
        name: 'careForm',
        label: 'Zorgvorm',
        kind: 'select',
        required: true,
        options: region.careForms.map((f) => ({
          value: f.id,
          label: `${careFormLabel(f.id)} (norm ${days(f.normDays)})`,
        })),
      },
      {
        name: 'providerId',
        label: 'Aanbieder',
        kind: 'provider',
        required: true,
      },
      { name: 'memberIds', label: 'Voor wie?', kind: 'checkboxes', options: members(family) },
    ],
    path: '/trajectories',
    done: 'De zorg is aangevraagd.',
  },
  {
    key: 'care-start',
    command: 'StartCare',
    choiceField: 'trajectoryId',
    unavailable: {
      'nothing-to-choose': 'Er is geen zorgaanvraag die nog op de start wacht.',
      'invalid-transition': 'Er is geen zorgaanvraag die nog op de start wacht.',
    },
    title: 'Zorg gestart',
    roles: ['professional'],
    fields: (family) => [trajectory(family, 'requested')],
    path: (values) => `/trajectories/${id(values, 'trajectoryId')}/start`,
    done: 'De start van de zorg is vastgelegd.',
  },
  {
    key: 'care-end',
    command: 'EndCare',
    choiceField: 'trajectoryId',
    unavailable: {
      'nothing-to-choose': 'Er loopt geen zorg die kan eindigen.',
      'invalid-transition': 'Er loopt geen zorg die kan eindigen.',
    },
    title: 'Zorg beëindigd',
    roles: ['professional'],
    fields: (family) => [
      trajectory(family, 'started'),
      choice('reason', 'Reden', 'radio', END_REASON_LABELS, { required: true }),
    ],
    path: (values) => `/trajectories/${id(values, 'trajectoryId')}/end`,
    done: 'Het einde van de zorg is vastgelegd.',
  },
  {
    key: 'care-withdraw',
    command: 'WithdrawCareRequest',
    choiceField: 'trajectoryId',
    unavailable: {
      'nothing-to-choose': 'Er is geen zorgaanvraag die nog wacht.',
      'invalid-transition': 'Er is geen zorgaanvraag die nog wacht.',
    },
    title: 'Zorgaanvraag intrekken',
    submit: 'Zorgaanvraag intrekken',
    roles: ['professional'],
    fields: (family) => [
      trajectory(family, 'requested'),
      freeText('reason', 'Reden', { required: true }),
    ],
    path: (values) => `/trajectories/${id(values, 'trajectoryId')}/withdraw`,
    done: 'De zorgaanvraag is ingetrokken.',
  },
  {
    key: 'mdo',
    command: 'HoldMdo',
    title: 'MDO',
    intro:
      'Een multidisciplinair overleg: wie er waren, wat is besloten, en wanneer het volgende is.',
    roles: ['professional'],
    fields: () => [
      {
        name: 'participants',
        label: 'Deelnemers',
        kind: 'lines',
        required: true,
        hint: 'Eén per regel: naam of rol.',
        personal: true,
      },
      { name: 'familyPresent', label: 'Het gezin was erbij', kind: 'checkbox' },
      perLine('decisions', 'Besluiten'),
      { name: 'nextMdoDueBy', label: 'Volgend MDO uiterlijk op', kind: 'date', required: true },
    ],
    path: '/mdos',
    done: 'Het MDO is vastgelegd.',
  },
  {
    key: 'progress',
    command: 'NoteProgress',
    title: 'Voortgangsnotitie',
    roles: ['professional'],
    fields: (_family, region) => [
      choice(
        'workstream',
        'Werkspoor',
        'select',
        region.workstreams.map((w) => ({ value: w, label: label(WORKSTREAM_LABELS, w) })),
        { required: true },
      ),
      freeText('note', 'Notitie', { required: true }),
    ],
    path: '/progress-notes',
    done: 'De notitie is vastgelegd.',
  },
  {
    key: 'safety-assessment',
    command: 'AssessSafety',
    title: 'Veiligheidsinschatting',
    roles: ['professional', 'safety-team'],
    fields: () => [
      choice('level', 'Veiligheid', 'radio', SAFETY_LEVEL_LABELS, { required: true }),
      choice('phase', 'Fase (gefaseerd samenwerken aan veiligheid)', 'select', SAFETY_PHASE_LABELS),
      freeText('notes', 'Toelichting'),
    ],
    path: '/safety-assessments',
    done: 'De veiligheidsinschatting is vastgelegd.',
  },
  {
    key: 'safety-review',
    command: 'ReviewSafety',
    title: 'Bespreking Regionaal Veiligheidsteam',
    roles: ['safety-team'],
    fields: () => [
      freeText('outcome', 'Uitkomst', { required: true }),
      freeText('advice', 'Advies'),
    ],
    path: '/safety-reviews',
    done: 'De bespreking is vastgelegd.',
  },
  {
    key: 'outflow',
    command: 'RegisterOutflow',
    unavailable: {
      'invalid-transition':
        'Er is nog geen casus om uit te stromen: er is nog geen signaal over dit gezin.',
    },
    title: 'Uitstroom',
    intro:
      'Elk traject moet beëindigd of ingetrokken zijn, behalve zorg die terecht doorloopt (zoals pleegzorg of zorg voor volwassenen vanaf 18): die draagt u warm over.',
    roles: ['professional'],
    fields: (family) => [
      choice('destination', 'Waarheen?', 'select', DESTINATION_LABELS, { required: true }),
      { name: 'handoverTo', label: 'Warme overdracht aan (organisatie)', kind: 'text' },
      {
        ...choice(
          'continuingTrajectoryIds',
          'Zorg die doorloopt na de uitstroom',
          'checkboxes',
          continuingOptions(family),
        ),
        hint: 'Wordt overgedragen aan de organisatie hierboven; de andere trajecten moeten beëindigd zijn.',
      },
      freeText('reason', 'Toelichting'),
    ],
    path: '/outflow',
    done: 'De uitstroom is vastgelegd.',
  },
  {
    key: 'follow-up',
    command: 'RecordFollowUp',
    choiceField: 'monthsAfterOutflow',
    preselectFirst: true,
    unavailable: {
      'invalid-transition':
        'Nazorg komt na de uitstroom, of is al voor 3, 6 en 12 maanden vastgelegd.',
    },
    title: 'Nazorgcontact',
    intro: 'Niet loslaten: contact 3, 6 of 12 maanden na de uitstroom.',
    roles: ['professional'],
    fields: () => [
      choice(
        'monthsAfterOutflow',
        'Hoeveel maanden na de uitstroom?',
        'radio',
        ['3', '6', '12'].map((m) => ({ value: m, label: `${m} maanden` })),
        { required: true, number: true },
      ),
      choice('status', 'Stand', 'radio', FOLLOW_UP_STATUS_LABELS),
      freeText('outcome', 'Hoe gaat het?', { required: true }),
    ],
    path: '/follow-ups',
    done: 'Het nazorgcontact is vastgelegd.',
  },
  {
    key: 'running-care',
    command: 'RecordRunningCare',
    title: 'Lopende zorg',
    intro:
      'Zorg die al loopt als het gezin binnenkomt, of die de gemeente buiten het plan toewees. Deze zorg wacht nooit.',
    roles: ['professional'],
    fields: (family, region) => [
      {
        name: 'careForm',
        label: 'Zorgvorm',
        kind: 'select',
        required: true,
        options: region.careForms.map((f) => ({ value: f.id, label: careFormLabel(f.id) })),
      },
      { name: 'providerId', label: 'Aanbieder', kind: 'provider', required: true },
      { name: 'startedAt', label: 'Loopt sinds', kind: 'date', required: true },
      { name: 'memberIds', label: 'Voor wie?', kind: 'checkboxes', options: members(family) },
      {
        name: 'allocationNumber',
        label: 'Toewijzingsnummer van de gemeente',
        kind: 'text',
        hint: 'Als het bekend is.',
      },
    ],
    path: '/running-care',
    done: 'De lopende zorg is vastgelegd.',
  },
  {
    key: 'protection-measure',
    command: 'ImposeProtectionMeasure',
    title: 'Kinderbeschermingsmaatregel',
    intro: 'Een maatregel van de kinderrechter, uitgevoerd door een gecertificeerde instelling.',
    roles: ['professional', 'safety-team'],
    fields: (family) => [
      choice('kind', 'Maatregel', 'radio', PROTECTION_MEASURE_KIND_LABELS, { required: true }),
      choice('memberIds', 'Voor wie?', 'checkboxes', members(family), { required: true }),
      {
        name: 'institution',
        label: 'Gecertificeerde instelling',
        kind: 'text',
        required: true,
        hint: 'Bijvoorbeeld: Jeugdbescherming Noord',
      },
      { name: 'startedAt', label: 'Ingegaan op', kind: 'date', required: true },
      { name: 'endsBy', label: 'Loopt tot uiterlijk', kind: 'date' },
    ],
    path: '/protection-measures',
    done: 'De kinderbeschermingsmaatregel is vastgelegd.',
  },
  {
    key: 'protection-measure-end',
    command: 'EndProtectionMeasure',
    choiceField: 'measureId',
    unavailable: {
      'nothing-to-choose': 'Er loopt geen kinderbeschermingsmaatregel.',
      'invalid-transition': 'Er loopt geen kinderbeschermingsmaatregel.',
    },
    title: 'Kinderbeschermingsmaatregel beëindigd',
    roles: ['professional', 'safety-team'],
    fields: (family) => [
      choice(
        'measureId',
        'Maatregel',
        'select',
        family.protectionMeasures
          .filter((m) => m.status === 'active')
          .map((m) => ({
            value: m.measureId,
            label: `${label(PROTECTION_MEASURE_KIND_LABELS, m.kind)} (${m.institution})`,
          })),
        { inPath: true, required: true },
      ),
      freeText('reason', 'Reden', { required: true }),
    ],
    path: (values) => `/protection-measures/${id(values, 'measureId')}/end`,
    done: 'Het einde van de maatregel is vastgelegd.',
  },
  {
    key: 'safe-at-home',
    command: 'MakeSafeAtHomeReport',
    title: 'Veilig Thuis',
    intro: 'De stap uit de meldcode: advies gevraagd aan Veilig Thuis, of een melding gedaan.',
    roles: ['professional'],
    fields: (family) => [
      choice('kind', 'Wat is er gedaan?', 'radio', SAFE_AT_HOME_KIND_LABELS, { required: true }),
      choice('memberIds', 'Over wie?', 'checkboxes', members(family)),
      freeText('outcome', 'Uitkomst'),
    ],
    path: '/safe-at-home-reports',
    done: 'De stap met Veilig Thuis is vastgelegd.',
  },
  {
    key: 'plan-evaluation',
    command: 'EvaluatePlan',
    choiceField: 'planId',
    unavailable: {
      'nothing-to-choose': 'Er is nog geen plan vastgesteld.',
      'unknown-reference': 'Er is nog geen plan vastgesteld.',
    },
    title: 'Plan evalueren',
    submit: 'Evaluatie vastleggen',
    intro: 'Waar staat elk doel van het plan nu?',
    roles: ['professional'],
    fields: (family) => [
      choice(
        'planId',
        'Plan',
        'select',
        family.plan ? [{ value: family.plan.planId, label: planText(family.plan) }] : [],
        { inPath: true, required: true },
      ),
      ...family.goals.map((g, i) =>
        choice(
          `${GOAL_FIELD}${g.goalId}`,
          `Doel ${i + 1}: ${g.description ?? '[gewist]'}`,
          'radio',
          GOAL_STATUS_LABELS,
        ),
      ),
      { name: 'familyInvolved', label: 'Samen met het gezin geëvalueerd', kind: 'checkbox' },
      { name: 'nextEvaluateBy', label: 'Volgende evaluatie uiterlijk op', kind: 'date' },
    ],
    path: (values) => `/plans/${id(values, 'planId')}/evaluations`,
    validate: (values) =>
      problems({
        planId: Object.keys(values).some(
          (name) => name.startsWith(GOAL_FIELD) && text(values[name]),
        )
          ? undefined
          : 'Kies bij minstens één doel hoe het ervoor staat.',
      }),
    body: (values, fields) => {
      const goals = fields
        .filter((f) => f.name.startsWith(GOAL_FIELD) && text(values[f.name]))
        .map((f) => ({ goalId: f.name.slice(GOAL_FIELD.length), status: text(values[f.name]) }));
      const rest = defaultBody(
        fields.filter((f) => !f.name.startsWith(GOAL_FIELD)),
        values,
      );
      return { ...rest, goals };
    },
    done: 'De evaluatie van het plan is vastgelegd.',
  },
  {
    key: 'voice',
    command: 'RecordMemberView',
    choiceField: 'memberId',
    title: 'Stem van het gezin',
    intro: 'Wat een gezinslid er zelf van vindt, in eigen woorden.',
    roles: ['professional'],
    fields: (family) => [
      choice('memberId', 'Wie?', 'select', members(family), { required: true }),
      choice('topic', 'Waarover?', 'radio', VOICE_TOPIC_LABELS, { required: true }),
      freeText('text', 'In eigen woorden', { required: true }),
      choice(
        'feelsSafe',
        'Hoe veilig voelt het? (1 = helemaal niet, 10 = helemaal)',
        'select',
        Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
        { number: true },
      ),
    ],
    path: '/voices',
    done: 'De stem van het gezinslid is vastgelegd.',
  },
  {
    key: 'informal-network',
    command: 'AddInformalSupporter',
    title: 'Iemand uit het eigen netwerk',
    submit: 'Toevoegen aan het eigen netwerk',
    intro: 'Iemand die het gezin steunt: een opa, een buurvrouw, een trainer.',
    roles: ['professional'],
    fields: () => [
      { name: 'displayName', label: 'Naam', kind: 'text', required: true, personal: true },
      {
        name: 'relation',
        label: 'Wie is het voor het gezin?',
        kind: 'text',
        required: true,
        hint: 'In de woorden van het gezin, bijvoorbeeld: oma van moederskant.',
        personal: true,
      },
    ],
    path: '/informal-network',
    done: 'De persoon is toegevoegd aan het eigen netwerk.',
  },
];

/** The fields of a step's form: its own, then when it happened (empty: now). */
export function stepFields(step: StepDef, family: FamilySummary, region: Region): FieldDef[] {
  return [...step.fields(family, region), OCCURRED_AT];
}

/** Where a step's command goes. */
export function stepPath(step: StepDef, familyId: string, values: Values): string {
  return `/api/families/${familyId}${typeof step.path === 'string' ? step.path : step.path(values)}`;
}

export function stepsFor(roles: readonly Role[]): StepDef[] {
  return STEPS.filter((step) => step.roles.some((role) => roles.includes(role)));
}

/**
 * The step's fields as the family's state allows them: the field that names what the step acts on offers only
 * what the domain accepts it on (`choices` of its availability).
 */
export function fitFields(
  step: StepDef,
  fields: readonly FieldDef[],
  availability: StepAvailability | undefined,
): FieldDef[] {
  const choices = availability?.choices;
  if (step.choiceField === undefined || choices === undefined) return [...fields];
  return fields.map((field) =>
    field.name === step.choiceField && field.options
      ? { ...field, options: field.options.filter((o) => choices.includes(o.value)) }
      : field,
  );
}

/**
 * What a form can fill in before the user does: a required choice with one option left, and the first choice of
 * a step whose first is the likely one.
 */
export function prefilled(step: StepDef, fields: readonly FieldDef[]): Values {
  return Object.fromEntries(
    fields
      .filter(
        (f) =>
          f.required &&
          (f.kind === 'select' || f.kind === 'radio') &&
          (f.options?.length === 1 ||
            (step.preselectFirst === true && f.name === step.choiceField)),
      )
      .flatMap((f) => (f.options?.[0] ? [[f.name, f.options[0].value]] : [])),
  );
}

/** Whether the picker offers the step: the domain accepts it, and its form has something to choose. */
export function isOffered(
  step: StepDef,
  family: FamilySummary,
  region: Region,
  availability: StepAvailability | undefined,
): boolean {
  if (!availability?.available) return false;
  if (step.choiceField === undefined) return true;
  const field = fitFields(step, stepFields(step, family, region), availability).find(
    (f) => f.name === step.choiceField,
  );
  return field?.options === undefined || field.options.length > 0;
}

/** Why nothing more can be recorded for a closed family, in its own situation. */
export function closedReason(family: FamilySummary): string {
  if (family.erasedAt)
    return `De persoonsgegevens van dit gezin zijn gewist op ${formatDate(family.erasedAt)}. Het dossier is gesloten: er kunnen geen stappen meer worden vastgelegd.`;
  if (family.status === 'outflowed')
    return 'Dit gezin is uitgestroomd. Nu kan alleen nog nazorg worden vastgelegd, een nieuw signaal (heraanmelding), of het einde van overgedragen zorg of van een kinderbeschermingsmaatregel.';
  if (family.status === 'not-admitted')
    return 'De consultatie heeft de casus gesloten. Een nieuw signaal opent een nieuwe casus.';
  return 'Deze stap past niet bij waar het gezin nu staat.';
}

/** Why the domain does not accept the step now, in Dutch. */
export function unavailableReason(
  step: StepDef,
  availability: StepAvailability | undefined,
  family: FamilySummary,
): string {
  const rule = availability?.rule ?? 'nothing-to-choose';
  if (availability?.available) return 'Er is nu niets om uit te kiezen.';
  if (rule === 'case-closed') return closedReason(family);
  return (
    step.unavailable?.[rule] ??
    (rule === 'nothing-to-choose' ? 'Er is nu niets om deze stap op te doen.' : undefined) ??
    label(RULE_MESSAGES, rule)
  );
}
