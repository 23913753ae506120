import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SqlEventStore } from '@samenspoor/event-store';
import { FIXTURE_BSNS, jw301, jw305, jw315 } from '@samenspoor/ijw/testing';
import { professionalContext } from '@samenspoor/projections/testing';
import { describeOnEachDatabase, openTestDatabase, type TestDatabase } from '@samenspoor/testing';

import { formatSummary, importIjwMessages, openIjwIntake } from './ijw-import.command';
import type { ToolStore } from './tool-store';

/** `npm run ijw:import`: the files of a folder through the intake, with a summary per outcome. */
describeOnEachDatabase('importing iJw messages from files', (kind) => {
  let test: TestDatabase;
  let tool: ToolStore;

  beforeAll(async () => {
    test = await openTestDatabase(kind, 'ijw_import');
    const store = await SqlEventStore.create(test.database, { schema: test.schema });
    tool = {
      opened: { store, database: test.database, close: () => test.close() },
      schema: test.schema,
      description: 'the test database',
    };
  });
  afterAll(() => test.close());

  it('imports each file once, counts every outcome, and names invalid files by element path only', async () => {
    const { intake, commands } = await openIjwIntake(tool, {});
    const folder = mkdtempSync(join(tmpdir(), 'ijw-import-'));
    // A family known by its BSN, registered through the intake's own command path.
    const registered = await commands.execute({
      command: {
        type: 'RegisterFamily',
        data: {
          municipality: 'Groningen',
          members: [{ role: 'youth', displayName: 'Sam', bsn: FIXTURE_BSNS[0] }],
          registrar: { professionalId: 'p-1', organisation: 'WIJ Groningen' },
        },
      },
      context: professionalContext('p-1', new Date().toISOString()),
    });
    expect(registered.familyId).toEqual(expect.any(String));
    const files = {
      '1-request.xml': jw315({ messageId: 'A' }),
      '2-allocation.xml': jw301({ messageId: 'B' }),
      '3-again.xml': jw315({ messageId: 'A' }),
      '4-unknown-client.xml': jw305({ messageId: 'C', bsn: FIXTURE_BSNS[1] }),
      '5-broken.xml': jw315({ messageId: 'D', bsn: '123456789' }),
    };
    for (const [name, xml] of Object.entries(files)) writeFileSync(join(folder, name), xml);
    const paths = Object.keys(files).map((name) => join(folder, name));

    const summary = await importIjwMessages(intake, paths, { concurrency: 1 });
    expect(summary.counts).toEqual({
      applied: 2,
      unmatched: 1,
      duplicate: 1,
      unmapped: 0,
      refused: 0,
      invalid: 1,
    });
    expect(summary.invalid).toEqual([
      { file: join(folder, '5-broken.xml'), fields: ['Bericht/Client/Bsn'] },
    ]);
    const printed = formatSummary(paths.length, summary, 'the test database');
    expect(printed).toMatch(/imported 5 messages/);
    expect(printed).toMatch(/applied\s+2/);
    expect(printed).not.toContain('123456789');

    // A second run of the same folder appends nothing: every message is a duplicate (or still invalid).
    const again = await importIjwMessages(intake, paths.slice(0, 4), { concurrency: 2 });
    expect(again.counts).toMatchObject({ applied: 0, duplicate: 4 });
  });
});
