import {
  CRISIS_CARE,
  derivedGoalId,
  type CareNeed,
  type Concern,
  type ConsultationAdvice,
  type FamilyCommand,
  type FamilyCommandType,
  type FollowUpMonths,
  type OutflowDestination,
  type NewGoal,
  type SafetyLevel,
  type SafetyPhase,
  type SignalSource,
  type Urgency,
  type VoiceTopic,
} from '@samenspoor/domain';

import {
  ADVICE_WEIGHTS,
  ANALYSIS_SAFETY_WEIGHTS,
  ANALYSIS_SAFETY_WEIGHTS_VIOLENCE,
  CARE_END_REASON_WEIGHTS,
  CARE_FORMS_BY_CONCERN,
  CARE_REQUEST_COUNT_WEIGHTS,
  CERTIFIED_INSTITUTION,
  CONCERN_COUNT_WEIGHTS,
  CONCERN_WEIGHTS,
  ERASURE_LEGAL_BASIS,
  FOLLOW_UP_STATUS_WEIGHTS,
  GOAL_STATUS_WEIGHTS,
  NAMES,
  OTHER_REFERRERS,
  OUTFLOW_DESTINATION_WEIGHTS,
  POLICE,
  PROTECTION_MEASURE_WEIGHTS,
  PROVIDERS,
  RUNNING_CARE_FORMS,
  SAFE_AT_HOME,
  SAFETY_TRANSITIONS,
  SCHOOLS,
  SIGNAL_SOURCE_WEIGHTS,
  TEXT,
  URGENCY_WEIGHTS,
  YOUTH_HEALTH,
  type DaySpread,
  type OrganisationProfile,
  type Weighted,
} from './catalogue';
import { MINUTE, HOUR, DAY } from './durations';
import { household, laterMember, type Household } from './household';
import type { Prng } from './prng';
import type { Professional, RegionModel } from './region-model';
import type { SimulatedActor, SimulatedFamily, SimulatedStep } from './simulation.types';

/** No more professionals than this in a family's network at once. */
const MAX_NETWORK = 10;

/** Days from the first signal of a case to the start of its explanatory analysis, by urgency. */
const ANALYSIS_WAIT: Readonly<Record<Urgency, DaySpread>> = {
  regular: { median: 21, sigma: 0.6, min: 3, max: 60 },
  urgent: { median: 8, sigma: 0.5, min: 1, max: 30 },
  crisis: { median: 4, sigma: 0.5, min: 1, max: 14 },
};
const ANALYSIS_DURATION: DaySpread = { median: 30, sigma: 0.4, min: 14, max: 56 };
const PLAN_WAIT: DaySpread = { median: 12, sigma: 0.45, min: 6, max: 30 };
const NOTE_INTERVAL: DaySpread = { median: 28, sigma: 0.5, min: 7, max: 75 };
const REENTRY_DELAY: DaySpread = { median: 210, sigma: 0.55, min: 60, max: 540 };

const PHASE_OF: Readonly<Record<SafetyLevel, SafetyPhase>> = {
  unsafe: 'direct-safety',
  concerns: 'stable-safety',
  safe: 'recovery',
};

type CommandOf<T extends FamilyCommandType> = Extract<FamilyCommand, { type: T }>;
type StepData<T extends FamilyCommandType> = Omit<CommandOf<T>['data'], 'occurredAt'>;

interface Trajectory {
  readonly id: string;
  readonly careForm: string;
  readonly providerId: string;
  status: 'requested' | 'started' | 'ended' | 'withdrawn';
  professional?: Professional;
  /** Care that already ran when the family came in: needs no plan, and may go on after the outflow. */
  readonly running?: boolean;
  handedOver?: boolean;
}

interface Scheduled {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * One family's history, told in business-time order: every step schedules the steps that follow from it on a
 * small agenda, and the agenda runs until it is empty or reaches the end of the simulation, where the story is
 * cut. Each step is the command a professional (or the safety team, or an auditor) would send, with the actor
 * a current member of the family's network whenever the API demands one. Steps that no longer apply when
 * their moment comes (an MDO after the outflow, a follow-up after a re-entry) are dropped.
 */
export class FamilyHistory {
  private readonly steps: SimulatedStep[] = [];
  private readonly agenda: Scheduled[] = [];
  private seq = 0;
  /** The business time of the step being taken. */
  private now: number;
  private lastAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  private readonly familyId: string;
  private readonly municipality: string;
  private readonly household: Household;
  private readonly network = new Map<string, Professional>();
  private readonly registrar: Professional;
  private director: Professional | undefined;
  private readonly firstReferrer: OrganisationProfile | string | undefined;

  private caseNumber = 0;
  private outflowed = false;
  private caseOpenedAt = 0;
  private concerns: readonly Concern[] = [];
  private source: SignalSource;
  private urgency: Urgency = 'regular';
  private safety: SafetyLevel | undefined;
  private analysisInProgress = false;
  private planId: string | undefined;
  /** The goals of the plan's current version. */
  private goalIds: string[] = [];
  private readonly trajectories: Trajectory[] = [];
  private pendingRequests = 0;
  private outflowScheduled = false;
  /** The case's consultation closed it (advice regular-route or no-action): until a new signal. */
  private closed = false;

