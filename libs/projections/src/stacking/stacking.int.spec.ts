import { DEFAULT_REGION, type FamilyCommand, type RegionConfig } from '@samenspoor/domain';
import { START } from '@samenspoor/event-store';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { rebuildInto } from '../rebuild';
import { openProjectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { TestFamily } from '../testing/family-commands';
import { stackingProjection } from './stacking.projection';
import { flaggedFamilies, stackingFigures, type StackingFigures } from './stacking.queries';

/** Every event below happens before this moment, and nothing after it: the figures at AS_OF are those of now. */
const AS_OF = new Date('2025-06-01T00:00:00Z');

/** `n` professionals joining at `at`: p-1 … p-n. */
function joins(family: TestFamily, at: string, n: number, from = 1): FamilyCommand[] {
  return Array.from({ length: n }, (_, i) => family.join(at, `p-${from + i}`));
}

/** The figures without the moment they were asked for, to compare the two ways of answering. */
/**
 * A distribution in which every active trajectory has a provider and a care form of its own: the families'
 * counts of providers and of care forms are those of their trajectories.
 */
function eachTrajectoryItsOwn(
  active: Record<string, number>,
  networkSize: Record<string, number>,
): StackingFigures['distribution'] {
  return {
    activeTrajectories: active,
    distinctProviders: active,
    distinctCareForms: active,
    networkSize,
  };
}

function withoutAsOf(figures: StackingFigures): Omit<StackingFigures, 'asOf'> {
  const { asOf: _asOf, ...rest } = figures;
  return rest;
}

/**
 * The families of the region (default thresholds: 3 active trajectories, 3 distinct providers, network of 8).
 * Every family is registered with its registrar in the network (network size 1 to begin with).
 *
 * A Groningen  3 trajectories requested 02-01, started 03-01: accare/trauma, accare/day, elker/foster
 *              → 3 active, 2 providers, 3 care forms, network 1: flagged (trajectories exactly at 3)
 * B Groningen  started 03-01: accare/trauma, elker/trauma; lentis/day only requested; karakter/foster withdrawn;
 *              6 joins 02-01 → 2 active, 2 providers, 1 form, network 7: just below every threshold
 * C Pekela     7 joins 02-01 → network 8: flagged (network exactly at 8)
 * D Pekela     p-1 joins 02-01, leaves 03-01, rejoins 04-01; p-2…p-7 join 02-01 → network 8, 7, 8
 * E Oldambt    crisis-care/crisisdienst started 02-01 ended 04-01T00:00; accare/trauma started 03-01
 * F Oldambt    elker/foster started 02-10 ended 03-20; outflow 04-01T00:00
 * G Eemsdelta  outflow 02-01, re-entry by a new signal 03-01 (no trajectories)
 * H Groningen  registered 05-01
 * I Veendam    started 03-01: accare/trauma, elker/trauma, lentis/day → 3 active, 3 providers, 2 forms
 */
async function seed(h: ProjectionHarness): Promise<Record<string, TestFamily>> {
  const started = (family: TestFamily, careForm: string, providerId: string) => [
    family.requestCare('2025-02-01T00:00:00Z', careForm, providerId),
    family.startCare('2025-03-01T00:00:00Z'),
  ];
  const a = await h.family('Groningen', (a) => [
    ...a.planned('2025-01-01T09:00:00Z'),
    ...started(a, 'trauma-treatment', 'accare'),
    ...started(a, 'day-treatment', 'accare'),
    ...started(a, 'foster-care', 'elker'),
  ]);
  const b = await h.family('Groningen', (b) => [
    ...b.planned('2025-01-01T09:00:00Z'),
    ...started(b, 'trauma-treatment', 'accare'),
    ...started(b, 'trauma-treatment', 'elker'),
    b.requestCare('2025-02-01T00:00:00Z', 'day-treatment', 'lentis'),
    b.requestCare('2025-02-01T00:00:00Z', 'foster-care', 'karakter'),
    b.withdrawCare('2025-02-15T00:00:00Z'),
    ...joins(b, '2025-02-01T00:00:00Z', 6),
  ]);
  const c = await h.family('Pekela', (c) => [
    c.register('2025-01-01T09:00:00Z'),
    ...joins(c, '2025-02-01T00:00:00Z', 7),
  ]);
  const d = await h.family('Pekela', (d) => [
    d.register('2025-01-01T09:00:00Z'),
    ...joins(d, '2025-02-01T00:00:00Z', 7),
    d.leave('2025-03-01T00:00:00Z', 'p-1'),
    d.join('2025-04-01T00:00:00Z', 'p-1'),
  ]);
  const e = await h.family('Oldambt', (e) => [
    ...e.planned('2025-01-01T09:00:00Z'),
    e.requestCare('2025-01-20T00:00:00Z', 'crisis-care', 'crisisdienst'),
    e.startCare('2025-02-01T00:00:00Z'),
    e.endCare('2025-04-01T00:00:00Z'),
    ...started(e, 'trauma-treatment', 'accare'),
  ]);
  const f = await h.family('Oldambt', (f) => [
    ...f.planned('2025-01-01T09:00:00Z'),
    f.requestCare('2025-02-01T00:00:00Z', 'foster-care', 'elker'),
    f.startCare('2025-02-10T00:00:00Z'),
    f.endCare('2025-03-20T00:00:00Z'),
    f.outflow('2025-04-01T00:00:00Z'),
  ]);
  const g = await h.family('Eemsdelta', (g) => [
    ...g.planned('2025-01-01T09:00:00Z'),
    g.outflow('2025-02-01T00:00:00Z'),
    g.signal('2025-03-01T00:00:00Z'),
  ]);
  const hh = await h.family('Groningen', (hh) => [hh.register('2025-05-01T00:00:00Z')]);
  const i = await h.family('Veendam', (i) => [
    ...i.planned('2025-01-01T09:00:00Z'),
    ...started(i, 'trauma-treatment', 'accare'),
    ...started(i, 'trauma-treatment', 'elker'),
    ...started(i, 'day-treatment', 'lentis'),
  ]);
  await h.settled();
  return { a, b, c, d, e, f, g, h: hh, i };
}

function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;
  let fam: Record<string, TestFamily>;
  const t = () => h.tables.live(stackingProjection);
  /** The region's stacking figures, from the live tables. */
  const stacking = (query?: Parameters<typeof stackingFigures>[3]) =>
    stackingFigures(h.database, t(), DEFAULT_REGION, query);
  /** {@link stacking} at `asOf` (ISO-8601). */
  const stackingAt = (asOf: string, query?: Omit<Parameters<typeof stackingFigures>[3], 'asOf'>) =>
    stacking({ ...query, asOf: new Date(asOf) });
  const id = (name: string) => {
    const family = fam[name];
    if (!family) throw new Error(`no family ${name}`);
    return family.familyId;
  };
  /** A flagged family's row: its (active, providers, forms, network), as the comments below write them. */
  const flaggedAs = (
    name: string,
    activeTrajectories: number,
    distinctProviders: number,
    distinctCareForms: number,
    networkSize: number,
  ) => ({
    familyId: id(name),
    activeTrajectories,
    distinctProviders,
    distinctCareForms,
    networkSize,
  });
  const byId = <T extends { familyId: string }>(rows: T[]) =>
    [...rows].sort((x, y) => (x.familyId < y.familyId ? -1 : x.familyId > y.familyId ? 1 : 0));

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [stackingProjection], { postgresUrl: postgresUrl() });
    fam = await seed(h);
  });
  afterAll(() => h.close());

  it('gives the distribution at asOf, with the "0" buckets and each threshold exactly at the limit', async () => {
    const figures = await stacking({
      asOf: AS_OF,
      withFlaggedFamilies: true,
    });
    // On the route at 06-01: A B C D E G H I = 8 (F flowed out 04-01; G re-entered 03-01).
    // (active, providers, forms, network): A (3,2,3,1) B (2,2,1,7) C (0,0,0,8) D (0,0,0,8) — p-1 rejoined —
    // E (1,1,1,1) — crisis care ended 04-01 — G (0,0,0,1) H (0,0,0,1) I (3,3,2,1).
    // Flagged: A (3 trajectories), C and D (network 8), I (3 trajectories, 3 providers) = 4;
    // B has 2 trajectories, 2 providers, network 7: just below each.
    expect(figures).toEqual({
      asOf: '2025-06-01T00:00:00.000Z',
      families: 8,
      flagged: 4,
      thresholds: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
      distribution: {
        // 0: C D G H; 1: E; 2: B; 3: A I
        activeTrajectories: { '0': 4, '1': 1, '2': 1, '3': 2 },
        // 0: C D G H; 1: E; 2: A B; 3: I
        distinctProviders: { '0': 4, '1': 1, '2': 2, '3': 1 },
        // 0: C D G H; 1: B E; 2: I; 3: A
        distinctCareForms: { '0': 4, '1': 2, '2': 1, '3': 1 },
        // 1: A E G H I; 7: B; 8: C D
        networkSize: { '1': 5, '7': 1, '8': 2 },
      },
      flaggedFamilies: byId([
        flaggedAs('a', 3, 2, 3, 1),
        flaggedAs('c', 0, 0, 0, 8),
        flaggedAs('d', 0, 0, 0, 8),
        flaggedAs('i', 3, 3, 2, 1),
      ]),
    });
  });

  it('flags on distinct providers alone, exactly at the threshold', async () => {
    // Trajectories 4 and network 9 flag nobody here (at most 3 and 8); providers ≥ 3 flags I (3) and not A or B (2).
    const region: RegionConfig = {
      ...DEFAULT_REGION,
      stacking: { activeTrajectories: 4, distinctProviders: 3, networkSize: 9 },
    };
    for (const asOf of [AS_OF, undefined]) {
      const figures = await stackingFigures(h.database, t(), region, {
        ...(asOf ? { asOf } : {}),
        withFlaggedFamilies: true,
      });
      expect(figures.flagged).toBe(1);
      expect(figures.flaggedFamilies?.map((f) => f.familyId)).toEqual([id('i')]);
    }
    // Network ≥ 9 flags nobody; ≥ 7 flags B (7), C and D (8).
    const network7: RegionConfig = {
      ...DEFAULT_REGION,
      stacking: { activeTrajectories: 99, distinctProviders: 99, networkSize: 7 },
    };
    const flagged = await flaggedFamilies(h.database, t(), network7);
    expect(flagged.map((f) => f.familyId)).toEqual([id('b'), id('c'), id('d')].sort());
  });

  it('counts nothing before a start, and registration bounds the route', async () => {
    const figures = await stackingAt('2025-01-15T00:00:00Z', { withFlaggedFamilies: true });
    // 01-15: every family but H (registered 05-01) is on the route = 8; no care started yet (first start 02-01),
    // no professional joined yet beyond the registrar (first joins 02-01).
    expect(figures).toMatchObject({
      families: 8,
      flagged: 0,
      distribution: eachTrajectoryItsOwn({ '0': 8 }, { '1': 8 }),
      flaggedFamilies: [],
    });
  });

  it('follows leaving and rejoining the network, outflow and re-entry in the past', async () => {
    // 02-15: G flowed out 02-01 (re-entry 03-01 not yet), H not registered: A B C D E F I = 7.
    // Active: E crisis care (since 02-01), F foster care (since 02-10) → 1 each; the rest 0 (started 03-01).
    // Network: B 7, C 8, D 8 (p-1 not yet left), others 1. Flagged: C and D.
    const feb = await stackingAt('2025-02-15T00:00:00Z', { withFlaggedFamilies: true });
    expect(withoutAsOf(feb)).toEqual({
      families: 7,
      flagged: 2,
      thresholds: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
      distribution: eachTrajectoryItsOwn({ '0': 5, '1': 2 }, { '1': 4, '7': 1, '8': 2 }),
      flaggedFamilies: byId([flaggedAs('c', 0, 0, 0, 8), flaggedAs('d', 0, 0, 0, 8)]),
    });

    // 03-15: G is back (re-entry 03-01), F still on the route (outflow 04-01): A B C D E F G I = 8.
    // (active, providers, forms, network): A (3,2,3,1) B (2,2,1,7) C (0,0,0,8) D (0,0,0,7) — p-1 left 03-01 —
    // E (2,2,2,1) — crisis care and trauma — F (1,1,1,1) G (0,0,0,1) I (3,3,2,1).
    // Flagged: A, C, I = 3 (D at 7 is just below now).
    const mar = await stackingAt('2025-03-15T00:00:00Z', { withFlaggedFamilies: true });
    expect(withoutAsOf(mar)).toMatchObject({
      families: 8,
      flagged: 3,
      distribution: {
        // 0: C D G; 1: F; 2: B E; 3: A I
        activeTrajectories: { '0': 3, '1': 1, '2': 2, '3': 2 },
        // 0: C D G; 1: F; 2: A B E; 3: I
        distinctProviders: { '0': 3, '1': 1, '2': 3, '3': 1 },
        // 0: C D G; 1: B F; 2: E I; 3: A
        distinctCareForms: { '0': 3, '1': 2, '2': 2, '3': 1 },
        // 1: A E F G I; 7: B D; 8: C
        networkSize: { '1': 5, '7': 2, '8': 1 },
      },
    });
    expect(mar.flaggedFamilies?.map((f) => f.familyId)).toEqual([id('a'), id('c'), id('i')].sort());

    // D at the moment p-1 rejoins (04-01T00:00) is at 8 again: the rejoin counts from its own time.
    const rejoined = await stackingAt('2025-04-01T00:00:00Z', { municipality: 'Pekela' });
    expect(rejoined.distribution.networkSize).toEqual({ '8': 2 });
    const justBefore = await stackingAt('2025-03-31T23:59:59.999Z', { municipality: 'Pekela' });
    // C 8, D 7 → one flagged.
    expect(justBefore).toMatchObject({
      families: 2,
      flagged: 1,
      distribution: { networkSize: { '7': 1, '8': 1 } },
    });
  });

  it('stops counting a trajectory at its end and a family at its outflow, to the millisecond', async () => {
    // Oldambt just before 04-01T00:00: E has crisis care and trauma (2 active), F has none (ended 03-20) but is
    // still on the route (outflow 04-01T00:00) → 2 families, active {0: F, 2: E}.
    const before = await stackingAt('2025-03-31T23:59:59.999Z', { municipality: 'Oldambt' });
    expect(withoutAsOf(before)).toMatchObject({
      families: 2,
      flagged: 0,
      distribution: eachTrajectoryItsOwn({ '0': 1, '2': 1 }, { '1': 2 }),
    });
    // At 04-01T00:00 the crisis care has ended and F has flowed out: E alone, with one trajectory.
    const at = await stackingAt('2025-04-01T00:00:00Z', { municipality: 'Oldambt' });
    expect(withoutAsOf(at)).toMatchObject({
      families: 1,
      flagged: 0,
      distribution: eachTrajectoryItsOwn({ '1': 1 }, { '1': 1 }),
    });
  });

  it('leaves outflowed families out and counts re-entered ones again', async () => {
    const eemsdelta = (asOf?: Date) =>
      stacking({
        ...(asOf ? { asOf } : {}),
        municipality: 'Eemsdelta',
      });
    const empty = {
      activeTrajectories: {},
      distinctProviders: {},
      distinctCareForms: {},
      networkSize: {},
    };
    // G: registered 01-01, outflow 02-01, re-entry 03-01.
    expect(await eemsdelta(new Date('2025-01-31T23:59:59.999Z'))).toMatchObject({ families: 1 });
    expect(await eemsdelta(new Date('2025-02-01T00:00:00Z'))).toMatchObject({
      families: 0,
      flagged: 0,
      distribution: empty,
    });
    expect(await eemsdelta(new Date('2025-03-01T00:00:00Z'))).toMatchObject({
      families: 1,
      distribution: { activeTrajectories: { '0': 1 }, networkSize: { '1': 1 } },
    });
    expect(await eemsdelta()).toMatchObject({ families: 1 });
    // F flowed out for good: Oldambt now holds E only.
    expect(await stacking({ municipality: 'Oldambt' })).toMatchObject({
      families: 1,
      distribution: { activeTrajectories: { '1': 1 } },
    });
  });

  it('filters on municipality', async () => {
    // Pekela at 06-01: C and D, both network 8, no care → 2 families, both flagged.
    const pekela = await stacking({
      asOf: AS_OF,
      municipality: 'Pekela',
      withFlaggedFamilies: true,
    });
    expect(withoutAsOf(pekela)).toEqual({
      families: 2,
      flagged: 2,
      thresholds: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
      distribution: eachTrajectoryItsOwn({ '0': 2 }, { '8': 2 }),
      flaggedFamilies: byId([flaggedAs('c', 0, 0, 0, 8), flaggedAs('d', 0, 0, 0, 8)]),
    });
    // Groningen: A (3,2,3,1), B (2,2,1,7), H (0,0,0,1) → 3 families, A flagged.
    const groningen = await stacking({
      asOf: AS_OF,
      municipality: 'Groningen',
    });
    expect(withoutAsOf(groningen)).toMatchObject({
      families: 3,
      flagged: 1,
      distribution: {
        activeTrajectories: { '0': 1, '2': 1, '3': 1 },
        distinctProviders: { '0': 1, '2': 2 },
        distinctCareForms: { '0': 1, '1': 1, '3': 1 },
        networkSize: { '1': 2, '7': 1 },
      },
    });
    expect(groningen.flaggedFamilies).toBeUndefined();
    // A municipality without families.
    expect(await stacking({ municipality: 'Westerwolde' })).toMatchObject({
      families: 0,
      flagged: 0,
      distribution: { activeTrajectories: {} },
    });
  });

  it('answers now from the current counts exactly as from the intervals at now', async () => {
    const now = new Date();
    for (const municipality of [undefined, 'Groningen', 'Pekela', 'Oldambt', 'Eemsdelta']) {
      const filter = { withFlaggedFamilies: true, ...(municipality ? { municipality } : {}) };
      const current = await stacking(filter);
      const atNow = await stacking({
        ...filter,
        asOf: now,
      });
      // Nothing happened after AS_OF, so now is AS_OF too.
      const atAsOf = await stacking({
        ...filter,
        asOf: AS_OF,
      });
      expect(withoutAsOf(current)).toEqual(withoutAsOf(atNow));
      expect(withoutAsOf(current)).toEqual(withoutAsOf(atAsOf));
    }
    // The whole answer now, written out (same as at AS_OF in the first test).
    const current = await stacking();
    expect(current.families).toBe(8);
    expect(current.flagged).toBe(4);
    expect(current.distribution.networkSize).toEqual({ '1': 5, '7': 1, '8': 2 });
    expect(Date.parse(current.asOf)).toBeGreaterThanOrEqual(now.getTime());
  });

  it('keeps the cells equal to the per-family counts, and moves families between cells as things change', async () => {
    const cells = () =>
      h.database.query<{ m: string; a: number; p: number; f: number; n: number; families: number }>(
        `select municipality as m, active_trajectories as a, distinct_providers as p,
                distinct_care_forms as f, network_size as n, families
         from ${t().st_current_cells} where families > 0 order by 1, 2, 3, 4, 5`,
      );
    const fromFamilies = () =>
      h.database.query(
        `select municipality as m, active_trajectories as a, distinct_providers as p,
                distinct_care_forms as f, network_size as n, count(*)::int as families
         from ${t().st_current} where on_route group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
      );
    expect(await cells()).toEqual(await fromFamilies());

    // A new Westerwolde family: registered (network 1), then crisis care started → moves from cell
    // (0,0,0,1) to (1,1,1,1); then it ends and the family flows out → no cell any more.
    const w = await h.family('Westerwolde', (w) => [
      w.register('2025-05-01T00:00:00Z'),
      w.signal('2025-05-01T00:00:00Z', 'crisis'),
    ]);
    await h.settled();
    expect((await cells()).filter((c) => c.m === 'Westerwolde')).toEqual([
      { m: 'Westerwolde', a: 0, p: 0, f: 0, n: 1, families: 1 },
    ]);
    await h.command(
      w.familyId,
      w.requestCare('2025-05-01T00:00:00Z', 'crisis-care', 'crisisdienst'),
      w.startCare('2025-05-02T00:00:00Z'),
    );
    await h.settled();
    expect((await cells()).filter((c) => c.m === 'Westerwolde')).toEqual([
      { m: 'Westerwolde', a: 1, p: 1, f: 1, n: 1, families: 1 },
    ]);
    await h.command(
      w.familyId,
      w.endCare('2025-05-10T00:00:00Z'),
      w.outflow('2025-05-11T00:00:00Z'),
    );
    await h.settled();
    expect((await cells()).filter((c) => c.m === 'Westerwolde')).toEqual([]);
    expect(await cells()).toEqual(await fromFamilies());
    // Before its outflow the family counted; now it does not, on both paths.
    expect(await stackingAt('2025-05-05T00:00:00Z', { municipality: 'Westerwolde' })).toMatchObject(
      { families: 1, distribution: { activeTrajectories: { '1': 1 } } },
    );
    expect(await stacking({ municipality: 'Westerwolde' })).toMatchObject({ families: 0 });
  });

  it('changes nothing when events are applied a second time, and a rebuild in one batch agrees', async () => {
    const before = await stacking({
      withFlaggedFamilies: true,
    });
    const beforePast = await stackingAt('2025-03-15T00:00:00Z', { withFlaggedFamilies: true });
    const page = await h.store.readAll({ after: START, limit: 10_000 });
    await h.database.transaction((tx) => stackingProjection.apply(tx, page.events, t()));
    expect(
      withoutAsOf(
        await stacking({
          withFlaggedFamilies: true,
        }),
      ),
    ).toEqual(withoutAsOf(before));
    expect(await stackingAt('2025-03-15T00:00:00Z', { withFlaggedFamilies: true })).toEqual(
      beforePast,
    );

    // The same events in one batch (every join, leave, outflow and re-entry of a family together).
    await rebuildInto(h.database, h.store, h.tables, stackingProjection, { batchSize: 10_000 });
    const rebuilt = h.tables.rebuilding(stackingProjection);
    expect(
      withoutAsOf(
        await stackingFigures(h.database, rebuilt, DEFAULT_REGION, { withFlaggedFamilies: true }),
      ),
    ).toEqual(withoutAsOf(before));
    expect(
      await stackingFigures(h.database, rebuilt, DEFAULT_REGION, {
        asOf: new Date('2025-03-15T00:00:00Z'),
        withFlaggedFamilies: true,
      }),
    ).toEqual(beforePast);
  });

  it('ignores events it cannot read instead of failing', async () => {
    // Registered after AS_OF, so that only the figures of now see it.
    const odd = new TestFamily('Veendam');
    await h.command(odd.familyId, odd.register('2025-07-01T00:00:00Z'));
    await h.append(
      odd.familyId,
      { type: 'CareStarted', data: { trajectoryId: 'unknown', occurredAt: 'not a time' } },
      {
        type: 'CareStarted',
        data: { trajectoryId: 'unknown', occurredAt: '2025-07-02T00:00:00Z' },
      },
      {
        type: 'ProfessionalLeftNetwork',
        data: { professionalId: 'never-joined', occurredAt: '2025-07-02T00:00:00Z' },
      },
    );
    await h.settled();
    // Veendam: I (3,3,2,1) and the odd family (0,0,0,1).
    expect(await stacking({ municipality: 'Veendam' })).toMatchObject({
      families: 2,
      flagged: 1,
      distribution: { activeTrajectories: { '0': 1, '3': 1 }, networkSize: { '1': 2 } },
    });
  });
}

describe('stacking of care (embedded PGlite)', () => suite('pglite'));
describeWithPostgres('stacking of care (PostgreSQL)', () => suite('postgres'));
