import { DEFAULT_REGION, type FamilyEvent } from '@samenspoor/domain';
import { describeWithPostgres } from '@samenspoor/testing';

import { TestFamily } from '../testing/family-commands';
import {
  allEvents,
  openProjectionHarness,
  tablesBeside,
  type ProjectionHarness,
} from '../testing/projection-harness';
import { safetyOverviewProjection } from './safety-overview.projection';
import { safetyOverview, type SafetyOverviewFilter } from './safety-overview.queries';

/** The lists of v1; those of the route as the region runs it are tested in safety-overview.route.int.spec.ts. */
type ListName =
  'noCaseDirector' | 'planOverdue' | 'mdoOverdue' | 'unsafeWithoutReview' | 'followUpDue';
type View = Record<ListName, { family: string; since: string }[]>;

const EMPTY: View = {
  noCaseDirector: [],
  planOverdue: [],
  mdoOverdue: [],
  unsafeWithoutReview: [],
  followUpDue: [],
};

function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;

  // Case director (Groningen): D1 signalled 2026-01-01T10:00 and got its director only on 2026-01-20T10:00;
  // D2 has one from the signal on; D3 is registered without a signal, so it is not on the route.
  const d1 = new TestFamily('Groningen');
  const d2 = new TestFamily('Groningen');
  const d3 = new TestFamily('Groningen');
  // Plan (Pekela): both signalled 2026-01-01T10:00 with a director; P1 adopts its plan on 2026-02-20T10:00,
  // P2 on 2026-01-20T10:00 (within the 42 days).
  const p1 = new TestFamily('Pekela');
  const p2 = new TestFamily('Pekela');
  // MDOs (Het Hogeland), all on track from 2026-01-01.
  const m1 = new TestFamily('Het Hogeland');
  const m2 = new TestFamily('Het Hogeland');
  const m3 = new TestFamily('Het Hogeland');
  // Safety (Eemsdelta), all on track from 2026-01-01.
  const u1 = new TestFamily('Eemsdelta');
  const u2 = new TestFamily('Eemsdelta');
  const u3 = new TestFamily('Eemsdelta');
  const u4 = new TestFamily('Eemsdelta');
  // Outflow and follow-up (Veendam).
  const f1 = new TestFamily('Veendam');
  const f2 = new TestFamily('Veendam');
  // Re-entry (Westerwolde).
  const r1 = new TestFamily('Westerwolde');
  const r2 = new TestFamily('Westerwolde');
  // Erasure (Oldambt).
  const e1 = new TestFamily('Oldambt');
  // Odd events (Stadskanaal).
  const x1 = new TestFamily('Stadskanaal');

  const labels = new Map<string, string>(
    Object.entries({ d1, d2, d3, p1, p2, m1, m2, m3, u1, u2, u3, u4, f1, f2, r1, r2, e1, x1 }).map(
      ([label, family]) => [family.familyId, label.toUpperCase()],
    ),
  );

  /** The overview at `asOf`, with every list narrowed to the given families and their ids as labels. */
  async function view(
    asOf: string,
    families: readonly TestFamily[],
    filter?: SafetyOverviewFilter,
  ): Promise<View> {
    const overview = await safetyOverview(
      h.database,
      h.tables.live(safetyOverviewProjection),
      DEFAULT_REGION,
      new Date(asOf),
      filter,
    );
    const ids = new Set<string>(families.map((f) => f.familyId));
    const narrow = (list: ListName) =>
      overview[list]
        .filter((item) => ids.has(item.familyId))
        .map((item) => ({ family: labels.get(item.familyId) ?? '?', since: item.since }));
    return {
      noCaseDirector: narrow('noCaseDirector'),
      planOverdue: narrow('planOverdue'),
      mdoOverdue: narrow('mdoOverdue'),
      unsafeWithoutReview: narrow('unsafeWithoutReview'),
      followUpDue: narrow('followUpDue'),
    };
  }

  /** Two families with the same `since`, in family id order (the lists' tie-break). */
  function byId(...families: TestFamily[]): TestFamily[] {
    return [...families].sort((a, b) => (a.familyId < b.familyId ? -1 : 1));
  }

  beforeAll(async () => {
    // One event per batch: every fact is merged with what earlier batches stored.
    h = await openProjectionHarness(kind, [safetyOverviewProjection], { batchSize: 1 });
    await h.command(
      d1.familyId,
      ...d1.signalled('2026-01-01'),
      d1.join('2026-01-02T00:00:00Z', 'p-regie'),
      d1.assignDirector('2026-01-20T10:00:00Z', 'p-regie'),
    );
    await h.command(
      d2.familyId,
      ...d2.signalled('2026-01-01'),
      d2.assignDirector('2026-01-01T10:00:00Z', 'p-registrar'),
    );
    await h.command(d3.familyId, d3.register('2026-01-01T00:00:00Z'));
    for (const [family, planAt] of [
      [p1, '2026-02-20T10:00:00Z'],
      [p2, '2026-01-20T10:00:00Z'],
    ] as const) {
      await h.command(
        family.familyId,
        ...family.signalled('2026-01-01'),
        family.assignDirector('2026-01-01T10:00:00Z', 'p-registrar'),
        family.startAnalysis('2026-01-05T10:00:00Z'),
        family.completeAnalysis('2026-01-10T10:00:00Z'),
        family.adoptPlan(planAt),
      );
    }
    await h.command(
      m1.familyId,
      ...m1.onTrack('2026-01-01'),
      m1.mdo('2026-01-10T09:00:00Z', '2026-02-10T09:00:00Z'),
    );
    await h.command(
      m2.familyId,
      ...m2.onTrack('2026-01-01'),
      m2.mdo('2026-02-01T09:00:00Z', '2026-02-15T09:00:00Z'),
      // Logged later, held earlier: the last MDO by business time stays the one of 2026-02-01.
      m2.mdo('2026-01-15T09:00:00Z', '2026-01-20T09:00:00Z'),
    );
    await h.command(
      m3.familyId,
      ...m3.onTrack('2026-01-01'),
      m3.mdo('2026-01-10T09:00:00Z', '2026-02-10T09:00:00Z'),
      m3.mdo('2026-02-05T09:00:00Z', '2026-03-05T09:00:00Z'),
    );
    await h.command(
      u1.familyId,
      ...u1.onTrack('2026-01-01'),
      u1.assessSafety('2026-03-01T10:00:00Z', 'unsafe'),
      u1.reviewSafety('2026-03-03T10:00:00Z'),
      u1.assessSafety('2026-03-10T10:00:00Z', 'unsafe'),
    );
    // The analysis of U2 completes `unsafe` on 2026-01-03T10:00; a later assessment finds it safe.
    await h.command(
      u2.familyId,
      ...u2.onTrack('2026-01-01', 'unsafe'),
      u2.assessSafety('2026-01-20T10:00:00Z', 'safe'),
    );
    // U3: a review at the very moment of the assessment, recorded after it, covers it.
    await h.command(
      u3.familyId,
      ...u3.onTrack('2026-01-01'),
      u3.assessSafety('2026-02-01T08:00:00Z', 'unsafe'),
      u3.reviewSafety('2026-02-01T08:00:00Z'),
    );
    // U4: the assessment of 2026-02-05 is logged after the review of 2026-02-10, which still comes after it.
    await h.command(
      u4.familyId,
      ...u4.onTrack('2026-01-01'),
      u4.reviewSafety('2026-02-10T10:00:00Z'),
      u4.assessSafety('2026-02-05T10:00:00Z', 'unsafe'),
    );
    // F1: no director, no plan, an overdue MDO and an unsafe assessment until it flows out on 2026-01-31T12:00;
    // follow-ups after 3 months on 2026-05-05T12:00 and after 6 months on 2026-08-01T00:00.
    await h.command(
      f1.familyId,
      ...f1.signalled('2025-10-01'),
      f1.mdo('2025-11-01T00:00:00Z', '2025-12-01T00:00:00Z'),
      f1.assessSafety('2025-11-01T10:00:00Z', 'unsafe'),
      f1.outflow('2026-01-31T12:00:00Z'),
      f1.followUp('2026-05-05T12:00:00Z', 3),
      f1.followUp('2026-08-01T00:00:00Z', 6),
    );
    // F2: signalled 2025-10-02T10:00, director at once, no plan; flows out 2026-02-15T09:00, no follow-up.
    await h.command(
      f2.familyId,
      f2.register('2025-10-01T00:00:00Z'),
      f2.signal('2025-10-02T10:00:00Z'),
      f2.assignDirector('2025-10-02T10:00:00Z', 'p-registrar'),
      f2.outflow('2026-02-15T09:00:00Z'),
    );
    // R1: a first case with director and plan flows out on 2025-09-01T10:00; a signal on 2026-01-10T10:00
    // reopens it (case 2), without a follow-up in between.
    await h.command(
      r1.familyId,
      ...r1.onTrack('2025-06-01'),
      r1.outflow('2025-09-01T10:00:00Z'),
      r1.signal('2026-01-10T10:00:00Z'),
    );
    // R2: a first case without director or plan, with an MDO and an unsafe assessment, flows out on
    // 2025-09-01T10:00; a signal on 2026-01-10T10:00 reopens it.
    await h.command(
      r2.familyId,
      ...r2.signalled('2025-06-01'),
      r2.mdo('2025-06-05T10:00:00Z', '2025-07-01T00:00:00Z'),
      r2.assessSafety('2025-06-10T10:00:00Z', 'unsafe'),
      r2.outflow('2025-09-01T10:00:00Z'),
      r2.signal('2026-01-10T10:00:00Z'),
    );
    // E1: signalled 2026-01-01T10:00, personal data erased on 2026-01-05: nothing can be logged afterwards.
    await h.command(e1.familyId, ...e1.signalled('2026-01-01'), e1.erase('2026-01-05T00:00:00Z'));
    // X1: signalled 2026-01-01T10:00; then events the decider would never produce, then a real assessment.
    await h.command(x1.familyId, ...x1.signalled('2026-01-01'));
    await h.append(
      x1.familyId,
      ...([
        { type: 'MdoHeld', data: { mdoId: 'm', nextMdoDueBy: 'soon', occurredAt: '2026-01-02' } },
        {
          type: 'SafetyAssessed',
          data: { assessmentId: 'a', level: 'unsafe', occurredAt: 'gisteren' },
        },
        {
          type: 'SignalReceived',
          data: { signalId: 's', caseNumber: 'two', occurredAt: '2026-01-03' },
        },
        { type: 'TreatmentPlanAdopted', data: { planId: 'p', occurredAt: '2026-01-04T00:00:00Z' } },
      ] as unknown as FamilyEvent[]),
    );
    await h.command(x1.familyId, x1.assessSafety('2026-02-01T10:00:00Z', 'unsafe'));
    await h.settled();
  });
  afterAll(() => h.close());

  describe('no case director', () => {
    const families = [d1, d2, d3];

    it('lists a family from 14 days after its first signal, not at 13', async () => {
      // Signal 2026-01-01T10:00 + 13 days = 2026-01-14T10:00: not yet.
      expect(await view('2026-01-14T10:00:00.000Z', families)).toEqual(EMPTY);
      expect(await view('2026-01-15T09:59:59.999Z', families)).toEqual(EMPTY);
      // + 14 days = 2026-01-15T10:00: D1 is listed from that moment; D2 has had a director since its signal.
      expect(await view('2026-01-15T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        noCaseDirector: [{ family: 'D1', since: '2026-01-15T10:00:00.000Z' }],
      });
    });

    it('removes the family once a case director is assigned, late', async () => {
      expect(await view('2026-01-20T09:59:59.999Z', families)).toEqual({
        ...EMPTY,
        noCaseDirector: [{ family: 'D1', since: '2026-01-15T10:00:00.000Z' }],
      });
      // Assigned on 2026-01-20T10:00.
      expect(await view('2026-01-20T10:00:00.000Z', families)).toEqual(EMPTY);
    });

    it('leaves out a registered family without a signal, and orders equal `since` by family id', async () => {
      // D1 and D2 have no plan: both overdue from 2026-01-01T10:00 + 42 days = 2026-02-12T10:00. D3, without
      // a signal, is on no list.
      expect(await view('2026-03-01T00:00:00.000Z', families)).toEqual({
        ...EMPTY,
        planOverdue: byId(d1, d2).map((f) => ({
          family: labels.get(f.familyId),
          since: '2026-02-12T10:00:00.000Z',
        })),
      });
    });
  });

  describe('plan overdue', () => {
    const families = [p1, p2];

    it('lists a family from 42 days after its first signal, not at 41', async () => {
      // 2026-01-01T10:00 + 41 days = 2026-02-11T10:00 (31 days of January + 10).
      expect(await view('2026-02-11T10:00:00.000Z', families)).toEqual(EMPTY);
      expect(await view('2026-02-12T09:59:59.999Z', families)).toEqual(EMPTY);
      // + 42 days = 2026-02-12T10:00: P1 has no plan yet; P2 adopted one on 2026-01-20.
      expect(await view('2026-02-12T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        planOverdue: [{ family: 'P1', since: '2026-02-12T10:00:00.000Z' }],
      });
    });

    it('removes the family once its plan is adopted', async () => {
      expect(await view('2026-02-20T09:59:59.999Z', families)).toEqual({
        ...EMPTY,
        planOverdue: [{ family: 'P1', since: '2026-02-12T10:00:00.000Z' }],
      });
      expect(await view('2026-02-20T10:00:00.000Z', families)).toEqual(EMPTY);
    });
  });

  describe('MDO overdue', () => {
    const families = [m1, m2, m3];

    it('lists a family 1 ms after the next MDO was due, not at the due moment', async () => {
      // M1's only MDO is due 2026-02-10T09:00; M2's last MDO (2026-02-01) is due 2026-02-15T09:00; M3's last
      // MDO (2026-02-05) is due 2026-03-05T09:00.
      expect(await view('2026-02-10T09:00:00.000Z', families)).toEqual(EMPTY);
      expect(await view('2026-02-10T09:00:00.001Z', families)).toEqual({
        ...EMPTY,
        mdoOverdue: [{ family: 'M1', since: '2026-02-10T09:00:00.000Z' }],
      });
    });

    it('takes the last MDO by business time at asOf', async () => {
      // 2026-01-19: M2's last MDO held by then is the one of 2026-01-15, due 2026-01-20T09:00: not yet.
      expect(await view('2026-01-19T00:00:00.000Z', families)).toEqual(EMPTY);
      // 2026-01-25: that MDO is overdue (the one of 2026-02-01 was not held yet).
      expect(await view('2026-01-25T00:00:00.000Z', families)).toEqual({
        ...EMPTY,
        mdoOverdue: [{ family: 'M2', since: '2026-01-20T09:00:00.000Z' }],
      });
      // 2026-03-06: every last MDO is overdue, ordered by due moment: M1 02-10, M2 02-15 (the backdated MDO of
      // 01-15 was logged last, but held earlier), M3 03-05 (its MDO of 02-05 replaced the one due 02-10).
      expect(await view('2026-03-06T00:00:00.000Z', families)).toEqual({
        ...EMPTY,
        mdoOverdue: [
          { family: 'M1', since: '2026-02-10T09:00:00.000Z' },
          { family: 'M2', since: '2026-02-15T09:00:00.000Z' },
          { family: 'M3', since: '2026-03-05T09:00:00.000Z' },
        ],
      });
    });
  });

  describe('unsafe without review', () => {
    const families = [u1, u2, u3, u4];

    it('lists an unsafe assessment until a review, and again after a new unsafe assessment', async () => {
      expect(await view('2026-03-01T09:59:59.999Z', families)).toEqual(EMPTY);
      expect(await view('2026-03-01T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        unsafeWithoutReview: [{ family: 'U1', since: '2026-03-01T10:00:00.000Z' }],
      });
      expect(await view('2026-03-03T09:59:59.999Z', families)).toEqual({
        ...EMPTY,
        unsafeWithoutReview: [{ family: 'U1', since: '2026-03-01T10:00:00.000Z' }],
      });
      // Reviewed on 2026-03-03T10:00.
      expect(await view('2026-03-03T10:00:00.000Z', families)).toEqual(EMPTY);
      // Assessed unsafe again on 2026-03-10T10:00: `since` is the new assessment.
      expect(await view('2026-03-10T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        unsafeWithoutReview: [{ family: 'U1', since: '2026-03-10T10:00:00.000Z' }],
      });
    });

    it('counts an analysis completed as unsafe, until a later assessment', async () => {
      expect(await view('2026-01-03T09:59:59.999Z', families)).toEqual(EMPTY);
      // U2's analysis completed on 2026-01-01T10:00 + 2 days = 2026-01-03T10:00 with safety level unsafe.
      expect(await view('2026-01-03T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        unsafeWithoutReview: [{ family: 'U2', since: '2026-01-03T10:00:00.000Z' }],
      });
      // Assessed safe on 2026-01-20T10:00: the latest assessment is no longer unsafe.
      expect(await view('2026-01-20T10:00:00.000Z', families)).toEqual(EMPTY);
    });

    it('orders assessment and review by business time, then by stream order', async () => {
      // U3: review at the same moment as the assessment, recorded after it: reviewed.
      expect(await view('2026-02-01T08:00:00.000Z', families)).toEqual(EMPTY);
      // U4: the assessment of 2026-02-05T10:00 is unreviewed until the review of 2026-02-10T10:00.
      expect(await view('2026-02-07T00:00:00.000Z', families)).toEqual({
        ...EMPTY,
        unsafeWithoutReview: [{ family: 'U4', since: '2026-02-05T10:00:00.000Z' }],
      });
      expect(await view('2026-02-10T10:00:00.000Z', families)).toEqual(EMPTY);
    });
  });

  describe('outflow and follow-up', () => {
    const families = [f1, f2];

    it('takes a family off the first four lists when it flows out', async () => {
      // Just before F1's outflow: no director since 2025-10-01T10:00 + 14 d = 2025-10-15T10:00; no plan since
      // + 42 d = 2025-11-12T10:00 (31 days of October + 11); MDO due 2025-12-01; unsafe since 2025-11-01T10:00.
      // F2 (signal 2025-10-02T10:00) has no plan since 2025-11-13T10:00.
      expect(await view('2026-01-31T11:59:59.999Z', families)).toEqual({
        noCaseDirector: [{ family: 'F1', since: '2025-10-15T10:00:00.000Z' }],
        planOverdue: [
          { family: 'F1', since: '2025-11-12T10:00:00.000Z' },
          { family: 'F2', since: '2025-11-13T10:00:00.000Z' },
        ],
        mdoOverdue: [{ family: 'F1', since: '2025-12-01T00:00:00.000Z' }],
        unsafeWithoutReview: [{ family: 'F1', since: '2025-11-01T10:00:00.000Z' }],
        followUpDue: [],
      });
      // F1 flowed out on 2026-01-31T12:00.
      expect(await view('2026-01-31T12:00:00.000Z', families)).toEqual({
        ...EMPTY,
        planOverdue: [{ family: 'F2', since: '2025-11-13T10:00:00.000Z' }],
      });
    });

    it('is due 3 calendar months after outflow: 2026-01-31 → 2026-04-30', async () => {
      // 2026-01-31T12:00 + 3 months = 2026-04-30T12:00 (April has 30 days; 90 days would be 2026-05-01).
      expect(await view('2026-04-30T11:59:59.999Z', families)).toEqual(EMPTY);
      expect(await view('2026-04-30T12:00:00.000Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'F1', since: '2026-04-30T12:00:00.000Z' }],
      });
    });

    it('is done at 3 months, then due at 6', async () => {
      // F1's 3-month follow-up on 2026-05-05T12:00; F2's is due 2026-02-15T09:00 + 3 months = 2026-05-15T09:00.
      expect(await view('2026-05-05T12:00:00.000Z', families)).toEqual(EMPTY);
      expect(await view('2026-05-15T09:00:00.000Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'F2', since: '2026-05-15T09:00:00.000Z' }],
      });
      // F1's 6-month follow-up: 2026-01-31T12:00 + 6 months = 2026-07-31T12:00 (180 days would be 07-30).
      expect(await view('2026-07-31T11:59:59.999Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'F2', since: '2026-05-15T09:00:00.000Z' }],
      });
      expect(await view('2026-07-31T12:00:00.000Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [
          { family: 'F2', since: '2026-05-15T09:00:00.000Z' },
          { family: 'F1', since: '2026-07-31T12:00:00.000Z' },
        ],
      });
      // F1 did its 6-month follow-up on 2026-08-01. F2, past 6 months (2026-08-15T09:00) without any follow-up,
      // stays listed since its missing 3-month one.
      expect(await view('2026-08-20T00:00:00.000Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'F2', since: '2026-05-15T09:00:00.000Z' }],
      });
    });
  });

  describe('re-entry', () => {
    const families = [r1];

    it('ends the follow-up, keeps the case director and asks a plan for the new case', async () => {
      // Outflow 2025-09-01T10:00 + 3 months = 2025-12-01T10:00, no follow-up recorded.
      expect(await view('2026-01-10T09:59:59.999Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'R1', since: '2025-12-01T10:00:00.000Z' }],
      });
      // The re-entry signal of 2026-01-10T10:00 opens case 2.
      expect(await view('2026-01-10T10:00:00.000Z', families)).toEqual(EMPTY);
      // 14 days later: the case director of case 1 directs case 2 too.
      expect(await view('2026-01-24T10:00:00.000Z', families)).toEqual(EMPTY);
      // 2026-01-10T10:00 + 42 days = 2026-02-21T10:00 (21 days left in January + 21): the plan of case 1 does
      // not count for case 2.
      expect(await view('2026-02-21T09:59:59.999Z', families)).toEqual(EMPTY);
      expect(await view('2026-02-21T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        planOverdue: [{ family: 'R1', since: '2026-02-21T10:00:00.000Z' }],
      });
    });
  });

  describe('earlier cases', () => {
    const families = [r2];

    it('computes the lists of an earlier case at a past moment', async () => {
      // At 2025-08-01 case 1 is open: no director since 2025-06-01T10:00 + 14 d = 2025-06-15T10:00; no plan
      // since + 42 d = 2025-07-13T10:00 (29 days left in June + 13); MDO due 2025-07-01; unsafe since 06-10.
      expect(await view('2025-08-01T00:00:00.000Z', families)).toEqual({
        noCaseDirector: [{ family: 'R2', since: '2025-06-15T10:00:00.000Z' }],
        planOverdue: [{ family: 'R2', since: '2025-07-13T10:00:00.000Z' }],
        mdoOverdue: [{ family: 'R2', since: '2025-07-01T00:00:00.000Z' }],
        unsafeWithoutReview: [{ family: 'R2', since: '2025-06-10T10:00:00.000Z' }],
        followUpDue: [],
      });
      // Flowed out: the 3-month follow-up is due 2025-09-01T10:00 + 3 months = 2025-12-01T10:00.
      expect(await view('2025-12-01T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        followUpDue: [{ family: 'R2', since: '2025-12-01T10:00:00.000Z' }],
      });
    });

    it('carries the last MDO and the last assessment over to the new case', async () => {
      // Case 2 from 2026-01-10T10:00: no director since + 14 d = 2026-01-24T10:00. The family's last MDO (due
      // 2025-07-01) and its last assessment (unsafe, 2025-06-10, never reviewed) are the family's, of any case.
      expect(await view('2026-01-24T09:59:59.999Z', families)).toEqual({
        ...EMPTY,
        mdoOverdue: [{ family: 'R2', since: '2025-07-01T00:00:00.000Z' }],
        unsafeWithoutReview: [{ family: 'R2', since: '2025-06-10T10:00:00.000Z' }],
      });
      expect(await view('2026-01-24T10:00:00.000Z', families)).toEqual({
        ...EMPTY,
        noCaseDirector: [{ family: 'R2', since: '2026-01-24T10:00:00.000Z' }],
        mdoOverdue: [{ family: 'R2', since: '2025-07-01T00:00:00.000Z' }],
        unsafeWithoutReview: [{ family: 'R2', since: '2025-06-10T10:00:00.000Z' }],
      });
    });
  });

  describe('municipality', () => {
    it('is on every item, and filters every list', async () => {
      const t = h.tables.live(safetyOverviewProjection);
      const asOf = new Date('2026-02-15T00:00:00.000Z');
      // D1 (Groningen) and P1 (Pekela) both have no plan since 2026-02-12T10:00.
      const all = await safetyOverview(h.database, t, DEFAULT_REGION, asOf);
      expect(
        all.planOverdue.filter((i) => [d1, p1].some((f) => f.familyId === i.familyId)),
      ).toEqual(
        byId(d1, p1).map((f) => ({
          familyId: f.familyId,
          since: '2026-02-12T10:00:00.000Z',
          municipality: f.municipality,
        })),
      );
      // Pekela has P1 and P2 only; P2 is on track.
      expect(
        await safetyOverview(h.database, t, DEFAULT_REGION, asOf, { municipality: 'Pekela' }),
      ).toEqual({
        asOf: '2026-02-15T00:00:00.000Z',
        noCaseDirector: [],
        planOverdue: [
          { familyId: p1.familyId, since: '2026-02-12T10:00:00.000Z', municipality: 'Pekela' },
        ],
        mdoOverdue: [],
        unsafeWithoutReview: [],
        followUpDue: [],
        inCareWithoutMdo: [],
        planWithoutCare: [],
        evaluationOverdue: [],
        openCrisis: [],
        protectionMeasureActive: [],
        reassessmentDue: [],
        careOutsidePlan: [],
      });
    });
  });

  describe('erasure and odd data', () => {
    it('keeps an erased family on its lists: erasure removes personal data, not facts', async () => {
      // Signal 2026-01-01T10:00, erased 2026-01-05: no director since 2026-01-15T10:00, no plan since 02-12.
      expect(await view('2026-03-01T00:00:00.000Z', [e1])).toEqual({
        ...EMPTY,
        noCaseDirector: [{ family: 'E1', since: '2026-01-15T10:00:00.000Z' }],
        planOverdue: [{ family: 'E1', since: '2026-02-12T10:00:00.000Z' }],
      });
    });

    it('skips events with odd data and goes on', async () => {
      // The MDO without a due date, the assessment without a time, the signal without a case number and the plan
      // without a case number are left out; the assessment of 2026-02-01T10:00 after them is applied.
      expect(await view('2026-03-01T00:00:00.000Z', [x1])).toEqual({
        ...EMPTY,
        noCaseDirector: [{ family: 'X1', since: '2026-01-15T10:00:00.000Z' }],
        planOverdue: [{ family: 'X1', since: '2026-02-12T10:00:00.000Z' }],
        unsafeWithoutReview: [{ family: 'X1', since: '2026-02-01T10:00:00.000Z' }],
      });
    });
  });

  it('gives the same lists from all events in one batch, and applying them again changes nothing', async () => {
    // The live tables were built one event per batch; these from all events in a single batch.
    const live = h.tables.live(safetyOverviewProjection);
    const once = await tablesBeside(h, safetyOverviewProjection, 'once');
    const events = await allEvents(h);
    await safetyOverviewProjection.apply(h.database, events, once);
    const moments = [
      '2025-08-01T00:00:00Z',
      '2025-12-01T10:00:00Z',
      '2026-01-03T10:00:00Z',
      '2026-01-15T10:00:00Z',
      '2026-01-25T00:00:00Z',
      '2026-02-07T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-03-10T10:00:00Z',
      '2026-05-15T09:00:00Z',
      '2026-08-20T00:00:00Z',
    ];
    const read = (t: typeof live) =>
      Promise.all(moments.map((m) => safetyOverview(h.database, t, DEFAULT_REGION, new Date(m))));
    const expected = await read(live);
    expect(await read(once)).toEqual(expected);
    await safetyOverviewProjection.apply(h.database, events, live);
    expect(await read(live)).toEqual(expected);
    // Not vacuous: at 2026-03-01 the MDOs of R2 (due 2025-07-01), M1 (due 02-10) and M2 (due 02-15) are overdue.
    expect(expected[6]?.mdoOverdue.map((i) => labels.get(i.familyId))).toEqual(['R2', 'M1', 'M2']);
  });
}

describe('safety overview (embedded store)', () => suite('pglite'));
describeWithPostgres('safety overview (PostgreSQL)', () => suite('postgres'));
