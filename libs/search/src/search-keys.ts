import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The fields of the blind index, each hashed under a key of its own, so that equal values of two fields never
 * give the same token and the rows of one field cannot be joined to those of another:
 * - `name`: a prefix (≥ 3 letters) of a member's name word;
 * - `name-year`: such a prefix with the member's birth year (a birth year is never indexed alone: it only narrows
 *   a name, so that the index does not give away how many children were born in a year);
 * - `bsn`: a whole burgerservicenummer;
 * - `identity`: a member's whole name, birth year and the family's municipality (the possible-duplicate match).
 */
export const SEARCH_FIELDS = ['name', 'name-year', 'bsn', 'identity'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Bytes of the search key: 256 bits. */
export const SEARCH_KEY_BYTES = 32;

/** Bytes kept of each HMAC-SHA256: 128 bits leave no collision in any region. */
const TOKEN_BYTES = 16;

/** Why a search key cannot be used. */
export class InvalidSearchKeyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidSearchKeyError';
  }
}

/**
 * The search key and the keys derived from it (HKDF-SHA256, one per field). The search key is kept out of the
 * database — like the master of a key vault, it comes from the process's configuration — so that a copy of the
 * database alone cannot test a name or a BSN against the index: a BSN hashed without a secret falls to a
 * dictionary of 10⁹ numbers.
 */
export class SearchKeys {
  private readonly fieldKeys: ReadonlyMap<SearchField, Buffer>;
  /** A keyed value that tells whether the index was made under this key (never the key itself). */
  readonly fingerprint: Buffer;

  constructor(searchKey: Buffer) {
    if (searchKey.length < SEARCH_KEY_BYTES)
      throw new InvalidSearchKeyError(
        `the search key must hold at least ${SEARCH_KEY_BYTES} bytes; it holds ${searchKey.length}`,
      );
    const derive = (info: string) =>
      Buffer.from(hkdfSync('sha256', searchKey, 'samenspoor-blind-index', info, SEARCH_KEY_BYTES));
    this.fieldKeys = new Map(SEARCH_FIELDS.map((field) => [field, derive(`field:${field}`)]));
    this.fingerprint = derive('fingerprint');
  }

  /**
   * Reads a search key as configured: 64 hex digits, or base64 of at least 32 bytes.
   *
   * @throws InvalidSearchKeyError when it is neither.
   */
  static parse(text: string): SearchKeys {
    const trimmed = text.trim();
    if (/^[0-9a-fA-F]{64,}$/.test(trimmed) && trimmed.length % 2 === 0)
      return new SearchKeys(Buffer.from(trimmed, 'hex'));
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
      const bytes = Buffer.from(trimmed, 'base64');
      if (bytes.length >= SEARCH_KEY_BYTES) return new SearchKeys(bytes);
    }
    throw new InvalidSearchKeyError(
      `the search key must be ${SEARCH_KEY_BYTES} random bytes as 64 hex digits (openssl rand -hex 32) or as base64`,
    );
  }

  /** The token of a normalised value of a field: HMAC-SHA256 under the field's key, truncated to 128 bits. */
  token(field: SearchField, value: string): Buffer {
    const key = this.fieldKeys.get(field);
    if (!key) throw new RangeError(`unknown search field ${field}`);
    return createHmac('sha256', key).update(value, 'utf8').digest().subarray(0, TOKEN_BYTES);
  }
}

/**
 * The search key of development mode, public by being in this file (shared by the API and the tools): it keeps the embedded demo searchable without
 * set-up. Production (`AUTH_MODE=oidc`) refuses to start without a `SEARCH_KEY` of its own.
 */
export const DEVELOPMENT_SEARCH_KEY = 'c2FtZW5zcG9vci1kZXZlbG9wbWVudC1zZWFyY2gta2V5LW5vdC1zZWNyZXQ';
