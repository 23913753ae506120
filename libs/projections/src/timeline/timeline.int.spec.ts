import { randomUUID } from 'node:crypto';

import {
  FAMILY_EVENT_TYPES,
  familyStreamId,
  type FamilyCommand,
  type FamilyEvent,
  withoutBsn,
} from '@samenspoor/domain';
import { START, type EventRecord, type JsonObject } from '@samenspoor/event-store';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { InvalidCursorError } from '../cursor';
import type { TableNames } from '../projection';
import { TEST_NOW, TestFamily } from '../testing/family-commands';
import {
  caughtUp,
  openProjectionHarness,
  type ProjectionHarness,
} from '../testing/projection-harness';
import { timelineProjection } from './timeline.projection';
import { familyTimeline, TIMELINE_PAGE_LIMIT, type FamilyTimeline } from './timeline.queries';

type Data<T extends FamilyCommand['type']> = Omit<
  Extract<FamilyCommand, { type: T }>['data'],
  'occurredAt'
>;

/** A command with explicit data, for steps the TestFamily builders fill with bland values. */
function step<T extends FamilyCommand['type']>(type: T, at: string, data: Data<T>): FamilyCommand {
  return {
    type,
    data: { ...data, occurredAt: new Date(at).toISOString() },
    metadata: { now: TEST_NOW },
  } as unknown as FamilyCommand;
}

/**
 * A family whose every personal value (names, BSN, free text, organisations, professional ids) carries the
 * marker PERSONAL, and whose case produces every event type of the domain. Summaries must never show the marker.
 */
const PERSONAL = 'ZQX';
const BSN_YOUTH = '111222333'; // elfproef: 9+8+7+12+10+8+9+6−3 = 66 = 6·11
const BSN_SIBLING = '123456782'; // elfproef: 9+16+21+24+25+24+21+16−2 = 154 = 14·11
const BSN_PARENT = '999990032';

