import { randomUUID } from 'node:crypto';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommands } from '@samenspoor/commands';
import { event } from '@samenspoor/domain/testing';
import { SqlEventStore } from '@samenspoor/event-store';
import { describeWithPostgres, testDatabase } from '@samenspoor/testing';

import { asText, BlindIndex } from './blind-index';
import { SearchKeys } from './search-keys';
import { identityValue, parseSearchQuery, queryTokens } from './search-tokens';

const keys = new SearchKeys(Buffer.alloc(32, 3));
const members = [
  {
    memberId: 'm-youth',
    role: 'youth' as const,
    displayName: 'Sanne Ëlzinga',
    birthYear: 2012,
    bsn: '111222333',
  },
  { memberId: 'm-parent', role: 'parent' as const, displayName: 'Petra Bakker', birthYear: 1984 },
];
const sibling = {
  memberId: 'm-sib',
  role: 'sibling' as const,
  displayName: 'Kees Bakker',
  birthYear: 2015,
};

function indexSuite(kind: 'pglite' | 'postgres'): void {
  let index: BlindIndex;
  const find = (q: string) => index.familiesWithAll(queryTokens(keys, parseSearchQuery(q)));
  const rowsOf = async (familyId: string) =>
    (
      await db.database.query<{ n: number }>(
        `select count(*)::int as n from ${index.tokens} where family_id = $1`,
        [familyId],
      )
    )[0]?.n ?? 0;

  const db = testDatabase(kind, 'search', 'all', async ({ database, schema }) => {
    index = await BlindIndex.open(database, schema, keys);
  });

  it('given a registration and a member added, finds each member; writing them again changes nothing', async () => {
    const familyId = randomUUID();
    const events = [
      event.familyRegistered({ familyId, members, municipality: 'Oldambt' }),
      event.familyMemberAdded({ member: sibling }),
    ];
    await index.writeIn(undefined, familyId, events.slice(0, 1));
    await index.writeIn(undefined, familyId, events.slice(1));
    const rows = await rowsOf(familyId);
    await db.database.transaction((tx) => index.writeIn(tx, familyId, events));
    expect(await rowsOf(familyId)).toBe(rows);
    for (const q of ['sanne', 'elz 2012', 'petra bakker', 'kees 2015', '111222333'])
      expect([q, await find(q)]).toEqual([q, [familyId]]);
    expect(await find('kees 2012')).toEqual([]);
    // The member added is matched on the municipality its family was registered in.
    const identity = identityValue(sibling, 'Oldambt')!;
    expect(await index.familiesWithAny([keys.token('identity', identity)])).toEqual([familyId]);
  });

  it('answers the newest listed families first, with one member that has every token', async () => {
    // Given 30 families registered one after another, each with a Hooghiemstra; every third with a Femke
    // Hooghiemstra born in 2010, and in every fifth a Femke who is not a Hooghiemstra beside a Jorrit who is;
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const youth = (familyId: string, displayName: string, birthYear = 2010) => ({
      memberId: `m-${displayName}-${familyId}`,
      role: 'youth' as const,
      displayName,
      birthYear,
    });
    for (const [i, familyId] of ids.entries())
      await index.writeIn(undefined, familyId, [
        event.familyRegistered({
          familyId,
          municipality: 'Pekela',
          members:
            i % 3 === 0
              ? [youth(familyId, 'Femke Hooghiemstra')]
              : i % 5 === 0
                ? [youth(familyId, 'Jorrit Hooghiemstra'), youth(familyId, 'Femke Bos', 2011)]
                : [youth(familyId, 'Jorrit Hooghiemstra')],
        }),
      ]);
    // all listed in the family list but the newest three (registered a moment ago: the list has not caught up),
    const listed = `${db.schema}.listed_families`;
    await db.database.query(`create table if not exists ${listed} (family_id text primary key)`);
    await db.database.query(`insert into ${listed} select unnest($1::text[])`, [ids.slice(0, -3)]);
    const newest = async (q: string, limit = 5) => {
      const tokens = queryTokens(keys, parseSearchQuery(q)).map(asText);
      const rows = await db.database.query<{ family_id: string }>(
        index.newestHitsSql({ tokens: 1, tokenCount: tokens.length, limit: 2, listed }),
        [tokens, limit],
      );
      return rows.map((r) => r.family_id);
    };
    const newestListed = ids.slice(0, -3).reverse();
    // when searched by one word, the newest listed families come first, as many as asked for;
    expect(await newest('hooghiem')).toEqual(newestListed.slice(0, 5));
    expect(await newest('hooghiem', 100)).toEqual(newestListed);
    // by several words (in any order) or with a birth year, only the families where one member has them all.
    const femkes = newestListed.filter((id) => ids.indexOf(id) % 3 === 0);
    for (const q of ['femke hooghiem', 'hooghiem femke', 'fem hoo 2010', 'femke hooghiemstra fem'])
      expect([q, await newest(q, 100)]).toEqual([q, femkes]);
    expect(await newest('femke hooghiem', 2)).toEqual(femkes.slice(0, 2));
    expect(await newest('femke bos jorrit')).toEqual([]);
    expect(await newest('femke 2011')).toEqual(
      newestListed.filter((id) => ids.indexOf(id) % 3 !== 0 && ids.indexOf(id) % 5 === 0),
    );
  });

  it('given an erasure, keeps no row of the family', async () => {
    const familyId = randomUUID();
    await index.writeIn(undefined, familyId, [event.familyRegistered({ familyId, members })]);
    expect(await rowsOf(familyId)).toBeGreaterThan(0);
    await index.writeIn(undefined, familyId, [event.personalDataErased()]);
    expect(await rowsOf(familyId)).toBe(0);
    expect(await find('111222333')).not.toContain(familyId);
  });

  it('catches up with families already in the store, but never with one erased', async () => {
    const store = await SqlEventStore.create(db.database, { schema: db.schema });
    const vault = await PersonalDataVault.open(db.database, db.schema);
    // Families registered without the index (as before it existed).
    const commands = new FamilyCommands(store, vault);
    const register = async (displayName: string) => {
      const context = {
        actor: { id: 'p-1', role: 'professional' as const },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        requestHash: 'test',
        now: new Date().toISOString(),
      };
      const result = await commands.execute({
        command: {
          type: 'RegisterFamily',
          data: {
            municipality: 'Groningen',
            members: [{ role: 'youth', displayName, birthYear: 2010 }],
            registrar: { professionalId: 'p-1', organisation: 'WIJ' },
          },
        },
        context,
      });
      return result.familyId;
    };
    const kept = await register('Wietske Zandstra');
    const erased = await register('Wietske Zandberg');
    await vault.destroy(erased);
    expect(await find('wietske')).toEqual([]);
    // The store shows an event once no older transaction is still running anywhere on the server (other suites
    // run beside this one on the same cluster), so the catch-up is repeated until it has read both registrations.
    const stored =
      (await store.readStream(`family-${kept}`)).length +
      (await store.readStream(`family-${erased}`)).length;
    let read = 0;
    for (const deadline = Date.now() + 15_000; read < stored && Date.now() < deadline;) {
      read += await index.catchUp(store, (ids) => vault.keysFor(ids));
      if (read < stored) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(read).toBe(stored);
    expect(await find('wietske')).toEqual([kept]);
    // A second catch-up starts where the first stopped.
    expect(await index.catchUp(store, (ids) => vault.keysFor(ids))).toBe(0);
  });

  it('opened under another key, is emptied and catches up from the start again', async () => {
    const other = await BlindIndex.open(
      db.database,
      db.schema,
      new SearchKeys(Buffer.alloc(32, 4)),
    );
    const [rows] = await db.database.query<{ n: number }>(
      `select count(*)::int as n from ${other.tokens}`,
    );
    expect(rows?.n).toBe(0);
    index = await BlindIndex.open(db.database, db.schema, keys);
  });
}

describe('BlindIndex (pglite)', () => indexSuite('pglite'));
describeWithPostgres('BlindIndex (postgres)', () => indexSuite('postgres'));
