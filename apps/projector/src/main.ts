import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { ConfigurationError } from '@samenspoor/platform';

import { loadProjectorConfig, type ProjectorConfig } from './projector-config';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  let config: ProjectorConfig;
  try {
    config = loadProjectorConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`Samenspoor projector cannot start. ${error.message}\n`);
    process.exit(2);
  }
  const app = await NestFactory.create(ProjectorModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port);
  process.stdout.write(`Samenspoor projector: /health and /metrics on port ${config.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Samenspoor projector cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
