import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { startProcess } from '@samenspoor/platform';

import { loadProjectorConfig } from './projector-config';
import { ProjectorModule } from './projector.module';

startProcess('Samenspoor projector', loadProjectorConfig, async (config) => {
  const app = await NestFactory.create(ProjectorModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port);
  process.stdout.write(`Samenspoor projector: /health and /metrics on port ${config.port}\n`);
});