function privateCase() {
  const familyId = randomUUID();
  const youth = randomUUID();
  const parent = randomUUID();
  const sibling = randomUUID();
  const analysisId = randomUUID();
  const planId = randomUUID();
  const trauma = randomUUID();
  const foster = randomUUID();
  const running = randomUUID();
  const measure = randomUUID();
  const goal3 = randomUUID();
  const regie = `p-${PERSONAL}-regie`;
  const second = `p-${PERSONAL}-second`;
  const commands: FamilyCommand[] = [
    step('RegisterFamily', '2026-01-05T09:00:00Z', {
      familyId,
      municipality: 'Groningen',
      members: [
        {
          memberId: youth,
          role: 'youth',
          birthYear: 2012,
          displayName: `${PERSONAL}-Daan-Vos`,
          bsn: BSN_YOUTH,
        },
        { memberId: parent, role: 'parent', displayName: `${PERSONAL}-Petra-Vos` },
      ],
      registrar: {
        professionalId: regie,
        organisation: `${PERSONAL}-WIJ-Oost`,
        discipline: `${PERSONAL}-maatschappelijk-werk`,
      },
    }),
    step('AddFamilyMember', '2026-01-05T10:00:00Z', {
      member: {
        memberId: sibling,
        role: 'sibling',
        displayName: `${PERSONAL}-Sam-Vos`,
        bsn: BSN_SIBLING,
      },
    }),
    step('ReceiveSignal', '2026-01-06T09:00:00Z', {
      signalId: randomUUID(),
      source: 'gp',
      referrerOrganisation: `${PERSONAL}-Huisartsenpraktijk`,
      concerns: ['trauma', 'debts'],
      urgency: 'urgent',
      concernedMemberIds: [youth],
      summary: `${PERSONAL}-signal-summary`,
    }),
    step('HoldConsultation', '2026-01-07T09:00:00Z', {
      consultationId: randomUUID(),
      advice: 'hsj-mcp-route',
    }),
    step('JoinNetwork', '2026-01-08T09:00:00Z', {
      professionalId: second,
      organisation: `${PERSONAL}-Accare-Noord`,
      discipline: `${PERSONAL}-psychiater`,
    }),
    step('AssignCaseDirector', '2026-01-08T10:00:00Z', { professionalId: second }),
    step('AssignCaseDirector', '2026-01-08T11:00:00Z', { professionalId: regie }),
    step('StartExplanatoryAnalysis', '2026-01-09T09:00:00Z', { analysisId }),
    step('CompleteExplanatoryAnalysis', '2026-01-20T09:00:00Z', {
      analysisId,
      safetyLevel: 'unsafe',
      patterns: [`${PERSONAL}-pattern`],
      riskFactors: [`${PERSONAL}-risk`],
      protectiveFactors: [`${PERSONAL}-protective`],
      careNeeds: [{ memberId: youth, need: `${PERSONAL}-need` }],
    }),
    step('AdoptTreatmentPlan', '2026-01-25T09:00:00Z', {
      planId,
      analysisId,
      goals: [
        { description: `${PERSONAL}-goal-1`, memberIds: [youth] },
        { description: `${PERSONAL}-goal-2`, memberIds: [] },
      ],
      goalIds: [randomUUID(), randomUUID()],
      agreedWithFamily: true,
      evaluateBy: '2026-04-01T00:00:00.000Z',
    }),
    step('ReviseTreatmentPlan', '2026-02-01T09:00:00Z', {
      planId,
      reason: `${PERSONAL}-revision-reason`,
      goals: [{ description: `${PERSONAL}-goal-3`, memberIds: [parent] }],
      newGoalIds: [goal3],
    }),
    step('RequestCare', '2026-02-02T09:00:00Z', {
      trajectoryId: trauma,
      careForm: 'trauma-treatment',
      providerId: 'accare',
      memberIds: [youth],
    }),
    step('RequestCare', '2026-02-03T09:00:00Z', {
      trajectoryId: foster,
      careForm: 'foster-care',
      providerId: 'elker',
    }),
    step('WithdrawCareRequest', '2026-02-04T09:00:00Z', {
      trajectoryId: foster,
      reason: `${PERSONAL}-withdraw-reason`,
    }),
    step('RecordRunningCare', '2026-02-05T10:00:00Z', {
      trajectoryId: running,
      careForm: 'foster-care',
      providerId: 'pleegzorg',
      startedAt: '2025-06-01T00:00:00.000Z',
      memberIds: [youth],
      allocationNumber: `${PERSONAL}-allocation`,
    }),
    step('ImposeProtectionMeasure', '2026-02-05T11:00:00Z', {
      measureId: measure,
      kind: 'supervision-order',
      memberIds: [youth],
      institution: `${PERSONAL}-institution`,
      startedAt: '2025-12-01T00:00:00.000Z',
      endsBy: '2026-12-01T00:00:00.000Z',
    }),
    step('MakeSafeAtHomeReport', '2026-02-05T12:00:00Z', {
      reportId: randomUUID(),
      kind: 'report',
      memberIds: [youth],
      outcome: `${PERSONAL}-vt-outcome`,
    }),
    step('RecordMemberView', '2026-02-05T13:00:00Z', {
      viewId: randomUUID(),
      memberId: youth,
      topic: 'safety',
      text: `${PERSONAL}-view`,
      feelsSafe: 4,
    }),
    step('AddInformalSupporter', '2026-02-05T14:00:00Z', {
      supporterId: randomUUID(),
      displayName: `${PERSONAL}-oma`,
      relation: `${PERSONAL}-grandmother`,
    }),
    step('EvaluatePlan', '2026-02-05T15:00:00Z', {
      evaluationId: randomUUID(),
      planId,
      goals: [{ goalId: goal3, status: 'partly-achieved' }],
      familyInvolved: true,
      nextEvaluateBy: '2026-05-01T00:00:00.000Z',
    }),
    step('RecordPlanAgreement', '2026-02-05T15:10:00Z', {
      agreementId: randomUUID(),
      memberId: parent,
      agreed: false,
      comment: `${PERSONAL}-comment`,
    }),
    step('RecordParentalAuthority', '2026-02-05T15:20:00Z', {
      childMemberId: youth,
      holderMemberIds: [parent],
    }),
    step('EndProtectionMeasure', '2026-02-05T16:00:00Z', {
      measureId: measure,
      reason: `${PERSONAL}-measure-end`,
    }),
    step('StartCare', '2026-02-10T09:00:00Z', { trajectoryId: trauma }),
    step('HoldMdo', '2026-02-15T09:00:00Z', {
      mdoId: randomUUID(),
      participants: [`${PERSONAL}-participant`],
      nextMdoDueBy: '2026-03-15T00:00:00.000Z',
      familyPresent: true,
      decisions: [`${PERSONAL}-decision`],
    }),
    step('NoteProgress', '2026-02-16T09:00:00Z', {
      noteId: randomUUID(),
      workstream: 'execution',
      note: `${PERSONAL}-note-1`,
    }),
    step('NoteProgress', '2026-02-17T09:00:00Z', {
      noteId: randomUUID(),
      workstream: 'safety',
      note: `${PERSONAL}-note-2`,
    }),
    step('AssessSafety', '2026-02-18T09:00:00Z', {
      assessmentId: randomUUID(),
      level: 'concerns',
      phase: 'stable-safety',
      notes: `${PERSONAL}-safety-notes`,
    }),
    step('ReviewSafety', '2026-02-19T09:00:00Z', {
      reviewId: randomUUID(),
      outcome: `${PERSONAL}-review-outcome`,
      advice: `${PERSONAL}-review-advice`,
    }),
    step('EndCare', '2026-03-01T09:00:00Z', { trajectoryId: trauma, reason: 'completed' }),
    step('LeaveNetwork', '2026-03-02T09:00:00Z', { professionalId: second }),
    step('RegisterOutflow', '2026-03-05T09:00:00Z', {
      destination: 'local-team',
      reason: `${PERSONAL}-outflow-reason`,
      handoverTo: `${PERSONAL}-WIJ-West`,
      continuingTrajectoryIds: [running],
    }),
    step('RecordFollowUp', '2026-06-05T09:00:00Z', {
      monthsAfterOutflow: 3,
      outcome: `${PERSONAL}-follow-up-outcome`,
    }),
    step('ReceiveSignal', '2026-07-01T09:00:00Z', {
      signalId: randomUUID(),
      source: 'education',
      concerns: ['school-dropout'],
      urgency: 'regular',
      summary: `${PERSONAL}-reentry-summary`,
    }),
    // The iJw chain: the parent takes the BSN of a message linked to it, and an allocation opens a trajectory.
    step('RecordMemberBsn', '2026-07-02T09:00:00Z', { memberId: parent, bsn: BSN_PARENT }),
    step('AllocateCare', '2026-07-03T09:00:00Z', {
      trajectoryId: randomUUID(),
      allocationNumber: '4711',
      productCategory: '45',
      allocatedFrom: '2026-07-03',
      request: { careForm: 'intensive-ambulatory-family', providerId: 'accare' },
    }),
    // The parent (an adult, who decides about their own data) shares it with the youth in "Mijn gezin".
    step('RecordDataSharing', '2026-07-04T09:00:00Z', {
      memberId: parent,
      withMemberId: youth,
      shared: true,
    }),
    step('ErasePersonalData', '2026-08-01T09:00:00Z', { legalBasis: `${PERSONAL}-legal-basis` }),
  ];
  return { familyId, commands };
}

