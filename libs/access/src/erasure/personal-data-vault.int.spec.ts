import { randomBytes, randomUUID } from 'node:crypto';

import { FAMILY_EVENT_TYPES, PERSONAL_FIELDS, type FamilyEvent } from '@samenspoor/domain';
import { event } from '@samenspoor/domain/testing';
import { describeWithPostgres, testDatabase } from '@samenspoor/testing';

import {
  FamilyKey,
  isSealed,
  PersonalDataErasedError,
  PersonalDataVault,
  revealPersonalData,
  sealPersonalFields,
} from './personal-data-vault';

const FAMILY = '6f1c1c2e-3f55-4a43-9d8e-0c6b1f2a9e11';

describe('FamilyKey: AES-256-GCM per family', () => {
  const key = new FamilyKey(FAMILY, randomBytes(32));

  it('seals a value so that only this key, for this family, opens it', () => {
    const sealed = key.seal('Sanne de Vries');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Sanne');
    expect(key.seal('Sanne de Vries')).not.toBe(sealed); // a fresh IV every time
    expect(key.open(sealed)).toBe('Sanne de Vries');
    expect(new FamilyKey(FAMILY, randomBytes(32)).open(sealed)).toBeUndefined();
    expect(new FamilyKey(randomUUID(), Buffer.from(keyBytes(key))).open(sealed)).toBeUndefined();
  });

  it('never seals two values with the same IV, across many draws of random bytes', () => {
    // More seals than one draw of IVs holds (512), by two keys, so that pools are drawn again in between.
    const other = new FamilyKey(FAMILY, randomBytes(32));
    const sealed = Array.from({ length: 3_000 }, (_, i) =>
      (i % 2 ? key : other).seal(`waarde ${i}`),
    );
    const ivOf = (value: string) =>
      Buffer.from(value.slice('enc:v1:'.length), 'base64url').subarray(0, 12).toString('hex');
    expect(new Set(sealed.map(ivOf)).size).toBe(sealed.length);
    sealed.forEach((value, i) =>
      expect([i, (i % 2 ? key : other).open(value)]).toEqual([i, `waarde ${i}`]),
    );
  });

  it('refuses a value that was altered, cut short, or never sealed', () => {
    const sealed = key.seal('ééé 👪 \u0000 text');
    expect(key.open(sealed)).toBe('ééé 👪 \u0000 text');
    const raw = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(key.open(`enc:v1:${raw.toString('base64url')}`)).toBeUndefined();
    expect(key.open('enc:v1:AAAA')).toBeUndefined();
    expect(key.open('plain')).toBeUndefined();
  });

  it('digests values with the key: equal under one key, unrelated under another', () => {
    expect(key.digest('body')).toBe(key.digest('body'));
    expect(key.digest('body')).not.toBe(key.digest('other'));
    expect(new FamilyKey(FAMILY, randomBytes(32)).digest('body')).not.toBe(key.digest('body'));
  });
});

