/**
 * The shapes of the API's answers that the UI reads (api.md), taken from the OpenAPI document: `api-types.ts` is
 * generated from it (`npm run openapi:types`), never written by hand. Personal fields may be null after erasure.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

/** An entry of the audit log (NEN 7513): who, in which role and on whose behalf, did what, to which family. */
export type AuditItem = Schemas['AuditItem'];
/** A page of the audit log (`GET /api/audit`). */
export type AuditPage = Schemas['AuditPage'];

export type Member = Schemas['Member'];
export type NetworkMember = Schemas['NetworkMember'];
export type Analysis = Schemas['Analysis'];
export type Plan = Schemas['Plan'];
export type Trajectory = Schemas['Trajectory'];
/** `GET /api/families/{familyId}`. */
export type FamilySummary = Schemas['FamilySummary'];
/** An item of the family list: a family's state, and since when it waits for care that has not started. */
export type FamilyListItem = Schemas['FamilyListItem'];
/** `GET /api/families`. */
export type FamilyPage = Schemas['FamilyPage'];
export type TimelineEntry = Schemas['TimelineEntry'];
/** `GET /api/families/{familyId}/steps`: the steps the domain accepts on the family now. */
export type FamilySteps = Schemas['FamilySteps'];
export type StepAvailability = Schemas['StepAvailability'];
/** `GET /api/families/{familyId}/timeline`. */
export type Timeline = Schemas['Timeline'];

/** `GET /api/region`. */
export type Region = Schemas['Region'];

/** A figure block; counts and day figures are null when suppressed for managers. */
export type FigureBlock = Schemas['FigureBlock'];
/** What a manager's answer hid or rounded (disclosure control); absent for other roles. */
export type Disclosure = Schemas['Disclosure'];
export type WaitingList = Schemas['WaitingList'];
export type WaitingHistory = Schemas['WaitingHistory'];
export type Stacking = Schemas['Stacking'];
export type Outflow = Schemas['OutflowFigures'];
export type SafetyOverview = Schemas['SafetyOverview'];
/** The iJw messages kept for the safety team. */
export type IjwUnmatched = Schemas['IjwUnmatched'];
/** `GET /api/projections/monitor`: the managers' monitor of a period. */
export type Monitor = Schemas['Monitor'];
/** `GET /api/projections/monitor/history`: the monitor per month. */
export type MonitorHistory = Schemas['MonitorHistory'];

/** `GET /api/auth/config`: how this server signs people in. */
export type AuthSettings = Schemas['AuthSettings'];
/** `GET /api/me`: the user as the API reads their token. */
export type Me = Schemas['Me'];
/** `GET /api/auth/dev-users` (development mode): a demo user to pick. */
export type DevUser = Schemas['DevUsers']['users'][number];
/** The five lists of the safety overview. */
export type SafetyList = Exclude<keyof SafetyOverview, 'asOf' | 'stale'>;

/** A professional in the directory (`GET /api/directory/professionals`). */
export type DirectoryProfessional = Schemas['DirectoryProfessional'];
/** `GET /api/directory/professionals/me`: `listed: false` until the entry is made. */
export type DirectoryMyEntry = Schemas['DirectoryMyEntry'];
/** `GET /api/directory/providers`. */
export type DirectoryProviders = Schemas['DirectoryProviders'];
export type DirectoryProvider = Schemas['DirectoryProvider'];

/** A family found by `POST /api/families/search`: for an auditor only its minimal identity. */
export type FoundFamily = Schemas['FoundFamily'];
/** `POST /api/families/search`. */
export type FamilySearchAnswer = Schemas['FamilySearchAnswer'];

/** `GET /api/my-work`: what is due in the user's families ("Mijn werk"). */
export type MyWork = Schemas['MyWork'];
export type WorkItem = Schemas['WorkItem'];
/** `GET /api/my-family`: the family's own record, as a household member may see it. */
export type MyFamily = Schemas['MyFamily'];
/** `GET /api/my-family/timeline`: what happened, in plain Dutch. */
export type MyTimeline = Schemas['MyFamilyTimeline'];
/** `GET /api/my-family/access-log`: who looked at the family's record. */
export type MyAccessLog = Schemas['MyFamilyAccessLog'];
