import { randomUUID } from 'node:crypto';

import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from '@samenspoor/testing';

import { PostgresDatabase } from '@samenspoor/sql';
import { EventIdRegistry } from './event-id-registry';

describeWithPostgres('the KurrentDB adapter’s event-id registry (PostgreSQL)', () => {
  let database: PostgresDatabase;
  let registry: EventIdRegistry;
  const schema = uniqueSchema('kdb_registry');
  beforeAll(async () => {
    database = new PostgresDatabase({ connectionString: postgresUrl(), maxConnections: 24 });
    registry = await EventIdRegistry.open(database, schema);
  });
  afterAll(async () => {
    await database.close();
    await dropSchemas(schema);
  });

  it('reserves each id once and tells the others which stream has it', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await registry.reserve('family-1', [a, b]);
    expect(first.fresh).toEqual(new Set([a, b]));
    expect(first.earlier.size).toBe(0);

    const second = await registry.reserve('family-2', [c, b]);
    expect(second.fresh).toEqual(new Set([c]));
    expect(second.earlier).toEqual(new Map([[b, 'family-1']]));
  });

  it('reserves each id exactly once when many appends offer overlapping ids at once, in any order', async () => {
    const ids = Array.from({ length: 300 }, () => randomUUID());
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        registry.reserve(`family-${i}`, i % 2 === 0 ? ids : [...ids].reverse()),
      ),
    );
    const reservedBy = new Map<string, number>();
    attempts.forEach((attempt, i) => {
      for (const id of attempt.fresh) {
        expect(reservedBy.has(id)).toBe(false);
        reservedBy.set(id, i);
      }
    });
    for (const attempt of attempts) {
      for (const [id, stream] of attempt.earlier) {
        expect(stream).toBe(`family-${reservedBy.get(id)}`);
      }
    }
  });

  it('gives back only what the stream holds', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await registry.reserve('family-1', [a]);
    await registry.reserve('family-2', [b]);
    await registry.release('family-1', [a, b]);
    expect((await registry.reserve('family-3', [a, b])).fresh).toEqual(new Set([a]));
  });
});
