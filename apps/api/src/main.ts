import 'reflect-metadata';

import { ConfigurationError } from '@samenspoor/platform';

import { createApp } from './bootstrap';
import { loadConfig, type AppConfig } from './config/app-config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`Samenspoor cannot start. ${error.message}\n`);
    process.exit(2);
  }
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
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Samenspoor cannot start: ${message}\n`);
  process.exit(1);
});
