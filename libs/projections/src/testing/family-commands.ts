import { randomUUID } from 'node:crypto';

import type { CareEndReason, Concern, FamilyCommand, SignalSource } from '@samenspoor/domain';

/** The decider's clock in projection tests: after every business time the tests use. */
export const TEST_NOW = '2030-01-01T00:00:00.000Z';

type Data<T extends FamilyCommand['type']> = Omit<
  Extract<FamilyCommand, { type: T }>['data'],
  'occurredAt'
>;

function command<T extends FamilyCommand['type']>(
  type: T,
  at: string,
  data: Data<T>,
): FamilyCommand {
  return {
    type,
    data: { ...data, occurredAt: new Date(at).toISOString() },
    metadata: { now: TEST_NOW },
  } as unknown as FamilyCommand;
}

/**
 * Builds the commands of one family for projection tests, with UUIDs and explicit business times, remembering
 * the ids it hands out (the last analysis, plan and trajectories) so that tests read like a case file.
 */
export class TestFamily {
  readonly familyId = randomUUID();
  readonly youth = randomUUID();
  readonly parent = randomUUID();
  analysisId = '';
  planId = '';
  readonly trajectories: string[] = [];

  constructor(readonly municipality = 'Groningen') {}

  register(at: string, registrar = 'p-registrar'): FamilyCommand {
    return command('RegisterFamily', at, {
      familyId: this.familyId,
      municipality: this.municipality,
      members: [
        { memberId: this.youth, role: 'youth', displayName: 'Kind', birthYear: 2012 },
        { memberId: this.parent, role: 'parent', displayName: 'Ouder' },
      ],
      registrar: { professionalId: registrar, organisation: 'WIJ' },
    });
  }

  signal(
    at: string,
    urgency: 'regular' | 'urgent' | 'crisis' = 'regular',
    from: { source?: SignalSource; concerns?: Concern[] } = {},
  ): FamilyCommand {
    return command('ReceiveSignal', at, {
      signalId: randomUUID(),
      source: from.source ?? 'gp',
      concerns: from.concerns ?? ['trauma'],
      urgency,
    });
  }

  startAnalysis(at: string): FamilyCommand {
    this.analysisId = randomUUID();
    return command('StartExplanatoryAnalysis', at, { analysisId: this.analysisId });
  }

  completeAnalysis(
    at: string,
    safetyLevel: 'safe' | 'concerns' | 'unsafe' = 'concerns',
  ): FamilyCommand {
    return command('CompleteExplanatoryAnalysis', at, { analysisId: this.analysisId, safetyLevel });
  }

  readonly goalId = randomUUID();
  measureId = '';

  adoptPlan(at: string, evaluateBy?: string): FamilyCommand {
    this.planId = randomUUID();
    return command('AdoptTreatmentPlan', at, {
      planId: this.planId,
      analysisId: this.analysisId,
      goals: [{ description: 'veiligheid', memberIds: [] }],
      goalIds: [this.goalId],
      ...(evaluateBy === undefined ? {} : { evaluateBy: new Date(evaluateBy).toISOString() }),
    });
  }

  evaluatePlan(
    at: string,
    nextEvaluateBy?: string,
    status: 'achieved' | 'partly-achieved' | 'not-achieved' | 'ongoing' = 'ongoing',
  ): FamilyCommand {
    return command('EvaluatePlan', at, {
      evaluationId: randomUUID(),
      planId: this.planId,
      goals: [{ goalId: this.goalId, status }],
      familyInvolved: true,
      ...(nextEvaluateBy === undefined
        ? {}
        : { nextEvaluateBy: new Date(nextEvaluateBy).toISOString() }),
    });
  }

  consult(at: string, advice: 'hsj-mcp-route' | 'regular-route' | 'no-action'): FamilyCommand {
    return command('HoldConsultation', at, { consultationId: randomUUID(), advice });
  }

  /** Care that already runs, recorded at `at`, running since `startedAt`. */
  runningCare(at: string, startedAt: string, careForm: string, providerId: string): FamilyCommand {
    const trajectoryId = randomUUID();
    this.trajectories.push(trajectoryId);
    return command('RecordRunningCare', at, {
      trajectoryId,
      careForm,
      providerId,
      startedAt: new Date(startedAt).toISOString(),
    });
  }

  imposeMeasure(at: string, startedAt: string): FamilyCommand {
    this.measureId = randomUUID();
    return command('ImposeProtectionMeasure', at, {
      measureId: this.measureId,
      kind: 'supervision-order',
      memberIds: [this.youth],
      institution: 'Jeugdbescherming Noord',
      startedAt: new Date(startedAt).toISOString(),
    });
  }

  endMeasure(at: string, measureId = this.measureId): FamilyCommand {
    return command('EndProtectionMeasure', at, { measureId, reason: 'doel bereikt' });
  }

  /** Registered at midnight and signalled at 10:00 (UTC) on `day` (`2026-01-01`). */
  signalled(day: string, urgency: 'regular' | 'urgent' | 'crisis' = 'regular'): FamilyCommand[] {
    return [this.register(`${day}T00:00:00Z`), this.signal(`${day}T10:00:00Z`, urgency)];
  }

