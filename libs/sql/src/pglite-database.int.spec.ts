import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';

import { PgliteDatabase } from './pglite-database';

describe('PgliteDatabase started from a template', () => {
  // A dumped cluster with a mark in it: a database started from the template has the mark.
  let template: Blob;
  let dir: string;
  beforeAll(async () => {
    const source = await PGlite.create();
    await source.exec(
      `create table template_mark (what text); insert into template_mark values ('made')`,
    );
    template = await source.dumpDataDir('none');
    await source.close();
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'samenspoor-template-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const marks = (database: PgliteDatabase) =>
    database.query<{ what: string }>(`select what from template_mark`);

  it('starts an in-memory database with the template’s contents', async () => {
    const database = await PgliteDatabase.open({ template });
    try {
      await expect(marks(database)).resolves.toEqual([{ what: 'made' }]);
      await database.query(`insert into template_mark values ('mine')`);
    } finally {
      await database.close();
    }
    // The template itself is not changed by a database started from it.
    const second = await PgliteDatabase.open({ template });
    try {
      await expect(marks(second)).resolves.toEqual([{ what: 'made' }]);
    } finally {
      await second.close();
    }
  });

  it('fills a new folder from the template, and the folder keeps what is written after', async () => {
    const first = await PgliteDatabase.open({ dataDir: dir, template });
    await first.query(`insert into template_mark values ('kept')`);
    await first.close();
    const reopened = await PgliteDatabase.open({ dataDir: dir, template });
    try {
      await expect(marks(reopened)).resolves.toEqual([{ what: 'made' }, { what: 'kept' }]);
    } finally {
      await reopened.close();
    }
  });

  it('leaves a folder that holds a database as it is', async () => {
    const own = await PgliteDatabase.open({ dataDir: dir });
    await own.query(`create table own_mark (what text)`);
    await own.close();
    const reopened = await PgliteDatabase.open({ dataDir: dir, template });
    try {
      await expect(reopened.query(`select * from own_mark`)).resolves.toEqual([]);
      await expect(marks(reopened)).rejects.toThrow(/template_mark/);
    } finally {
      await reopened.close();
    }
  });
});
