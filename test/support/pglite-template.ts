import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';

/**
 * A fresh PGlite cluster made once per test run, from which tests start their embedded databases: creating a
 * cluster (initdb) takes 3-6 s, loading a made one about one, and the suites open many.
 *
 * (No path aliases here: the global set-up imports this file, outside Jest's module mapping.)
 *
 * The global set-up makes it ({@link preparePgliteTemplate}) and names its folder in this variable; a test process
 * without it (a spec run on its own outside Jest's projects) creates clusters as the product does.
 */
export const PGLITE_TEMPLATE_ENV = 'SAMENSPOOR_TEST_PGLITE_TEMPLATE';

/** The template's folder: `pglite.tar` (dumped, for in-memory databases) and `pglite/` (a closed data folder). */
function templateFolder(): string | undefined {
  const folder = process.env[PGLITE_TEMPLATE_ENV];
  return folder && existsSync(join(folder, 'complete')) ? folder : undefined;
}

/**
 * Makes the template, once per PGlite version and machine (kept in the temporary folder), and tells the test
 * processes where it is.
 */
export async function preparePgliteTemplate(): Promise<string> {
  // The package's own version (its exports do not include package.json): made by another version, not used.
  const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const folder = join(tmpdir(), `samenspoor-pglite-template-${version}`);
  if (!existsSync(join(folder, 'complete'))) {
    const building = `${folder}.${process.pid}.partial`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    const memory = await PGlite.create();
    const dump = await memory.dumpDataDir('none');
    await memory.close();
    writeFileSync(join(building, 'pglite.tar'), Buffer.from(await dump.arrayBuffer()));
    const onDisk = await PGlite.create(join(building, 'pglite'));
    await onDisk.close();
    writeFileSync(join(building, 'complete'), version);
    // Another run on this machine may have finished one meanwhile: that one stays (it may be in use).
    try {
      if (!existsSync(folder)) renameSync(building, folder);
    } catch {
      // made meanwhile
    }
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(folder, 'complete'))) throw new Error(`no PGlite template in ${folder}`);
  }
  process.env[PGLITE_TEMPLATE_ENV] = folder;
  return folder;
}

let tarball: Blob | undefined;

/** The dumped template, or undefined when the run has none. */
export function pgliteTemplate(): Blob | undefined {
  const folder = templateFolder();
  if (!folder) return undefined;
  tarball ??= new Blob([readFileSync(join(folder, 'pglite.tar'))]);
  return tarball;
}

/**
 * Puts the template's closed cluster in a new data folder (`<dataDir>/pglite`, where the product keeps it), so
 * that the app or store opened on it finds a cluster instead of creating one. Does nothing without a template or
 * when the folder already holds a database.
 */
export function seedPgliteDataDir(dataDir: string): void {
  const folder = templateFolder();
  const target = join(dataDir, 'pglite');
  if (!folder || existsSync(join(target, 'PG_VERSION'))) return;
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(folder, 'pglite'), target, { recursive: true });
}
