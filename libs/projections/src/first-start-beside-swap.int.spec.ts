import { SqlEventStore } from '@samenspoor/event-store';
import { PostgresDatabase } from '@samenspoor/sql';
import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from '@samenspoor/testing';

import { ProjectionRunner } from './projection-runner';
import { ProjectionTables } from './projection-tables';
import { rebuildInto, swapRebuilt } from './rebuild';
import { ALL_PROJECTIONS } from './registry';

const familyList = ALL_PROJECTIONS.find((p) => p.name === 'family-list')!;

/**
 * A runner that starts for the first time on a schema (no checkpoint yet) while a rebuild swaps its tables in —
 * `projections:rebuild` beside a fresh API, or a test that rebuilds while its app still starts. The runner used to
 * create the live tables beside the swap's uncommitted rename: one of the two failed on the catalog's unique name
 * (`pg_class_relname_nsp_index`), seen once in CI in `erasure-boundary.e2e`.
 */
describeWithPostgres('a first start beside a swap', () => {
  const schema = uniqueSchema('swap_start');
  const database = new PostgresDatabase({ connectionString: postgresUrl() });
  afterAll(async () => {
    await database.close();
    await dropSchemas(schema);
  });

  it('lets the swap finish and takes its tables and checkpoint, without failing', async () => {
    const store = await SqlEventStore.create(database, { schema });
    const tables = await ProjectionTables.open(database, schema);
    const rebuiltTo = await rebuildInto(database, store, tables, familyList);
    const failures: unknown[] = [];
    let runner: ProjectionRunner | undefined;

    // Given a swap that holds its transaction open, when a runner starts for the first time meanwhile,
    await database.session((session) =>
      session.transaction(async (tx) => {
        await swapRebuilt(tx, tables, familyList, rebuiltTo);
        runner = new ProjectionRunner(database, store, [familyList], tables, {
          schema,
          standbyPollMs: 50,
          observer: { failed: (error) => failures.push(error) },
        });
        runner.start();
        // long enough for the runner to read the checkpoints and reach the tables
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }),
    );
    // then it waits for the swap, finds the rebuilt tables in place, and follows from the swap's checkpoint.
    expect(await runner!.waitFor(familyList.name, rebuiltTo, 10_000)).toBe(rebuiltTo);
    await runner!.stop();
    expect(failures.map(String)).toEqual([]);
    const [row] = await database.query<{ names: string[] }>(
      `select array_agg(tablename::text order by tablename) as names from pg_tables where schemaname = $1 and tablename = any($2::text[])`,
      [schema, familyList.tables],
    );
    expect(row?.names).toEqual([...familyList.tables].sort());
    await store.close();
  });
});
