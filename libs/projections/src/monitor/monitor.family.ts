import {
  CLOSING_CONSULTATION_ADVICE,
  CRISIS_CARE,
  ROUTE_STATUSES,
  type FamilyEvent,
  type RouteStatus,
} from '@samenspoor/domain';

/**
 * What the monitor keeps of one family between batches: just enough to know which facts a next event adds
 * (the family's municipality, current case and status, its open waits and trajectories, its outflows).
 */
export interface MonitorFamily {
  municipality: string;
  caseNumber: number;
  outflowed: boolean;
  /** The latest cases that had an analysis and an adopted plan. */
  analysisCase: number;
  planCase: number;
  status: MonitorStatus;
  /** The day the status holds from (never before the day of the status before it). */
  statusDay: string;
  /** The current case's analysis-stage wait: from its first signal to the start of its analysis. */
  analysisWait?: Wait;
  /** The current case's plan-stage wait: from the first completed analysis to the plan. */
  planWait?: Wait;
  /** Trajectories requested or running (ended and withdrawn ones are dropped). */
  trajectories: Record<string, Trajectory>;
  hadCaseDirector: boolean;
  /** The case a consultation closed (advice `regular-route` or `no-action`): the family is not admitted. */
  closedCase?: number;
  /** Protection measures imposed and not yet ended: the day each started. */
  measures?: Record<string, string>;
  /** Outflows by case number: when, and the follow-up months done or no longer due. */
  outflows: Record<string, { ms: number; done: number[]; dropped: number[] }>;
}

interface Wait {
  caseNumber: number;
  startMs: number;
  /** When the wait ended; `realised`: by the step it waited for (not by an outflow). */
  endMs?: number;
  realised?: boolean;
}

interface Trajectory {
  careForm: string;
  caseNumber: number;
  requestedMs: number;
  startDay?: string;
  /** Care already running when recorded (`RunningCareRecorded`): not the route's care, never waited. */
  running?: boolean;
  /** Handed over at an outflow: no longer active, though a later end still counts as its end. */
  handedOver?: boolean;
}

/** The statuses the monitor counts at the end of a period: every status of the route (`statusAtEnd`). */
export const MONITOR_STATUSES = ROUTE_STATUSES;
export type MonitorStatus = RouteStatus;

/**
 * One fact for the figures: `n` (may be negative) added to a measure on a day. `count`: something that happened
 * that day, summed over a period; `level`: a change of a state, summed up to the end of a period (statusAtEnd,
 * activeAtEnd). `value` distinguishes the values of a distribution (whole days of a realised wait), else 0.
 */
export interface MonitorFact {
  kind: 'count' | 'level';
  day: string;
  measure: string;
  value: number;
  n: number;
}

/** The follow-ups the monitor counts as due after an outflow, in calendar months. */
export const MONITOR_FOLLOW_UP_MONTHS = [3, 6] as const;

const DAY_MS = 86_400_000;

/**
 * The measures, one name per figure of the contract (api.md, managers' monitor); `monitor.figures.ts` reads each
 * block from its own. A block that needs new events gets its measures here and its facts in `monitorFacts`.
 */
export const M = {
  cases: 'inflow.cases',
  reentries: 'inflow.reentries',
  source: (source: string) => `inflow.source:${source}`,
  urgency: (urgency: string) => `inflow.urgency:${urgency}`,
  concern: (concern: string) => `inflow.concern:${concern}`,
  status: (status: string) => `status:${status}`,
  wait: (stage: 'analysis' | 'plan' | 'care') => `wait:${stage}`,
  crisisSignals: 'crises.signals',
  crisisCareRequests: 'crises.crisisCareRequests',
  careStarted: (careForm: string) => `care.started:${careForm}`,
  careActive: (careForm: string) => `care.active:${careForm}`,
  careEnded: 'careEnded.total',
  careBreakdown: 'careEnded.breakdown',
  followUpDue: (months: number) => `followUps.months${months}.due`,
  followUpDone: (months: number) => `followUps.months${months}.done`,
  goalEvaluated: (status: string) => `goals:${status}`,
  mdos: 'mdos.held',
  mdosFamilyPresent: 'mdos.familyPresent',
  measuresImposed: 'protectionMeasures.imposed',
  measuresActive: 'protectionMeasures.active',
  caseDirectorChanges: 'caseDirectorChanges',
} as const;

