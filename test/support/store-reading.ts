import { START, type EventRecord, type EventStore } from '@samenspoor/event-store';

/**
 * Every event `readAll` shows, waiting (up to `within` ms) until they are all that `until` expects. On
 * PostgreSQL `readAll` shows an event only once no older transaction is running anywhere on the server, and the
 * suites share one server: another suite's open transaction can hold back, for a moment, events this test has
 * already committed.
 */
export async function readEverything(
  store: EventStore,
  { until, within = 15_000 }: { until: (events: EventRecord[]) => boolean; within?: number },
): Promise<EventRecord[]> {
  const deadline = Date.now() + within;
  for (;;) {
    const events: EventRecord[] = [];
    for (let after = START; ;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.events.length === 0) break;
      events.push(...page.events);
      after = page.position;
    }
    if (until(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
