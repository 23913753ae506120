import { describeOnEachDatabase } from '@samenspoor/testing';

import { familyListProjection } from './family-list/family-list.projection';
import { rebuildInto } from './rebuild';
import { ALL_PROJECTIONS } from './registry';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';
import { appendSimulatedRegion } from './testing/simulated-region';

describeOnEachDatabase(
  'large values of the read models are stored compressed with lz4 where the server has it',
  (kind) => {
    let h: ProjectionHarness;
    beforeAll(async () => {
      h = await openProjectionHarness(kind, ALL_PROJECTIONS, { batchSize: 50 });
    }, 60_000);
    afterAll(() => h.close());

    it('given a region caught up live and a rebuild, the family states kept compressed are lz4 on PostgreSQL, pglz on PGlite', async () => {
      // Given families whose states outgrow what PostgreSQL keeps uncompressed (about 2 kB),
      await appendSimulatedRegion(h, { families: 10, seed: 4 });
      await h.settled();
      const familyList = familyListProjection;
      const methods = async (table: string) =>
        (
          await h.database.query<{ method: string }>(
            `select distinct pg_column_compression(state) as method from ${table}
             where pg_column_compression(state) is not null`,
          )
        ).map((row) => row.method);
      const expected = kind === 'postgres' ? ['lz4'] : ['pglz'];
      // then the states the runner stored compressed are compressed with lz4 on a PostgreSQL server (which has it:
      // Debian's is built with it), with PostgreSQL's own pglz on PGlite (which has not);
      expect(await methods(h.tables.live(familyList).fl_families)).toEqual(expected);
      expect(h.tables.transactionSettings === '').toBe(kind === 'pglite');
      // and so are those a rebuild stores.
      await rebuildInto(h.database, h.store, h.tables, familyList);
      expect(await methods(h.tables.rebuilding(familyList).fl_families)).toEqual(expected);
    });
  },
);
