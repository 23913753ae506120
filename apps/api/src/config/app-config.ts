import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MinLength, ValidateIf } from 'class-validator';

import { DEFAULT_REGION, parseRegionConfig, type RegionConfig } from '@samenspoor/domain';
import { isKurrentDbUrl } from '@samenspoor/event-store';
import {
  ConfigurationError,
  emptyToUndefined,
  LOG_LEVELS,
  OptionalSetting,
  settingProblems,
  UrlSetting,
  WholeNumber,
} from '@samenspoor/platform';

import { searchConfigOf, type SearchConfig } from '../search/search-config';
import { ClaimName, readJson, TRUST_PROXY_VALUE, trustProxyOf } from './settings';

export const APP_CONFIG = Symbol('APP_CONFIG');

export const AUTH_MODES = ['dev', 'oidc'] as const;
/** Where the projections run: in this process, or in `apps/projector` (PostgreSQL only). */
export const PROJECTION_MODES = ['in-process', 'external'] as const;
/** Where the events live: embedded PGlite, a PostgreSQL server, or KurrentDB (read models then in PostgreSQL). */
export const EVENT_STORES = ['pglite', 'postgres', 'kurrentdb'] as const;

/**
 * The environment variables `npm start` honours, validated before anything starts. Names are the variables'
 * own, so that every message names the setting to fix.
 */
