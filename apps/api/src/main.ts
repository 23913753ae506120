import 'reflect-metadata';

import { startProcess } from '@samenspoor/platform';

import { createApp } from './bootstrap';
import { loadConfig, type AppConfig } from './config/app-config';

startProcess('Samenspoor', loadConfig, async (config) => {
  // One line for a person, before the JSON log lines: where to go, where the docs are, how to sign in.
  process.stdout.write(`${startLine(config)}\n`);
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

/** What `npm start` says first: the address of the UI and of the API docs, and how to sign in. */
function startLine(config: AppConfig): string {
  const base = `http://localhost:${config.port}`;
  const signIn =
    config.auth.mode === 'dev'
      ? 'sign in there by picking a demo user (development sign-in, no password)'
      : `sign in there with your account at ${new URL(config.auth.issuerUrl).host}`;
  return `Samenspoor starts on ${base}: open it in a browser and ${signIn}; the API docs are at ${base}/docs. Logs follow as JSON lines.`;
}
