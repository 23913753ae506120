import { randomUUID } from 'node:crypto';

import type { AppendResult, EventStore, Position } from '@samenspoor/event-store';

import type { ProjectionRunner } from '../projection-runner';

/** Appends one event of a type no read model knows to a family's stream: something for a runner to read. */
export function nudge(store: EventStore, familyId: string, text: string): Promise<AppendResult> {
  return store.appendToStream(
    `family-${familyId}`,
    [{ eventId: randomUUID(), type: 'Nudged', data: { text } }],
    { expectedVersion: 'any' },
  );
}

/**
 * Polls a runner's position of a read model until it reached `position`, without waiting for it (a reader that
 * waits would end the runner's linger).
 */
export async function appliedWithoutWaiting(
  runner: ProjectionRunner,
  projection: string,
  position: Position,
): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await runner.position(projection)) >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the runner did not apply ${position}`);
}
