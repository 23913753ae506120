import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens: a verified token is trusted until it expires, no longer', () => {
  let now: number;
  let tokens: VerifiedTokens<string>;
  beforeEach(() => {
    now = Date.UTC(2026, 11, 6, 9, 0, 0);
    tokens = new VerifiedTokens<string>(() => now, 3);
  });
  const inSeconds = (s: number) => now / 1000 + s;

  it('answers what the verification gave while the token has not expired', () => {
    tokens.remember('a.b.c', inSeconds(60), 'anna');
    now += 59_000;
    expect(tokens.get('a.b.c')).toBe('anna');
    expect(tokens.get('a.b.d')).toBeUndefined();
  });

  it('forgets a token once its exp has passed, so that it is verified (and refused) again', () => {
    tokens.remember('a.b.c', inSeconds(60), 'anna');
    now += 60_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('trusts a verification for five minutes at most, however long the token lives', () => {
    tokens.remember('a.b.c', inSeconds(24 * 3600), 'anna');
    now += 5 * 60_000 - 1;
    expect(tokens.get('a.b.c')).toBe('anna');
    now += 1;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('does not remember a token without a numeric exp, or one already expired', () => {
    tokens.remember('no-exp', undefined, 'x');
    tokens.remember('text-exp', String(inSeconds(60)), 'x');
    tokens.remember('expired', inSeconds(-1), 'x');
    expect(tokens.get('no-exp')).toBeUndefined();
    expect(tokens.get('text-exp')).toBeUndefined();
    expect(tokens.get('expired')).toBeUndefined();
  });

  it('keeps a bounded number of tokens, the oldest making room', () => {
    for (const token of ['t1', 't2', 't3', 't4']) tokens.remember(token, inSeconds(60), token);
    expect(tokens.get('t1')).toBeUndefined();
    expect(['t2', 't3', 't4'].map((t) => tokens.get(t))).toEqual(['t2', 't3', 't4']);
  });
});
