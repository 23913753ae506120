import { randomUUID } from 'node:crypto';

import { DEFAULT_REGION, type FamilyCommand, type FamilyEvent } from '@samenspoor/domain';
import { START } from '@samenspoor/event-store';
import { describeWithPostgres } from '@samenspoor/testing';

import { TestFamily } from '../testing/family-commands';
import { openProjectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { outflowProjection } from './outflow.projection';
import {
  outflowCells,
  outflowFigures,
  outflowFiguresOf,
  outflowMonthCells,
  type OutflowFilter,
  type OutflowPeriod,
} from './outflow.queries';

type Destination = Parameters<TestFamily['outflow']>[1];

const DAY_MS = 86_400_000;
const daysBefore = (at: string, days: number) =>
  new Date(Date.parse(at) - days * DAY_MS).toISOString();

/** Registered two days and signalled one day before it flows out at `at`. */
function flowedOut(family: TestFamily, at: string, destination: Destination): FamilyCommand[] {
  return [
    family.register(daysBefore(at, 2)),
    family.signal(daysBefore(at, 1)),
    family.outflow(at, destination),
  ];
}

/** All destinations at 0, with the given counts. */
function destinations(counts: Record<string, number> = {}): Record<string, number> {
  return {
    'local-team': 0,
    'regular-care': 0,
    'adult-care': 0,
    'no-further-care': 0,
    moved: 0,
    other: 0,
    ...counts,
  };
}

/**
 * The data, one scenario per municipality so that each can be read with the municipality filter:
 *
 * Pekela, period boundaries (each family registered 2 days and signalled 1 day before its outflow):
 *   P1 2026-06-01T00:00:00 local-team · P2 2026-06-30T23:59:00 adult-care · P3 2026-07-01T00:00:00 moved ·
 *   P4 2026-05-31T23:59:59 regular-care · P5 2026-06-15T12:00 local-team.
 * Oldambt, follow-ups (due moments are 3 and 6 calendar months after the outflow):
 *   F1 out 2026-01-31T03:00 local-team, no follow-ups   → due 2026-04-30T03:00 and 2026-07-31T03:00
 *   F2 out 2026-01-15T09:00 regular-care, 3-month follow-up 2026-04-20T09:00
 *                                                        → due 2026-04-15T09:00 and 2026-07-15T09:00
 *   F3 out 2026-01-20T00:00 no-further-care, follow-ups 3: 2026-04-10 (early), 6: 2026-07-25 (late)
 *                                                        → due 2026-04-20T00:00 and 2026-07-20T00:00
 *   F4 out 2026-02-10T12:00 local-team, re-entry 2026-04-05T12:00 → due 2026-05-10T12:00 and 2026-08-10T12:00
 *   F5 out 2026-01-05T00:00 moved, re-entry 2026-04-25T00:00     → due 2026-04-05T00:00 and 2026-07-05T00:00
 * Veendam, re-entry windows, each re-entry at 2025-12-10T10:00:
 *   R1 out 2025-01-10T10:00 (11 months before) · R2 out 2024-11-10T10:00 (13 months) ·
 *   R3 out 2024-12-10T10:00 (exactly 12 months).
 * Westerwolde, one family with two outflows: registered 2024-05-01, signal 2024-05-02, out 2024-06-01 local-team,
 *   3-month follow-up 2024-06-20 (early), re-entry 2024-07-01, out 2025-09-01 other, re-entry 2026-02-01
 *   (all at 00:00).
 * Stadskanaal, odd data: a raw outflow of 2027-03-01 with destination "abroad" and no case number, a follow-up
 *   whose business time cannot be read, and an event of a type the projection does not know.
 */
async function seed(h: ProjectionHarness): Promise<void> {
  const pekela: [string, Destination][] = [
    ['2026-06-01T00:00:00Z', 'local-team'],
    ['2026-06-30T23:59:00Z', 'adult-care'],
    ['2026-07-01T00:00:00Z', 'moved'],
    ['2026-05-31T23:59:59Z', 'regular-care'],
    ['2026-06-15T12:00:00Z', 'local-team'],
  ];
  for (const [at, destination] of pekela) {
    await h.family('Pekela', (f) => flowedOut(f, at, destination));
  }

  await h.family('Oldambt', (f) => flowedOut(f, '2026-01-31T03:00:00Z', 'local-team'));
  await h.family('Oldambt', (f) => [
    ...flowedOut(f, '2026-01-15T09:00:00Z', 'regular-care'),
    f.followUp('2026-04-20T09:00:00Z', 3),
  ]);
  await h.family('Oldambt', (f) => [
    ...flowedOut(f, '2026-01-20T00:00:00Z', 'no-further-care'),
    f.followUp('2026-04-10T00:00:00Z', 3),
    f.followUp('2026-07-25T00:00:00Z', 6),
  ]);
  await h.family('Oldambt', (f) => [
    ...flowedOut(f, '2026-02-10T12:00:00Z', 'local-team'),
    f.signal('2026-04-05T12:00:00Z'),
  ]);
  await h.family('Oldambt', (f) => [
    ...flowedOut(f, '2026-01-05T00:00:00Z', 'moved'),
    f.signal('2026-04-25T00:00:00Z'),
  ]);

  for (const outAt of ['2025-01-10T10:00:00Z', '2024-11-10T10:00:00Z', '2024-12-10T10:00:00Z']) {
    await h.family('Veendam', (f) => [
      ...flowedOut(f, outAt, 'local-team'),
      f.signal('2025-12-10T10:00:00Z'),
    ]);
  }

  await h.family('Westerwolde', (f) => [
    f.register('2024-05-01T00:00:00Z'),
    f.signal('2024-05-02T00:00:00Z'),
    f.outflow('2024-06-01T00:00:00Z', 'local-team'),
    f.followUp('2024-06-20T00:00:00Z', 3),
    f.signal('2024-07-01T00:00:00Z'),
    f.outflow('2025-09-01T00:00:00Z', 'other'),
    f.signal('2026-02-01T00:00:00Z'),
  ]);

  const odd = await h.family('Stadskanaal', (odd) => [
    odd.register('2027-01-01T00:00:00Z'),
    odd.signal('2027-01-02T00:00:00Z'),
  ]);
  await h.append(
    odd.familyId,
    {
      type: 'OutflowRegistered',
      data: { destination: 'abroad', occurredAt: '2027-03-01T00:00:00.000Z' },
    } as unknown as FamilyEvent,
    {
      type: 'FollowUpRecorded',
      data: { monthsAfterOutflow: 3, outcome: '?', caseNumber: 1, occurredAt: 'gisteren' },
    } as unknown as FamilyEvent,
  );
  const last = await h.store.appendToStream(
    `family-${odd.familyId}`,
    [{ eventId: randomUUID(), type: 'FamilyMovedAbroad', data: { occurredAt: '2027-03-02' } }],
    { expectedVersion: 'any' },
  );
  // Wait for the position of this last append rather than for the store's head (h.settled()): on a shared
  // PostgreSQL server the head a query sees lags behind while other sessions hold transactions open.
  if ((await h.runner.waitFor(outflowProjection.name, last.position, 30_000)) === undefined)
    throw new Error(`the outflow projection did not reach ${last.position}`);
}

function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;
  const figures = (period: OutflowPeriod, filter?: OutflowFilter) =>
    outflowFigures(h.database, h.tables.live(outflowProjection), DEFAULT_REGION, period, filter);
  /** A municipality's figures from `from` to `to` (whole UTC days). */
  const figuresOf = (municipality: string, from: string, to: string) =>
    figures({ from, to }, { municipality });

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [outflowProjection]);
    await seed(h);
  });
  afterAll(() => h.close());

  it('counts outflows on whole UTC days, from 00:00 of `from` to the end of `to`, per destination', async () => {
    // June: P1 (00:00 of the first day), P5 and P2 (23:59 of the last day) are in; P4 (23:59:59 the day before)
    // and P3 (00:00 the day after) are out: 3 = local-team 2 (P1, P5) + adult-care 1 (P2).
    expect(await figuresOf('Pekela', '2026-06-01', '2026-06-30')).toEqual({
      from: '2026-06-01',
      to: '2026-06-30',
      outflows: 3,
      byDestination: destinations({ 'local-team': 2, 'adult-care': 1 }),
      followUpsDone: 0,
      followUpsDue: 0,
      reentries: 0,
      reentriesWithin12Months: 0,
      byMunicipality: [{ municipality: 'Pekela', outflows: 3, reentriesWithin12Months: 0 }],
    });
    // One-day periods: 2026-07-01 holds P3 only, 2026-05-31 P4 only.
    const july1 = await figuresOf('Pekela', '2026-07-01', '2026-07-01');
    expect([july1.outflows, july1.byDestination]).toEqual([1, destinations({ moved: 1 })]);
    const may31 = await figuresOf('Pekela', '2026-05-31', '2026-05-31');
    expect([may31.outflows, may31.byDestination]).toEqual([1, destinations({ 'regular-care': 1 })]);
    // Oldambt in January: F1 local-team, F2 regular-care, F3 no-further-care, F5 moved = 4 (F4 is in February).
    const january = await figuresOf('Oldambt', '2026-01-01', '2026-01-31');
    expect([january.outflows, january.byDestination]).toEqual([
      4,
      destinations({ 'local-team': 1, 'regular-care': 1, 'no-further-care': 1, moved: 1 }),
    ]);
  });

  it('counts follow-ups done, and due ones 3 and 6 calendar months after the outflow', async () => {
    // April: done = F3 (04-10) + F2 (04-20) = 2.
    // Due: F1 04-30T03:00 (none recorded) + F5 04-05 (its re-entry on 04-25 came after the moment) = 2;
    // F2 04-15 was done on 04-20, F3 04-20 was done early on 04-10, F4 falls due in May.
    const april = await figuresOf('Oldambt', '2026-04-01', '2026-04-30');
    expect([april.followUpsDone, april.followUpsDue]).toEqual([2, 2]);
    // 1–18 April: done = F3 (04-10) = 1. Due: F5 04-05 + F2 04-15T09:00, whose follow-up of 04-20 came after the
    // end of the period = 2; F3 (04-20) and F1 (04-30) fall due later.
    const firstHalf = await figuresOf('Oldambt', '2026-04-01', '2026-04-18');
    expect([firstHalf.followUpsDone, firstHalf.followUpsDue]).toEqual([1, 2]);
    // July: done = F3's 6-month one (07-25) = 1. Due: F1 07-31T03:00 (none recorded) + F2 07-15T09:00 (its
    // 3-month follow-up does not count for the 6-month one) = 2; F3 07-20 was done on 07-25, before the end of
    // July; F5 07-05 is not due, the family came back on 04-25; F4 falls due in August.
    const july = await figuresOf('Oldambt', '2026-07-01', '2026-07-31');
    expect([july.followUpsDone, july.followUpsDue]).toEqual([1, 2]);
  });

  it('counts calendar months: three months after 31 January is 30 April', async () => {
    // F1 flowed out on 2026-01-31T03:00: due 2026-04-30T03:00 (not 05-01, which 90 days or a JavaScript
    // setMonth would give).
    const dueDay = async (day: string) => (await figuresOf('Oldambt', day, day)).followUpsDue;
    expect(await dueDay('2026-04-30')).toBe(1);
    expect(await dueDay('2026-05-01')).toBe(0);
    // F4's 3-month moment 2026-05-10T12:00 is not due: the family re-entered on 04-05, before it.
    expect(await dueDay('2026-05-10')).toBe(0);
  });

  it('computes on the UTC calendar whatever the session time zone', async () => {
    // In New York, 2026-01-31T03:00Z is 30 January 22:00; three local months later is 30 April 22:00 EDT,
    // 2026-05-01T02:00Z. On the UTC calendar it stays 2026-04-30T03:00Z.
    const inNewYork = (day: string) =>
      h.database.transaction(async (tx) => {
        await tx.query(`set local timezone = 'America/New_York'`);
        return outflowFigures(
          tx,
          h.tables.live(outflowProjection),
          DEFAULT_REGION,
          { from: day, to: day },
          { municipality: 'Oldambt' },
        );
      });
    expect((await inNewYork('2026-04-30')).followUpsDue).toBe(1);
    expect((await inNewYork('2026-05-01')).followUpsDue).toBe(0);
  });

  it('counts re-entries within 12 calendar months of the previous outflow', async () => {
    // December 2025, Veendam: three re-entries on 12-10T10:00, after outflows 11 months (R1), 13 months (R2) and
    // exactly 12 months (R3) earlier: within 12 months = R1 + R3 = 2.
    const december = await figuresOf('Veendam', '2025-12-01', '2025-12-31');
    expect(december).toMatchObject({
      outflows: 0,
      reentries: 3,
      reentriesWithin12Months: 2,
      followUpsDue: 0,
      byMunicipality: [{ municipality: 'Veendam', outflows: 0, reentriesWithin12Months: 2 }],
    });
    // April 2026, Oldambt: F4 (02-10 → 04-05) and F5 (01-05 → 04-25), both within = 2.
    const april = await figuresOf('Oldambt', '2026-04-01', '2026-04-30');
    expect([april.reentries, april.reentriesWithin12Months]).toEqual([2, 2]);
  });

  it('follows a family through two outflows and two re-entries', async () => {
    const westerwolde = (from: string, to: string) => figuresOf('Westerwolde', from, to);
    // June–September 2024: the first outflow (local-team), its early 3-month follow-up (06-20), the re-entry one
    // month after it (07-01). Its 3-month moment 09-01 is not due (done, and the family was back before it).
    expect(await westerwolde('2024-06-01', '2024-09-30')).toMatchObject({
      outflows: 1,
      byDestination: destinations({ 'local-team': 1 }),
      followUpsDone: 1,
      followUpsDue: 0,
      reentries: 1,
      reentriesWithin12Months: 1,
    });
    // December 2025: the second outflow's 3-month moment (2025-12-01) is due: the 3-month follow-up of the
    // first case does not count for the second, and the next re-entry came later (2026-02-01).
    expect(await westerwolde('2025-12-01', '2025-12-31')).toMatchObject({
      followUpsDone: 0,
      followUpsDue: 1,
    });
    // 2026-02-01: the second re-entry, 5 months after the previous outflow (2025-09-01; 20 months after the
    // first one): within 12 months.
    expect(await westerwolde('2026-02-01', '2026-02-01')).toMatchObject({
      reentries: 1,
      reentriesWithin12Months: 1,
    });
    // March 2026: the second outflow's 6-month moment (03-01) is not due: the family re-entered on 02-01.
    expect((await westerwolde('2026-03-01', '2026-03-31')).followUpsDue).toBe(0);
    // All of 2024–2026: 2 outflows (local-team, other), 1 follow-up done, due = the second outflow's 3-month
    // moment only (the first outflow's 09-01 and 12-01 and the second's 03-01 come after a re-entry) = 1,
    // 2 re-entries, both within 12 months (1 and 5 months).
    expect(await westerwolde('2024-01-01', '2026-12-31')).toMatchObject({
      outflows: 2,
      byDestination: destinations({ 'local-team': 1, other: 1 }),
      followUpsDone: 1,
      followUpsDue: 1,
      reentries: 2,
      reentriesWithin12Months: 2,
    });
  });

  it('gives the whole region per municipality, every municipality present', async () => {
    // Q2 2026: outflows = Pekela P4 (05-31), P1, P5, P2 = 4 (local-team 2, regular-care 1, adult-care 1);
    // done = F3 + F2 (April) = 2; due = F1 + F5 (April) = 2 (Pekela's first moments fall from 08-31 on, the
    // other outflows fell due before or after); re-entries = F4 + F5 = 2, both within 12 months.
    const zero = { outflows: 0, reentriesWithin12Months: 0 };
    expect(await figures({ from: '2026-04-01', to: '2026-06-30' })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
      outflows: 4,
      byDestination: destinations({ 'local-team': 2, 'regular-care': 1, 'adult-care': 1 }),
      followUpsDone: 2,
      followUpsDue: 2,
      reentries: 2,
      reentriesWithin12Months: 2,
      byMunicipality: [
        { municipality: 'Eemsdelta', ...zero },
        { municipality: 'Groningen', ...zero },
        { municipality: 'Het Hogeland', ...zero },
        { municipality: 'Midden-Groningen', ...zero },
        { municipality: 'Oldambt', outflows: 0, reentriesWithin12Months: 2 },
        { municipality: 'Pekela', outflows: 4, reentriesWithin12Months: 0 },
        { municipality: 'Stadskanaal', ...zero },
        { municipality: 'Veendam', ...zero },
        { municipality: 'Westerkwartier', ...zero },
        { municipality: 'Westerwolde', ...zero },
      ],
    });
  });

  it('keeps odd data without failing, and ignores events it does not know', async () => {
    // Stadskanaal, March 2027: the raw outflow counts, under its own destination; the follow-up without a
    // readable business time and the unknown event are left out. Its 3-month moment (06-01) is outside March.
    expect(await figuresOf('Stadskanaal', '2027-03-01', '2027-03-31')).toMatchObject({
      outflows: 1,
      byDestination: destinations({ abroad: 1 }),
      followUpsDone: 0,
      followUpsDue: 0,
    });
  });

  it('changes nothing when the same events are applied again', async () => {
    const period = { from: '2024-01-01', to: '2027-12-31' };
    const before = await figures(period);
    const { events } = await h.store.readAll({ after: START, limit: 10_000 });
    await h.database.transaction((tx) =>
      outflowProjection.apply(tx, events, h.tables.live(outflowProjection)),
    );
    // 5 Pekela + 5 Oldambt + 3 Veendam + 2 Westerwolde + 1 Stadskanaal outflows = 16, once each.
    expect(before.outflows).toBe(16);
    expect(await figures(period)).toEqual(before);
  });

  it('answers each month of a period in one reading as it answers that month alone', async () => {
    const t = h.tables.live(outflowProjection);
    const months = await outflowMonthCells(h.database, t, { from: '2024-01-15', to: '2027-12-02' });
    expect(months).toHaveLength(48);
    expect(months[0]!.month).toBe('2024-01');
    expect(months.at(-1)!.month).toBe('2027-12');
    const sorted = (cells: { municipality: string | null }[]) =>
      [...cells].sort((a, b) => (a.municipality ?? '').localeCompare(b.municipality ?? ''));
    let counted = 0;
    for (const { month, cells } of months) {
      const [year, m] = month.split('-').map(Number) as [number, number];
      const to = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
      const alone = await outflowCells(h.database, t, { from: `${month}-01`, to });
      expect(sorted(cells)).toEqual(sorted(alone));
      counted += cells.length;
    }
    expect(counted).toBeGreaterThan(5);
  });

  it('gives a municipality’s figures from the cells of every municipality as from its own', async () => {
    const t = h.tables.live(outflowProjection);
    const period = { from: '2024-01-01', to: '2027-12-31' };
    const cells = await outflowCells(h.database, t, period);
    for (const municipality of [undefined, 'Westerwolde', 'Stadskanaal', 'Pekela']) {
      const filter = municipality === undefined ? {} : { municipality };
      expect(outflowFiguresOf(cells, DEFAULT_REGION, period, filter)).toEqual(
        await figures(period, filter),
      );
    }
  });

  it('refuses a period that is not made of valid days', async () => {
    await expect(figures({ from: '2026-02-30', to: '2026-03-01' })).rejects.toThrow(RangeError);
    await expect(figures({ from: '2026-03-02', to: '2026-03-01' })).rejects.toThrow(RangeError);
  });
}

describe('outflow and follow-up (embedded store)', () => suite('pglite'));
describeWithPostgres('outflow and follow-up (PostgreSQL)', () => suite('postgres'));