  constructor(
    private readonly region: RegionModel,
    private readonly rng: Prng,
    registeredAt: number,
  ) {
    // Registered in office hours, unless that would leave the simulated history; always in whole minutes.
    const inOffice = this.office(registeredAt);
    this.now =
      inOffice >= region.startMs && inOffice <= region.endMs
        ? inOffice
        : Math.min(
            Math.ceil(registeredAt / MINUTE) * MINUTE,
            Math.floor(region.endMs / MINUTE) * MINUTE,
          );
    this.familyId = rng.uuid();
    this.municipality = rng.weighted(region.municipalities);
    this.household = household(rng, new Date(registeredAt).getUTCFullYear());
    this.source = rng.weighted(SIGNAL_SOURCE_WEIGHTS);
    // Usually the local team registers the family; otherwise the organisation that raises the first signal.
    this.firstReferrer = this.referrerOrganisation(this.source);
    const referrer = this.firstReferrer;
    this.registrar = this.region.professional(
      referrer && typeof referrer !== 'string' && rng.chance(0.35)
        ? referrer
        : this.region.localTeam(this.municipality),
      rng,
    );
  }

  /** Runs the story to its end or to the end of the simulation. */
  tell(): SimulatedFamily {
    this.register();
    while (!this.stopped) {
      const next = this.agenda.shift();
      if (next === undefined || next.at > this.region.endMs) break;
      this.now = Math.max(this.now, next.at);
      next.run();
    }
    return { familyId: this.familyId, steps: this.steps };
  }

  // The route, step by step.

  private register(): void {
    this.emit('RegisterFamily', this.registrar.actor, {
      familyId: this.familyId,
      municipality: this.municipality,
      members: this.household.members,
      registrar: {
        professionalId: this.registrar.id,
        organisation: this.registrar.organisation,
        discipline: this.registrar.discipline,
      },
    });
    this.network.set(this.registrar.id, this.registrar);
    // Mostly the signal is what makes the professional register the family; sometimes it follows days later.
    const signalAt = this.rng.chance(0.7)
      ? this.now + this.rng.between(5, 90) * MINUTE
      : this.later(this.rng.between(1, 4));
    this.schedule(signalAt, () => this.signal(this.source, this.firstReferrer));
  }

  private signal(source: SignalSource, referrer = this.referrerOrganisation(source)): void {
    const urgency = this.rng.weighted(URGENCY_WEIGHTS);
    const concerns = this.drawConcerns(source);
    const concerned = this.household.youths.map((m) => m.memberId);
    const parent = this.household.parents[0];
    if (parent && this.rng.chance(0.3)) concerned.push(parent.memberId);
    const emitted = this.emit('ReceiveSignal', this.lead().actor, {
      signalId: this.rng.uuid(),
      source,
      ...(referrer === undefined
        ? {}
        : { referrerOrganisation: typeof referrer === 'string' ? referrer : referrer.name }),
      concerns,
      urgency,
      concernedMemberIds: concerned,
      summary: `Zorgen over ${listing(concerns.map((c) => TEXT.signalSummary[c]))}.`,
    });
    if (!emitted) return;

    this.caseNumber++;
    this.outflowed = false;
    this.closed = false;
    this.caseOpenedAt = this.now;
    this.source = source;
    this.urgency = urgency;
    this.concerns = concerns;
    this.planId = undefined;
    this.pendingRequests = 0;
    this.outflowScheduled = false;
    const c = this.caseNumber;

    const consultIn =
      urgency === 'crisis'
        ? this.rng.between(1, 6) * HOUR
        : urgency === 'urgent'
          ? this.rng.between(1, 3) * DAY
          : this.rng.between(2, 10) * DAY;
    this.schedule(this.office(this.now + consultIn, urgency === 'crisis'), () =>
      this.inCase(c, () => this.consultation()),
    );
    if (referrer && typeof referrer !== 'string' && !this.hasOrganisation(referrer.key)) {
      this.schedule(this.later(this.rng.between(0, 3)), () =>
        this.inCase(c, () => this.join(referrer)),
      );
    }
    if (urgency === 'crisis' && this.region.careForm(CRISIS_CARE)) {
      this.schedule(this.now + this.rng.between(0.5, 12) * HOUR, () =>
        this.inCase(c, () => this.requestCare(CRISIS_CARE, false)),
      );
    }
    // Fixed faces: a re-entering family keeps its case director.
    if (this.director === undefined) {
      const r = this.rng.next();
      const delay =
        r < 0.8
          ? this.rng.between(1, 14)
          : r < 0.95
            ? this.rng.between(15, 45)
            : this.rng.between(46, 100);
      this.schedule(this.later(delay), () => this.inCase(c, () => this.assignDirector(false)));
    }
    this.schedule(this.later(this.rng.between(2, 12)), () => this.inCase(c, () => this.note(c)));
    if (this.rng.chance(0.04)) {
      this.schedule(this.later(this.rng.between(20, 300)), () =>
        this.inCase(c, () => this.addMember()),
      );
    }
    // Some families come in with care already running (an indication, foster care, a municipal allocation).
    if (c === 1 && this.rng.chance(0.12)) {
      this.schedule(this.later(this.rng.between(0, 10)), () =>
        this.inCase(c, () => this.runningCare()),
      );
    }
    // A family the certified institution refers usually lives under a measure already.
    if (source === 'certified-institution' && this.rng.chance(0.7)) {
      this.schedule(this.later(this.rng.between(4, 14)), () =>
        this.inCase(c, () => this.imposeMeasure(this.rng.between(30, 400))),
      );
    }
  }

