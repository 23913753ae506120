import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { useContainer } from 'class-validator';
import express from 'express';
import { Logger } from 'nestjs-pino';

import { AppModule, type AppModuleOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { answerUnreadableRequests } from './http/client-errors';
import { setUpOpenApi } from './http/openapi';
import { securityHeaders } from './http/security-headers';
import { InRegionConstraint } from './region/region';
import { explainMissingWebUi, serveWebUi, webUiFolder } from './web/web-ui';

/** Builds the HTTP application (not yet listening): used by `main.ts` and by the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions & {
    /** Where the built web UI is (default: `dist/web`, see `webUiFolder`); tests pass a folder of their own. */
    readonly webUiFolder?: string;
  } = {},
): Promise<INestApplication> {
  // Routing is case-sensitive and strict: `/API/audit`, `/api/audit/` and `/api//audit` match no route, so no
  // spelling of a path reaches a handler the access guard did not see by its own route. Express reads both
  // settings once, when it creates its router on the first route or middleware — and Nest's adapter adds one in
  // its constructor — so they are set on an instance of our own before Nest sees it (set later, they are
  // silently ignored).
  const server = express();
  server.enable('case sensitive routing');
  server.enable('strict routing');
  server.set('trust proxy', config.http.trustProxy);
  server.use(securityHeaders(config.http));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options),
    new ExpressAdapter(server),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // The region constraint is the one validator that needs an injected service (the region's lists); every other
  // validator comes from class-validator's own container. (Handing it Nest's container instead makes every
  // validation throw and catch an UnknownElementException per validator: measured, a tenth of a command's CPU.)
  const inRegion = app.get(InRegionConstraint);
  useContainer(
    { get: (type: unknown) => (type === InRegionConstraint ? inRegion : undefined) },
    { fallback: true },
  );
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.useBodyParser('json', { limit: '1mb' });
  // iJw messages (`/api/ijw/messages`) arrive as XML: read as bytes, checked by the iJw parser.
  app.useBodyParser('raw', { type: ['application/xml', 'text/xml'], limit: '1mb' });
  answerUnreadableRequests(app.getHttpServer());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  if (!serveWebUi(app, config.auth, options.webUiFolder ?? webUiFolder())) explainMissingWebUi(app);
  return app;
}
