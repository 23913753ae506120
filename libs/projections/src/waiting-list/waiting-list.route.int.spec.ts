import { DEFAULT_REGION } from '@samenspoor/domain';
import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import type { TableNames } from '../projection';
import { rebuildInto } from '../rebuild';
import type { TestFamily } from '../testing/family-commands';
import { openProjectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { waitingListProjection } from './waiting-list.projection';
import { waitingListFigures } from './waiting-list.queries';

/**
 * Consultations that close a case and running care (api.md "The route as the region runs it"), hand-computed.
 * W1  signal 2026-01-01T10; consultation advises the regular route 01-05T10 (closes the case: its analysis wait
 *     ends there); a new signal 02-01T10 opens case 2 with a new analysis wait.
 * W2  signal 2026-01-01T10; consultation advises the HSJ-MCP route 01-05T10: the wait goes on.
 * W3  signal 2026-01-01T10, analysis started 01-02T10; running care recorded 01-03T10: it never waits.
 * Analysis waits: at 01-03 W1 and W2 (2); at 01-06 W2 (1); at 02-02 W1 (case 2) and W2 (2). Care waits: none.
 */
function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;
  let w1: TestFamily;

  const expected: [string, { analysis: number; care: number }][] = [
    ['2026-01-03T12:00:00Z', { analysis: 2, care: 0 }],
    ['2026-01-05T09:59:59.999Z', { analysis: 2, care: 0 }],
    ['2026-01-05T10:00:00Z', { analysis: 1, care: 0 }],
    ['2026-02-02T00:00:00Z', { analysis: 2, care: 0 }],
  ];
  const figures = async (t: TableNames<'wl_families' | 'wl_waits' | 'wl_groups' | 'wl_open'>) =>
    Promise.all(
      expected.map(async ([asOf]) => {
        const f = await waitingListFigures(h.database, t, DEFAULT_REGION, new Date(asOf));
        return [asOf, { analysis: f.stages.analysis.waiting, care: f.stages.care.waiting }];
      }),
    );

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [waitingListProjection], { postgresUrl: postgresUrl() });
    w1 = await h.family('Veendam', (w1) => [
      ...w1.signalled('2026-01-01'),
      w1.consult('2026-01-05T10:00:00Z', 'regular-route'),
      w1.signal('2026-02-01T10:00:00Z'),
    ]);
    await h.family('Veendam', (w2) => [
      ...w2.signalled('2026-01-01'),
      w2.consult('2026-01-05T10:00:00Z', 'hsj-mcp-route'),
    ]);
    await h.family('Veendam', (w3) => [
      ...w3.signalled('2026-01-01'),
      w3.startAnalysis('2026-01-02T10:00:00Z'),
      w3.runningCare('2026-01-03T10:00:00Z', '2025-10-01T00:00:00Z', 'foster-care', 'elker'),
    ]);
    await h.settled();
  });
  afterAll(() => h.close());

  it('ends the analysis wait at a closing consultation, never lists running care, and rebuilds the same', async () => {
    const live = h.tables.live(waitingListProjection);
    expect(await figures(live)).toEqual(expected);
    // The closed case's wait ends with a reason of its own: not an analysis started (not a realised wait).
    const ends = await h.database.query<{ wait_id: string; end_reason: string | null }>(
      `select wait_id, end_reason from ${live.wl_waits} where family_id = $1 order by wait_id`,
      [w1.familyId],
    );
    expect(ends).toEqual([
      { wait_id: 'analysis:1', end_reason: 'consultation-closed' },
      { wait_id: 'analysis:2', end_reason: null },
    ]);
    await rebuildInto(h.database, h.store, h.tables, waitingListProjection, { batchSize: 10_000 });
    expect(await figures(h.tables.rebuilding(waitingListProjection))).toEqual(expected);
  });
}

describe('waiting list, consultations and running care (embedded store)', () => suite('pglite'));
describeWithPostgres('waiting list, consultations and running care (PostgreSQL)', () =>
  suite('postgres'),
);
