import { DEVELOPMENT_SEARCH_KEY, InvalidSearchKeyError, SearchKeys } from '@samenspoor/search';

/** The search settings: the blind index's key and the rate at which a professional may run into matches. */
export interface SearchConfig {
  /** `SEARCH_KEY`: the keys of the blind index (kept out of the database). */
  readonly keys: SearchKeys;
  /** `MATCH_RATE_LIMIT`: matches a professional may run into per hour before registrations that match are 429. */
  readonly matchRateLimit: number;
  /** Whether the development key is in use (`AUTH_MODE=dev` without `SEARCH_KEY`). */
  readonly developmentKey: boolean;
}

const MATCH_RATE_MESSAGE = 'MATCH_RATE_LIMIT must be a whole number of matches per hour from 1';

/**
 * Reads `SEARCH_KEY` and `MATCH_RATE_LIMIT`; each problem is added to `problems`, naming the setting (the key's
 * value is never shown). Undefined when there is a problem.
 */
export function searchConfigOf(
  env: NodeJS.ProcessEnv,
  authMode: 'dev' | 'oidc',
  problems: string[],
): SearchConfig | undefined {
  const before = problems.length;
  const rate = env.MATCH_RATE_LIMIT?.trim() ? env.MATCH_RATE_LIMIT.trim() : '20';
  if (!/^\d{1,6}$/.test(rate) || Number(rate) < 1) problems.push(MATCH_RATE_MESSAGE);
  const text = env.SEARCH_KEY?.trim() ? env.SEARCH_KEY : undefined;
  let keys: SearchKeys | undefined;
  if (text === undefined && authMode === 'oidc') {
    problems.push(
      'SEARCH_KEY must be set with AUTH_MODE=oidc (production): 32 random bytes as 64 hex digits (openssl rand -hex 32), kept out of the database; the blind search index is keyed with it',
    );
  } else {
    try {
      keys = SearchKeys.parse(text ?? DEVELOPMENT_SEARCH_KEY);
    } catch (error) {
      if (!(error instanceof InvalidSearchKeyError)) throw error;
      problems.push(`SEARCH_KEY: ${error.message}`);
    }
  }
  if (problems.length > before || !keys) return undefined;
  return { keys, matchRateLimit: Number(rate), developmentKey: text === undefined };
}