  private consultation(): void {
    const c = this.caseNumber;
    const advice: ConsultationAdvice =
      this.urgency === 'crisis' ? 'hsj-mcp-route' : this.rng.weighted(ADVICE_WEIGHTS);
    if (
      !this.emit('HoldConsultation', this.lead().actor, {
        consultationId: this.rng.uuid(),
        advice,
      })
    )
      return;
    if (advice !== 'hsj-mcp-route') {
      // The advice closes the case (not admitted): nothing more happens in it; now and then a new signal
      // opens a new case later (not a re-entry: the family never entered the route).
      this.closed = true;
      if (this.rng.chance(0.1)) {
        this.schedule(this.later(this.rng.logNormal(REENTRY_DELAY)), () => {
          if (this.caseNumber === c && this.closed)
            this.signal(this.rng.weighted(SIGNAL_SOURCE_WEIGHTS));
        });
      }
      return;
    }
    const wait = this.rng.logNormal(ANALYSIS_WAIT[this.urgency]);
    this.schedule(this.office(Math.max(this.caseOpenedAt + wait * DAY, this.now + HOUR)), () =>
      this.inCase(c, () => this.startAnalysis()),
    );
    const likely = this.likelyNetwork();
    // A family on the route has a network, not one professional: someone joins before the analysis ends.
    const first = likely.shift() ?? (this.network.size < 2 ? this.nearest() : undefined);
    if (first) {
      this.schedule(this.later(this.rng.between(1, 10)), () =>
        this.inCase(c, () => this.join(first)),
      );
    }
    for (const organisation of likely) {
      this.schedule(this.later(this.rng.between(2, 42)), () =>
        this.inCase(c, () => this.join(organisation)),
      );
    }
    // The family's own network: a grandparent, a neighbour, a coach who stands by them.
    const supporters = this.rng.chance(0.45) ? this.rng.int(1, 2) : 0;
    for (let i = 0; i < supporters; i++) {
      this.schedule(this.later(this.rng.between(7, 60)), () =>
        this.inCase(c, () => this.addSupporter()),
      );
    }
  }

  private startAnalysis(): void {
    if (this.analysisInProgress) return;
    const c = this.caseNumber;
    const analysisId = this.rng.uuid();
    if (!this.emit('StartExplanatoryAnalysis', this.lead().actor, { analysisId })) return;
    this.analysisInProgress = true;
    this.schedule(this.later(this.rng.logNormal(ANALYSIS_DURATION)), () =>
      this.inCase(c, () => this.completeAnalysis(analysisId)),
    );
  }

  private completeAnalysis(analysisId: string): void {
    const c = this.caseNumber;
    const violence =
      this.concerns.includes('domestic-violence') ||
      this.source === 'safe-at-home' ||
      this.source === 'police';
    const level = this.rng.weighted(
      violence ? ANALYSIS_SAFETY_WEIGHTS_VIOLENCE : ANALYSIS_SAFETY_WEIGHTS,
    );
    const careNeeds: CareNeed[] = [];
    for (const youth of this.household.youths) {
      for (const concern of this.rng.weightedDistinct(
        this.concerns.map((x) => [x, 1] as const),
        2,
      )) {
        careNeeds.push({ memberId: youth.memberId, need: TEXT.youthNeed[concern] });
      }
    }
    const parent = this.household.parents[0];
    const parentConcern = this.concerns.find((x) => TEXT.parentNeed[x] !== undefined);
    const parentNeed = parentConcern === undefined ? undefined : TEXT.parentNeed[parentConcern];
    if (parent && parentNeed !== undefined) {
      careNeeds.push({ memberId: parent.memberId, need: parentNeed });
    }
    if (
      !this.emit('CompleteExplanatoryAnalysis', this.lead().actor, {
        analysisId,
        safetyLevel: level,
        patterns: this.some(TEXT.patterns, 1, 2),
        riskFactors: this.some(TEXT.riskFactors, 1, 3),
        protectiveFactors: this.some(TEXT.protectiveFactors, 1, 2),
        careNeeds,
      })
    )
      return;
    this.analysisInProgress = false;
    this.safety = level;
    if (level === 'unsafe') this.afterUnsafe(c);
    // The Meldcode: with violence in the family, professionals consult Veilig Thuis or report to it.
    if (violence && this.source !== 'safe-at-home' && level !== 'safe' && this.rng.chance(0.5)) {
      this.schedule(this.later(this.rng.between(0, 14)), () =>
        this.inCase(c, () => this.safeAtHome(level === 'unsafe' ? 0.6 : 0.2)),
      );
    }
    this.schedule(this.later(this.rng.logNormal(PLAN_WAIT)), () =>
      this.inCase(c, () => this.adoptPlan(analysisId)),
    );
    this.schedule(
      this.later(level === 'unsafe' ? this.rng.between(7, 21) : this.rng.between(30, 90)),
      () => this.inCase(c, () => this.assessSafety()),
    );
  }

  private adoptPlan(analysisId: string): void {
    const c = this.caseNumber;
    const planId = this.rng.uuid();
    const goals: NewGoal[] = this.rng
      .weightedDistinct(
        this.concerns.map((x) => [x, 1] as const),
        this.rng.int(1, 4),
      )
      .map((concern) => ({
        description: TEXT.goal[concern],
        memberIds: this.goalMembers(concern),
      }));
    const evaluateBy = this.later(this.rng.between(90, 180));
    const goalIds = goals.map((_, i) => derivedGoalId(planId, 1, i));
    if (
      !this.emit('AdoptTreatmentPlan', this.lead().actor, {
        planId,
        analysisId,
        goals,
        goalIds,
        agreedWithFamily: this.rng.chance(0.88),
        evaluateBy: this.region.iso(evaluateBy),
      })
    )
      return;
    this.planId = planId;
    this.goalIds = goalIds;

    this.schedule(this.later(this.rng.between(2, 14)), () => this.inCase(c, () => this.mdo()));
    this.scheduleEvaluation(planId, evaluateBy);
    if (this.rng.chance(0.4)) {
      this.schedule(this.later(this.rng.between(1, 30)), () =>
        this.inCase(c, () => this.voice(this.rng.chance(0.5) ? 'plan' : 'care')),
      );
    }
    const requests = this.rng.weighted(CARE_REQUEST_COUNT_WEIGHTS);
    this.pendingRequests += requests;
    for (let i = 0; i < requests; i++) {
      // The first at once; the others alongside it (stacking) or later, as the plan unfolds.
      const offset =
        i === 0
          ? this.rng.between(0, 10)
          : this.rng.chance(0.6)
            ? this.rng.between(0, 30)
            : this.rng.between(30, 150);
      this.schedule(this.later(offset), () =>
        this.inCase(c, () => this.requestCare(undefined, true)),
      );
    }
    if (this.rng.chance(0.3)) {
      this.schedule(this.later(this.rng.between(60, 160)), () =>
        this.inCase(c, () => this.revisePlan(planId)),
      );
    }
  }

