import { randomUUID } from 'node:crypto';

import { familyStreamId, type FamilyEvent } from '@samenspoor/domain';
import { START } from '@samenspoor/event-store';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { encodeCursor, InvalidCursorError } from '../cursor';
import type { TableNames } from '../projection';
import { TestFamily } from '../testing/family-commands';
import {
  caughtUp,
  openProjectionHarness,
  type ProjectionHarness,
} from '../testing/projection-harness';
import { familyListProjection } from './family-list.projection';
import { busiestProfessionals, familyList, type FamilyListFilter } from './family-list.queries';

describeOnEachDatabase('family list', (kind) => {
  let h: ProjectionHarness;
  let t: TableNames<'fl_families'>;
  const list = (filter: Partial<FamilyListFilter> = {}) =>
    familyList(h.database, t, { limit: 100, ...filter });
  const ids = async (filter: Partial<FamilyListFilter> = {}) =>
    (await list(filter)).items.map((item) => item.familyId);
  const streamVersion = (familyId: string) => h.store.streamVersion(familyStreamId(familyId));
  const settled = (...families: TestFamily[]) =>
    caughtUp(
      h,
      familyListProjection,
      families.map((f) => familyStreamId(f.familyId)),
    );

  describe('filters, networks and pages', () => {
    // Registered (desc): oldambt 01-04, then pekela1 and pekela2 at the same moment 01-03 (by family id),
    // then groningen2 01-02 and groningen1 01-01.
    const groningen1 = new TestFamily('Groningen');
    const groningen2 = new TestFamily('Groningen');
    const pekela1 = new TestFamily('Pekela');
    const pekela2 = new TestFamily('Pekela');
    const oldambt = new TestFamily('Oldambt');
    const [tie1, tie2] = [pekela1.familyId, pekela2.familyId].sort();
    const order = [oldambt.familyId, tie1, tie2, groningen2.familyId, groningen1.familyId];

    beforeAll(async () => {
      h = await openProjectionHarness(kind, [familyListProjection], { batchSize: 4 });
      t = h.tables.live(familyListProjection);
      await h.command(groningen1.familyId, groningen1.register('2026-01-01T09:00:00Z', 'p-g1'));
      await h.command(groningen2.familyId, ...groningen2.planned('2026-01-02T09:00:00Z'));
      await h.command(
        pekela1.familyId,
        pekela1.register('2026-01-03T09:00:00Z', 'p-p1'),
        pekela1.signal('2026-01-04T09:00:00Z'),
      );
      await h.command(
        pekela2.familyId,
        ...pekela2.planned('2026-01-03T09:00:00Z'),
        pekela2.requestCare('2026-01-10T09:00:00Z', 'foster-care', 'elker'),
        pekela2.startCare('2026-01-20T09:00:00Z'),
      );
      await h.command(
        oldambt.familyId,
        oldambt.register('2026-01-04T09:00:00Z'),
        oldambt.signal('2026-01-04T10:00:00Z', 'crisis'),
        oldambt.requestCare('2026-01-04T11:00:00Z', 'crisis-care', 'crisisdienst'),
        oldambt.startCare('2026-01-04T12:00:00Z'),
        oldambt.endCare('2026-01-14T12:00:00Z'),
        oldambt.outflow('2026-01-15T12:00:00Z'),
      );
      await settled(groningen1, groningen2, pekela1, pekela2, oldambt);
    });
    afterAll(() => h.close());

    it('lists every family, most recently registered first, as family summaries', async () => {
      const { items, nextCursor } = await list();
      expect(items.map((i) => i.familyId)).toEqual(order);
      expect(nextCursor).toBeNull();
      expect(Object.fromEntries(items.map((i) => [i.familyId, i.status]))).toEqual({
        [oldambt.familyId]: 'outflowed',
        [pekela1.familyId]: 'signalled',
        [pekela2.familyId]: 'in-care',
        [groningen2.familyId]: 'planned',
        [groningen1.familyId]: 'registered',
      });
      const g1 = items.find((i) => i.familyId === groningen1.familyId);
      expect(g1).toMatchObject({
        municipality: 'Groningen',
        status: 'registered',
        registeredAt: '2026-01-01T09:00:00.000Z',
        caseNumber: 0,
        members: [
          { memberId: groningen1.youth, role: 'youth', displayName: 'Kind', birthYear: 2012 },
          { memberId: groningen1.parent, role: 'parent', displayName: 'Ouder', birthYear: null },
        ],
        network: [{ professionalId: 'p-g1', organisation: 'WIJ' }],
        waitingSince: null,
      });
      // Every item's version is its stream's version: 2 + 1 + 1 + 1 + 1 for the planned family = 6, …
      for (const item of items) expect(item.version).toBe(await streamVersion(item.familyId));
      expect(items.find((i) => i.familyId === groningen2.familyId)?.version).toBe(6);
    });

    it('filters by municipality and route status', async () => {
      expect(await ids({ municipality: 'Groningen' })).toEqual([
        groningen2.familyId,
        groningen1.familyId,
      ]);
      expect(await ids({ municipality: 'Pekela' })).toEqual([tie1, tie2]);
      expect(await ids({ municipality: 'Veendam' })).toEqual([]);
      expect(await ids({ status: 'planned' })).toEqual([groningen2.familyId]);
      expect(await ids({ status: 'in-care' })).toEqual([pekela2.familyId]);
      expect(await ids({ status: 'outflowed' })).toEqual([oldambt.familyId]);
      expect(await ids({ municipality: 'Pekela', status: 'signalled' })).toEqual([
        pekela1.familyId,
      ]);
      expect(await ids({ municipality: 'Groningen', status: 'in-care' })).toEqual([]);
    });

    it('shows a professional the families whose network they are in, from joining until leaving', async () => {
      expect(await ids({ networkMember: 'p-g1' })).toEqual([groningen1.familyId]);
      expect(await ids({ networkMember: 'p-p1' })).toEqual([pekela1.familyId]);
      expect(await ids({ networkMember: 'p-anna' })).toEqual([]);

      await h.command(groningen1.familyId, groningen1.join('2026-02-01T09:00:00Z', 'p-anna'));
      await h.command(pekela1.familyId, pekela1.join('2026-02-01T09:00:00Z', 'p-anna'));
      await settled(groningen1, pekela1);
      // Pekela1 (registered 01-03) before Groningen1 (01-01).
      expect(await ids({ networkMember: 'p-anna' })).toEqual([
        pekela1.familyId,
        groningen1.familyId,
      ]);
      expect(await ids({ networkMember: 'p-anna', municipality: 'Groningen' })).toEqual([
        groningen1.familyId,
      ]);

      await h.command(groningen1.familyId, groningen1.leave('2026-02-02T09:00:00Z', 'p-anna'));
      await settled(groningen1);
      expect(await ids({ networkMember: 'p-anna' })).toEqual([pekela1.familyId]);
      // Register (2) + join (1) + leave (1) = 4.
      const [g1] = (await list({ networkMember: 'p-g1' })).items;
      expect(g1?.version).toBe(4);
      expect(g1?.version).toBe(await streamVersion(groningen1.familyId));
      expect(g1?.network.map((p) => p.professionalId)).toEqual(['p-g1']);
      // The safety team (no network filter) still sees every family.
      expect(await ids()).toEqual(order);
    });

    it('names the busiest professional of each organisation in the current families, ids and organisations only', async () => {
      // Now: p-registrar (WIJ) in groningen2 and pekela2 (oldambt flowed out), p-g1 and p-p1 (WIJ) in one
      // family each, p-anna (Accare) in pekela1 only (she left groningen1). Chosen by their current families,
      // counted with those that flowed out, as "Mijn gezinnen" lists them: p-registrar has 3.
      expect(await busiestProfessionals(h.database, t, 10)).toEqual([
        { professionalId: 'p-registrar', organisation: 'WIJ', families: 3 },
        { professionalId: 'p-anna', organisation: 'Accare', families: 1 },
      ]);
      expect(await busiestProfessionals(h.database, t, 1)).toEqual([
        { professionalId: 'p-registrar', organisation: 'WIJ', families: 3 },
      ]);
    });

    it('pages with an opaque cursor, ties broken by family id', async () => {
      // 5 families in pages of 2: 2 + 2 + 1.
      const first = await list({ limit: 2 });
      const second = await list({ limit: 2, cursor: first.nextCursor! });
      const third = await list({ limit: 2, cursor: second.nextCursor! });
      expect(first.items.map((i) => i.familyId)).toEqual(order.slice(0, 2));
      expect(second.items.map((i) => i.familyId)).toEqual(order.slice(2, 4));
      expect(third.items.map((i) => i.familyId)).toEqual(order.slice(4));
      expect(third.nextCursor).toBeNull();
      // The cursor splits the two families registered at the same moment; filters apply on every page.
      const pekela = await list({ municipality: 'Pekela', limit: 1 });
      expect(pekela.items.map((i) => i.familyId)).toEqual([tie1]);
      const next = await list({ municipality: 'Pekela', limit: 1, cursor: pekela.nextCursor! });
      expect(next.items.map((i) => i.familyId)).toEqual([tie2]);
      expect(next.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not hand out', async () => {
      await expect(list({ cursor: 'bogus' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(
        list({ cursor: encodeCursor(['not a time', randomUUID()]) }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe('odd data', () => {
    beforeAll(async () => {
      h = await openProjectionHarness(kind, [familyListProjection]);
      t = h.tables.live(familyListProjection);
    });
    afterAll(() => h.close());

    it('keeps going on NUL characters, lone surrogates and unusable times', async () => {
      const familyId = randomUUID();
      await h.append(
        familyId,
        ...([
          {
            type: 'FamilyRegistered',
            data: { familyId, municipality: 'Gron\u0000ingen', members: [], occurredAt: 'never' },
          },
          {
            type: 'ProfessionalJoinedNetwork',
            data: { professionalId: 'p-\ud800x', organisation: 'x', occurredAt: 'never' },
          },
          { type: 'SignalReceived', data: { caseNumber: 'one', occurredAt: 7 } },
        ] as unknown as FamilyEvent[]),
      );
      await caughtUp(h, familyListProjection, [familyStreamId(familyId)]);
      const [record] = await h.store.readStream(familyStreamId(familyId));
      // Filters see the cleaned words; the item carries the state as the events gave it.
      const { items, nextCursor } = await list({
        municipality: 'Groningen',
        networkMember: 'p-\ufffdx',
      });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        familyId,
        municipality: 'Gron\u0000ingen',
        registeredAt: 'never',
        version: 3,
        network: [{ professionalId: 'p-\ud800x' }],
      });
      expect(nextCursor).toBeNull();
      // It is sorted by the registration's record time, its business time being unusable.
      const [row] = await h.database.query<{ registered_at: Date }>(
        `select registered_at from ${t.fl_families} where family_id = $1`,
        [familyId],
      );
      expect(new Date(row!.registered_at).toISOString()).toBe(record!.recordedAt.toISOString());
    });
  });

  describe('a family along its route', () => {
    const family = new TestFamily('Veendam');
    const current = async () => {
      await settled(family);
      const { items } = await list();
      expect(items).toHaveLength(1);
      const [item] = items;
      expect(item?.version).toBe(await streamVersion(family.familyId));
      return item!;
    };

    beforeAll(async () => {
      h = await openProjectionHarness(kind, [familyListProjection]);
      t = h.tables.live(familyListProjection);
    });
    afterAll(() => h.close());

    it('moves registered → signalled → in-analysis → planned → in-care → outflowed → signalled', async () => {
      const step = async (...commands: Parameters<ProjectionHarness['command']>[1][]) => {
        await h.command(family.familyId, ...commands);
        return current();
      };
      expect(await step(family.register('2026-01-01T09:00:00Z'))).toMatchObject({
        status: 'registered',
        version: 2,
        caseNumber: 0,
      });
      expect(await step(family.signal('2026-01-02T09:00:00Z'))).toMatchObject({
        status: 'signalled',
        version: 3,
        caseNumber: 1,
      });
      expect(await step(family.startAnalysis('2026-01-03T09:00:00Z'))).toMatchObject({
        status: 'in-analysis',
        version: 4,
      });
      expect(await step(family.completeAnalysis('2026-01-10T09:00:00Z'))).toMatchObject({
        status: 'in-analysis',
        version: 5,
      });
      expect(await step(family.adoptPlan('2026-01-12T09:00:00Z'))).toMatchObject({
        status: 'planned',
        version: 6,
        waitingSince: null,
      });
      // Two requests, the second logged later but asked earlier: waiting since the earlier one.
      expect(
        await step(family.requestCare('2026-02-10T09:00:00Z', 'foster-care', 'elker')),
      ).toMatchObject({
        status: 'planned',
        version: 7,
        waitingSince: '2026-02-10T09:00:00.000Z',
      });
      const [first] = family.trajectories;
      expect(
        await step(family.requestCare('2026-02-05T09:00:00Z', 'trauma-treatment', 'accare')),
      ).toMatchObject({ version: 8, waitingSince: '2026-02-05T09:00:00.000Z' });
      // The earlier one starts: the family is in care and still waits for the other since 02-10.
      expect(await step(family.startCare('2026-02-20T09:00:00Z'))).toMatchObject({
        status: 'in-care',
        version: 9,
        waitingSince: '2026-02-10T09:00:00.000Z',
      });
      // The other is withdrawn: nothing waits.
      expect(await step(family.withdrawCare('2026-02-21T09:00:00Z', first))).toMatchObject({
        status: 'in-care',
        version: 10,
        waitingSince: null,
      });
      expect(await step(family.endCare('2026-03-20T09:00:00Z'))).toMatchObject({
        status: 'planned',
        version: 11,
      });
      expect(await step(family.outflow('2026-03-25T09:00:00Z', 'regular-care'))).toMatchObject({
        status: 'outflowed',
        version: 12,
        outflow: { destination: 'regular-care', caseNumber: 1 },
      });
      expect(await step(family.followUp('2026-06-25T09:00:00Z', 3))).toMatchObject({
        status: 'outflowed',
        version: 13,
      });
      // Re-entry: a new case (2) without analysis or plan yet, so signalled again.
      const reentered = await step(family.signal('2026-08-01T09:00:00Z', 'urgent'));
      expect(reentered).toMatchObject({ status: 'signalled', version: 14, caseNumber: 2 });
      expect(reentered.plan).toBeNull();
      expect(reentered.signals.map((s) => s.reentry)).toEqual([false, true]);
      expect(await ids({ status: 'signalled' })).toEqual([family.familyId]);
      expect(await ids({ status: 'outflowed' })).toEqual([]);
    });

    it('follows the stream version through events it does not know', async () => {
      await h.append(family.familyId, {
        type: 'FamilyMovedAbroad',
        data: { occurredAt: '2026-08-02T09:00:00.000Z' },
      } as unknown as FamilyEvent);
      // 14 events + 1 of an unknown type = version 15, state unchanged.
      expect(await current()).toMatchObject({ status: 'signalled', version: 15, caseNumber: 2 });
    });

    it('changes nothing when the same events are applied again', async () => {
      const before = await list();
      const page = await h.store.readAll({ after: START, limit: 1_000 });
      expect(page.events).toHaveLength(15);
      await h.database.transaction((tx) => familyListProjection.apply(tx, page.events, t));
      expect(await list()).toEqual(before);
    });
  });
});
