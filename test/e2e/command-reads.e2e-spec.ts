import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';

import { describeOnEachStore, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';

/**
 * Issue 13, item 2: one stream read per command at most. A command about a family this process last saw is let in
 * by the access guard and decided by the command path on that state, proven current by its append's expected
 * version: no read of the stream at all. A refusal is always decided on a fresh read. (That a stale state is judged
 * again on a fresh read is tested in `libs/commands/src/family-commands.int.spec.ts`.)
 */
describeOnEachStore('stream reads of a command over HTTP', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-reads', ['professional']);
  const outsider = app.as('p-outside', ['professional']);
  let reads: jest.SpyInstance;

  beforeAll(() => {
    const store = app.app.get<EventStore>(EVENT_STORE);
    reads = jest.spyOn(store, 'readStream');
  });
  afterAll(() => reads.mockRestore());

  const streamReads = (familyId: string) =>
    reads.mock.calls.filter(([streamId]) => streamId === `family-${familyId}`).length;
  const note = { workstream: 'execution', note: 'Telefonisch contact met moeder.' };

  it('does not read the stream of a family this process last saw, for a progress note or a safety assessment', async () => {
    const { familyId, path } = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Leeslast',
      until: 'signalled',
    });
    reads.mockClear();
    for (const body of [note, { ...note, note: 'Huisbezoek.' }]) {
      const answer = await professional.post(`${path}/progress-notes`, body);
      expect(answer.status).toBe(201);
    }
    const assessed = await professional.post(`${path}/safety-assessments`, { level: 'concerns' });
    expect(assessed.status).toBe(201);
    expect(streamReads(familyId)).toBe(0);
  });

  it('still refuses a professional outside the network, after reading the stream', async () => {
    const { familyId, path } = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Buitenstaander',
    });
    reads.mockClear();
    const refused = await outsider.post(`${path}/progress-notes`, note);
    expect(refused.status).toBe(403);
    expect(streamReads(familyId)).toBeGreaterThanOrEqual(1);
  });
});
