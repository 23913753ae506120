import { simulateRegion } from '@samenspoor/simulation';

import type { ProjectionHarness } from './projection-harness';

/** Appends a synthetic region through the decider; `workers` families are appended side by side. */
export async function appendSimulatedRegion(
  h: ProjectionHarness,
  options: { families: number; seed: number; end?: string; workers?: number },
): Promise<number> {
  const families = simulateRegion({
    families: options.families,
    seed: options.seed,
    end: options.end ?? '2026-11-01T00:00:00.000Z',
  });
  let events = 0;
  await Promise.all(
    Array.from({ length: options.workers ?? 1 }, async () => {
      for (let next = families.next(); !next.done; next = families.next()) {
        const family = next.value;
        // Awaited first: `events += await …` would read `events` before the wait and lose other workers' counts.
        const produced = await h.command(
          family.familyId,
          ...family.steps.map((step) => step.command),
        );
        events += produced.length;
      }
    }),
  );
  return events;
}