class Environment {
  @WholeNumber('PORT must be a whole number from 1 to 65535', 1, 65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR: string = './data';

  @OptionalSetting()
  @UrlSetting(['postgres', 'postgresql'], 'DATABASE_URL must be a postgres:// or postgresql:// URL')
  DATABASE_URL?: string;

  @OptionalSetting()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'DATABASE_SCHEMA must be a lower-case SQL name (letters, digits, _)',
  })
  DATABASE_SCHEMA: string = 'samenspoor';

  @OptionalSetting()
  @IsIn(AUTH_MODES, { message: `AUTH_MODE must be one of: ${AUTH_MODES.join(', ')}` })
  AUTH_MODE?: (typeof AUTH_MODES)[number];

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.effectiveAuthMode() === 'oidc')
  @UrlSetting(
    ['https', 'http'],
    'OIDC_ISSUER_URL must be the issuer URL when AUTH_MODE is oidc (the default with DATABASE_URL); set it, or AUTH_MODE=dev',
  )
  OIDC_ISSUER_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.effectiveAuthMode() === 'oidc')
  @IsString({ message: 'OIDC_AUDIENCE must be set when AUTH_MODE is oidc' })
  OIDC_AUDIENCE?: string;

  @ClaimName(
    'OIDC_ROLES_CLAIM must be a claim name, dotted for a nested claim (realm_access.roles)',
  )
  OIDC_ROLES_CLAIM: string = 'roles';

  @ClaimName('OIDC_ORGANISATION_CLAIM must be a claim name, dotted for a nested claim')
  OIDC_ORGANISATION_CLAIM: string = 'organisation';

  @ClaimName(
    "OIDC_BSN_CLAIM must be a claim name, dotted for a nested claim: the claim of a family member's BSN",
  )
  OIDC_BSN_CLAIM: string = 'bsn';

  @OptionalSetting()
  @UrlSetting(['https', 'http'], 'OIDC_JWKS_URL must be an http(s) URL of the issuer key set')
  OIDC_JWKS_URL?: string;

  @OptionalSetting()
  @IsString()
  @MinLength(1, { message: 'OIDC_CLIENT_ID must not be empty' })
  OIDC_CLIENT_ID?: string;

  @OptionalSetting()
  @IsIn(['true', 'false'], { message: 'SEED_DEMO must be true or false' })
  SEED_DEMO: 'true' | 'false' = 'true';

  @WholeNumber('SMALL_CELL_THRESHOLD must be a whole number ≥ 0 (0 turns suppression off)', 0)
  SMALL_CELL_THRESHOLD: number = 5;

  @OptionalSetting()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @OptionalSetting()
  @IsIn(PROJECTION_MODES, {
    message: `PROJECTIONS must be one of: ${PROJECTION_MODES.join(', ')}`,
  })
  PROJECTIONS: (typeof PROJECTION_MODES)[number] = 'in-process';

  @OptionalSetting()
  @IsString()
  REGION_CONFIG?: string;

  @OptionalSetting()
  @IsIn(EVENT_STORES, { message: `EVENT_STORE must be one of: ${EVENT_STORES.join(', ')}` })
  EVENT_STORE?: (typeof EVENT_STORES)[number];

  @OptionalSetting()
  @IsString()
  ESDB_URL?: string;

  @OptionalSetting()
  @Matches(TRUST_PROXY_VALUE, {
    message:
      'TRUST_PROXY must be true, false, a number of proxy hops (1–99), or a comma-separated list of proxy addresses or subnets (e.g. 10.0.0.0/8, loopback)',
  })
  TRUST_PROXY?: string;

  @WholeNumber(
    'SIGN_IN_RATE_LIMIT must be a whole number from 1 (requests per address per window)',
    1,
  )
  SIGN_IN_RATE_LIMIT: number = 120;

  @WholeNumber('SIGN_IN_RATE_WINDOW_SECONDS must be a whole number of seconds from 1', 1)
  SIGN_IN_RATE_WINDOW_SECONDS: number = 60;
  @WholeNumber(
    'DATABASE_QUERY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000',
    100,
    60_000,
  )
  DATABASE_QUERY_TIMEOUT_MS: number = 5_000;

  @WholeNumber(
    'READ_MODEL_STALL_SECONDS must be a whole number of seconds from 1 to 86400',
    1,
    86_400,
  )
  READ_MODEL_STALL_SECONDS: number = 30;

  @OptionalSetting()
  @UrlSetting(
    ['smtp', 'smtps'],
    'SMTP_URL must be an smtp:// or smtps:// URL of the mail server (smtps://user:password@mail.example.nl:465)',
  )
  SMTP_URL?: string;

  @OptionalSetting()
  @Matches(/^([^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/u, {
    message:
      'SMTP_FROM must be an e-mail address, optionally with a name: Samenspoor <noreply@example.nl>',
  })
  SMTP_FROM: string = 'Samenspoor <noreply@samenspoor.invalid>';

  @WholeNumber('DIGEST_HOUR must be a whole hour from 0 to 23 (UTC)', 0, 23)
  DIGEST_HOUR: number = 6;

  @OptionalSetting()
  @UrlSetting(['https', 'http'], 'PUBLIC_URL must be the http(s) address users open the web UI at')
  PUBLIC_URL?: string;

  effectiveEventStore(): (typeof EVENT_STORES)[number] {
    return this.EVENT_STORE ?? (this.DATABASE_URL ? 'postgres' : 'pglite');
  }

  effectiveAuthMode(): (typeof AUTH_MODES)[number] {
    return this.AUTH_MODE ?? (this.DATABASE_URL ? 'oidc' : 'dev');
  }
}

/** Where events and read models live. */
export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly schema: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string }
  | {
      readonly kind: 'kurrentdb';
      /** `ESDB_URL`: the KurrentDB server or cluster that holds the events. */
      readonly esdbUrl: string;
      /** `DATABASE_URL`: the PostgreSQL database of everything else. */
      readonly connectionString: string;
      readonly schema: string;
    };

export type AuthConfig =
  | { readonly mode: 'dev' }
  | {
      readonly mode: 'oidc';
      readonly issuerUrl: string;
      readonly audience: string;
      /** Where tokens keep the roles and the organisation (claim names, dotted when nested). */
      readonly claims: { readonly roles: string; readonly organisation: string };
      /** The claim of a household member's BSN (`family` tokens), dotted when nested. */
      readonly bsnClaim: string;
      /** The key set's URL, when it is not the one the issuer's discovery document names. */
      readonly jwksUrl?: string;
      /** The web UI's client id at the issuer (authorization code flow with PKCE). */
      readonly clientId?: string;
    };

