import { RULE_MESSAGES } from '@samenspoor/domain/labels-nl';

/** One failing field of a 400 answer. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The API's `application/problem+json` answer (RFC 9457). */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly rule?: string;
  readonly correlationId?: string;
  /** Whom to contact, in the 409 of a registration that matched a family already known. */
  readonly contacts?: unknown;
}

/** A request that did not succeed: `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  /** The family version the step is based on: a 409 when someone else changed the family since. */
  readonly ifMatch?: number;
  /** The same key makes a repeated request (a double click, a retry) take effect once. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

let bearer: string | undefined;
let onUnauthenticated: (() => void) | undefined;

/** The token every request sends, kept in memory (the session keeps it in sessionStorage, never in a URL). */
export function setBearer(token: string | undefined, unauthenticated?: () => void): void {
  if (token !== bearer) lastWrite = undefined;
  bearer = token;
  onUnauthenticated = unauthenticated;
}

/** Reads a file the API answers (a PDF), with the session's token; throws {@link ApiError} for any answer but 2xx. */
export async function apiBlob(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  if (!response.ok) {
    if (response.status === 401 && bearer) onUnauthenticated?.();
    throw new ApiError(response.status, undefined);
  }
  return response.blob();
}

/** The `position` the user's latest step answered (an opaque token of the store, nothing personal). */
let lastWrite: string | undefined;
const writeListeners = new Set<() => void>();

/**
 * `path` with `minPosition` of the user's latest step, once they took one: the read model answers only when it
 * has that step (read-your-writes), so that a list read after a step shows it.
 */
export function afterOwnWrites(path: string): string {
  if (!lastWrite) return path;
  return `${path}${path.includes('?') ? '&' : '?'}minPosition=${encodeURIComponent(lastWrite)}`;
}

/** Calls `listener` after each step the user takes (to read a list again); answers the unsubscribe. */
export function onOwnWrite(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function rememberWrite(answer: unknown): void {
  const position = (answer as { position?: unknown } | undefined)?.position;
  if (typeof position !== 'string' || !/^[0-9a-f]{32}$/.test(position)) return;
  lastWrite = position;
  for (const listener of writeListeners) listener();
}

/** Calls the public HTTP API; throws {@link ApiError} for any answer but 2xx. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'omit',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, undefined);
  }
  const json: unknown = /json/.test(response.headers.get('content-type') ?? '')
    ? await response.json().catch(() => undefined)
    : undefined;
  if (!response.ok) {
    if (response.status === 401 && bearer) onUnauthenticated?.();
    throw new ApiError(response.status, json as Problem | undefined);
  }
  if ((options.method ?? 'GET') !== 'GET') rememberWrite(json);
  return json as T;
}

/**
 * Fetches `path` as `accept` (`text/csv`, `application/pdf`) with the bearer token in the header, never in the URL,
 * and hands the answer to the browser as a file called `filename`; throws {@link ApiError} for any answer but 2xx.
 */
export async function download(path: string, accept: string, filename: string): Promise<void> {
  const headers: Record<string, string> = { accept };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'omit' });
  } catch {
    throw new ApiError(0, undefined);
  }
  if (!response.ok) {
    if (response.status === 401 && bearer) onUnauthenticated?.();
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(response.status, problem);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What to tell a person about a failed request, in Dutch; never raw JSON or a stack trace. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Er ging iets mis in de webapp. Laad de pagina opnieuw; blijft het misgaan, meld het dan bij de servicedesk.';
  }
  const { status, problem } = error;
  switch (status) {
    case 0:
      return 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.';
    case 400:
      return 'Niet alle velden zijn goed ingevuld. Bekijk de meldingen bij de velden.';
    case 401:
      return 'U bent niet (meer) aangemeld. Meld u opnieuw aan.';
    case 403:
      return 'U heeft geen toegang tot deze gegevens. Alleen professionals in het netwerk van het gezin en het Regionaal Veiligheidsteam kunnen een gezin inzien.';
    case 404:
      return 'Niet gevonden: dit gezin, of het onderdeel dat u koos, bestaat niet (meer).';
    case 409:
      return 'Iemand anders heeft dit gezin intussen gewijzigd, dus uw stap is niet vastgelegd. Laad de nieuwe stand van het gezin, controleer uw invoer en probeer het opnieuw.';
    case 422:
      return (
        (problem?.rule ? RULE_MESSAGES[problem.rule] : undefined) ??
        'Deze stap kan nu niet: hij past niet bij de regels van de werkwijze.'
      );
    case 429:
      return problem?.rule === 'match-rate-exceeded'
        ? 'U heeft in korte tijd veel gezinnen aangemeld die al bekend waren. Aanmelden kan tot het einde van dit uur niet; het Regionaal Veiligheidsteam is ingelicht.'
        : 'Te veel verzoeken in korte tijd. Wacht even en probeer het dan opnieuw.';
    case 503:
      return 'De gegevens worden nog bijgewerkt. Probeer het over enkele seconden opnieuw.';
    default:
      return `Er ging iets mis aan onze kant.${problem?.correlationId ? ` Noem bij een melding deze code: ${problem.correlationId}.` : ''}`;
  }
}

/** A failing field's message in Dutch, from the validator's English. */
export function fieldMessage(message: string): string {
  const length = /(longer|shorter) than or equal to (\d+)/.exec(message);
  if (length?.[1] === 'shorter') return `Maximaal ${length[2]} tekens.`;
  if (length?.[1] === 'longer') return 'Vul dit veld in.';
  if (/should not exist|not a known field/.test(message)) return 'Dit veld is hier niet bekend.';
  if (/at least \d+ element|should not be empty/.test(message))
    return 'Vul ten minste één waarde in.';
  if (/ISO 8601|valid time|date/.test(message)) return 'Vul een geldige datum in.';
  if (/must be one of|allowed values|region's/.test(message))
    return 'Kies een van de mogelijke waarden.';
  if (/must be a string/.test(message)) return 'Vul dit veld in.';
  if (/boolean/.test(message)) return 'Kies ja of nee.';
  if (/UUID/.test(message)) return 'Kies een geldige waarde uit de lijst.';
  if (/elfproef|BSN/.test(message)) return 'Dit is geen geldig BSN.';
  return 'Deze waarde is niet geldig.';
}

/** The form field a server-side field path belongs to: `goals[0].description` → `goals`. */
export function fieldName(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/**
 * A random UUID (v4) for Idempotency-Key. `crypto.randomUUID` exists only on https and localhost; over plain
 * http elsewhere the key is built from `crypto.getRandomValues`, which exists everywhere.
 */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