describe('sealing and revealing the personal fields of events', () => {
  const key = new FamilyKey(FAMILY, randomBytes(32));
  const registered: FamilyEvent = {
    type: 'FamilyRegistered',
    data: {
      familyId: FAMILY,
      municipality: 'Groningen',
      occurredAt: '2026-01-01T00:00:00.000Z',
      members: [
        { memberId: 'm1', role: 'youth', displayName: 'Sanne', bsn: '111222333', birthYear: 2012 },
        { memberId: 'm2', role: 'parent', displayName: 'Petra' },
      ],
    },
  };
  const analysed: FamilyEvent = {
    type: 'ExplanatoryAnalysisCompleted',
    data: {
      analysisId: 'a1',
      safetyLevel: 'unsafe',
      patterns: ['p1', 'p2'],
      riskFactors: [],
      protectiveFactors: ['grandmother'],
      careNeeds: [{ memberId: 'm1', need: 'trauma therapy' }],
      occurredAt: '2026-01-02T00:00:00.000Z',
    },
  };

  it('seals exactly the personal fields and keeps the anonymous facts', () => {
    const sealed = sealPersonalFields(registered.type, registered.data, key);
    expect(sealed.municipality).toBe('Groningen');
    expect(sealed.members.map((m) => [m.memberId, m.role, m.birthYear])).toEqual([
      ['m1', 'youth', 2012],
      ['m2', 'parent', undefined],
    ]);
    for (const member of sealed.members) expect(isSealed(member.displayName)).toBe(true);
    expect(isSealed(sealed.members[0]!.bsn)).toBe(true);
    expect(sealed.members[1]).not.toHaveProperty('bsn');
    expect(registered.data.members[0]!.displayName).toBe('Sanne'); // the input is not changed

    const analysis = sealPersonalFields(analysed.type, analysed.data, key);
    expect(analysis.safetyLevel).toBe('unsafe');
    expect([...analysis.patterns, ...analysis.protectiveFactors].every(isSealed)).toBe(true);
    expect(isSealed(analysis.careNeeds[0]!.need)).toBe(true);
    expect(analysis.careNeeds[0]!.memberId).toBe('m1');
  });

  it('reveals sealed values anywhere in an answer with the key, and as null without it', () => {
    const answer = {
      familyId: FAMILY,
      entries: [{ data: sealPersonalFields(registered.type, registered.data, key) }],
    };
    expect(revealPersonalData(answer, key)).toEqual({
      familyId: FAMILY,
      entries: [{ data: registered.data }],
    });
    const erased = revealPersonalData(answer, undefined);
    expect(
      erased.entries[0]!.data.members.map((m) => [m.displayName, 'bsn' in m ? m.bsn : 'none']),
    ).toEqual([
      [null, null],
      [null, 'none'],
    ]);
    expect(erased.entries[0]!.data.municipality).toBe('Groningen');
  });

  it('finds every personal path in events of each type, and reveals them as they were', () => {
    const every: FamilyEvent[] = [
      event.familyRegistered({
        members: [{ memberId: 'm1', role: 'youth', displayName: 'Sanne', bsn: '111222333' }],
      }),
      event.familyMemberAdded({
        member: { memberId: 'm2', role: 'parent', displayName: 'Petra', bsn: '123456782' },
      }),
      event.signalReceived({ summary: 'zorgen over school' }),
      event.consultationHeld(),
      event.professionalJoined(),
      event.professionalLeft(),
      event.caseDirectorAssigned(),
      event.analysisStarted(),
      event.analysisCompleted({
        patterns: ['p'],
        riskFactors: ['r'],
        protectiveFactors: ['b'],
        careNeeds: [{ memberId: 'm1', need: 'n' }],
      }),
      event.planAdopted({ goals: [{ goalId: 'g-1', description: 'g', memberIds: [] }] }),
      event.planRevised({
        reason: 'why',
        goals: [{ goalId: 'g-2', description: 'g2', memberIds: [] }],
      }),
      event.careRequested(),
      event.careRequestWithdrawn({ reason: 'no longer needed' }),
      event.careStarted(),
      event.careEnded(),
      event.mdoHeld({ participants: ['Anna'], decisions: ['d'] }),
      event.progressNoted({ note: 'home visit' }),
      event.safetyAssessed({ notes: 'calm' }),
      event.safetyTeamReviewed({ outcome: 'o', advice: 'a' }),
      event.outflowRegistered({ reason: 'goals met' }),
      event.followUpRecorded({ outcome: 'going well' }),
      event.personalDataErased(),
      event.runningCareRecorded(),
      event.careHandedOver(),
      event.protectionMeasureImposed(),
      event.protectionMeasureEnded({ reason: 'the order was not extended' }),
      event.safeAtHomeReportMade({ outcome: 'Veilig Thuis advised a safety plan' }),
      event.planEvaluated(),
      event.memberViewRecorded({ text: 'I feel safe at my grandmother’s' }),
      event.informalSupporterAdded({ displayName: 'Oma Jannie', relation: 'grandmother' }),
      event.planAgreementRecorded({ comment: 'Goed plan, wel graag vaker contact' }),
      event.parentalAuthorityRecorded(),
      event.careAllocated(),
      event.memberBsnRecorded(),
      event.dataSharingRecorded(),
    ];
    expect(new Set(every.map((e) => e.type))).toEqual(new Set(FAMILY_EVENT_TYPES));
    for (const { type, data } of every) {
      const sealed = sealPersonalFields(type, data, key);
      const paths = PERSONAL_FIELDS[type];
      // A path that names no field of the event (a typo) would seal nothing: count what was sealed.
      const count = (value: unknown): number =>
        typeof value === 'string'
          ? Number(isSealed(value))
          : typeof value === 'object' && value !== null
            ? Object.values(value).reduce((n: number, v) => n + count(v), 0)
            : 0;
      expect([type, count(sealed) >= paths.length]).toEqual([type, true]);
      expect(revealPersonalData(sealed, key)).toEqual(data);
    }
  });
});

