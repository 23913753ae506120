/**
 * `npm run openapi`: writes the API's OpenAPI document to `dist/openapi.json` without a server running — the app
 * is built (not listening) on an embedded PGlite store in a temporary folder, its document taken, and the app
 * closed. `redocly lint` and `openapi-typescript` read that file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import type { OpenAPIObject } from '@nestjs/swagger';

import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { openApiDocument } from '../../apps/api/src/http/openapi';

/** The document the API serves at `GET /docs-json`, built from an app on a throw-away embedded store. */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-openapi-'));
  try {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      AUTH_MODE: 'dev',
      DATA_DIR: dataDir,
    });
    const app = await createApp(config);
    try {
      return openApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const OPENAPI_FILE = resolve(__dirname, '../../dist/openapi.json');

export async function writeOpenApiDocument(file = OPENAPI_FILE): Promise<string> {
  const document = await buildOpenApiDocument();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

if (require.main === module) {
  writeOpenApiDocument(process.argv[2] ? resolve(process.argv[2]) : OPENAPI_FILE).then(
    (file) => console.log(`wrote ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
