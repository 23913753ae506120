import 'reflect-metadata';

import { startProcess } from '@samenspoor/platform';

import { createApp } from './bootstrap';
import { loadConfig } from './config/app-config';

startProcess('Samenspoor', loadConfig, async (config) => {
  const app = await createApp(config);
  await app.listen(config.port);
  const where =
    config.store.kind === 'pglite'
      ? `embedded store in ${config.store.dataDir}`
      : config.store.kind === 'kurrentdb'
        ? 'events in KurrentDB, read models on the PostgreSQL server'
        : 'PostgreSQL server';
  process.stdout.write(
    `Samenspoor is listening on http://localhost:${config.port} (${where}, auth ${config.auth.mode})\n`,
  );
});
