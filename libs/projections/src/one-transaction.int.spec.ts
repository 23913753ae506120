import type { SqlDatabase, SqlQueryable } from '@samenspoor/sql';
import { openTestPglite } from '@samenspoor/testing';

import { ALL_PROJECTIONS } from './registry';
import { TestFamily } from './testing/family-commands';
import { openProjectionHarness } from './testing/projection-harness';

/** The statements of every transaction run on a database, in order, one list per transaction. */
function recordingTransactions(database: SqlDatabase): {
  database: SqlDatabase;
  transactions: string[][];
} {
  const transactions: string[][] = [];
  const recorded = (tx: SqlQueryable, statements: string[]): SqlQueryable => ({
    query: (text, params, options) => {
      statements.push(text);
      return tx.query(text, params, options);
    },
  });
  const wrapped: SqlDatabase = {
    kind: database.kind,
    description: database.description,
    query: (text, params, options) => database.query(text, params, options),
    transaction: (work) => {
      const statements: string[] = [];
      transactions.push(statements);
      return database.transaction((tx) => work(recorded(tx, statements)));
    },
    session: (work) => database.session(work),
    close: () => database.close(),
  };
  return { database: wrapped, transactions };
}

describe('the projection runner applies a batch to every read model in one transaction (PGlite)', () => {
  it('moves all checkpoints in one statement of one transaction, which locks them once', async () => {
    const inner = await openTestPglite();
    const { database, transactions } = recordingTransactions(inner);
    const h = await openProjectionHarness('pglite', ALL_PROJECTIONS, { database });
    try {
      const family = new TestFamily();
      await h.command(family.familyId, family.register('2026-01-05'));
      await h.settled();
      const before = transactions.length;

      // Given events appended together, when the runner applies them,
      await h.command(
        family.familyId,
        family.signal('2026-01-06'),
        family.startAnalysis('2026-01-07'),
      );
      await h.settled();

      // then one transaction moved the checkpoints of all six read models,
      const batches = transactions
        .slice(before)
        .filter((statements) => statements.some((s) => /projection_checkpoints/.test(s)));
      expect(batches).toHaveLength(1);
      const statements = batches[0]!;
      const checkpointStatements = statements.filter((s) => /projection_checkpoints/.test(s));
      expect(checkpointStatements).toHaveLength(2);
      expect(checkpointStatements[0]).toMatch(/for update/);
      expect(checkpointStatements[1]).toMatch(/^\s*insert into/);
      // with no savepoint (a batch that applies cleanly needs none),
      expect(statements.filter((s) => /savepoint/.test(s))).toEqual([]);
      // and every read model stands at the same position.
      const positions = await inner.query<{ position: string }>(
        `select distinct position from ${h.tables.schema}.projection_checkpoints`,
      );
      expect(positions).toHaveLength(1);
    } finally {
      await h.close();
      await inner.close();
    }
  }, 60_000);
});