  /**
   * Kept on track from `day` on: {@link signalled}, a case director at once, then the analysis started, completed
   * and the plan adopted a day after each other, at 10:00.
   */
  onTrack(
    day: string,
    safetyLevel: 'safe' | 'concerns' | 'unsafe' = 'concerns',
    evaluateBy?: string,
  ): FamilyCommand[] {
    const later = (days: number) =>
      new Date(Date.parse(`${day}T10:00:00Z`) + days * 86_400_000).toISOString();
    return [
      ...this.signalled(day),
      this.assignDirector(`${day}T10:00:00Z`, 'p-registrar'),
      this.startAnalysis(later(1)),
      this.completeAnalysis(later(2), safetyLevel),
      this.adoptPlan(later(3), evaluateBy),
    ];
  }

  /** Register, signal, analysis and plan, each a day after the other, starting at `at`. */
  planned(at: string): FamilyCommand[] {
    const day = (n: number) => new Date(Date.parse(at) + n * 86_400_000).toISOString();
    return [
      this.register(at),
      this.signal(day(0)),
      this.startAnalysis(day(1)),
      this.completeAnalysis(day(2)),
      this.adoptPlan(day(3)),
    ];
  }

  requestCare(at: string, careForm: string, providerId: string): FamilyCommand {
    const trajectoryId = randomUUID();
    this.trajectories.push(trajectoryId);
    return command('RequestCare', at, { trajectoryId, careForm, providerId, memberIds: [] });
  }

  startCare(at: string, trajectoryId = this.lastTrajectory()): FamilyCommand {
    return command('StartCare', at, { trajectoryId });
  }

  endCare(
    at: string,
    trajectoryId = this.lastTrajectory(),
    reason: CareEndReason = 'completed',
  ): FamilyCommand {
    return command('EndCare', at, { trajectoryId, reason });
  }

  withdrawCare(at: string, trajectoryId = this.lastTrajectory()): FamilyCommand {
    return command('WithdrawCareRequest', at, { trajectoryId, reason: 'niet meer nodig' });
  }

  join(at: string, professionalId: string, organisation = 'Accare'): FamilyCommand {
    return command('JoinNetwork', at, { professionalId, organisation });
  }

  leave(at: string, professionalId: string): FamilyCommand {
    return command('LeaveNetwork', at, { professionalId });
  }

  assignDirector(at: string, professionalId: string): FamilyCommand {
    return command('AssignCaseDirector', at, { professionalId });
  }

  mdo(at: string, nextMdoDueBy: string, familyPresent?: boolean): FamilyCommand {
    return command('HoldMdo', at, {
      mdoId: randomUUID(),
      participants: ['regie'],
      ...(familyPresent === undefined ? {} : { familyPresent }),
      nextMdoDueBy: new Date(nextMdoDueBy).toISOString(),
    });
  }

  note(at: string, workstream = 'execution'): FamilyCommand {
    return command('NoteProgress', at, { noteId: randomUUID(), workstream, note: 'huisbezoek' });
  }

  assessSafety(at: string, level: 'safe' | 'concerns' | 'unsafe'): FamilyCommand {
    return command('AssessSafety', at, { assessmentId: randomUUID(), level });
  }

  reviewSafety(at: string): FamilyCommand {
    return command('ReviewSafety', at, { reviewId: randomUUID(), outcome: 'besproken' });
  }

  outflow(
    at: string,
    destination:
      | 'local-team'
      | 'regular-care'
      | 'adult-care'
      | 'no-further-care'
      | 'moved'
      | 'other' = 'local-team',
    continuingTrajectoryIds?: readonly string[],
  ): FamilyCommand {
    return command('RegisterOutflow', at, {
      destination,
      ...(continuingTrajectoryIds === undefined
        ? {}
        : { continuingTrajectoryIds, handoverTo: 'Wijkteam' }),
    });
  }

  followUp(at: string, monthsAfterOutflow: 3 | 6 | 12): FamilyCommand {
    return command('RecordFollowUp', at, { monthsAfterOutflow, outcome: 'gaat goed' });
  }

  erase(at: string): FamilyCommand {
    return command('ErasePersonalData', at, { legalBasis: 'verzoek' });
  }

  private lastTrajectory(): string {
    const last = this.trajectories.at(-1);
    if (!last) throw new Error('no trajectory requested yet');
    return last;
  }
}

/**
 * Two families side by side, one of which (`poisoned`) a broken read model will refuse: both registered on
 * 2026-01-05; `poisoned` signalled on 01-07 and analysed from 01-08; then `healthy` takes `healthySteps`.
 */
export async function poisonedBesideHealthy(
  h: { command(familyId: string, ...commands: FamilyCommand[]): Promise<unknown> },
  poisoned: TestFamily,
  healthy: TestFamily,
  healthySteps: readonly FamilyCommand[],
): Promise<void> {
  await h.command(poisoned.familyId, poisoned.register('2026-01-05'));
  await h.command(healthy.familyId, healthy.register('2026-01-05'));
  await h.command(
    poisoned.familyId,
    poisoned.signal('2026-01-07'),
    poisoned.startAnalysis('2026-01-08'),
  );
  await h.command(healthy.familyId, ...healthySteps);
}
