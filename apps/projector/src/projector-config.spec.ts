import { ConfigurationError } from '@samenspoor/platform';

import { loadProjectorConfig } from './projector-config';

describe('loadProjectorConfig', () => {
  it('reads the events from PostgreSQL by default', () => {
    expect(loadProjectorConfig({ DATABASE_URL: 'postgres://db/samenspoor' })).toEqual({
      port: 3001,
      connectionString: 'postgres://db/samenspoor',
      schema: 'samenspoor',
      logLevel: 'info',
      eventStore: 'postgres',
      readModelStallSeconds: 30,
    });
    expect(
      loadProjectorConfig({ DATABASE_URL: 'postgres://db/x', READ_MODEL_STALL_SECONDS: '5' })
        .readModelStallSeconds,
    ).toBe(5);
  });

  it('reads the events from KurrentDB with EVENT_STORE=kurrentdb, the read models staying in PostgreSQL', () => {
    expect(
      loadProjectorConfig({
        DATABASE_URL: 'postgres://db/samenspoor',
        EVENT_STORE: 'kurrentdb',
        ESDB_URL: 'kurrentdb+discover://node1:2113,node2:2113',
      }),
    ).toMatchObject({
      connectionString: 'postgres://db/samenspoor',
      eventStore: 'kurrentdb',
      esdbUrl: 'kurrentdb+discover://node1:2113,node2:2113',
    });
  });

  it.each([
    [{ EVENT_STORE: 'kurrentdb' }, /DATABASE_URL must be the postgres:\/\/ URL/],
    [
      { DATABASE_URL: 'postgres://db/x', EVENT_STORE: 'kurrentdb' },
      /ESDB_URL must be the KurrentDB connection string with EVENT_STORE=kurrentdb/,
    ],
    [
      { DATABASE_URL: 'postgres://db/x', EVENT_STORE: 'kurrentdb', ESDB_URL: 'https://node1' },
      /ESDB_URL must be the KurrentDB connection string/,
    ],
    [
      { DATABASE_URL: 'postgres://db/x', ESDB_URL: 'kurrentdb://node1:2113' },
      /ESDB_URL is set but EVENT_STORE is postgres/,
    ],
    [
      { DATABASE_URL: 'postgres://db/x', EVENT_STORE: 'pglite' },
      /EVENT_STORE must be one of: postgres, kurrentdb/,
    ],
    [
      { DATABASE_URL: 'postgres://db/x', READ_MODEL_STALL_SECONDS: '0' },
      /READ_MODEL_STALL_SECONDS must be a whole number of seconds from 1 to 86400/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadProjectorConfig(env)).toThrow(ConfigurationError);
    expect(() => loadProjectorConfig(env)).toThrow(message);
  });
});
