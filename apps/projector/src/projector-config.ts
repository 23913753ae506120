import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

import { isKurrentDbUrl } from '@samenspoor/event-store';
import {
  ConfigurationError,
  LOG_LEVELS,
  settingProblems,
  UrlSetting,
  WholeNumber,
} from '@samenspoor/platform';

/** Where the projector reads events from; the read models are always in PostgreSQL (`DATABASE_URL`). */
export const PROJECTOR_EVENT_STORES = ['postgres', 'kurrentdb'] as const;

/** The projector's settings: where the store and read models are, and where it answers /health and /metrics. */
class ProjectorEnvironment {
  @WholeNumber('PORT must be a whole number from 1 to 65535', 1, 65535)
  PORT: number = 3001;

  @UrlSetting(
    ['postgres', 'postgresql'],
    'DATABASE_URL must be the postgres:// URL of the database the API uses',
  )
  DATABASE_URL!: string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL name' })
  DATABASE_SCHEMA: string = 'samenspoor';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsIn(PROJECTOR_EVENT_STORES, {
    message: `EVENT_STORE must be one of: ${PROJECTOR_EVENT_STORES.join(', ')} (the projector needs a server)`,
  })
  EVENT_STORE: (typeof PROJECTOR_EVENT_STORES)[number] = 'postgres';

  @IsOptional()
  @IsString()
  ESDB_URL?: string;

  @WholeNumber(
    'READ_MODEL_STALL_SECONDS must be a whole number of seconds from 1 to 86400',
    1,
    86_400,
  )
  READ_MODEL_STALL_SECONDS: number = 30;
}

export interface ProjectorConfig {
  readonly port: number;
  readonly connectionString: string;
  readonly schema: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** With `kurrentdb`, the events are read from `esdbUrl` (`ESDB_URL`). */
  readonly eventStore: (typeof PROJECTOR_EVENT_STORES)[number];
  readonly esdbUrl?: string;
  /** How long a read model may stand still behind the store before `/health` calls it stalled. */
  readonly readModelStallSeconds: number;
}

export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const known = Object.fromEntries(
    [
      'PORT',
      'DATABASE_URL',
      'DATABASE_SCHEMA',
      'LOG_LEVEL',
      'EVENT_STORE',
      'ESDB_URL',
      'READ_MODEL_STALL_SECONDS',
    ].flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = plainToInstance(ProjectorEnvironment, known);
  const problems = settingProblems(parsed);
  if (parsed.EVENT_STORE === 'kurrentdb' && !(parsed.ESDB_URL && isKurrentDbUrl(parsed.ESDB_URL))) {
    problems.push(
      'ESDB_URL must be the KurrentDB connection string with EVENT_STORE=kurrentdb (kurrentdb://host:port or kurrentdb+discover://host:port,host:port,…)',
    );
  }
  if (parsed.EVENT_STORE !== 'kurrentdb' && parsed.ESDB_URL) {
    problems.push(
      'ESDB_URL is set but EVENT_STORE is postgres: set EVENT_STORE=kurrentdb to read the events from KurrentDB, or unset ESDB_URL',
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    port: parsed.PORT,
    connectionString: parsed.DATABASE_URL,
    schema: parsed.DATABASE_SCHEMA,
    logLevel: parsed.LOG_LEVEL,
    eventStore: parsed.EVENT_STORE,
    readModelStallSeconds: parsed.READ_MODEL_STALL_SECONDS,
    ...(parsed.EVENT_STORE === 'kurrentdb' ? { esdbUrl: parsed.ESDB_URL } : {}),
  };
}
