import { randomUUID } from 'node:crypto';

import { Test, type TestingModule } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { EVENT_STORE, type Position } from '@samenspoor/event-store';
import { SQL_DATABASE } from '@samenspoor/sql';
import { describeOnEachDatabase } from '@samenspoor/testing';

import { ProjectionRunner } from './projection-runner';
import { ProjectionRunnerModule } from './projection-runner.module';
import { timelineProjection } from './timeline/timeline.projection';
import { appliedWithoutWaiting as applied, nudge } from './testing/lingering';
import { openProjectionHarness, type ProjectionHarness } from './testing/projection-harness';

/** Far longer than the test runs: a runner that lingered only its default (25 ms) would have read on. */
const LINGER_MS = 60_000;

class TestMetrics {
  readonly registry = new Registry();
}

describeOnEachDatabase('the projection runner module', (kind) => {
  let h: ProjectionHarness;
  let app: TestingModule;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [timelineProjection]);
    // The harness's own runner gives way to the module's.
    await h.runner.stop();
    // What the app's own modules provide (the database, the store, the metrics), from the harness.
    class Fixture {}
    const fixture = {
      module: Fixture,
      global: true,
      providers: [
        { provide: SQL_DATABASE, useValue: h.database },
        { provide: EVENT_STORE, useValue: h.store },
        TestMetrics,
      ],
      exports: [SQL_DATABASE, EVENT_STORE, TestMetrics],
    };
    app = await Test.createTestingModule({
      imports: [
        fixture,
        ProjectionRunnerModule.forRoot({
          schema: h.schema,
          projections: [timelineProjection],
          run: true,
          registry: TestMetrics,
          lingerMs: LINGER_MS,
        }),
      ],
    }).compile();
    runner = app.get(ProjectionRunner);
    await app.init();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await h?.close();
  }, 60_000);

  const note = (familyId: string, text: string) => nudge(h.store, familyId, text);
  const appliedWithoutWaiting = (position: Position) =>
    applied(runner, timelineProjection.name, position);

  it('gives the runner the linger it was configured with, which a reader waiting for a position ends', async () => {
    // Given the module's runner, started with the module, having applied a first event,
    const familyId = randomUUID();
    const first = await note(familyId, 'first');
    await appliedWithoutWaiting(first.position);
    // when another arrives, then after far more than the default linger it still lingers (configured: a minute),
    const second = await note(familyId, 'second');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runner.position(timelineProjection.name)).toBe(first.position);
    // and a reader waiting for it ends the linger.
    expect(await runner.waitFor(timelineProjection.name, second.position, 20_000)).toBe(
      second.position,
    );
  }, 60_000);
});