  private revisePlan(planId: string): void {
    if (this.planId !== planId) return;
    const goals = this.concerns.slice(0, this.rng.int(1, 3)).map((concern) => ({
      description: TEXT.goal[concern],
      memberIds: this.goalMembers(concern),
    }));
    // The simulation revises a plan once: its goals are new goals of version 2.
    const newGoalIds = goals.map((_, i) => derivedGoalId(planId, 2, i));
    if (
      this.emit('ReviseTreatmentPlan', this.lead().actor, {
        planId,
        reason: this.rng.pick(TEXT.planRevisionReasons),
        goals,
        newGoalIds,
      })
    )
      this.goalIds = newGoalIds;
  }

  /** Most evaluations are held around their due date; some slip, a few never happen (evaluation overdue). */
  private scheduleEvaluation(planId: string, dueBy: number): void {
    const c = this.caseNumber;
    const r = this.rng.next();
    if (r >= 0.92) return;
    const slip = r < 0.75 ? this.rng.between(-14, 5) : this.rng.between(10, 60);
    this.schedule(this.office(dueBy + slip * DAY), () =>
      this.inCase(c, () => this.evaluate(planId)),
    );
  }

  private evaluate(planId: string): void {
    if (this.planId !== planId || this.goalIds.length === 0) return;
    const nextEvaluateBy = this.later(this.rng.between(90, 180));
    if (
      !this.emit('EvaluatePlan', this.lead().actor, {
        evaluationId: this.rng.uuid(),
        planId,
        goals: this.goalIds.map((goalId) => ({
          goalId,
          status: this.rng.weighted(GOAL_STATUS_WEIGHTS),
        })),
        familyInvolved: this.rng.chance(0.8),
        nextEvaluateBy: this.region.iso(nextEvaluateBy),
      })
    )
      return;
    this.scheduleEvaluation(planId, nextEvaluateBy);
  }

  /**
   * Asks care of a provider: the family now waits. `planned` requests were counted when the plan was adopted;
   * crisis care after a crisis signal comes before any plan.
   */
  private requestCare(careForm: string | undefined, planned: boolean): void {
    if (planned) this.pendingRequests--;
    const form = careForm ?? this.drawCareForm();
    const config = this.region.careForm(form);
    if (!config) return;
    const providerId = this.rng.weighted(config.profile.providers);
    const memberIds =
      form === 'intensive-ambulatory-family'
        ? [...this.household.youths, ...this.household.parents].map((m) => m.memberId)
        : [this.rng.pick(this.household.youths).memberId];
    const trajectory: Trajectory = {
      id: this.rng.uuid(),
      careForm: form,
      providerId,
      status: 'requested',
    };
    if (
      !this.emit('RequestCare', this.lead().actor, {
        trajectoryId: trajectory.id,
        careForm: form,
        providerId,
        memberIds,
      })
    )
      return;
    this.trajectories.push(trajectory);
    const provider = PROVIDERS[providerId];
    if (provider && this.rng.chance(0.75)) {
      trajectory.professional = this.join(provider, this.now + this.rng.between(5, 120) * MINUTE);
    }

    const crisis = form === CRISIS_CARE;
    const wait = this.rng.logNormal(config.profile.wait) * DAY;
    if (this.rng.chance(crisis ? 0.02 : 0.1)) {
      this.schedule(this.office(this.now + wait * this.rng.between(0.2, 0.9)), () =>
        this.withdraw(trajectory),
      );
    } else {
      this.schedule(this.office(this.now + wait, crisis || wait < DAY), () =>
        this.startCare(trajectory),
      );
    }
  }

  private startCare(trajectory: Trajectory): void {
    const actor =
      trajectory.professional && this.network.has(trajectory.professional.id)
        ? trajectory.professional.actor
        : this.lead().actor;
    if (!this.emit('StartCare', actor, { trajectoryId: trajectory.id })) return;
    trajectory.status = 'started';
    const profile = this.region.careForm(trajectory.careForm)?.profile;
    const days = profile ? this.rng.logNormal(profile.duration) : 120;
    this.schedule(this.later(days), () => this.endCare(trajectory));
  }

  private endCare(trajectory: Trajectory): void {
    const c = this.caseNumber;
    const professional = trajectory.professional;
    const actor =
      professional && this.network.has(professional.id) ? professional.actor : this.lead().actor;
    const reason = this.rng.weighted(CARE_END_REASON_WEIGHTS);
    if (!this.emit('EndCare', actor, { trajectoryId: trajectory.id, reason })) return;
    trajectory.status = 'ended';
    if (professional && this.rng.chance(0.4)) {
      this.schedule(this.later(this.rng.between(1, 14)), () =>
        this.inCase(c, () => this.leave(professional)),
      );
    }
    this.outflowWhenDone();
  }

  private withdraw(trajectory: Trajectory): void {
    const c = this.caseNumber;
    if (
      !this.emit('WithdrawCareRequest', this.lead().actor, {
        trajectoryId: trajectory.id,
        reason: this.rng.pick(TEXT.withdrawReasons),
      })
    )
      return;
    trajectory.status = 'withdrawn';
    if (this.planId !== undefined && this.rng.chance(0.5)) {
      // Often another form or provider is asked instead.
      this.pendingRequests++;
      this.schedule(this.later(this.rng.between(3, 21)), () =>
        this.inCase(c, () => this.requestCare(undefined, true)),
      );
    }
    this.outflowWhenDone();
  }

