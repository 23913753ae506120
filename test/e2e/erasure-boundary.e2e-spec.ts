import { randomUUID } from 'node:crypto';

import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  ProjectionTables,
  projectionNamed,
  rebuildInto,
  swapRebuilt,
} from '@samenspoor/projections';

import { describeOnEachStore } from '../support/app';
import { useCast } from '../support/cast';
import { familyOnRoute } from '../support/route';

/** Issue 11, item 7: erasure at the boundary — a reused Idempotency-Key, and a rebuild after it. */
describeOnEachStore('erasure at the boundary', (kind) => {
  const { app, anna: professional, carla: safetyTeam, dirk: auditor } = useCast(kind);

  const register = (displayName: string, bsn?: string) =>
    familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName,
      ...(bsn ? { bsn } : {}),
    });

  it("refuses erasing family B with the Idempotency-Key of family A's erasure, and B's key survives", async () => {
    const a = await register('Eerste');
    const b = await register('Tweede');
    const key = randomUUID();
    const erasedA = await auditor.delete(
      `/api/families/${a.familyId}/personal-data`,
      { legalBasis: 'AVG art. 17' },
      { 'Idempotency-Key': key },
    );
    expect(erasedA.status).toBe(200);
    const before = await app.eventCount();

    const refused = await auditor.delete(
      `/api/families/${b.familyId}/personal-data`,
      { legalBasis: 'AVG art. 17' },
      { 'Idempotency-Key': key },
    );

    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('idempotency-key-reused');
    expect(await app.eventCount()).toBe(before);
    const familyB = await professional.get(`/api/families/${b.familyId}`);
    expect(familyB.status).toBe(200);
    expect(familyB.body.members[0].displayName).toBe('Tweede');
    // The same request with its own key erases B: the refusal was about the key, not the request.
    const erasedB = await auditor.delete(
      `/api/families/${b.familyId}/personal-data`,
      { legalBasis: 'AVG art. 17' },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(erasedB.status).toBe(200);
    expect(
      (await professional.get(`/api/families/${b.familyId}`)).body.members[0].displayName,
    ).toBeNull();
  });

  it('answers hasBsn false in the family list after erasure and a rebuild of the read model', async () => {
    const family = await register('Herbouw', '111222333');
    const erased = await auditor.delete(`/api/families/${family.familyId}/personal-data`, {
      legalBasis: 'AVG art. 17',
    });
    expect(erased.status).toBe(200);

    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const tables = app.app.get(ProjectionTables);
    const projection = projectionNamed('family-list')!;
    const rebuiltTo = await rebuildInto(
      database,
      app.app.get<EventStore>(EVENT_STORE),
      tables,
      projection,
    );
    await database.session((session) =>
      session.transaction((tx) => swapRebuilt(tx, tables, projection, rebuiltTo)),
    );

    const list = await safetyTeam.get(`/api/families?minPosition=${erased.body.position}`);
    expect(list.status).toBe(200);
    const listed = list.body.items.find(
      (item: { familyId: string }) => item.familyId === family.familyId,
    );
    expect(listed.members).toHaveLength(1);
    expect(listed.members[0].hasBsn).toBe(false);
    expect(listed.members[0].displayName).toBeNull();
  });
});