/** Every summary of the private case, in stream order (versions 1 to 38), written out by hand. */
const PRIVATE_SUMMARIES: [string, string][] = [
  ['FamilyRegistered', 'Family registered in Groningen with 2 members (youth, parent)'],
  ['ProfessionalJoinedNetwork', 'Professional joined the network'],
  ['FamilyMemberAdded', 'Family member added (sibling)'],
  ['SignalReceived', 'Signal received from gp (urgent): trauma, debts'],
  ['ConsultationHeld', 'Consultation held: advice hsj-mcp-route'],
  ['ProfessionalJoinedNetwork', 'Professional joined the network'],
  ['CaseDirectorAssigned', 'Case director assigned'],
  ['CaseDirectorAssigned', 'Case director replaced'],
  ['ExplanatoryAnalysisStarted', 'Explanatory analysis started (case 1)'],
  [
    'ExplanatoryAnalysisCompleted',
    'Explanatory analysis completed: safety level unsafe, 1 care need',
  ],
  [
    'TreatmentPlanAdopted',
    'Treatment plan adopted (version 1, 2 goals, agreed with the family, evaluate by 2026-04-01)',
  ],
  ['TreatmentPlanRevised', 'Treatment plan revised (version 2, 1 goal)'],
  ['CareRequested', 'Care requested: trauma-treatment at accare'],
  ['CareRequested', 'Care requested: foster-care at elker'],
  ['CareRequestWithdrawn', 'Care request withdrawn: foster-care at elker'],
  [
    'RunningCareRecorded',
    'Running care recorded: foster-care at pleegzorg (running since 2025-06-01)',
  ],
  [
    'ProtectionMeasureImposed',
    'Protection measure: supervision-order since 2025-12-01, ends by 2026-12-01',
  ],
  ['SafeAtHomeReportMade', 'Reported to Veilig Thuis'],
  ['MemberViewRecorded', "A member's own view recorded (safety); feels safe: 4/10"],
  ['InformalSupporterAdded', 'Informal supporter added'],
  [
    'PlanEvaluated',
    'Plan evaluated (1 goal, with the family, next by 2026-05-01): partly-achieved',
  ],
  ['PlanAgreementRecorded', "A member did not agree to the plan in the family's own view"],
  ['ParentalAuthorityRecorded', 'Parental authority recorded (1 holder)'],
  ['ProtectionMeasureEnded', 'Protection measure ended'],
  ['CareStarted', 'Care started: trauma-treatment at accare'],
  ['MdoHeld', 'MDO held (family present, next MDO due by 2026-03-15)'],
  ['ProgressNoted', 'Progress noted (execution)'],
  ['ProgressNoted', 'Progress noted (safety)'],
  ['SafetyAssessed', 'Safety assessed: concerns (phase: stable-safety)'],
  ['SafetyTeamReviewed', 'Reviewed by the regional safety team'],
  ['CareEnded', 'Care ended (completed): trauma-treatment at accare'],
  ['ProfessionalLeftNetwork', 'Professional left the network'],
  ['CareHandedOver', 'Care handed over at the outflow: foster-care at pleegzorg'],
  ['OutflowRegistered', 'Outflow registered: to local-team, with a warm handover (case 1)'],
  ['FollowUpRecorded', 'Follow-up recorded 3 months after outflow'],
  [
    'SignalReceived',
    'Signal received from education (regular): school-dropout; re-entry after outflow, case 2',
  ],
  ['MemberBsnRecorded', "A member's BSN recorded"],
  [
    'CareRequested',
    'Care requested: intensive-ambulatory-family at accare (outside the plan) — from the iJw chain',
  ],
  [
    'CareAllocated',
    'Care allocated by the municipality: intensive-ambulatory-family at accare (product category 45) from 2026-07-03 — from the iJw chain',
  ],
  [
    'DataSharingRecorded',
    "A member shared their own data with another member in the family's own view",
  ],
  ['PersonalDataErased', 'Personal data erased'],
];

