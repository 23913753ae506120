import fc from 'fast-check';

import * as ijw from '@samenspoor/ijw/testing';

import { describeOnEachStore, expectProblem, type ApiClient } from '../support/app';
import { useCast } from '../support/cast';
import { familyOnRoute } from '../support/route';

/** api.md "iJw messages": the intake over HTTP, on both stores. */
describeOnEachStore('iJw messages', (kind) => {
  const { app, ggkGroningen: integration, bram: professional, carla: safetyTeam } = useCast(kind);

  const deliver = (client: ApiClient, xml: string | Buffer, type = 'application/xml') =>
    fetch(`${app.base}/api/ijw/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': type },
      body: xml,
    }).then(async (response) => {
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
      };
    });

  it('applies a request, its allocation, the start and the end of care to the family the BSN names', async () => {
    const family = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Iris',
      bsn: ijw.FIXTURE_BSNS[0],
      until: 'analysed',
    });
    const request = await deliver(
      integration,
      ijw.jw315({ messageId: 'VOT-1', reference: 'REF-1' }),
    );
    expect(request.status).toBe(202);
    expect(request.body).toMatchObject({
      type: 'JW315',
      outcome: 'applied',
      familyId: family.familyId,
      events: [{ type: 'CareRequested', trajectoryId: expect.any(String) }],
    });
    const trajectoryId = request.body.events[0].trajectoryId as string;
    // No plan adopted: the chain's request is care outside the plan, on the safety overview until it ends.
    const outside = async (at: string) => {
      const overview = await safetyTeam.get(
        `/api/projections/safety-overview?minPosition=${encodeURIComponent(at)}`,
      );
      expect(overview.status).toBe(200);
      return (overview.body.careOutsidePlan as { familyId: string }[]).some(
        (item) => item.familyId === family.familyId,
      );
    };
    expect(await outside(request.body.position)).toBe(true);
    const steps = [
      [ijw.jw301({ messageId: 'TOE-1', reference: 'REF-1' }), 'CareAllocated'],
      [ijw.jw305({ messageId: 'START-1' }), 'CareStarted'],
      [ijw.jw307({ messageId: 'STOP-1', endReason: '21' }), 'CareEnded'],
    ] as const;
    let position = request.body.position as string;
    for (const [xml, type] of steps) {
      const answer = await deliver(integration, xml);
      position = answer.body.position;
      expect([answer.status, answer.body]).toEqual([
        202,
        expect.objectContaining({ outcome: 'applied', events: [{ type, trajectoryId }] }),
      ]);
    }
    const read = await professional.get(
      `${family.path}?minPosition=${encodeURIComponent(family.position)}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.trajectories).toEqual([
      expect.objectContaining({
        trajectoryId,
        careForm: 'intensive-ambulatory-family',
        providerId: 'agb-98000101',
        status: 'ended',
      }),
    ]);
    const timeline = await professional.get(
      `${family.path}/timeline?minPosition=${encodeURIComponent(position)}`,
    );
    expect(timeline.status).toBe(200);
    const lines = (timeline.body.entries as { summary: string }[]).map((e) => e.summary);
    expect(lines.filter((l) => l.includes('from the iJw chain'))).toHaveLength(4);
    expect(await outside(position)).toBe(false);
  });

  it('recognises a message delivered twice by sender and BerichtIdentificatie: duplicate, nothing appended', async () => {
    await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Daan',
      bsn: ijw.FIXTURE_BSNS[1],
    });
    const xml = ijw.jw315({ messageId: 'VOT-DUP', bsn: ijw.FIXTURE_BSNS[1], reference: 'REF-D' });
    const first = await deliver(integration, xml);
    expect(first.body.outcome).toBe('applied');
    const before = await app.eventCount();
    const again = await deliver(integration, xml);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ outcome: 'duplicate', messageId: first.body.messageId });
    expect(await app.eventCount()).toBe(before);
  });

  it('keeps an unmatched message sealed for the safety team, without BSN, and applies it once linked', async () => {
    const bsn = ijw.FIXTURE_BSNS[2];
    const unmatched = await deliver(
      integration,
      ijw.jw305({ messageId: 'START-U', bsn, allocationNumber: '777' }),
    );
    expect(unmatched.body).toMatchObject({ outcome: 'unmatched', events: [] });
    expect(unmatched.text).not.toContain(bsn);

    const list = await safetyTeam.get('/api/ijw/unmatched');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      messageId: unmatched.body.messageId,
      type: 'JW305',
      receivedAt: expect.any(String),
      outcome: 'unmatched',
      rule: null,
      municipality: 'Groningen',
      provider: 'agb-98000101',
      products: [{ category: '45', code: '45A04' }],
    });
    expect(list.text).not.toContain(bsn);
    expect(list.text).not.toContain('Testkind');
    // On the safety team's work list, due since its arrival, without a family; not on a professional's.
    const unlinkedWork = async (client: ApiClient) =>
      (
        (await client.get('/api/my-work')).body.items as { kind: string; messageId?: string }[]
      ).filter(
        (item) => item.kind === 'ijw-unlinked' && item.messageId === unmatched.body.messageId,
      );
    const arrived = (list.body.items as { messageId: string; receivedAt: string }[]).find(
      (item) => item.messageId === unmatched.body.messageId,
    )!.receivedAt;
    expect(await unlinkedWork(safetyTeam)).toEqual([
      expect.objectContaining({
        familyId: null,
        displayName: null,
        dueAt: arrived,
        step: 'ijw-link',
        overdue: true,
      }),
    ]);
    expect(await unlinkedWork(professional)).toEqual([]);

    const other = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Other',
      bsn: ijw.FIXTURE_BSNS[3],
    });
    const link = `/api/ijw/unmatched/${unmatched.body.messageId}/link`;
    await expectProblem(
      app,
      () => safetyTeam.post(link, { familyId: other.familyId, memberId: other.memberId }),
      { status: 409, rule: 'bsn-mismatch' },
    );

    const right = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Right',
      bsn,
      until: 'signalled',
    });
    const linked = await safetyTeam.post(link, {
      familyId: right.familyId,
      memberId: right.memberId,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      outcome: 'applied',
      familyId: right.familyId,
      events: [{ type: 'RunningCareRecorded' }],
    });
    const after = await safetyTeam.get('/api/ijw/unmatched');
    expect(after.body.items.map((i: { messageId: string }) => i.messageId)).not.toContain(
      unmatched.body.messageId,
    );
    expect(await unlinkedWork(safetyTeam)).toEqual([]);
    await expectProblem(
      app,
      () => safetyTeam.post(link, { familyId: right.familyId, memberId: right.memberId }),
      { status: 404, rule: 'unknown-reference' },
    );
  });

  it('sets a kept message aside with a reason: its text is gone, nothing is appended, a repeat is a duplicate', async () => {
    const xml = ijw.jw305({ messageId: 'START-R', bsn: '999990378', allocationNumber: '778' });
    const kept = await deliver(integration, xml);
    expect(kept.body).toMatchObject({ outcome: 'unmatched', events: [] });
    const resolve = `/api/ijw/unmatched/${kept.body.messageId}/resolve`;
    await expectProblem(app, () => safetyTeam.post(resolve, { resolution: 'because' }), {
      status: 400,
    });
    expect((await professional.post(resolve, { resolution: 'sent-in-error' })).status).toBe(403);

    const resolved = await safetyTeam.post(resolve, { resolution: 'sent-in-error' });
    expect([resolved.status, resolved.body]).toEqual([
      200,
      { messageId: kept.body.messageId, outcome: 'resolved', resolution: 'sent-in-error' },
    ]);
    const list = await safetyTeam.get('/api/ijw/unmatched');
    expect(list.body.items.map((i: { messageId: string }) => i.messageId)).not.toContain(
      kept.body.messageId,
    );
    const work = await safetyTeam.get('/api/my-work');
    expect(
      (work.body.items as { messageId?: string }[]).some(
        (item) => item.messageId === kept.body.messageId,
      ),
    ).toBe(false);
    await expectProblem(app, () => safetyTeam.post(resolve, { resolution: 'superseded' }), {
      status: 404,
      rule: 'unknown-reference',
    });
    const family = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Late',
      bsn: '999990378',
      until: 'signalled',
    });
    await expectProblem(
      app,
      () =>
        safetyTeam.post(`/api/ijw/unmatched/${kept.body.messageId}/link`, {
          familyId: family.familyId,
          memberId: family.memberId,
        }),
      { status: 404, rule: 'unknown-reference' },
    );
    const again = await deliver(integration, xml);
    expect(again.body).toMatchObject({ outcome: 'duplicate', events: [] });
  });

  it('gives a member without a BSN the BSN of the linked message, so that the next message matches by itself', async () => {
    const bsn = '999990056';
    const family = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Zonder BSN',
      until: 'signalled',
    });
    const first = await deliver(
      integration,
      ijw.jw301({ messageId: 'TOE-NB', bsn, reference: 'NB' }),
    );
    expect(first.body.outcome).toBe('unmatched');
    const linked = await safetyTeam.post(`/api/ijw/unmatched/${first.body.messageId}/link`, {
      familyId: family.familyId,
      memberId: family.memberId,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CareRequested',
      'CareAllocated',
    ]);
    const next = await deliver(integration, ijw.jw305({ messageId: 'START-NB', bsn }));
    expect(next.body).toMatchObject({
      outcome: 'applied',
      familyId: family.familyId,
      events: [{ type: 'CareStarted', trajectoryId: linked.body.events[0].trajectoryId }],
    });
    expect(JSON.stringify((await professional.get(family.path)).body)).not.toContain(bsn);
  });

  it('answers unmapped for a product the region does not map, and refused for a withdrawal', async () => {
    const family = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Mila',
      bsn: '999990044',
    });
    const before = await app.eventCount();
    const unmapped = await deliver(
      integration,
      ijw.jw315({ messageId: 'VOT-UNM', bsn: '999990044', category: '43', code: '43A01' }),
    );
    expect(unmapped.body).toMatchObject({ outcome: 'unmapped', familyId: family.familyId });
    const withdrawn = await deliver(
      integration,
      ijw.jw305({ messageId: 'START-W', bsn: '999990044', status: '3' }),
    );
    expect(withdrawn.body).toMatchObject({ outcome: 'refused', rule: 'unsupported' });
    expect(await app.eventCount()).toBe(before);
    const list = await safetyTeam.get('/api/ijw/unmatched');
    const outcomes = (list.body.items as { messageId: string; outcome: string }[]).filter((i) =>
      [unmapped.body.messageId, withdrawn.body.messageId].includes(i.messageId),
    );
    expect(outcomes.map((i) => i.outcome).sort()).toEqual(['refused', 'unmapped']);
  });

  it('answers 400 naming the element path for every kind of invalid message, appending nothing', async () => {
    const cases: [string, string][] = [
      [ijw.jw315({ bsn: '123456789' }), 'Bericht/Client/Bsn'],
      [ijw.jw315({ agbCode: '1234' }), 'Bericht/Header/Afzender'],
      [ijw.jw315({ municipalityCode: '14' }), 'Bericht/Header/Ontvanger'],
      [
        ijw.jw305({ startedOn: '2026-02-30' }),
        'Bericht/Client/StartProducten/StartProduct[1]/Begindatum',
      ],
      [
        ijw.jw315().replace('<m:BerichtCode>446<', '<m:BerichtCode>436<'),
        'Bericht/Header/BerichtCode',
      ],
      [
        ijw.jw315().replace('<m:BerichtSubversie>2<', '<m:BerichtSubversie>1<'),
        'Bericht/Header/BerichtSubversie',
      ],
      [
        ijw.jw307().replace(/<m:RedenBeeindiging>.*<\/m:RedenBeeindiging>/, ''),
        'Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging',
      ],
      [ijw.jw315().replace('</m:Client>', ''), 'Bericht'],
      [ijw.XXE_BODY, 'Bericht'],
      [ijw.BILLION_LAUGHS_BODY, 'Bericht'],
    ];
    for (const [xml, field] of cases) {
      const answer = await expectProblem(app, () => deliver(integration, xml), {
        status: 400,
        fields: [field],
      });
      expect(answer.text).not.toContain('123456789');
    }
  });

  it('answers 415 to a body that is not XML, and 403 to every role but integration', async () => {
    const json = await deliver(integration, '{"a":1}', 'application/json');
    expect(json.status).toBe(415);
    for (const client of [professional, safetyTeam]) {
      expect((await deliver(client, ijw.jw315())).status).toBe(403);
    }
    expect((await integration.get('/api/me')).status).toBe(403);
    expect((await integration.get('/api/ijw/unmatched')).status).toBe(403);
  });

  it('never answers 5xx, whatever bytes the body holds', async () => {
    const valid = Buffer.from(ijw.jw301({ messageId: 'FUZZ' }), 'utf8');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }),
          fc
            .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 255 })), {
              maxLength: 8,
            })
            .map((flips) => {
              const bytes = Buffer.from(valid);
              for (const [at, value] of flips) bytes[at] = value;
              return new Uint8Array(bytes);
            }),
        ),
        async (bytes) => {
          const answer = await deliver(integration, Buffer.from(bytes));
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
