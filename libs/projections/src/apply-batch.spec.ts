import { encodePosition, type EventRecord } from '@samenspoor/event-store';

import { eventsAfter } from './apply-batch';

const at = (n: number) => encodePosition({ major: 7n, minor: BigInt(n) });

function record(n: number): EventRecord {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    streamId: 'family-a',
    version: n,
    position: at(n),
    type: 'ProgressNoted',
    schemaVersion: 1,
    data: {},
    metadata: {},
    recordedAt: new Date(0),
  };
}

describe('the events of a batch after a read model’s checkpoint', () => {
  const batch = [1, 2, 3, 4].map(record);

  it('are the batch itself, not a copy, when the checkpoint is before all of them', () => {
    // Given a checkpoint before the batch, when the events after it are asked for, then the batch is answered,
    // so that the read models of the batch share it (and what is derived from it once).
    expect(eventsAfter(batch, at(0))).toBe(batch);
  });

  it('leave out the events at or before the checkpoint', () => {
    expect(eventsAfter(batch, at(2)).map((e) => e.version)).toEqual([3, 4]);
    expect(eventsAfter(batch, at(4))).toEqual([]);
    expect(eventsAfter([], at(4))).toEqual([]);
  });
});
