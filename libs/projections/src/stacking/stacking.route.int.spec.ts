import { DEFAULT_REGION, type RegionConfig } from '@samenspoor/domain';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { rebuildInto } from '../rebuild';
import { TestFamily } from '../testing/family-commands';
import { openProjectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { stackingProjection } from './stacking.projection';
import { flaggedFamilies } from './stacking.queries';
import type { StackingTables } from './stacking.projection';
import type { TableNames } from '../projection';

/** Every family with at least one active trajectory is "flagged": the list then shows each family's counts. */
const ANY_CARE: RegionConfig = {
  ...DEFAULT_REGION,
  stacking: { activeTrajectories: 1, distinctProviders: 99, networkSize: 99 },
};

/**
 * Running care and care handed over at the outflow (api.md "The route as the region runs it"), hand-computed.
 * Counts are (active trajectories, distinct providers, distinct care forms, network size); the registrar is the
 * network (1).
 * R1  registered 2025-03-01T00, signal 03-01T10; on 03-02T10 three running cares recorded, running since
 *     01-15 (elker, foster care), 02-01 (lentis, day treatment) and 03-02T00 (accare, trauma); the last ends 05-01.
 *     → at 03-01T12 (2,2,2,1): care counts from its startedAt, even before the registration; at 04-01 (3,3,3,1);
 *       at 06-01 and now (2,2,2,1).
 * R2  registered 2025-01-01T09, plan 01-04; trauma care (accare) requested 02-01, started 03-01, ended 03-31;
 *     running care (elker, foster care) since 01-20 recorded 02-01T10; outflow 04-01 hands the running care over;
 *     a new signal 05-01 brings the family back on the route.
 *     → at 02-15 (1,1,1,1); at 03-15 (2,2,2,1); at 04-15 not on the route; at 06-01 and now on the route with
 *       no active care: the handed-over care goes on, but no longer counts in stacking.
 */
function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;
  const r1 = new TestFamily('Groningen');
  const r2 = new TestFamily('Groningen');
  const label = (familyId: string) => (familyId === r1.familyId ? 'R1' : 'R2');

  const counts = async (t: TableNames<StackingTables>, asOf?: string) =>
    (
      await flaggedFamilies(
        h.database,
        t,
        ANY_CARE,
        asOf === undefined ? {} : { asOf: new Date(asOf) },
      )
    )
      .filter((f) => f.familyId === r1.familyId || f.familyId === r2.familyId)
      .map(
        (f) =>
          `${label(f.familyId)} (${f.activeTrajectories},${f.distinctProviders},${f.distinctCareForms},${f.networkSize})`,
      )
      .sort();

  const expected: [string | undefined, string[]][] = [
    ['2025-02-15T00:00:00Z', ['R2 (1,1,1,1)']],
    ['2025-03-01T12:00:00Z', ['R1 (2,2,2,1)', 'R2 (2,2,2,1)']],
    ['2025-03-15T00:00:00Z', ['R1 (3,3,3,1)', 'R2 (2,2,2,1)']],
    ['2025-04-15T00:00:00Z', ['R1 (3,3,3,1)']],
    ['2025-06-01T00:00:00Z', ['R1 (2,2,2,1)']],
    [undefined, ['R1 (2,2,2,1)']],
  ];

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [stackingProjection], { postgresUrl: postgresUrl() });
    await h.command(
      r1.familyId,
      ...r1.signalled('2025-03-01'),
      r1.runningCare('2025-03-02T10:00:00Z', '2025-01-15T00:00:00Z', 'foster-care', 'elker'),
      r1.runningCare('2025-03-02T10:00:00Z', '2025-02-01T00:00:00Z', 'day-treatment', 'lentis'),
      r1.runningCare('2025-03-02T10:00:00Z', '2025-03-02T00:00:00Z', 'trauma-treatment', 'accare'),
      r1.endCare('2025-05-01T00:00:00Z'),
    );
    const trauma = () => r2.trajectories[0] ?? '';
    await h.command(
      r2.familyId,
      ...r2.planned('2025-01-01T09:00:00Z'),
      r2.requestCare('2025-02-01T00:00:00Z', 'trauma-treatment', 'accare'),
      r2.runningCare('2025-02-01T10:00:00Z', '2025-01-20T00:00:00Z', 'foster-care', 'elker'),
    );
    await h.command(
      r2.familyId,
      r2.startCare('2025-03-01T00:00:00Z', trauma()),
      r2.endCare('2025-03-31T00:00:00Z', trauma()),
      r2.outflow('2025-04-01T00:00:00Z', 'regular-care', [r2.trajectories[1] ?? '']),
      r2.signal('2025-05-01T00:00:00Z'),
    );
    await h.settled();
  });
  afterAll(() => h.close());

  it('counts running care from its startedAt until it ends, and handed-over care until the outflow', async () => {
    const t = h.tables.live(stackingProjection);
    for (const [asOf, families] of expected) {
      expect({ asOf, families: await counts(t, asOf) }).toEqual({ asOf, families });
    }
  });

  it('gives identical answers when rebuilt from all events in one batch', async () => {
    await rebuildInto(h.database, h.store, h.tables, stackingProjection, { batchSize: 10_000 });
    const t = h.tables.rebuilding(stackingProjection);
    for (const [asOf, families] of expected) {
      expect({ asOf, families: await counts(t, asOf) }).toEqual({ asOf, families });
    }
  });
}

describe('stacking with running care (embedded store)', () => suite('pglite'));
describeWithPostgres('stacking with running care (PostgreSQL)', () => suite('postgres'));