/** The UTC day of a moment: `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = DAYS.get(day);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 10);
    if (DAYS.size >= DAYS_KEPT) DAYS.clear();
    DAYS.set(day, text);
  }
  return text;
}

/** The UTC days by their number since 1970: an event's facts fall on a few days, and a region's on some thousands. */
const DAYS = new Map<number, string>();
const DAYS_KEPT = 100_000;

/** `months` calendar months after a moment, on the UTC calendar (31 January + 3 months = 30 April), as v1. */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/** Whole days (floored) from one moment to a later one, as v1's `waitingDays`. */
function wholeDays(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / DAY_MS));
}

/** The status of the route, as the domain's `routeStatus` defines it, from what the monitor keeps. */
function statusOf(family: MonitorFamily): MonitorStatus {
  if (family.outflowed) return 'outflowed';
  const current = family.caseNumber;
  if (current > 0 && family.closedCase === current) return 'not-admitted';
  if (
    Object.values(family.trajectories).some(
      (t) => t.caseNumber === current && t.startDay !== undefined && t.running !== true,
    )
  )
    return 'in-care';
  if (current > 0 && family.planCase === current) return 'planned';
  if (current > 0 && family.analysisCase === current) return 'in-analysis';
  if (current > 0) return 'signalled';
  return 'registered';
}

/**
 * Applies one event of a family: changes `family` in place and answers the facts it adds. `family` is undefined
 * before the registration: then only `FamilyRegistered` starts one (the answer's `family`).
 */