export interface AppConfig {
  readonly port: number;
  readonly store: StoreConfig;
  readonly auth: AuthConfig;
  readonly seedDemo: boolean;
  readonly smallCellThreshold: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly projections: (typeof PROJECTION_MODES)[number];
  readonly region: RegionConfig;
  /**
   * How long a database statement run for an HTTP request waits for an answer before the request is answered 503
   * (PostgreSQL; migrations, rebuilds and the projection runner are not bounded). Undefined: not bounded.
   */
  readonly databaseQueryTimeoutMs?: number;
  readonly http: HttpConfig;
  /**
   * How long a read model may stand still while the store holds newer events before `/health` reports it as
   * stalled (`READ_MODEL_STALL_SECONDS`).
   */
  readonly readModelStallSeconds: number;
  /** The blind search index's key and the match rate limit (`SEARCH_KEY`, `MATCH_RATE_LIMIT`). */
  readonly search: SearchConfig;
  /** The daily reminders digest by e-mail; undefined (off) unless `SMTP_URL` is set. */
  readonly reminders?: RemindersConfig;
}

/** The daily reminders digest: where it is sent through, from whom, when, and the address its link opens. */
export interface RemindersConfig {
  /** `SMTP_URL` (may hold a password: never logged). */
  readonly smtpUrl: string;
  /** `SMTP_FROM`. */
  readonly from: string;
  /** `DIGEST_HOUR`: the hour of the day (UTC) the digest goes out. */
  readonly hourUtc: number;
  /** `PUBLIC_URL` (default `http://localhost:<PORT>`): where the e-mail's link leads, to "Mijn werk". */
  readonly publicUrl: string;
}

/** How the API meets the network in front of it. */
export interface HttpConfig {
  /**
   * `TRUST_PROXY`, as Express's `trust proxy` takes it: whom to believe about the client's address and protocol
   * (`X-Forwarded-For`, `X-Forwarded-Proto`). `false` (the default) believes nobody. Set means the API runs
   * behind a TLS-terminating proxy, so its answers carry HSTS.
   */
  readonly trustProxy: boolean | number | string;
  /** The rate limit of the sign-in routes, per client address. */
  readonly signInRateLimit: { readonly limit: number; readonly windowMs: number };
}

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(Object.entries(env).filter(([key]) => VARIABLES.has(key)));
  const parsed = plainToInstance(Environment, known);
  const problems = settingProblems(parsed, (variable) => shown(variable, env));
  problems.push(...eventStoreProblems(parsed));
  if (parsed.PROJECTIONS === 'external' && !parsed.DATABASE_URL) {
    problems.push(
      'PROJECTIONS=external needs DATABASE_URL: the embedded store runs its projections in the API process',
    );
  }
  let region = DEFAULT_REGION;
  if (parsed.REGION_CONFIG) {
    try {
      region = parseRegionConfig(readJson(parsed.REGION_CONFIG), parsed.REGION_CONFIG);
    } catch (error) {
      problems.push(`REGION_CONFIG: ${(error as Error).message}`);
    }
  }
  const authMode = parsed.effectiveAuthMode();
  const search = searchConfigOf(env, authMode, problems);
  if (problems.length > 0 || !search) throw new ConfigurationError(problems);

  const eventStore = parsed.effectiveEventStore();
  return {
    port: parsed.PORT,
    store:
      eventStore === 'kurrentdb'
        ? {
            kind: 'kurrentdb',
            esdbUrl: parsed.ESDB_URL!,
            connectionString: parsed.DATABASE_URL!,
            schema: parsed.DATABASE_SCHEMA,
          }
        : parsed.DATABASE_URL
          ? {
              kind: 'postgres',
              connectionString: parsed.DATABASE_URL,
              schema: parsed.DATABASE_SCHEMA,
            }
          : { kind: 'pglite', dataDir: parsed.DATA_DIR, schema: parsed.DATABASE_SCHEMA },
    auth:
      authMode === 'oidc'
        ? {
            mode: 'oidc',
            issuerUrl: parsed.OIDC_ISSUER_URL!,
            audience: parsed.OIDC_AUDIENCE!,
            claims: {
              roles: parsed.OIDC_ROLES_CLAIM,
              organisation: parsed.OIDC_ORGANISATION_CLAIM,
            },
            bsnClaim: parsed.OIDC_BSN_CLAIM,
            ...(parsed.OIDC_JWKS_URL ? { jwksUrl: parsed.OIDC_JWKS_URL } : {}),
            ...(parsed.OIDC_CLIENT_ID ? { clientId: parsed.OIDC_CLIENT_ID } : {}),
          }
        : { mode: 'dev' },
    seedDemo: parsed.SEED_DEMO === 'true',
    smallCellThreshold: parsed.SMALL_CELL_THRESHOLD,
    logLevel: parsed.LOG_LEVEL,
    projections: parsed.PROJECTIONS,
    region,
    http: {
      trustProxy: trustProxyOf(parsed.TRUST_PROXY),
      signInRateLimit: {
        limit: parsed.SIGN_IN_RATE_LIMIT,
        windowMs: parsed.SIGN_IN_RATE_WINDOW_SECONDS * 1000,
      },
    },
    databaseQueryTimeoutMs: parsed.DATABASE_QUERY_TIMEOUT_MS,
    readModelStallSeconds: parsed.READ_MODEL_STALL_SECONDS,
    search,
    ...(parsed.SMTP_URL
      ? {
          reminders: {
            smtpUrl: parsed.SMTP_URL,
            from: parsed.SMTP_FROM,
            hourUtc: parsed.DIGEST_HOUR,
            publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
          },
        }
      : {}),
  };
}

