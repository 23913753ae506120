import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
} from 'react';

import { api, problemMessage } from '../api';
import { takePreloaded } from '../preload';

/**
 * A page: sets the document title and moves the focus to the page's heading when it opens, so that keyboard and
 * screen-reader users hear where a link took them.
 */
export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Samenspoor`;
  }, [title]);
  useLayoutEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}

export function Loading({ what = 'Gegevens' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what} laden…
    </p>
  );
}

/** An error said in Dutch, with a way to try again. */
export function ErrorAlert({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{problemMessage(error)}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          Opnieuw proberen
        </button>
      )}
    </div>
  );
}

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload: () => void;
}

/** GETs a path of the API (again whenever the path changes); `undefined` waits. */
export function useApi<T>(path: string | undefined): Loaded<T> {
  const [state, setState] = useState<{
    path?: string;
    data?: T;
    error?: unknown;
    loading: boolean;
  }>({ loading: path !== undefined });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    // Reloading keeps what is shown until the new answer is there; another path starts empty.
    setState((previous) => ({
      path,
      data: previous.path === path ? previous.data : undefined,
      loading: true,
    }));
    (takePreloaded<T>(path) ?? api<T>(path, { signal: abort.signal })).then(
      (data) => {
        if (!abort.signal.aborted) setState({ path, data, loading: false });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ path, error, loading: false });
      },
    );
    return () => abort.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Shows what a GET gave: loading, an error with "try again", or the content. */
export function Async<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.error !== undefined) return <ErrorAlert error={loaded.error} retry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading what={what} />;
  return <>{children(loaded.data)}</>;
}

/**
 * An alert that takes the focus when it appears, and again when `news` changes, so that a keyboard or
 * screen-reader user hears at once what their action did (a step stored, a match found).
 */
export function FocusedAlert({
  news,
  children,
  ...div
}: HTMLAttributes<HTMLDivElement> & { news?: unknown; children: ReactNode }) {
  const alert = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    alert.current?.focus();
  }, [news]);
  return (
    <div ref={alert} tabIndex={-1} {...div}>
      {children}
    </div>
  );
}

export function Badge({ tone, children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge${tone ? ` badge-${tone}` : ''}`}>{children}</span>;
}

/**
 * A message the previous page left for this one in the history entry's state ("the family is registered"),
 * said once: it is taken out of the entry, so that a reload does not say it again.
 */
export function Notice() {
  const [notice] = useState(() => {
    const state = window.history.state as { notice?: unknown } | null;
    return typeof state?.notice === 'string' ? state.notice : undefined;
  });
  useEffect(() => {
    if (notice) window.history.replaceState(null, '');
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="alert alert-success" role="status">
      <p>{notice}</p>
    </div>
  );
}

/** A list answer of the API: `{ items, nextCursor }`, the next page asked for with `cursor`. */
export interface Paged<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

type PageOf<T> = Paged<T> & { readonly entries: T[] };

export interface Pages<T> {
  /** Every item of the pages loaded so far; undefined while the first page loads. */
  readonly items: T[] | undefined;
  /** Whether there are more pages. */
  readonly more: boolean;
  readonly error: unknown;
  readonly loadingMore: boolean;
  loadMore: () => Promise<void>;
  reload: () => void;
}

/**
 * GETs a list of the API (`path` with its query) a page at a time; from the first page again when `path` changes.
 * `key` names the list in the answer (`items`, or `entries` in a timeline).
 */
export function usePages<T>(
  path: string | undefined,
  key: 'items' | 'entries' = 'items',
): Pages<T> {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    setItems(undefined);
    setError(undefined);
    api<PageOf<T>>(path, { signal: abort.signal }).then(
      (page) => {
        setItems(page[key]);
        setCursor(page.nextCursor);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      },
    );
    return () => abort.abort();
  }, [path, key, round]);

  const loadMore = async () => {
    if (!cursor || path === undefined) return;
    setLoadingMore(true);
    try {
      const separator = path.includes('?') ? '&' : '?';
      const page = await api<PageOf<T>>(`${path}${separator}cursor=${encodeURIComponent(cursor)}`);
      setItems((previous) => [...(previous ?? []), ...page[key]]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { items, more: cursor !== null, error, loadingMore, loadMore, reload };
}

/**
 * Shows a list loaded a page at a time, or what of it is shown (`items`, filtered on the page): an error with
 * "try again", loading, the line `empty` when there is nothing, or the content.
 */
export function AsyncPages<T>({
  pages,
  items = pages.items,
  what,
  empty,
  children,
}: {
  pages: Pages<T>;
  items?: T[];
  what: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (pages.error !== undefined) return <ErrorAlert error={pages.error} retry={pages.reload} />;
  if (!items) return <Loading what={what} />;
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return <>{children(items)}</>;
}

/** Loads the next page of a list; there while there are more. */
export function MoreButton<T>({ pages, label }: { pages: Pages<T>; label: string }) {
  if (!pages.more) return null;
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => void pages.loadMore()}
      disabled={pages.loadingMore}
    >
      {pages.loadingMore ? 'Laden…' : label}
    </button>
  );
}

/** The sort of a table whose columns sort on the server: the columns that can, by their header text. */
export interface TableSort {
  /** The sort key of each sortable column, by the column's text. */
  readonly keys: Readonly<Record<string, string>>;
  readonly by: string;
  readonly direction: 'asc' | 'desc';
  /** Sorts by the key: the other way round when it is the current one. */
  readonly onSort: (key: string) => void;
}

/**
 * A table in a box of its own that scrolls sideways on a small screen; the box is a named region that a
 * keyboard can reach. `children` are its bodies. With `sort`, the headers of its sortable columns are buttons
 * that say how the table is sorted (`aria-sort`).
 */
export function ScrollTable({
  name,
  labelledBy,
  className = 'table',
  caption,
  columns,
  sort,
  children,
}: {
  /** The region's name; with `labelledBy`, the id of the heading that names it instead. */
  name?: string;
  labelledBy?: string;
  className?: string;
  /** A caption for screen readers. */
  caption?: string;
  columns: readonly string[];
  sort?: TableSort;
  children: ReactNode;
}) {
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label={name}
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      <table className={className}>
        {caption !== undefined && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const key = sort?.keys[column];
              if (!sort || key === undefined)
                return (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                );
              const current = sort.by === key;
              const ascending = sort.direction === 'asc';
              return (
                <th
                  scope="col"
                  key={column}
                  aria-sort={current ? (ascending ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" className="sort" onClick={() => sort.onSort(key)}>
                    {column}
                    <span aria-hidden="true" className="sort-mark">
                      {current ? (ascending ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                    <span className="sr-only">
                      {current
                        ? `, gesorteerd ${ascending ? 'oplopend' : 'aflopend'}; klik om om te draaien`
                        : ', klik om hierop te sorteren'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
