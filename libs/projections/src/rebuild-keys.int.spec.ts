import { describeOnEachDatabase } from '@samenspoor/testing';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from './projection';
import { rebuildAllInto, swapRebuilt } from './rebuild';
import { ALL_PROJECTIONS } from './registry';
import { TestFamily } from './testing/family-commands';
import { openProjectionHarness } from './testing/projection-harness';
import { snapshot } from './testing/table-snapshot';

/** A table's indexes (keys included) as definitions without their names: what two tables can share. */
async function indexesOf(db: SqlQueryable, table: string): Promise<string[]> {
  const rows = await db.query<{ primary: boolean; definition: string }>(
    `select i.indisprimary as primary,
            regexp_replace(pg_get_indexdef(i.indexrelid), '^(create (unique )?index) \\S+ on \\S+ ', '\\1 ', 'i')
              as definition
     from pg_index i
     where i.indrelid = $1::regclass`,
    [table],
  );
  return rows.map((row) => `${row.primary ? 'primary key: ' : ''}${row.definition}`).sort();
}

async function allIndexes(db: SqlQueryable, tables: TableNames): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const [base, table] of Object.entries(tables)) result[base] = await indexesOf(db, table);
  return result;
}

/**
 * A rebuild may fill its fresh tables without the keys that only guard against an event applied twice, and add
 * them once the tables are filled (TablesContext). Swapped in, the tables must be as the live ones: the runner
 * goes on applying to them with `on conflict` on those keys, and replays must still change nothing.
 */
describeOnEachDatabase('the tables a rebuild swaps in', (kind) => {
  it('have every key and index the live tables have, and take the next events and a replay as the live ones do', async () => {
    const family = new TestFamily();
    const h = await openProjectionHarness(kind, ALL_PROJECTIONS);
    try {
      // Given a family well along the route, applied live,
      await h.command(family.familyId, ...family.onTrack('2026-01-05', 'concerns'));
      await h.command(
        family.familyId,
        family.requestCare('2026-02-01T09:00:00Z', 'jeugd-ggz', 'accare'),
        family.startCare('2026-02-10T09:00:00Z'),
        family.mdo('2026-02-11T09:00:00Z', '2026-03-11'),
        family.join('2026-02-12T09:00:00Z', 'p-second'),
      );
      await h.command(family.familyId, family.note('2026-02-02T09:00:00Z'));
      const leaving = new TestFamily('Pekela');
      await h.command(leaving.familyId, ...leaving.onTrack('2026-01-06', 'safe'));
      await h.command(
        leaving.familyId,
        leaving.outflow('2026-03-01T09:00:00Z'),
        leaving.followUp('2026-06-01T09:00:00Z', 3),
      );
      await h.settled();
      const live: Record<string, Record<string, string[]>> = {};
      for (const projection of ALL_PROJECTIONS)
        live[projection.name] = await allIndexes(h.database, h.tables.live(projection));

      // when every read model is rebuilt and swapped in,
      const rebuiltTo = await rebuildAllInto(h.database, h.store, h.tables, ALL_PROJECTIONS);
      for (const projection of ALL_PROJECTIONS)
        await h.database.transaction((tx) => swapRebuilt(tx, h.tables, projection, rebuiltTo));

      // then each table has the live tables' keys and indexes,
      for (const projection of ALL_PROJECTIONS)
        expect({
          [projection.name]: await allIndexes(h.database, h.tables.live(projection)),
        }).toEqual({ [projection.name]: live[projection.name] });
      expect(live.timeline!.tl_entries).toEqual([
        'primary key: CREATE UNIQUE INDEX USING btree (family_id, version)',
      ]);

      // and the runner applies the next events to them once, even when it reads them again.
      await h.command(family.familyId, family.note('2026-02-03T09:00:00Z'));
      await h.settled();
      const after: Record<string, unknown> = {};
      for (const projection of ALL_PROJECTIONS)
        after[projection.name] = await snapshot(h.database, projection, h.tables.live(projection));
      // (the families left rows in every kind of table: outflows and follow-ups, MDOs, route facts, entries)
      const rows = after as Record<string, Record<string, string[]>>;
      expect(rows.outflow!.of_outflows).toHaveLength(1);
      expect(rows.outflow!.of_follow_ups).toHaveLength(1);
      expect(rows['safety-overview']!.so_mdos).toHaveLength(1);
      expect(rows['safety-overview']!.so_route!.length).toBeGreaterThan(0);
      const events = (await h.store.readAll({ limit: 100_000 })).events;
      for (const projection of ALL_PROJECTIONS)
        await h.database.transaction((tx) =>
          projection.apply(tx, events, h.tables.live(projection)),
        );
      for (const projection of ALL_PROJECTIONS)
        expect({
          [projection.name]: await snapshot(h.database, projection, h.tables.live(projection)),
        }).toEqual({ [projection.name]: after[projection.name] });
    } finally {
      await h.close();
    }
  }, 120_000);
});
