import type { EventRecord } from '@samenspoor/event-store';
import type { SqlQueryable } from '@samenspoor/sql';

/** The qualified, quoted names of a projection's tables, by their base name. */
export type TableNames<T extends string = string> = { readonly [K in T]: string };

/** Which tables a projection's statements are for. */
export interface TablesContext {
  /**
   * The tables are a rebuild's fresh copies: each event reaches them once, in order, and nothing but the
   * projection itself reads them before they are filled. Statements may then leave out what only guards against
   * an event applied again (`on conflict … do nothing` on the event's own key), and the keys only such guards
   * need may be added once the tables are filled ({@link Projection.createIndexes}), which is cheaper than
   * keeping them up to date row by row; so may rows that can be derived from the filled tables at once
   * ({@link Projection.finishRebuild}). Once swapped in, the tables must hold what the live ones would, with
   * every key the live ones have.
   */
  readonly rebuilding: boolean;
}

/** The live tables: queries read them, and an event may reach them again (a checkpoint set back). */
export const LIVE_TABLES: TablesContext = { rebuilding: false };
/** A rebuild's fresh tables. */
export const REBUILDING_TABLES: TablesContext = { rebuilding: true };

/**
 * The key of a table that holds a row per event (its family and stream version, say) and is only written by
 * inserts, where the key only guards against an event applied again: declared with the live table and met by
 * `on conflict … do nothing`; added to a rebuild's table once it is filled (see {@link TablesContext}).
 */
export class ReplayKey {
  /** `columns`: the key's columns, as SQL (`family_id, version`). */
  constructor(private readonly columns: string) {}

  /** The key as the last item of a `create table`, comma first; nothing for a rebuild's table. */
  declared(context: TablesContext | undefined): string {
    return context?.rebuilding ? '' : `,\n       primary key (${this.columns})`;
  }

  /** The statement that adds the key to a rebuild's filled table (for `createIndexes`); none for a live one. */
  added(table: string, context: TablesContext | undefined): string[] {
    return context?.rebuilding ? [`alter table ${table} add primary key (${this.columns})`] : [];
  }

  /** The clause of an insert that leaves an event's row already there as it is; none for a rebuild's table. */
  onConflict(context: TablesContext | undefined): string {
    return context?.rebuilding ? '' : `on conflict (${this.columns}) do nothing`;
  }
}

/**
 * A read model: tables, and how events change them. Projections are applied by the
 * {@link ProjectionRunner} in batches, inside the transaction that also moves the projection's checkpoint, and
 * only with events they have not seen (the runner keeps, per stream, the last version each projection applied).
 * They must ignore event types they do not know and never throw on an event: a refused event would stop the
 * read model for good.
 */
export interface Projection<T extends string = string> {
  /** Unique, kebab-case: `waiting-list`. */
  readonly name: string;
  /** Bumped whenever the tables or the way events are applied change: the projection is then rebuilt. */
  readonly version: number;
  /** Base names of the tables the projection owns, unique across projections: `wl_waits`. */
  readonly tables: readonly T[];
  /**
   * Statements that create the (empty) tables under the given names, with the keys and indexes that applying
   * events needs (`on conflict` targets). Called with the live tables' context when none is given.
   */
  createTables(tables: TableNames<T>, context?: TablesContext): string[];
  /**
   * Statements that create the indexes only queries need: a rebuild creates them once its tables are filled,
   * which is cheaper than keeping them up to date row by row. For a rebuild's tables (`context.rebuilding`), also
   * the keys `createTables` left out for them.
   */
  createIndexes?(tables: TableNames<T>, context?: TablesContext): string[];
  /**
   * Statements a rebuild runs once its tables hold every event, before their indexes are created: the rows the
   * projection left out of each page for a rebuild's tables (see {@link TablesContext}) because they can be
   * derived from the filled tables at once, which is cheaper than keeping them up to date page by page.
   */
  finishRebuild?(tables: TableNames<T>): string[];
  /**
   * What applying an event costs, relative to the other read models (default 1): when catching up, the read
   * models are spread over transactions side by side by it. A guide, measured with `npm run bench:projections`.
   */
  readonly cost?: number;
  /**
   * Applies new events, oldest first, in the caller's transaction; to the live tables when no context is given
   * (see {@link TablesContext}).
   */
  apply(
    tx: SqlQueryable,
    events: readonly EventRecord[],
    tables: TableNames<T>,
    context?: TablesContext,
  ): Promise<void>;
}

/** The stream of a family event, or undefined for events of other streams. */
export function familyIdOf(event: EventRecord): string | undefined {
  return event.streamId.startsWith('family-') ? event.streamId.slice('family-'.length) : undefined;
}

/** The families whose streams these events are of, each once. */
export function familyIdsOf(events: readonly EventRecord[]): string[] {
  return [...new Set(events.flatMap((event) => familyIdOf(event) ?? []))];
}

/** A family's row in a read model that keeps each family's folded state and the stream version it is at. */
export interface StoredFamilyState<S> {
  family_id: string;
  version: number;
  state: S;
}

/**
 * The stored rows of the families these events are of (`undefined` when they are of no family): the start of
 * a read model that folds each family's events into a state kept per family. `columns` names the columns read
 * besides family_id, version and state.
 */
export async function storedFamilyStates<S, R extends object = object>(
  tx: SqlQueryable,
  table: string,
  events: readonly EventRecord[],
  columns: readonly (keyof R & string)[] = [],
): Promise<(StoredFamilyState<S> & R)[] | undefined> {
  const familyIds = familyIdsOf(events);
  if (familyIds.length === 0) return undefined;
  return tx.query<StoredFamilyState<S> & R>(
    `select ${['family_id', 'version', 'state', ...columns].join(', ')} from ${table}
     where family_id = any($1::text[])`,
    [familyIds],
  );
}
