import type { SqlDatabase } from './sql-database';

/**
 * A component that keeps its rows in one table of a schema (an inbox, a registry, a record of matches): opened
 * by a static `open` of its own, which runs the component's migrations and names the table (see
 * `ComponentMigrations.openTable`).
 */
export abstract class SqlTable {
  protected constructor(
    protected readonly database: SqlDatabase,
    /** The table's name, qualified by the quoted schema. */
    protected readonly table: string,
  ) {}
}
