import { Counter, Gauge, type Registry } from 'prom-client';

import type { EventStore } from '@samenspoor/event-store';

import type { ProjectionRunner, RunnerObserver } from './projection-runner';

/**
 * The runner's Prometheus metrics: events applied per read model, lag per read model computed when scraped
 * (the events in the store after the projection's checkpoint: store head − checkpoint), and whether this process
 * leads, and the events set aside per read model. Returns the observer that feeds the counter.
 */
export function projectionMetrics(
  registry: Registry,
  store: EventStore,
  runner: ProjectionRunner,
  names: readonly string[],
): Pick<RunnerObserver, 'applied'> {
  const events = new Counter({
    name: 'samenspoor_projection_events_total',
    help: 'Events applied to each read model',
    labelNames: ['projection'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'samenspoor_projection_lag_events',
    help: 'Events in the store that a read model has not applied yet (store head − checkpoint)',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      for (const projection of names) {
        const after = await runner.position(projection);
        this.set({ projection }, await store.countEvents({ after }));
      }
    },
  });
  const setAside = (name: string, help: string, count: 'events' | 'streams') =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        const counts = await runner.setAsideCounts();
        for (const projection of names)
          this.set({ projection }, counts.get(projection)?.[count] ?? 0);
      },
    });
  setAside(
    'samenspoor_projection_dead_letters',
    'Events set aside for a read model because they (or an earlier event of their stream) failed to apply',
    'events',
  );
  setAside(
    'samenspoor_projection_dead_letter_streams',
    'Streams (families) with events set aside for a read model: their answers are marked stale',
    'streams',
  );
  new Gauge({
    name: 'samenspoor_projection_leader',
    help: '1 when this process runs the projections, 0 when another one does',
    registers: [registry],
    collect() {
      this.set(runner.leading ? 1 : 0);
    },
  });
  return { applied: (projection, count) => events.inc({ projection }, count) };
}