/** The store settings that only make sense together (the values themselves are never shown: they hold passwords). */
function eventStoreProblems(env: Environment): string[] {
  const store = env.effectiveEventStore();
  const problems: string[] = [];
  if (store === 'kurrentdb') {
    if (!env.ESDB_URL) {
      problems.push(
        'ESDB_URL must be set with EVENT_STORE=kurrentdb: the KurrentDB connection string, e.g. kurrentdb://node1:2113?tls=false or kurrentdb+discover://node1:2113,node2:2113,node3:2113',
      );
    } else if (!isKurrentDbUrl(env.ESDB_URL)) {
      problems.push(
        'ESDB_URL must be a KurrentDB connection string: kurrentdb://host:port[?options] or kurrentdb+discover://host:port,host:port,… (esdb:// and esdb+discover:// work too)',
      );
    }
    if (!env.DATABASE_URL) {
      problems.push(
        'EVENT_STORE=kurrentdb needs DATABASE_URL: the read models, projection checkpoints, development-token secrets and the registry of event ids stay in PostgreSQL',
      );
    }
  } else if (env.ESDB_URL) {
    problems.push(
      `ESDB_URL is set but EVENT_STORE is ${store}: set EVENT_STORE=kurrentdb to keep the events in KurrentDB, or unset ESDB_URL`,
    );
  }
  if (store === 'postgres' && !env.DATABASE_URL) {
    problems.push('EVENT_STORE=postgres needs DATABASE_URL, the postgres:// URL of the server');
  }
  if (store === 'pglite' && env.DATABASE_URL) {
    problems.push(
      'EVENT_STORE=pglite keeps everything in DATA_DIR: unset DATABASE_URL, or set EVENT_STORE=postgres',
    );
  }
  return problems;
}

/** The variables read from the environment; any other variable is ignored. */
const VARIABLES = new Set([
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'AUTH_MODE',
  'OIDC_ISSUER_URL',
  'OIDC_AUDIENCE',
  'OIDC_ROLES_CLAIM',
  'OIDC_ORGANISATION_CLAIM',
  'OIDC_BSN_CLAIM',
  'OIDC_JWKS_URL',
  'OIDC_CLIENT_ID',
  'SEED_DEMO',
  'SMALL_CELL_THRESHOLD',
  'LOG_LEVEL',
  'PROJECTIONS',
  'REGION_CONFIG',
  'EVENT_STORE',
  'ESDB_URL',
  'TRUST_PROXY',
  'SIGN_IN_RATE_LIMIT',
  'SIGN_IN_RATE_WINDOW_SECONDS',
  'DATABASE_QUERY_TIMEOUT_MS',
  'READ_MODEL_STALL_SECONDS',
  'SMTP_URL',
  'SMTP_FROM',
  'DIGEST_HOUR',
  'PUBLIC_URL',
]);

/** The offending value, for the message; never for a setting that may hold a secret. */
function shown(variable: string, env: NodeJS.ProcessEnv): string {
  const value = env[variable];
  if (
    value === undefined ||
    variable === 'DATABASE_URL' ||
    variable === 'ESDB_URL' ||
    variable === 'SMTP_URL'
  )
    return '';
  return ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})`;
}