function vaultSuite(kind: 'pglite' | 'postgres'): void {
  let vault: PersonalDataVault;
  const db = testDatabase(kind, 'vault', 'all', async ({ database, schema }) => {
    vault = await PersonalDataVault.open(database, schema);
  });

  it('creates a key for a family once, and hands out the same key after', async () => {
    const familyId = randomUUID();
    expect(await vault.keyFor(familyId, { create: false })).toBeUndefined();
    const [a, b] = await Promise.all([
      vault.keyFor(familyId, { create: true }),
      vault.keyFor(familyId, { create: true }),
    ]);
    const sealed = a.seal('Sanne');
    expect(b.open(sealed)).toBe('Sanne');
    expect((await vault.keyFor(familyId, { create: false }))!.open(sealed)).toBe('Sanne');
    expect((await vault.keysFor([familyId, randomUUID()])).size).toBe(1);
  });

  it('destroys a key for good: nothing opens with it, and no new key is made for the family', async () => {
    const familyId = randomUUID();
    const sealed = (await vault.keyFor(familyId, { create: true })).seal('Sanne');
    await vault.destroy(familyId);
    expect(await vault.isDestroyed(familyId)).toBe(true);
    expect(await vault.keyFor(familyId, { create: false })).toBeUndefined();
    expect((await vault.keysFor([familyId])).size).toBe(0);
    await expect(vault.keyFor(familyId, { create: true })).rejects.toBeInstanceOf(
      PersonalDataErasedError,
    );
    expect(revealPersonalData({ name: sealed }, undefined)).toEqual({ name: null });
    const [row] = await db.database.query<{ n: number }>(
      `select count(*)::int as n from "${db.schema}".personal_data_keys
       where family_id = $1 and data_key is not null`,
      [familyId],
    );
    expect(row!.n).toBe(0);
    // Destroying twice, or a family that never had a key, is fine and leaves a tombstone.
    await vault.destroy(familyId);
    const never = randomUUID();
    await vault.destroy(never);
    await expect(vault.keyFor(never, { create: true })).rejects.toBeInstanceOf(
      PersonalDataErasedError,
    );
  });

  it('keeps sealing keys at hand, forgets one it destroys, and never reads with them', async () => {
    const familyId = randomUUID();
    const sealing = await vault.sealingKeyFor(familyId);
    expect(await vault.sealingKeyFor(familyId)).toBe(sealing);
    expect((await vault.keyFor(familyId, { create: false }))!.open(sealing.seal('x'))).toBe('x');

    // Another process destroys the key: reads here see it at once; sealing may still use the kept key,
    // which seals only what nobody can open.
    const elsewhere = await PersonalDataVault.open(db.database, db.schema);
    await elsewhere.destroy(familyId);
    expect(await vault.keyFor(familyId, { create: false })).toBeUndefined();
    const late = (await vault.sealingKeyFor(familyId)).seal('late');
    expect(revealPersonalData({ late }, await vault.keyFor(familyId, { create: false }))).toEqual({
      late: null,
    });

    // Destroyed here: forgotten here too.
    await vault.destroy(familyId);
    await expect(vault.sealingKeyFor(familyId)).rejects.toBeInstanceOf(PersonalDataErasedError);
  });
}

describe('PersonalDataVault (pglite)', () => vaultSuite('pglite'));
describeWithPostgres('PersonalDataVault (postgres)', () => vaultSuite('postgres'));

/** The key's bytes, to show that the family id is bound into each sealed value. */
function keyBytes(key: FamilyKey): Buffer {
  return (key as unknown as { key: Buffer }).key;
}
