import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_REGION } from '@samenspoor/domain';
import { ConfigurationError } from '@samenspoor/platform';

import { loadConfig, type AppConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the newcomer defaults: port 3000, embedded store in ./data, dev auth, demo seed', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      store: { kind: 'pglite', dataDir: './data', schema: 'samenspoor' },
      auth: { mode: 'dev' },
      seedDemo: true,
      smallCellThreshold: 5,
      logLevel: 'info',
      projections: 'in-process',
      region: DEFAULT_REGION,
      http: { trustProxy: false, signInRateLimit: { limit: 120, windowMs: 60_000 } },
      databaseQueryTimeoutMs: 5_000,
      readModelStallSeconds: 30,
      search: expect.objectContaining({ developmentKey: true, matchRateLimit: 20 }),
    });
  });

  it.each([
    {
      title: 'reads READ_MODEL_STALL_SECONDS',
      name: 'READ_MODEL_STALL_SECONDS',
      given: '2',
      read: (config: AppConfig) => config.readModelStallSeconds,
      value: 2,
      bad: ['0', '-5', '86401', 'soon', '1.5'],
      message: /READ_MODEL_STALL_SECONDS must be a whole number of seconds from 1 to 86400/,
    },
    {
      title: 'bounds statements of a request by DATABASE_QUERY_TIMEOUT_MS',
      name: 'DATABASE_QUERY_TIMEOUT_MS',
      given: '2000',
      read: (config: AppConfig) => config.databaseQueryTimeoutMs,
      value: 2_000,
      bad: ['0', '50', '600001', 'soon', '1.5'],
      message: /DATABASE_QUERY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000/,
    },
  ])('$title, and names a bad value', ({ name, given, read, value, bad, message }) => {
    expect(read(loadConfig({ [name]: given }))).toBe(value);
    for (const wrong of bad) expect(() => loadConfig({ [name]: wrong })).toThrow(message);
  });

  it('reads TRUST_PROXY and the sign-in rate limit, and names a bad value', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(
      loadConfig({ SIGN_IN_RATE_LIMIT: '7', SIGN_IN_RATE_WINDOW_SECONDS: '3' }).http
        .signInRateLimit,
    ).toEqual({ limit: 7, windowMs: 3000 });
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be/);
    expect(() => loadConfig({ SIGN_IN_RATE_LIMIT: '0' })).toThrow(/SIGN_IN_RATE_LIMIT must be/);
  });

  it('reads the region configuration file named by REGION_CONFIG, and names a bad field in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'region-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ stageNorms: { analysisDays: 21 } }));
    expect(loadConfig({ REGION_CONFIG: good }).region.stageNorms).toEqual({
      analysisDays: 21,
      planDays: 14,
    });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ careForms: [{ id: 'crisis-care', normDays: 'one' }] }));
    expect(() => loadConfig({ REGION_CONFIG: bad })).toThrow(
      /REGION_CONFIG: region configuration .*bad\.json is not valid:\n\s+- careForms\[0\]\.normDays must be a whole number/,
    );
    writeFileSync(bad, '{ not json');
    expect(() => loadConfig({ REGION_CONFIG: bad })).toThrow(
      /REGION_CONFIG: .*bad\.json is not valid JSON/,
    );
    expect(() => loadConfig({ REGION_CONFIG: join(dir, 'missing.json') })).toThrow(
      /REGION_CONFIG: cannot read .*missing\.json \(ENOENT\)/,
    );
  });

  it('turns the reminders digest on with SMTP_URL only, and names a bad mail setting without showing the URL', () => {
    expect(loadConfig({ DIGEST_HOUR: '7' }).reminders).toBeUndefined();
    expect(
      loadConfig({ SMTP_URL: 'smtps://mailer:geheim@mail.example.nl:465', PORT: '8080' }).reminders,
    ).toEqual({
      smtpUrl: 'smtps://mailer:geheim@mail.example.nl:465',
      from: 'Samenspoor <noreply@samenspoor.invalid>',
      hourUtc: 6,
      publicUrl: 'http://localhost:8080',
    });
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mail.example.nl',
        SMTP_FROM: 'noreply@example.nl',
        DIGEST_HOUR: '23',
        PUBLIC_URL: 'https://samenspoor.example.nl/',
      }).reminders,
    ).toMatchObject({
      from: 'noreply@example.nl',
      hourUtc: 23,
      publicUrl: 'https://samenspoor.example.nl',
    });
    let message = '';
    try {
      loadConfig({ SMTP_URL: 'http://mailer:geheim@mail.example.nl' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(message).not.toContain('geheim');
    expect(() => loadConfig({ SMTP_URL: 'smtp://m', DIGEST_HOUR: '24' })).toThrow(
      /DIGEST_HOUR must be/,
    );
    expect(() => loadConfig({ SMTP_FROM: 'Samenspoor' })).toThrow(
      /SMTP_FROM must be an e-mail address/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'samenspoor.nl' })).toThrow(/PUBLIC_URL must be/);
  });

  it('refuses external projections on the embedded store', () => {
    expect(() => loadConfig({ PROJECTIONS: 'external' })).toThrow(
      /PROJECTIONS=external needs DATABASE_URL/,
    );
    expect(() => loadConfig({ PROJECTIONS: 'elsewhere' })).toThrow(
      /PROJECTIONS must be one of: in-process, external/,
    );
  });

  it('honours every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app:pw@db.example:5433/samenspoor',
      DATABASE_SCHEMA: 'region_groningen',
      AUTH_MODE: 'dev',
      SEED_DEMO: 'false',
      SMALL_CELL_THRESHOLD: '0',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      store: {
        kind: 'postgres',
        connectionString: 'postgres://app:pw@db.example:5433/samenspoor',
        schema: 'region_groningen',
      },
      auth: { mode: 'dev' },
      seedDemo: false,
      smallCellThreshold: 0,
      logLevel: 'warn',
    });
  });

  it('defaults to OpenID Connect on a PostgreSQL server', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgresql://localhost/samenspoor',
        OIDC_ISSUER_URL: 'https://login.example.nl/realms/hsj',
        OIDC_AUDIENCE: 'samenspoor',
        SEARCH_KEY: 'ab'.repeat(32),
      }).auth,
    ).toEqual({
      mode: 'oidc',
      issuerUrl: 'https://login.example.nl/realms/hsj',
      audience: 'samenspoor',
      claims: { roles: 'roles', organisation: 'organisation' },
      bsnClaim: 'bsn',
    });
  });

  it('reads where tokens keep roles and organisation, the key set and the web client id', () => {
    expect(
      loadConfig({
        AUTH_MODE: 'oidc',
        OIDC_ISSUER_URL: 'https://login.example.nl/realms/hsj',
        OIDC_AUDIENCE: 'samenspoor',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        OIDC_ORGANISATION_CLAIM: 'org',
        OIDC_BSN_CLAIM: 'digid.bsn',
        OIDC_JWKS_URL: 'https://login.example.nl/keys',
        OIDC_CLIENT_ID: 'samenspoor-web',
        SEARCH_KEY: 'ab'.repeat(32),
      }).auth,
    ).toEqual({
      mode: 'oidc',
      issuerUrl: 'https://login.example.nl/realms/hsj',
      audience: 'samenspoor',
      claims: { roles: 'realm_access.roles', organisation: 'org' },
      bsnClaim: 'digid.bsn',
      jwksUrl: 'https://login.example.nl/keys',
      clientId: 'samenspoor-web',
    });
  });

  it.each([
    [{ OIDC_ROLES_CLAIM: 'roles[0]' }, /OIDC_ROLES_CLAIM must be a claim name/],
    [{ OIDC_ORGANISATION_CLAIM: '.org' }, /OIDC_ORGANISATION_CLAIM must be a claim name/],
    [{ OIDC_BSN_CLAIM: 'bsn nummer' }, /OIDC_BSN_CLAIM must be a claim name/],
    [{ OIDC_JWKS_URL: 'ftp://keys' }, /OIDC_JWKS_URL must be an http\(s\) URL/],
    [{ PORT: 'abc' }, /PORT must be a whole number from 1 to 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT must be a whole number from 1 to 65535/],
    [{ PORT: '0' }, /PORT/],
    [
      { DATABASE_URL: 'mysql://x/y' },
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    [{ AUTH_MODE: 'none' }, /AUTH_MODE must be one of: dev, oidc \(got "none"\)/],
    [{ DATABASE_URL: 'postgres://localhost/x' }, /OIDC_ISSUER_URL must be the issuer URL/],
    [{ SEED_DEMO: 'yes' }, /SEED_DEMO must be true or false/],
    [{ SMALL_CELL_THRESHOLD: '-1' }, /SMALL_CELL_THRESHOLD/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_SCHEMA: 'Robert"); drop' }, /DATABASE_SCHEMA must be a lower-case SQL name/],
  ])('refuses %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps the events in KurrentDB with EVENT_STORE=kurrentdb, and everything else in PostgreSQL', () => {
    expect(
      loadConfig({
        EVENT_STORE: 'kurrentdb',
        ESDB_URL: 'kurrentdb+discover://admin:pw@node1:2113,node2:2113,node3:2113?tlsCAFile=ca.crt',
        DATABASE_URL: 'postgres://app:pw@db:5432/samenspoor',
        DATABASE_SCHEMA: 'region_groningen',
        AUTH_MODE: 'dev',
      }).store,
    ).toEqual({
      kind: 'kurrentdb',
      esdbUrl: 'kurrentdb+discover://admin:pw@node1:2113,node2:2113,node3:2113?tlsCAFile=ca.crt',
      connectionString: 'postgres://app:pw@db:5432/samenspoor',
      schema: 'region_groningen',
    });
    expect(
      loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/x', AUTH_MODE: 'dev' })
        .store.kind,
    ).toBe('postgres');
    expect(loadConfig({ EVENT_STORE: 'pglite' }).store.kind).toBe('pglite');
  });

  it.each([
    [{ EVENT_STORE: 'eventstore' }, /EVENT_STORE must be one of: pglite, postgres, kurrentdb/],
    [
      { EVENT_STORE: 'kurrentdb', DATABASE_URL: 'postgres://db/x', AUTH_MODE: 'dev' },
      /ESDB_URL must be set with EVENT_STORE=kurrentdb/,
    ],
    [
      {
        EVENT_STORE: 'kurrentdb',
        ESDB_URL: 'http://node1:2113',
        DATABASE_URL: 'postgres://db/x',
        AUTH_MODE: 'dev',
      },
      /ESDB_URL must be a KurrentDB connection string/,
    ],
    [
      { EVENT_STORE: 'kurrentdb', ESDB_URL: 'kurrentdb://node1:2113' },
      /EVENT_STORE=kurrentdb needs DATABASE_URL: the read models, projection checkpoints/,
    ],
    [
      { ESDB_URL: 'kurrentdb://node1:2113', DATABASE_URL: 'postgres://db/x', AUTH_MODE: 'dev' },
      /ESDB_URL is set but EVENT_STORE is postgres: set EVENT_STORE=kurrentdb/,
    ],
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE=postgres needs DATABASE_URL/],
    [
      { EVENT_STORE: 'pglite', DATABASE_URL: 'postgres://db/x', AUTH_MODE: 'dev' },
      /EVENT_STORE=pglite keeps everything in DATA_DIR/,
    ],
  ])('refuses store settings %j that do not go together, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows ESDB_URL, which may hold a password', () => {
    try {
      loadConfig({ EVENT_STORE: 'kurrentdb', ESDB_URL: 'kurrentdb//admin:s3cret@node1' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect((error as Error).message).toMatch(/ESDB_URL must be a KurrentDB connection string/);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('lists every bad setting at once and never shows the database URL, which may hold a password', () => {
    try {
      loadConfig({ PORT: 'x', AUTH_MODE: 'x', DATABASE_URL: 'mysql://user:s3cret@host/db' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect((error as ConfigurationError).problems).toHaveLength(3);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});
