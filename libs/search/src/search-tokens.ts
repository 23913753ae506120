import { isValidBsn, type Member } from '@samenspoor/domain';

import { MIN_PREFIX, nameWords, normalise, prefixes, wholeName } from './normalise';
import type { SearchKeys } from './search-keys';

/** One row of the index: a token that leads to a member of a family. */
export interface IndexRow {
  readonly token: Buffer;
  readonly memberId: string;
}

/** The index rows of a member: name prefixes (alone and with the birth year), the BSN, the identity. */
export function memberRows(keys: SearchKeys, member: Member, municipality?: string): IndexRow[] {
  const rows: IndexRow[] = [];
  const add = (token: Buffer) => rows.push({ token, memberId: member.memberId });
  for (const word of nameWords(member.displayName)) {
    for (const prefix of prefixes(word)) {
      add(keys.token('name', prefix));
      if (member.birthYear !== undefined)
        add(keys.token('name-year', yearValue(prefix, member.birthYear)));
    }
  }
  if (member.bsn !== undefined && isValidBsn(member.bsn)) add(keys.token('bsn', member.bsn));
  const identity = identityValue(member, municipality);
  if (identity !== undefined) add(keys.token('identity', identity));
  return rows;
}

/**
 * The value the possible-duplicate match compares: whole name, birth year and municipality; undefined when one of
 * them is unknown (then there is nothing to match on).
 */
export function identityValue(
  member: Pick<Member, 'displayName' | 'birthYear'>,
  municipality: string | undefined,
): string | undefined {
  const name = wholeName(member.displayName);
  if (member.birthYear === undefined || municipality === undefined || name === '') return undefined;
  return `${name}\u0000${member.birthYear}\u0000${normalise(municipality)}`;
}

function yearValue(prefix: string, birthYear: number): string {
  return `${prefix}\u0000${birthYear}`;
}

/** A search as the index answers it: the tokens one member must all have. */
export type SearchQuery =
  | { readonly kind: 'bsn'; readonly bsn: string }
  | { readonly kind: 'name'; readonly words: readonly string[]; readonly birthYear?: number };

/** A search text that cannot be searched, with the reason (answered as a 400 naming `q`). */
export class InvalidSearchQueryError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidSearchQueryError';
  }
}

/** The most name words one search may hold. */
export const MAX_SEARCH_WORDS = 5;

/**
 * Parses a search text: a whole BSN (elfproef-valid) alone, or one to {@link MAX_SEARCH_WORDS} name words (each a
 * prefix of at least {@link MIN_PREFIX} letters; shorter words beside them are left out) with at most one birth year
 * (four digits) that narrows them.
 *
 * @throws InvalidSearchQueryError saying what is wrong.
 */
export function parseSearchQuery(text: string): SearchQuery {
  const parts = normalise(text)
    .split(' ')
    .filter((part) => part.length > 0);
  if (parts.length === 0) throw new InvalidSearchQueryError('q must hold a name word or a BSN');
  const numbers = parts.filter((part) => /^\d+$/.test(part));
  const words = [...new Set(parts.filter((part) => !/^\d+$/.test(part)))];
  const bsn = numbers.find((n) => n.length === 9);
  if (bsn !== undefined) {
    if (parts.length > 1) throw new InvalidSearchQueryError('q: search a BSN on its own');
    if (!isValidBsn(bsn))
      throw new InvalidSearchQueryError('q: that number is not a valid BSN (elfproef)');
    return { kind: 'bsn', bsn };
  }
  const years = numbers.filter((n) => /^(19|20)\d\d$/.test(n));
  if (years.length !== numbers.length || years.length > 1)
    throw new InvalidSearchQueryError(
      'q: a number must be one birth year (four digits) beside a name, or a whole BSN (nine digits)',
    );
  if (words.length === 0)
    throw new InvalidSearchQueryError('q: a birth year only narrows a name; add a name word');
  if (words.length > MAX_SEARCH_WORDS)
    throw new InvalidSearchQueryError(`q: at most ${MAX_SEARCH_WORDS} name words`);
  // Words shorter than a prefix (the "de" of "Sanne de Vries") are in no index row: they are left out when other
  // words remain. The words are not repeated back: the answer of a refusal holds nothing of the search.
  const searchable = words.filter((word) => [...word].length >= MIN_PREFIX);
  if (searchable.length === 0)
    throw new InvalidSearchQueryError(`q: a name word needs at least ${MIN_PREFIX} letters`);
  const indexed = searchable.map((word) => nameWords(word)[0] ?? word);
  return years[0] === undefined
    ? { kind: 'name', words: indexed }
    : { kind: 'name', words: indexed, birthYear: Number(years[0]) };
}

/** The tokens a member must all have to be found by the query. */
export function queryTokens(keys: SearchKeys, query: SearchQuery): Buffer[] {
  if (query.kind === 'bsn') return [keys.token('bsn', query.bsn)];
  const { birthYear } = query;
  const tokens = query.words.map((word) =>
    birthYear === undefined
      ? keys.token('name', word)
      : keys.token('name-year', yearValue(word, birthYear)),
  );
  return uniqueTokens(tokens);
}

/** Tokens without repeats (a word that is a prefix of another counts once). */
export function uniqueTokens(tokens: readonly Buffer[]): Buffer[] {
  const seen = new Map<string, Buffer>();
  for (const token of tokens) seen.set(token.toString('hex'), token);
  return [...seen.values()];
}
