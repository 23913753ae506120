import { ConfigurationError } from '@samenspoor/platform';

import { loadConfig } from '../config/app-config';

const PRODUCTION = {
  AUTH_MODE: 'oidc',
  OIDC_ISSUER_URL: 'https://login.example.nl/realms/hsj',
  OIDC_AUDIENCE: 'samenspoor',
};

describe('SEARCH_KEY and MATCH_RATE_LIMIT', () => {
  it('stops a production start without a search key, naming the setting', () => {
    expect(() => loadConfig(PRODUCTION)).toThrow(ConfigurationError);
    expect(() => loadConfig(PRODUCTION)).toThrow(/SEARCH_KEY must be set with AUTH_MODE=oidc/);
  });

  it.each(['too-short', 'ab'.repeat(16), 'z'.repeat(40), '!'.repeat(64)])(
    'refuses the search key %j without showing it',
    (key) => {
      const start = () => loadConfig({ ...PRODUCTION, SEARCH_KEY: key });
      expect(start).toThrow(/SEARCH_KEY: the search key must be 32 random bytes/);
      try {
        start();
      } catch (error) {
        expect((error as Error).message).not.toContain(key);
      }
    },
  );

  it('takes 64 hex digits or base64 of 32 bytes; the same key gives the same tokens', () => {
    const hex = 'ab'.repeat(32);
    const fromHex = loadConfig({ ...PRODUCTION, SEARCH_KEY: hex }).search;
    const fromBase64 = loadConfig({
      ...PRODUCTION,
      SEARCH_KEY: Buffer.from(hex, 'hex').toString('base64'),
    }).search;
    expect(fromHex.developmentKey).toBe(false);
    expect(fromHex.keys.token('name', 'san')).toEqual(fromBase64.keys.token('name', 'san'));
  });

  it('uses the public development key in development mode only, and 20 matches an hour by default', () => {
    const dev = loadConfig({ AUTH_MODE: 'dev' }).search;
    expect(dev).toMatchObject({ developmentKey: true, matchRateLimit: 20 });
    const other = loadConfig({ AUTH_MODE: 'dev', SEARCH_KEY: 'cd'.repeat(32) }).search;
    expect(other.keys.token('bsn', '111222333')).not.toEqual(dev.keys.token('bsn', '111222333'));
  });

  it.each(['0', '-3', 'many', '1.5'])('refuses MATCH_RATE_LIMIT=%j, naming it', (value) => {
    expect(() => loadConfig({ AUTH_MODE: 'dev', MATCH_RATE_LIMIT: value })).toThrow(
      /MATCH_RATE_LIMIT must be a whole number/,
    );
  });
});