  /** Once the plan's care is asked for and every trajectory is closed, the family flows out. */
  private outflowWhenDone(): void {
    if (
      this.outflowed ||
      this.outflowScheduled ||
      this.planId === undefined ||
      this.pendingRequests > 0 ||
      this.trajectories.some((t) => this.open(t) && !t.running)
    )
      return;
    const c = this.caseNumber;
    this.outflowScheduled = true;
    this.schedule(this.later(this.rng.between(7, 45)), () => this.inCase(c, () => this.outflow()));
  }

  private outflow(offRouteDestination?: OutflowDestination): void {
    if (this.trajectories.some((t) => this.open(t) && !t.running)) return;
    const c = this.caseNumber;
    const destination = offRouteDestination ?? this.drawDestination();
    // Care that already ran before the route rightly goes on (foster care, adult care): a warm handover.
    const continuing = this.trajectories.filter((t) => this.open(t));
    const handoverTo =
      this.handoverTo(destination) ??
      (continuing.length > 0 ? this.region.localTeam(this.municipality).name : undefined);
    if (
      !this.emit('RegisterOutflow', this.lead().actor, {
        destination,
        reason: TEXT.outflowReasons[destination],
        ...(handoverTo === undefined ? {} : { handoverTo }),
        ...(continuing.length === 0
          ? {}
          : { continuingTrajectoryIds: continuing.map((t) => t.id) }),
      })
    )
      return;
    for (const t of continuing) t.handedOver = true;
    this.outflowed = true;
    const outflowAt = this.now;
    for (const months of [3, 6] as const) {
      if (!this.rng.chance(0.7)) continue;
      const due = addMonths(outflowAt, months);
      this.schedule(this.office(due + this.rng.between(-14, 21) * DAY), () =>
        this.afterOutflow(c, () => this.followUp(months)),
      );
    }
    if (this.rng.chance(destination === 'moved' ? 0.03 : 0.15)) {
      this.schedule(this.later(this.rng.logNormal(REENTRY_DELAY)), () =>
        this.afterOutflow(c, () => this.signal(this.rng.weighted(SIGNAL_SOURCE_WEIGHTS))),
      );
    } else if (this.rng.chance(0.01)) {
      this.schedule(this.later(this.rng.between(210, 420)), () =>
        this.afterOutflow(c, () => this.erase()),
      );
    }
  }

  private followUp(monthsAfterOutflow: FollowUpMonths): void {
    const status = this.rng.weighted(FOLLOW_UP_STATUS_WEIGHTS);
    this.emit('RecordFollowUp', this.lead().actor, {
      monthsAfterOutflow,
      outcome: this.rng.pick(TEXT.followUps[status]),
      status,
    });
  }

  /** Care that already runs when the family comes in: it needs no plan and never waits. */
  private runningCare(): void {
    const form = this.rng.weighted(RUNNING_CARE_FORMS);
    const config = this.region.careForm(form);
    if (!config) return;
    const providerId = this.rng.weighted(config.profile.providers);
    const since = this.rng.between(30, 900);
    const trajectory: Trajectory = {
      id: this.rng.uuid(),
      careForm: form,
      providerId,
      status: 'started',
      running: true,
    };
    if (
      !this.emit('RecordRunningCare', this.lead().actor, {
        trajectoryId: trajectory.id,
        careForm: form,
        providerId,
        startedAt: this.region.iso(this.now - since * DAY).slice(0, 10),
        memberIds: [this.rng.pick(this.household.youths).memberId],
        ...(this.rng.chance(0.6)
          ? { allocationNumber: `TOEW-${this.rng.int(10_000, 99_999)}` }
          : {}),
      })
    )
      return;
    this.trajectories.push(trajectory);
    // About half of it ends while the family is on the route; the rest goes on after the outflow.
    if (this.rng.chance(0.5)) {
      const rest = this.rng.logNormal(config.profile.duration) - since;
      this.schedule(this.later(Math.max(rest, this.rng.between(14, 120))), () =>
        this.endCare(trajectory),
      );
    }
  }

  /** A juvenile court's measure, carried out by the certified institution; it started `daysAgo` days ago. */
  private imposeMeasure(daysAgo: number): void {
    const guardian = [...this.network.values()].find((p) => p.kind === 'certified-institution');
    if (!guardian) return;
    const kind = this.rng.weighted(PROTECTION_MEASURE_WEIGHTS);
    const startedAt = this.now - daysAgo * DAY;
    const measureId = this.rng.uuid();
    if (
      !this.emit('ImposeProtectionMeasure', guardian.actor, {
        measureId,
        kind,
        memberIds: [this.rng.pick(this.household.youths).memberId],
        institution: CERTIFIED_INSTITUTION.name,
        startedAt: this.region.iso(startedAt).slice(0, 10),
        endsBy: this.region.iso(addMonths(startedAt, 12)).slice(0, 10),
      })
    )
      return;
    // A supervision order runs a year and is often extended; most measures end within two years.
    if (this.rng.chance(0.6)) {
      const endsAt = Math.max(
        startedAt + this.rng.between(330, 720) * DAY,
        this.now + this.rng.between(30, 120) * DAY,
      );
      this.schedule(this.office(endsAt), () =>
        this.emit('EndProtectionMeasure', this.lead().actor, {
          measureId,
          reason: this.rng.pick(TEXT.measureEndReasons),
        }),
      );
    }
  }

  /** The Meldcode step: advice asked of Veilig Thuis, or (with chance `report`) a report made. */
  private safeAtHome(report: number): void {
    this.emit('MakeSafeAtHomeReport', this.lead().actor, {
      reportId: this.rng.uuid(),
      kind: this.rng.chance(report) ? 'report' : 'advice',
      memberIds: this.household.youths.map((m) => m.memberId),
      outcome: this.rng.pick(TEXT.safeAtHomeOutcomes),
    });
  }

