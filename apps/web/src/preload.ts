import { api } from './api';

/**
 * Requests started before React renders, so that a page's data is on its way while the scripts of the page
 * still load: the first `useApi` of the same path takes the answer instead of asking again.
 */
const started = new Map<string, Promise<unknown>>();

export function preload(path: string): void {
  if (started.has(path)) return;
  const request = api(path);
  // An error surfaces where the page takes the answer; unhandled here it would only be noise.
  request.catch(() => undefined);
  started.set(path, request);
}

/** The preloaded answer for this path, once: later loads (a reload, "try again") ask the API afresh. */
export function takePreloaded<T>(path: string): Promise<T> | undefined {
  const request = started.get(path);
  started.delete(path);
  return request as Promise<T> | undefined;
}