export function monitorFacts(
  family: MonitorFamily | undefined,
  event: FamilyEvent,
  ms: number,
): { family: MonitorFamily | undefined; facts: MonitorFact[] } {
  const day = dayOf(ms);
  const facts: MonitorFact[] = [];
  const count = (measure: string, n = 1, on = day, value = 0) =>
    facts.push({ kind: 'count', day: on, measure, value, n });
  const level = (measure: string, n: number, on: string) =>
    facts.push({ kind: 'level', day: on, measure, value: 0, n });

  if (event.type === 'FamilyRegistered') {
    if (family !== undefined) return { family, facts };
    const registered: MonitorFamily = {
      municipality: event.data.municipality,
      caseNumber: 0,
      outflowed: false,
      analysisCase: 0,
      planCase: 0,
      status: 'registered',
      statusDay: day,
      trajectories: {},
      hadCaseDirector: false,
      outflows: {},
    };
    level(M.status('registered'), 1, day);
    return { family: registered, facts };
  }
  if (family === undefined) return { family, facts };

  const realise = (stage: 'analysis' | 'plan' | 'care', startMs: number) =>
    count(M.wait(stage), 1, day, wholeDays(startMs, ms));
  /** Ends the wait for the analysis or the plan of this case, when it still runs: a realised wait. */
  const endWait = (stage: 'analysis' | 'plan', wait: Wait | undefined, caseNumber: number) => {
    if (wait?.caseNumber !== caseNumber || wait.endMs !== undefined) return;
    realise(stage, wait.startMs);
    wait.endMs = ms;
    wait.realised = true;
  };

  switch (event.type) {
    case 'SignalReceived': {
      const { caseNumber, source, urgency, concerns, reentry } = event.data;
      if (urgency === 'crisis') count(M.crisisSignals);
      if (caseNumber > family.caseNumber) {
        // A new case: the opening signal counts in the inflow.
        count(M.cases);
        count(M.source(source));
        count(M.urgency(urgency));
        for (const concern of new Set(concerns)) count(M.concern(concern));
        const previous = family.outflows[String(caseNumber - 1)];
        if (reentry && previous !== undefined) {
          if (ms <= addMonths(previous.ms, 12)) count(M.reentries);
          // A family back on the route before a follow-up moment is not followed up then (as v1).
          for (const months of MONITOR_FOLLOW_UP_MONTHS) {
            const dueMs = addMonths(previous.ms, months);
            if (dueMs > ms && !previous.done.includes(months)) {
              previous.dropped.push(months);
              count(M.followUpDue(months), -1, dayOf(dueMs));
            }
          }
        }
        family.caseNumber = caseNumber;
        family.outflowed = false;
        family.analysisWait = { caseNumber, startMs: ms };
        delete family.planWait;
      } else if (
        family.analysisWait?.caseNumber === caseNumber &&
        ms < family.analysisWait.startMs
      ) {
        // A signal of the case logged later with an earlier business time: the wait started then.
        const wait = family.analysisWait;
        if (wait.realised && wait.endMs !== undefined) {
          count(M.wait('analysis'), -1, dayOf(wait.endMs), wholeDays(wait.startMs, wait.endMs));
          count(M.wait('analysis'), 1, dayOf(wait.endMs), wholeDays(ms, wait.endMs));
        }
        wait.startMs = ms;
      }
      break;
    }
    case 'ExplanatoryAnalysisStarted':
      endWait('analysis', family.analysisWait, event.data.caseNumber);
      family.analysisCase = Math.max(family.analysisCase, event.data.caseNumber);
      break;
    case 'ExplanatoryAnalysisCompleted':
      if (family.planWait === undefined && family.caseNumber > 0)
        family.planWait = { caseNumber: family.caseNumber, startMs: ms };
      break;
    case 'TreatmentPlanAdopted':
      endWait('plan', family.planWait, event.data.caseNumber);
      family.planCase = Math.max(family.planCase, event.data.caseNumber);
      break;
    case 'CareRequested': {
      const { trajectoryId, careForm, caseNumber } = event.data;
      if (careForm === CRISIS_CARE) count(M.crisisCareRequests);
      family.trajectories[trajectoryId] = { careForm, caseNumber, requestedMs: ms };
      break;
    }
    case 'CareRequestWithdrawn':
      if (family.trajectories[event.data.trajectoryId]?.startDay === undefined)
        delete family.trajectories[event.data.trajectoryId];
      break;
    case 'CareStarted': {
      const trajectory = family.trajectories[event.data.trajectoryId];
      if (trajectory === undefined || trajectory.startDay !== undefined) break;
      realise('care', trajectory.requestedMs);
      trajectory.startDay = day;
      count(M.careStarted(trajectory.careForm));
      level(M.careActive(trajectory.careForm), 1, day);
      break;
    }
    case 'RunningCareRecorded': {
      const { trajectoryId, careForm, caseNumber, startedAt } = event.data;
      const startMs = Date.parse(startedAt);
      if (family.trajectories[trajectoryId] !== undefined || Number.isNaN(startMs)) break;
      // It never waited: it counts as started on the day it started (which may be before the registration).
      const startDay = dayOf(startMs);
      family.trajectories[trajectoryId] = {
        careForm,
        caseNumber,
        requestedMs: startMs,
        startDay,
        running: true,
      };
      count(M.careStarted(careForm), 1, startDay);
      level(M.careActive(careForm), 1, startDay);
      break;
    }
    case 'CareHandedOver': {
      const trajectory = family.trajectories[event.data.trajectoryId];
      if (trajectory?.startDay === undefined || trajectory.handedOver === true) break;
      // It goes on elsewhere: no longer active here, and not an end of care.
      trajectory.handedOver = true;
      level(
        M.careActive(trajectory.careForm),
        -1,
        day < trajectory.startDay ? trajectory.startDay : day,
      );
      break;
    }
    case 'CareEnded': {
      const trajectory = family.trajectories[event.data.trajectoryId];
      if (trajectory?.startDay === undefined) break;
      count(M.careEnded);
      if (event.data.reason === 'breakdown') count(M.careBreakdown);
      if (trajectory.handedOver !== true)
        level(
          M.careActive(trajectory.careForm),
          -1,
          day < trajectory.startDay ? trajectory.startDay : day,
        );
      delete family.trajectories[event.data.trajectoryId];
      break;
    }
    case 'ConsultationHeld': {
      const { advice } = event.data;
      if (
        family.caseNumber === 0 ||
        !(CLOSING_CONSULTATION_ADVICE as readonly string[]).includes(advice)
      )
        break;
      family.closedCase = family.caseNumber;
      // The analysis-stage wait ends at the consultation, not realised.
      const wait = family.analysisWait;
      if (wait?.caseNumber === family.caseNumber && wait.endMs === undefined) wait.endMs = ms;
      break;
    }
    case 'ProtectionMeasureImposed': {
      const { measureId, startedAt } = event.data;
      const startMs = Date.parse(startedAt);
      const measures = (family.measures ??= {});
      if (measures[measureId] !== undefined || Number.isNaN(startMs)) break;
      // Imposed on the day it started (which may be before the registration), active until it ends.
      const startDay = dayOf(startMs);
      measures[measureId] = startDay;
      count(M.measuresImposed, 1, startDay);
      level(M.measuresActive, 1, startDay);
      break;
    }
    case 'ProtectionMeasureEnded': {
      const startDay = family.measures?.[event.data.measureId];
      if (startDay === undefined) break;
      level(M.measuresActive, -1, day < startDay ? startDay : day);
      delete family.measures![event.data.measureId];
      break;
    }
    case 'MdoHeld':
      count(M.mdos);
      if (event.data.familyPresent) count(M.mdosFamilyPresent);
      break;
    case 'CaseDirectorAssigned':
      if (family.hadCaseDirector) count(M.caseDirectorChanges);
      family.hadCaseDirector = true;
      break;
    case 'OutflowRegistered': {
      const { caseNumber } = event.data;
      if (family.outflowed) break;
      family.outflowed = true;
      for (const wait of [family.analysisWait, family.planWait])
        if (wait !== undefined && wait.endMs === undefined) wait.endMs = ms;
      // Only the latest outflows are followed up; older ones are kept no longer.
      for (const key of Object.keys(family.outflows))
        if (Number(key) < caseNumber - 1) delete family.outflows[key];
      family.outflows[String(caseNumber)] = { ms, done: [], dropped: [] };
      for (const months of MONITOR_FOLLOW_UP_MONTHS)
        count(M.followUpDue(months), 1, dayOf(addMonths(ms, months)));
      break;
    }
    case 'FollowUpRecorded': {
      const { caseNumber, monthsAfterOutflow: months } = event.data;
      const outflow = family.outflows[String(caseNumber)];
      if (
        outflow === undefined ||
        !(MONITOR_FOLLOW_UP_MONTHS as readonly number[]).includes(months) ||
        outflow.done.includes(months) ||
        outflow.dropped.includes(months)
      )
        break;
      outflow.done.push(months);
      // Counted on the day it fell due: "of the follow-ups due in the period, how many were done".
      count(M.followUpDone(months), 1, dayOf(addMonths(outflow.ms, months)));
      break;
    }
    default:
      // Every other event type changes no figure of the monitor.
      break;
  }

  const status = statusOf(family);
  if (status !== family.status) {
    // A status holds from its event's day, and never from before the status it follows.
    const from = day < family.statusDay ? family.statusDay : day;
    level(M.status(family.status), -1, from);
    level(M.status(status), 1, from);
    family.status = status;
    family.statusDay = from;
  }
  return { family, facts };
}
