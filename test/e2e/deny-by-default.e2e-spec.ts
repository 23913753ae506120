import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  Body,
  Controller,
  Get,
  Module,
  Param,
  Post,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { AppModule } from '../../apps/api/src/app.module';
import { AUDIENCES, PUBLIC_ROUTE } from '../../apps/api/src/auth/auth.decorators';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { http, listen } from '../support/http';
import { startTestApp } from '../support/app';

/**
 * A route someone forgot to declare an audience on. It exists only in this test: the guard must refuse it to
 * every caller, whatever its role, because nothing on it says who may come in.
 */
@Controller('api/undeclared')
class UndeclaredController {
  @Get()
  list(): { secret: string } {
    return { secret: 'the guard let an undeclared route through' };
  }

  @Post(':familyId')
  act(@Param('familyId') familyId: string, @Body() body: unknown): unknown {
    return { familyId, body };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredRoutesModule {}

const ROLES = ['professional', 'safety-team', 'manager', 'auditor', 'family'];

/** Issue 11, item 7: deny by default, tested on a route that declares nothing and on every route of the app. */
describe('deny by default', () => {
  describe('a route under /api that declares neither @Allow nor @Public', () => {
    let app: INestApplication;
    let base: string;
    let dataDir: string;
    let schema: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-deny-'));
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        AUTH_MODE: 'dev',
        DATA_DIR: dataDir,
      });
      schema = config.store.schema;
      @Module({ imports: [AppModule.forRoot(config), UndeclaredRoutesModule] })
      class AppWithUndeclaredRoute {}
      const server = express();
      server.enable('case sensitive routing');
      server.enable('strict routing');
      app = await NestFactory.create(AppWithUndeclaredRoute, new ExpressAdapter(server), {
        logger: false,
        abortOnError: false,
      });
      base = await listen(app);
    });
    afterAll(async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function deniedEntries(): Promise<{ actor_id: string; action: string }[]> {
      return app.get<SqlDatabase>(SQL_DATABASE).query<{ actor_id: string; action: string }>(
        `select actor_id, action from "${schema}".audit_log
           where status = 403 and outcome = 'denied' and action like '% /api/undeclared%'
           order by seq`,
      );
    }

    it('answers 401 without a token and writes no entry (an unauthenticated caller has no actor)', async () => {
      const before = (await deniedEntries()).length;
      for (const [method, path] of [
        ['GET', '/api/undeclared'],
        ['POST', '/api/undeclared/7d4e1c1a-3c52-4a0e-9f60-2d8c9c6a3f10'],
      ] as const) {
        const answer = await http(base, method, path, method === 'POST' ? { body: {} } : {});
        expect(answer.status).toBe(401);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(answer.text).not.toContain('the guard let');
      }
      expect((await deniedEntries()).length).toBe(before);
    });

    it.each(ROLES)('refuses %s with 403, audited', async (role) => {
      const minted = await http<{ token: string }>(base, 'POST', '/api/auth/dev-token', {
        body: { sub: `deny-${role}`, roles: [role], organisation: 'WIJ Groningen' },
      });
      expect(minted.status).toBe(200);
      const authorization = `Bearer ${minted.body.token}`;

      const read = await http(base, 'GET', '/api/undeclared', { headers: { authorization } });
      const act = await http(base, 'POST', '/api/undeclared/7d4e1c1a-3c52-4a0e-9f60-2d8c9c6a3f10', {
        body: {},
        headers: { authorization },
      });

      for (const answer of [read, act]) {
        expect(answer.status).toBe(403);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(answer.text).not.toContain('the guard let');
      }
      const mine = (await deniedEntries()).filter((entry) => entry.actor_id === `deny-${role}`);
      expect(mine.map((entry) => entry.action)).toEqual([
        'GET /api/undeclared',
        'POST /api/undeclared/:familyId',
      ]);
    });
  });

  it('finds @Allow or @Public on every controller route of the real app', async () => {
    const testApp = await startTestApp('pglite');
    try {
      const reflector = testApp.app.get(Reflector);
      const routes: { route: string; declared: boolean }[] = [];
      for (const module of testApp.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const controller = wrapper.metatype as Type | null;
          if (!controller) continue;
          const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
          const prototype = controller.prototype as Record<string, unknown>;
          for (const name of Object.getOwnPropertyNames(prototype)) {
            const handler = prototype[name];
            if (name === 'constructor' || typeof handler !== 'function') continue;
            const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
            if (method === undefined) continue;
            const targets = [handler, controller];
            const declared =
              reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true ||
              (reflector.getAllAndOverride<unknown[]>(AUDIENCES, targets)?.length ?? 0) > 0;
            routes.push({
              route: `${controller.name}.${name} (${prefix}/${String(Reflect.getMetadata(PATH_METADATA, handler))})`,
              declared,
            });
          }
        }
      }
      // The walk must really see the app's routes, or it would pass on nothing.
      expect(routes.length).toBeGreaterThan(40);
      expect(routes.map((r) => r.route)).toContainEqual(
        expect.stringMatching(/^RegistrationController\.register /),
      );
      expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});
