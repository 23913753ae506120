import { NestFactory } from '@nestjs/core';

import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from '@samenspoor/testing';

import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { loadProjectorConfig } from '../../apps/projector/src/projector-config';
import { ProjectorModule } from '../../apps/projector/src/projector.module';

/**
 * EVENT_STORE=kurrentdb wires the KurrentDB adapter into the API and the projector (the adapter itself is tested
 * in libs/event-store). Here no KurrentDB answers, so both must refuse to start, saying which server they could
 * not reach — after opening PostgreSQL for everything else.
 */
describeWithPostgres('EVENT_STORE=kurrentdb (no KurrentDB server reachable)', () => {
  const schema = uniqueSchema('kdb_boot');
  afterAll(() => dropSchemas(schema));
  const env = {
    EVENT_STORE: 'kurrentdb',
    ESDB_URL: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false',
    DATABASE_URL: postgresUrl(),
    DATABASE_SCHEMA: schema,
    LOG_LEVEL: 'silent',
  };

  it('the API refuses to start, naming the KurrentDB server and never its password', async () => {
    const config = loadConfig({ ...env, AUTH_MODE: 'dev', SEED_DEMO: 'false' });
    expect(config.store.kind).toBe('kurrentdb');
    const starting = createApp(config);
    await expect(starting).rejects.toThrow(/cannot reach KurrentDB at 127\.0\.0\.1:1/);
    await expect(starting).rejects.not.toThrow(/s3cret/);
  });

  it('the projector refuses to start the same way', async () => {
    const config = loadProjectorConfig(env);
    const starting = NestFactory.create(ProjectorModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    await expect(starting).rejects.toThrow(/cannot reach KurrentDB at 127\.0\.0\.1:1/);
  });
});
