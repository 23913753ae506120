import { describeWithPostgres, testDatabase } from '@samenspoor/testing';

import { Directory, DirectoryConflictError } from './directory';

function directorySuite(kind: 'pglite' | 'postgres'): void {
  let directory: Directory;
  testDatabase(kind, 'directory', 'all', async ({ database, schema }) => {
    directory = await Directory.open(database, schema);
  });

  it('makes an entry on first sign-in and keeps the professional’s own edits after', async () => {
    await directory.ensureProfessional({
      professionalId: 'p-1',
      name: 'Anna de Vries',
      organisation: 'WIJ Groningen',
      email: null,
    });
    const edited = {
      professionalId: 'p-1',
      name: 'Anna de Vries-Özdemir',
      organisation: 'WIJ Groningen',
      discipline: 'jeugd- en gezinswerker',
      email: 'anna@wij.example',
      phone: '050 123 4567',
    };
    await directory.putProfessional(edited);
    await directory.ensureProfessional({
      professionalId: 'p-1',
      name: 'Anna de Vries',
      organisation: 'Other',
      email: null,
    });
    const entry = (await directory.professionals(['p-1', 'p-unknown'])).get('p-1');
    expect(entry).toEqual(edited);
  });

  it('finds professionals by name word prefixes, case and accents ignored, within an organisation', async () => {
    await directory.ensureProfessional({
      professionalId: 'p-2',
      name: 'Zoë Bakker',
      organisation: 'Accare',
      email: 'zoe@accare.example',
    });
    const ids = async (q: string, organisation?: string) =>
      (
        await directory.searchProfessionals({
          q,
          limit: 10,
          ...(organisation ? { organisation } : {}),
        })
      ).map((p) => p.professionalId);
    expect(await ids('ozd')).toEqual(['p-1']);
    expect(await ids('ZOE bak')).toEqual(['p-2']);
    expect(await ids('zoe vries')).toEqual([]);
    expect(await ids('akker')).toEqual([]); // a prefix of a word, not a part of it
    expect(await ids('', 'accare')).toEqual(['p-2']);
    expect(await ids('%')).toEqual(['p-1', 'p-2']); // no words: no name filter, never a LIKE pattern
  });

  it('registers a provider once: a repeated AGB code or id is a conflict naming the field', async () => {
    await directory.registerProvider({
      providerId: 'accare',
      agbCode: '98000123',
      name: 'Accare Kinder- en Jeugdpsychiatrie',
      careForms: ['youth-mental-health'],
    });
    await expect(
      directory.registerProvider({
        providerId: 'x',
        agbCode: '98000123',
        name: 'X',
        careForms: [],
      }),
    ).rejects.toEqual(new DirectoryConflictError('agbCode'));
    await expect(
      directory.registerProvider({
        providerId: 'accare',
        agbCode: '98000124',
        name: 'X',
        careForms: [],
      }),
    ).rejects.toEqual(new DirectoryConflictError('providerId'));
    expect((await directory.searchProviders('kinder', 10)).map((p) => p.agbCode)).toEqual([
      '98000123',
    ]);
    expect((await directory.searchProviders('980001', 10)).map((p) => p.providerId)).toEqual([
      'accare',
    ]);
    expect([...(await directory.providers(['accare', 'vnn'])).keys()]).toEqual(['accare']);
  });

  it('lists configured providers once: those registered already, by id or AGB code, stay as they are', async () => {
    const added = await directory.listProviders([
      { providerId: 'accare', agbCode: '98000555', name: 'Renamed', careForms: [] },
      { providerId: 'other', agbCode: '98000123', name: 'Same code', careForms: [] },
      { providerId: 'lentis', agbCode: '98000103', name: 'Lentis', careForms: ['crisis-care'] },
    ]);
    expect(added).toBe(1);
    expect(
      await directory.listProviders([
        { providerId: 'lentis', agbCode: '98000103', name: 'Lentis', careForms: [] },
      ]),
    ).toBe(0);
    const known = await directory.providers(['accare', 'other', 'lentis']);
    expect([...known.keys()].sort()).toEqual(['accare', 'lentis']);
    expect(known.get('accare')?.name).toBe('Accare Kinder- en Jeugdpsychiatrie');
  });
}

describe('Directory (pglite)', () => directorySuite('pglite'));
describeWithPostgres('Directory (postgres)', () => directorySuite('postgres'));