  /** A youth's own view, in their words; how safe it feels follows the latest safety level. */
  private voice(topic: VoiceTopic): void {
    const youth = this.rng.pick(this.household.youths);
    const age = new Date(this.now).getUTCFullYear() - (youth.birthYear ?? 0);
    if (age < 8) return;
    const feelsSafe =
      this.safety === 'unsafe'
        ? this.rng.int(2, 5)
        : this.safety === 'concerns'
          ? this.rng.int(4, 7)
          : this.rng.int(6, 9);
    this.emit('RecordMemberView', this.lead().actor, {
      viewId: this.rng.uuid(),
      memberId: youth.memberId,
      topic,
      text: this.rng.pick(TEXT.voices[topic]),
      ...(topic === 'safety' || this.rng.chance(0.3) ? { feelsSafe } : {}),
    });
  }

  private addSupporter(): void {
    this.emit('AddInformalSupporter', this.lead().actor, {
      supporterId: this.rng.uuid(),
      displayName: this.rng.pick(this.rng.chance(0.6) ? NAMES.women : NAMES.men),
      relation: this.rng.pick(TEXT.informalRelations),
    });
  }

  private erase(): void {
    if (
      this.emit('ErasePersonalData', this.region.auditor(this.rng), {
        legalBasis: ERASURE_LEGAL_BASIS,
      })
    ) {
      // Nothing happens to the record after erasure.
      this.agenda.length = 0;
    }
  }

  // Alongside the route: network, case direction, MDOs, notes, safety.

  /** A professional of the organisation joins the network, or the one already in it is returned. */
  private join(organisation: OrganisationProfile, at = this.now): Professional | undefined {
    const present = [...this.network.values()].find((p) => p.key === organisation.key);
    if (present) return present;
    if (this.network.size >= MAX_NETWORK) return undefined;
    const professional = this.region.professional(organisation, this.rng);
    if (this.network.has(professional.id)) return undefined;
    if (
      !this.emit(
        'JoinNetwork',
        this.lead().actor,
        {
          professionalId: professional.id,
          organisation: professional.organisation,
          discipline: professional.discipline,
        },
        at,
      )
    )
      return undefined;
    this.network.set(professional.id, professional);
    return professional;
  }

  private leave(professional: Professional): void {
    if (
      this.network.size <= 2 ||
      professional.id === this.director?.id ||
      professional.id === this.registrar.id ||
      !this.network.has(professional.id) ||
      this.trajectories.some(
        (t) =>
          t.professional?.id === professional.id &&
          t.status !== 'ended' &&
          t.status !== 'withdrawn',
      )
    )
      return;
    if (this.emit('LeaveNetwork', professional.actor, { professionalId: professional.id })) {
      this.network.delete(professional.id);
    }
  }

  /**
   * One case director: the local team's professional, or the certified institution's when it is involved
   * (`protection`) — it then usually takes over the direction.
   */
  private assignDirector(protection: boolean): void {
    const inNetwork = [...this.network.values()];
    const guardian = inNetwork.find((p) => p.kind === 'certified-institution');
    let candidate =
      protection && guardian
        ? guardian
        : (inNetwork.find((p) => p.kind === 'local-team') ??
          this.join(this.region.localTeam(this.municipality)));
    candidate ??= this.registrar;
    if (candidate.id === this.director?.id) return;
    if (this.emit('AssignCaseDirector', candidate.actor, { professionalId: candidate.id })) {
      this.director = candidate;
    }
  }

  private mdo(): void {
    const c = this.caseNumber;
    const familyPresent = this.rng.chance(0.8);
    const others = [...this.network.values()].filter((p) => p.id !== this.lead().id);
    const participants = [
      `regievoerder (${this.lead().organisation})`,
      ...this.some(others, 0, 3).map((p) => `${p.discipline} (${p.organisation})`),
      ...(familyPresent ? ['ouders', 'jeugdige'] : []),
    ];
    const nextDueBy = this.later(this.rng.between(42, 70));
    if (
      !this.emit('HoldMdo', this.lead().actor, {
        mdoId: this.rng.uuid(),
        participants,
        nextMdoDueBy: this.region.iso(nextDueBy),
        familyPresent,
        decisions: this.some(TEXT.mdoDecisions, 1, 3),
      })
    )
      return;
    // Most MDOs are held by their due date; some slip and show up as overdue.
    const slip = this.rng.chance(0.82) ? this.rng.between(-10, 0) : this.rng.between(1, 30);
    this.schedule(this.office(nextDueBy + slip * DAY), () => this.inCase(c, () => this.mdo()));
  }

  private note(c: number): void {
    const author = this.rng.pick([...this.network.values()]);
    const workstream = this.rng.weighted(this.region.workstreams);
    const notes = TEXT.notes[workstream] ?? TEXT.genericNotes;
    if (
      !this.emit('NoteProgress', author.actor, {
        noteId: this.rng.uuid(),
        workstream,
        note: this.rng.pick(notes),
      })
    )
      return;
    this.schedule(this.later(this.rng.logNormal(NOTE_INTERVAL)), () =>
      this.inCase(c, () => this.note(c)),
    );
  }