async function appendRaw(
  h: ProjectionHarness,
  streamId: string,
  events: { type: string; data: JsonObject; metadata: JsonObject }[],
): Promise<void> {
  await h.store.appendToStream(
    streamId,
    events.map((e) => ({ eventId: randomUUID(), ...e })),
    { expectedVersion: 'any' },
  );
}

describeOnEachDatabase('family timeline', (kind) => {
  let h: ProjectionHarness;
  let t: TableNames<'tl_entries' | 'tl_trajectories'>;
  let privateFamily: string;
  let crisis: TestFamily;
  let odd: TestFamily;
  let long: TestFamily;

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [timelineProjection], { batchSize: 7 });
    t = h.tables.live(timelineProjection);

    const { familyId, commands } = privateCase();
    privateFamily = familyId;
    await h.command(familyId, ...commands);

    // Crisis care without a plan; the actor of the harness (p-test, professional, WIJ Groningen).
    crisis = new TestFamily('Oldambt');
    await h.command(
      crisis.familyId,
      crisis.register('2026-02-01T00:00:00Z'),
      crisis.requestCare('2026-02-02T00:00:00Z', 'crisis-care', 'crisisdienst'),
    );
    // The start in a later batch than its request: its care form comes from the stored trajectory.
    await caughtUp(h, timelineProjection, [familyStreamId(crisis.familyId)]);
    await h.command(crisis.familyId, crisis.startCare('2026-02-02T06:00:00Z'));

    // Actors as the metadata gives them, a type this code does not know, odd data and another stream.
    odd = new TestFamily('Pekela');
    await h.command(odd.familyId, odd.register('2026-02-01T00:00:00Z'));
    await appendRaw(h, familyStreamId(odd.familyId), [
      {
        type: 'ProgressNoted',
        data: {
          noteId: randomUUID(),
          workstream: 'direction',
          note: 'x',
          occurredAt: '2026-02-03T10:00:00Z',
        },
        metadata: {
          actor: { id: 'p-77', role: 'safety-team', organisation: 'RVT Groningen' },
        },
      },
      {
        type: 'FamilyMovedAbroad',
        data: { occurredAt: '2026-02-04T10:00:00.000Z', country: 'x' },
        metadata: {},
      },
      {
        // No occurredAt in the data: the metadata's is used; free text where an enum belongs is not shown.
        type: 'SignalReceived',
        data: { source: 'Dr. Jansen', urgency: 7, concerns: 'trauma', reentry: 'yes' },
        metadata: { actor: { id: 'p-1' }, occurredAt: '2026-02-05T10:00:00Z' },
      },
      {
        // No usable business time at all: the record time is used. A NUL in a string must not stop it.
        type: 'ProgressNoted',
        data: { workstream: 'exe\u0000cution', note: 'x', occurredAt: 'not a time' },
        metadata: { actor: 'p-2' },
      },
    ]);
    await appendRaw(h, 'other-stream', [
      { type: 'SomethingElse', data: { occurredAt: '2026-02-01T00:00:00Z' }, metadata: {} },
    ]);

    // A long timeline: registration (2 events) and 1,000 progress notes = 1,002 entries.
    long = new TestFamily('Veendam');
    await h.command(long.familyId, long.register('2026-01-01T00:00:00Z'));
    const notes: FamilyEvent[] = Array.from({ length: 1_000 }, (_, i) => ({
      type: 'ProgressNoted',
      data: {
        noteId: randomUUID(),
        workstream: i % 2 === 0 ? 'execution' : 'direction',
        note: 'n',
        occurredAt: new Date(Date.parse('2026-01-02T00:00:00Z') + i * 60_000).toISOString(),
      },
    }));
    await h.append(long.familyId, ...notes);
    await caughtUp(
      h,
      timelineProjection,
      [privateFamily, crisis.familyId, odd.familyId, long.familyId]
        .map(familyStreamId)
        .concat('other-stream'),
    );
  }, 120_000);
  afterAll(() => h.close());

  const timeline = async (familyId: string, filter = {}): Promise<FamilyTimeline> => {
    const result = await familyTimeline(h.database, t, familyId, filter);
    if (!result) throw new Error(`no timeline for ${familyId}`);
    return result;
  };

  it('summarises every event type, and never with a personal value', async () => {
    const { entries } = await timeline(privateFamily);
    expect(entries.map((e) => [e.type, e.summary])).toEqual(PRIVATE_SUMMARIES);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(FAMILY_EVENT_TYPES));
    const summaries = entries.map((e) => e.summary).join('\n');
    expect(summaries).not.toContain(PERSONAL);
    expect(summaries).not.toContain(BSN_YOUTH);
    expect(summaries).not.toContain(BSN_SIBLING);
    expect(summaries).not.toContain(BSN_PARENT);
    // …while the data carries them as stored (so the check above could fail) — but never a BSN.
    const data = JSON.stringify(entries.map((e) => e.data));
    for (const value of [`${PERSONAL}-Daan-Vos`, `${PERSONAL}-note-1`])
      expect(data).toContain(value);
    expect(data).not.toContain(BSN_YOUTH);
    expect(data).not.toContain(BSN_SIBLING);
    expect(data).not.toContain(BSN_PARENT);
    expect(data).toContain('"bsn":"redacted"');
  });

  it('takes version, position, recordedAt and data from the records, oldest first', async () => {
    const { familyId, entries } = await timeline(privateFamily);
    const records = await h.store.readStream(familyStreamId(privateFamily));
    expect(familyId).toBe(privateFamily);
    expect(entries).toHaveLength(41);
    expect(entries.map((e) => e.version)).toEqual(records.map((r) => r.version));
    expect(entries.map((e) => e.version)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(entries.map((e) => e.position)).toEqual(records.map((r) => r.position));
    expect([...entries.map((e) => e.position)].sort()).toEqual(entries.map((e) => e.position));
    expect(entries.map((e) => e.recordedAt)).toEqual(
      records.map((r) => r.recordedAt.toISOString()),
    );
    // The data as stored, but with every BSN redacted.
    expect(entries.map((e) => e.data)).toEqual(records.map((r) => withoutBsn(r.type, r.data)));
    expect(entries[0]!.data).not.toEqual(records[0]!.data);
    expect(entries[3]).toMatchObject({
      type: 'SignalReceived',
      occurredAt: '2026-01-06T09:00:00.000Z',
      actor: { id: 'p-test', role: 'professional', organisation: 'WIJ Groningen' },
    });
  });

  it('says when care was requested without a plan, and which care started in a later batch', async () => {
    const { entries } = await timeline(crisis.familyId);
    expect(entries.map((e) => e.summary)).toEqual([
      'Family registered in Oldambt with 2 members (youth, parent)',
      'Professional joined the network',
      'Care requested: crisis-care at crisisdienst (without a plan)',
      'Care started: crisis-care at crisisdienst',
    ]);
  });

  it('takes the actor from the metadata, keeps unknown types and survives odd data', async () => {
    const { entries } = await timeline(odd.familyId);
    const records = await h.store.readStream(familyStreamId(odd.familyId));
    const last = records.at(-1) as EventRecord;
    expect(
      entries.map(({ version, type, occurredAt, actor, summary }) => ({
        version,
        type,
        occurredAt,
        actor,
        summary,
      })),
    ).toEqual([
      {
        version: 1,
        type: 'FamilyRegistered',
        occurredAt: '2026-02-01T00:00:00.000Z',
        actor: { id: 'p-test', role: 'professional', organisation: 'WIJ Groningen' },
        summary: 'Family registered in Pekela with 2 members (youth, parent)',
      },
      {
        version: 2,
        type: 'ProfessionalJoinedNetwork',
        occurredAt: '2026-02-01T00:00:00.000Z',
        actor: { id: 'p-test', role: 'professional', organisation: 'WIJ Groningen' },
        summary: 'Professional joined the network',
      },
      {
        version: 3,
        type: 'ProgressNoted',
        occurredAt: '2026-02-03T10:00:00.000Z',
        actor: { id: 'p-77', role: 'safety-team', organisation: 'RVT Groningen' },
        summary: 'Progress noted (direction)',
      },
      {
        version: 4,
        type: 'FamilyMovedAbroad',
        occurredAt: '2026-02-04T10:00:00.000Z',
        actor: { id: null, role: null, organisation: null },
        summary: 'FamilyMovedAbroad',
      },
      {
        version: 5,
        type: 'SignalReceived',
        occurredAt: '2026-02-05T10:00:00.000Z',
        actor: { id: 'p-1', role: null, organisation: null },
        summary: 'Signal received from unknown (unknown)',
      },
      {
        version: 6,
        type: 'ProgressNoted',
        occurredAt: last.recordedAt.toISOString(),
        actor: { id: null, role: null, organisation: null },
        summary: 'Progress noted (exe cution)',
      },
    ]);
    expect(entries[5]?.data).toEqual({
      workstream: 'exe\u0000cution',
      note: 'x',
      occurredAt: 'not a time',
    });
  });

  it('answers undefined for a family without entries, and an empty page for a filter without matches', async () => {
    expect(await familyTimeline(h.database, t, randomUUID())).toBeUndefined();
    expect(await familyTimeline(h.database, t, 'other-stream')).toBeUndefined();
    expect(await timeline(privateFamily, { types: ['Nothing'] })).toEqual({
      familyId: privateFamily,
      entries: [],
      nextCursor: null,
    });
  });

  it('filters by type, workstream and business time', async () => {
    const versions = async (filter: object) =>
      (await timeline(privateFamily, filter)).entries.map((e) => e.version);
    // Care requested at v13 and v14 (and by the chain at v38), started at v25 (after the nine steps of
    // 2026-02-05, v16 to v24).
    expect(await versions({ types: ['CareRequested', 'CareStarted'] })).toEqual([13, 14, 25, 38]);
    // Progress notes: v27 execution, v28 safety.
    expect(await versions({ workstream: 'safety' })).toEqual([28]);
    expect(await versions({ types: ['ProgressNoted'] })).toEqual([27, 28]);
    // 2026-02-01T09:00 (v12), 02-02 (v13), 02-03 (v14), 02-04T09:00 (v15): `to` as a day includes all of it…
    expect(await versions({ from: '2026-02-01T00:00:00Z', to: '2026-02-04' })).toEqual([
      12, 13, 14, 15,
    ]);
    // …as a moment it is inclusive: 02-04T09:00 is in at 09:00 and out at 08:59:59.999.
    expect(await versions({ from: '2026-02-01T09:00:00Z', to: '2026-02-04T09:00:00Z' })).toEqual([
      12, 13, 14, 15,
    ]);
    expect(
      await versions({ from: '2026-02-01T09:00:00.001Z', to: '2026-02-04T08:59:59.999Z' }),
    ).toEqual([13, 14]);
    // Combined: signals from July on → only the re-entry (v36).
    expect(await versions({ types: ['SignalReceived'], from: '2026-07-01' })).toEqual([36]);
  });

  it('pages on the version, at most 1,000 entries a page', async () => {
    // 41 entries in pages of 10: 10 + 10 + 10 + 10 + 1.
    const first = await timeline(privateFamily, { limit: 10 });
    const second = await timeline(privateFamily, { limit: 10, cursor: first.nextCursor! });
    const third = await timeline(privateFamily, { limit: 10, cursor: second.nextCursor! });
    const fourth = await timeline(privateFamily, { limit: 10, cursor: third.nextCursor! });
    expect(first.entries.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(second.entries.map((e) => e.version)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(third.entries.map((e) => e.version)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(fourth.entries.map((e) => e.version)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    const fifth = await timeline(privateFamily, { limit: 10, cursor: fourth.nextCursor! });
    expect(fifth.entries.map((e) => e.version)).toEqual([41]);
    expect(fifth.nextCursor).toBeNull();
    // Filters and paging together: 500 execution notes (the k-th at version 3 + 2k: 3, 5, …, 1001), 300 a
    // page: the first ends at 3 + 2·299 = 601, the second holds 603 … 1001.
    const notes = await timeline(long.familyId, { workstream: 'execution', limit: 300 });
    expect(notes.entries).toHaveLength(300);
    expect(notes.entries.at(-1)?.version).toBe(3 + 2 * 299);
    const rest = await timeline(long.familyId, {
      workstream: 'execution',
      limit: 300,
      cursor: notes.nextCursor!,
    });
    expect(rest.entries.map((e) => e.version)).toEqual(
      Array.from({ length: 200 }, (_, i) => 603 + 2 * i),
    );
    expect(rest.nextCursor).toBeNull();
  });

  it('caps a page at 1,000 entries, also without or above a limit', async () => {
    // 2 registration events + 1,000 notes = 1,002 entries: 1,000 on the first page, versions 1001 and 1002 after.
    const first = await timeline(long.familyId);
    expect(first.entries).toHaveLength(TIMELINE_PAGE_LIMIT);
    expect(first.entries.at(-1)?.version).toBe(1_000);
    const above = await timeline(long.familyId, { limit: 5_000 });
    expect(above.entries).toHaveLength(1_000);
    const second = await timeline(long.familyId, { cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.version)).toEqual([1_001, 1_002]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(timeline(privateFamily, { cursor: 'bogus' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    const forged = Buffer.from(JSON.stringify(['-1'])).toString('base64url');
    await expect(timeline(privateFamily, { cursor: forged })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('changes nothing when the same events are applied again', async () => {
    const before = await timeline(privateFamily);
    const oddBefore = await timeline(odd.familyId);
    const page = await h.store.readAll({ after: START, limit: 100 });
    await h.database.transaction((tx) => timelineProjection.apply(tx, page.events, t));
    expect(await timeline(privateFamily)).toEqual(before);
    expect(await timeline(odd.familyId)).toEqual(oddBefore);
  });
});
