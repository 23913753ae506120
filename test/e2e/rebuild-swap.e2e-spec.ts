import { PersonalDataVault } from '@samenspoor/access';
import { DEFAULT_REGION } from '@samenspoor/domain';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  ProjectionTables,
  rebuildInto,
  swapRebuilt,
} from '@samenspoor/projections';
import { seedRegion } from '@samenspoor/simulation';

import { describeWithPostgres } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import type { HttpAnswer } from '../support/http';

/**
 * `projections:rebuild` swaps freshly built tables in (rename and drop) while the API reads the live ones. A read
 * that meets a swap must answer as before or after it — at worst 503 with Retry-After — never 500. (PostgreSQL
 * only: PGlite's one connection runs a swap and a query one after the other, never side by side.)
 */
describeWithPostgres('reads of every read model while rebuilds swap tables in (PostgreSQL)', () => {
  let app: TestApp;
  let safetyTeam: ApiClient;
  let familyIds: string[];

  beforeAll(async () => {
    app = await startTestApp('postgres');
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
    await seedRegion(app.store, app.app.get(PersonalDataVault), {
      families: 40,
      seed: 11,
      years: 1,
      region: DEFAULT_REGION,
      concurrency: 4,
    });
    const deadline = Date.now() + 60_000;
    do {
      if (Date.now() > deadline) throw new Error('the family list did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 250));
      const list = await safetyTeam.get('/api/families?limit=500');
      familyIds = (list.body.items as { familyId: string }[]).map((item) => item.familyId);
    } while (familyIds.length < 40);
    // Every read model, not just the list, up to the head.
    const runner = app.app.get(ProjectionRunner);
    const head = await app.store.headPosition();
    for (const projection of ALL_PROJECTIONS)
      expect(await runner.waitFor(projection.name, head, 60_000)).toBeDefined();
  }, 180_000);
  afterAll(() => app.close());

  const asOf = 'asOf=2026-11-01T00:00:00Z';
  const reads = (i: number): string[] => [
    `/api/projections/waiting-list?${asOf}`,
    `/api/projections/waiting-list/entries?${asOf}`,
    `/api/projections/waiting-list/history?from=2026-01-01&to=2026-03-01`,
    `/api/projections/stacking?${asOf}`,
    `/api/projections/safety-overview?${asOf}`,
    `/api/projections/outflow?from=2024-11-01&to=2026-11-01`,
    `/api/families?limit=50`,
    `/api/families/${familyIds[i % familyIds.length]}`,
    `/api/families/${familyIds[i % familyIds.length]}/timeline`,
  ];

  it('answers every read during repeated swaps of every read model, never with a 500', async () => {
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const tables = app.app.get(ProjectionTables);
    const before = await Promise.all(reads(0).map((path) => safetyTeam.get(path)));
    for (const answer of before) expect(answer.status).toBe(200);

    let swapping = true;
    let swaps = 0;
    const swapper = (async () => {
      try {
        for (let round = 0; round < 3; round++) {
          for (const projection of ALL_PROJECTIONS) {
            const rebuilt = await rebuildInto(database, app.store, tables, projection);
            await database.session((session) =>
              session.transaction((tx) => swapRebuilt(tx, tables, projection, rebuilt)),
            );
            swaps++;
          }
        }
      } finally {
        swapping = false;
      }
    })();

    const failures: string[] = [];
    let answered = 0;
    const readers = 8;
    const reader = async (worker: number) => {
      for (let i = worker; swapping; i += readers) {
        const answers: HttpAnswer[] = await Promise.all(
          reads(i).map((path) =>
            safetyTeam.get(path).catch((error: Error) => {
              throw new Error(`${path}: ${String(error.cause)}`);
            }),
          ),
        );
        answers.forEach((answer, j) => {
          answered++;
          const retryable = answer.status === 503 && answer.headers.get('retry-after');
          if (answer.status !== 200 && !retryable)
            failures.push(`${reads(i)[j]}: ${answer.status} ${answer.text.slice(0, 200)}`);
        });
      }
    };
    await Promise.all([swapper, ...Array.from({ length: readers }, (_, w) => reader(w))]);

    expect(swaps).toBe(3 * ALL_PROJECTIONS.length);
    expect(answered).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    // The swapped-in tables answer what the old ones did.
    const after = await Promise.all(reads(0).map((path) => safetyTeam.get(path)));
    expect(after.map((a) => a.body)).toEqual(before.map((b) => b.body));
  }, 300_000);
});