  private assessSafety(): void {
    const c = this.caseNumber;
    const level = this.rng.weighted(SAFETY_TRANSITIONS[this.safety ?? 'concerns']);
    const safetyProfessional = [...this.network.values()].find(
      (p) => p.kind === 'safe-at-home' || p.kind === 'certified-institution',
    );
    const actor = this.rng.chance(0.1)
      ? this.region.safetyTeamMember(this.rng)
      : safetyProfessional && this.rng.chance(0.4)
        ? safetyProfessional.actor
        : this.lead().actor;
    if (
      !this.emit('AssessSafety', actor, {
        assessmentId: this.rng.uuid(),
        level,
        phase: PHASE_OF[level],
        notes: TEXT.safetyNotes[level],
      })
    )
      return;
    this.safety = level;
    if (level === 'unsafe') this.afterUnsafe(c);
    const next =
      level === 'unsafe'
        ? this.rng.between(14, 42)
        : level === 'concerns'
          ? this.rng.between(42, 90)
          : this.rng.between(60, 150);
    this.schedule(this.later(next), () => this.inCase(c, () => this.assessSafety()));
  }

  /** An unsafe finding: mostly a review by the regional safety team; sometimes a child protection measure. */
  private afterUnsafe(c: number): void {
    if (this.rng.chance(0.5)) {
      this.schedule(this.later(this.rng.between(1, 14)), () =>
        this.inCase(c, () => this.voice('safety')),
      );
    }
    if (this.rng.chance(0.8)) {
      this.schedule(this.later(this.rng.between(1, 21)), () =>
        this.inCase(c, () =>
          this.emit('ReviewSafety', this.region.safetyTeamMember(this.rng), {
            reviewId: this.rng.uuid(),
            outcome: this.rng.pick(TEXT.reviewOutcomes),
            advice: this.rng.pick(TEXT.reviewAdvice),
          }),
        ),
      );
    }
    if (!this.hasOrganisation(CERTIFIED_INSTITUTION.key) && this.rng.chance(0.35)) {
      const takeOver = this.rng.chance(0.5);
      this.schedule(this.later(this.rng.between(7, 42)), () =>
        this.inCase(c, () => {
          if (!this.join(CERTIFIED_INSTITUTION)) return;
          // Mostly the institution comes in because the court imposed a measure.
          if (this.rng.chance(0.75)) this.imposeMeasure(this.rng.between(0, 14));
          if (takeOver) {
            this.schedule(this.later(this.rng.between(1, 7)), () =>
              this.inCase(c, () => this.assignDirector(true)),
            );
          }
        }),
      );
    }
  }

  private addMember(): void {
    const member = laterMember(
      this.rng,
      new Date(this.now).getUTCFullYear(),
      this.household.youth.birthYear ?? 2010,
    );
    this.emit('AddFamilyMember', this.lead().actor, { member });
  }

  // Draws.

  private drawConcerns(source: SignalSource): Concern[] {
    const concerns = this.rng.weightedDistinct(
      CONCERN_WEIGHTS,
      this.rng.weighted(CONCERN_COUNT_WEIGHTS),
    );
    if (
      (source === 'safe-at-home' || source === 'police') &&
      !concerns.includes('domestic-violence') &&
      this.rng.chance(0.7)
    ) {
      concerns[0] = 'domestic-violence';
    }
    return concerns;
  }

  /** A care form the region buys, tilted towards what the family's concerns ask for. */
  private drawCareForm(): string {
    const requested = new Set(this.trajectories.map((t) => t.careForm));
    const entries: [string, number][] = this.region.careForms.map(({ id, profile }) => {
      let weight = profile.weight;
      for (const concern of this.concerns) weight *= CARE_FORMS_BY_CONCERN[concern]?.[id] ?? 1;
      // Seldom the same form twice in one family.
      return [id, requested.has(id) ? weight * 0.1 : weight];
    });
    return this.rng.weighted(entries);
  }

  private drawDestination(): OutflowDestination {
    const age = new Date(this.now).getUTCFullYear() - (this.household.youth.birthYear ?? 0);
    const entries = OUTFLOW_DESTINATION_WEIGHTS.filter(([d]) => d !== 'adult-care' || age >= 17);
    return this.rng.weighted(age >= 17 ? boost(entries, 'adult-care', 4) : entries);
  }

  private handoverTo(destination: OutflowDestination): string | undefined {
    switch (destination) {
      case 'local-team':
        return this.region.localTeam(this.municipality).name;
      case 'regular-care': {
        const provider = [...this.network.values()].find((p) => p.kind === 'provider');
        return provider?.organisation ?? this.region.localTeam(this.municipality).name;
      }
      case 'adult-care':
        return this.rng.chance(0.6) ? 'Lentis' : this.region.localTeam(this.municipality).name;
      case 'no-further-care':
      case 'moved':
      case 'other':
        return undefined;
    }
  }

  /**
   * The organisation behind a signal: a network organisation (joins the family's network), a name only
   * (police and others), or none (the family itself).
   */
  private referrerOrganisation(source: SignalSource): OrganisationProfile | string | undefined {
    switch (source) {
      case 'local-team':
        return this.region.localTeam(this.municipality);
      case 'gp':
        return this.region.generalPractice(this.municipality);
      case 'certified-institution':
        return CERTIFIED_INSTITUTION;
      case 'safe-at-home':
        return SAFE_AT_HOME;
      case 'education':
        return this.school();
      case 'youth-health':
        return YOUTH_HEALTH;
      case 'care-provider':
        return PROVIDERS[
          this.rng.weighted([
            ['accare', 3],
            ['elker', 3],
            ['lentis', 1],
            ['cosis', 1],
            ['ambiq', 1],
            ['molendrift', 1],
          ])
        ];
      case 'police':
        return POLICE;
      case 'other':
        return this.rng.pick(OTHER_REFERRERS);
      case 'family':
        return undefined;
    }
  }

  /**
   * Who else usually joins after the consultation: school, youth health, GP support, Veilig Thuis, the GI, and
   * the parents' own care.
   */
  private likelyNetwork(): OrganisationProfile[] {
    const age = new Date(this.now).getUTCFullYear() - (this.household.youth.birthYear ?? 0);
    const organisations: OrganisationProfile[] = [];
    if (age >= 4 && this.rng.chance(this.concerns.includes('school-dropout') ? 0.8 : 0.4)) {
      organisations.push(this.school());
    }
    if (this.rng.chance(age <= 12 ? 0.35 : 0.15)) organisations.push(YOUTH_HEALTH);
    if (this.rng.chance(0.2)) organisations.push(this.region.generalPractice(this.municipality));
    if (this.concerns.includes('domestic-violence') && this.rng.chance(0.5)) {
      organisations.push(SAFE_AT_HOME);
    }
    if (this.rng.chance(0.08)) organisations.push(CERTIFIED_INSTITUTION);
    // Help the parents or the family already get, from the organisations that give it.
    for (const [concern, providerId, probability] of [
      ['psychiatric', 'lentis', 0.3],
      ['addiction', 'vnn', 0.4],
      ['intellectual-disability', 'cosis', 0.3],
      ['homelessness', 'leger-des-heils', 0.4],
      ['housing', 'leger-des-heils', 0.2],
    ] as const) {
      const provider = PROVIDERS[providerId];
      if (provider && this.concerns.includes(concern) && this.rng.chance(probability)) {
        organisations.push(provider);
      }
    }
    return organisations;
  }

  /** Who is nearest to the family when nobody else is involved yet: the school, or youth health. */
  private nearest(): OrganisationProfile {
    const age = new Date(this.now).getUTCFullYear() - (this.household.youth.birthYear ?? 0);
    const school = this.school();
    return age >= 4 && this.rng.chance(0.7) && !this.hasOrganisation(school.key)
      ? school
      : this.hasOrganisation(YOUTH_HEALTH.key)
        ? this.region.generalPractice(this.municipality)
        : YOUTH_HEALTH;
  }

  private school(): OrganisationProfile {
    const age = new Date(this.now).getUTCFullYear() - (this.household.youth.birthYear ?? 0);
    return age >= 16 ? this.rng.pick(SCHOOLS.mbo) : SCHOOLS.young;
  }

  private goalMembers(concern: Concern): string[] {
    const youths = this.household.youths.map((m) => m.memberId);
    const parent = this.household.parents[0];
    const aboutParents =
      concern === 'parenting-stress' ||
      concern === 'complex-divorce' ||
      concern === 'debts' ||
      concern === 'domestic-violence';
    return aboutParents && parent ? [...youths, parent.memberId] : youths;
  }

  private some<T>(items: readonly T[], min: number, max: number): T[] {
    return this.rng.weightedDistinct(
      items.map((item) => [item, 1] as const),
      this.rng.int(min, max),
    );
  }

  // Time and bookkeeping.

  /** The case director, or the registrar before there is one: the one who takes the case's steps. */
  private lead(): Professional {
    return this.director ?? this.registrar;
  }

  private open(t: Trajectory): boolean {
    return (t.status === 'requested' || t.status === 'started') && !t.handedOver;
  }

  private hasOrganisation(key: string): boolean {
    for (const p of this.network.values()) if (p.key === key) return true;
    return false;
  }

  /** Runs a step of case `c` only while that case is open. */
  private inCase(c: number, step: () => unknown): void {
    if (this.caseNumber === c && !this.outflowed && !this.closed) step();
  }

  /** Runs a step only while case `c` is the last one and has flowed out (follow-ups, re-entry, erasure). */
  private afterOutflow(c: number, step: () => unknown): void {
    if (this.caseNumber === c && this.outflowed) step();
  }

  private schedule(at: number, run: () => void): void {
    const item: Scheduled = { at: Math.max(at, this.now), seq: this.seq++, run };
    // Binary search for the first item after this one: equal times keep their scheduling order.
    let lo = 0;
    let hi = this.agenda.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.agenda[mid];
      if (other !== undefined && other.at <= item.at) lo = mid + 1;
      else hi = mid;
    }
    this.agenda.splice(lo, 0, item);
  }

  /**
   * Records one step at business time `at`, in whole minutes and at least a minute after the previous step, so
   * that times strictly increase. Past the end of the simulation nothing is recorded and the story stops:
   * returns false.
   */
  private emit<T extends FamilyCommandType>(
    type: T,
    actor: SimulatedActor,
    data: StepData<T>,
    at = this.now,
  ): boolean {
    const time = Math.max(Math.ceil(at / MINUTE) * MINUTE, this.lastAt + MINUTE);
    if (this.stopped || time > this.region.endMs) {
      this.stopped = true;
      return false;
    }
    this.lastAt = time;
    this.now = time;
    // `data` is a fresh literal of the caller: completing it in place saves a copy per step.
    const command = {
      type,
      data: Object.assign(data, { occurredAt: this.region.iso(time) }),
      metadata: this.region.metadata,
    } as unknown as CommandOf<T>;
    this.steps.push({ command, actor });
    return true;
  }

  /** `days` from now, moved to office hours on a working day. */
  private later(days: number): number {
    return this.office(this.now + days * DAY);
  }

  /**
   * The moment moved to office hours (08:00–17:30 Dutch winter time) on a working day; crises happen at any
   * hour and keep their moment.
   */
  private office(ms: number, anyHour = false): number {
    if (anyHour) return ms;
    let day = Math.floor(ms / DAY);
    const weekday = (day + 4) % 7; // 1 January 1970 was a Thursday; 0 is Sunday
    if (weekday === 6) day += 2;
    else if (weekday === 0) day += 1;
    return day * DAY + 7 * HOUR + this.rng.int(0, 570) * MINUTE;
  }
}

/** Calendar months later (the end of a shorter month is clamped, as in PostgreSQL's intervals). */
function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1] ?? ''}`;
}

function boost<T>(entries: Weighted<T>, value: T, factor: number): Weighted<T> {
  return entries.map(([v, w]) => [v, v === value ? w * factor : w] as const);
}
