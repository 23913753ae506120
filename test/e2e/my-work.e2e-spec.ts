import { RemindersDigest } from '../../apps/api/src/work/reminders-digest';
import { describeOnEachStore, type ApiClient } from '../support/app';
import { useCast } from '../support/cast';

const DAY = 86_400_000;
const BSN_ANNA_KNOWN = '230000034';

/**
 * `GET /api/my-work`: what is due in the caller's families, each kind's due date computed here by hand from the
 * steps' business times, against a fixed `asOf` (the steps are dated before it).
 */
describeOnEachStore('the work list (Mijn werk)', (kind) => {
  const { app, worker, otherWorker: other, carla: safetyTeam, fleur: manager } = useCast(kind);

  // The moment the list is asked for; every step lies before it.
  const T = Date.now() - 60_000;
  const at = (daysFromT: number) => new Date(T + daysFromT * DAY).toISOString();
  const asOf = new Date(T).toISOString();

  const ids: Record<string, string> = {};
  let trajectoryId = '';
  let planId = '';
  let lastPosition = '';
  /** The outflow of the follow-up family: the 15th of the month seven months before T, 10:00 UTC. */
  const tMonth = new Date(T);
  const outflowAt = new Date(
    Date.UTC(tMonth.getUTCFullYear(), tMonth.getUTCMonth() - 7, 15, 10),
  ).toISOString();
  const threeMonthsAfter = new Date(
    Date.UTC(tMonth.getUTCFullYear(), tMonth.getUTCMonth() - 4, 15, 10),
  ).toISOString();
  const sixMonthsAfter = new Date(
    Date.UTC(tMonth.getUTCFullYear(), tMonth.getUTCMonth() - 1, 15, 10),
  ).toISOString();

  async function step(client: ApiClient, path: string, body: object): Promise<any> {
    const answer = await client.post(path, body);
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
    lastPosition = answer.body.position;
    return answer.body;
  }

  async function register(client: ApiClient, name: string, registeredAt: string, bsn?: string) {
    const body = await step(client, '/api/families', {
      municipality: 'Groningen',
      members: [
        { role: 'parent', displayName: `Ouder ${name}` },
        { role: 'youth', displayName: name, ...(bsn ? { bsn } : {}) },
      ],
      occurredAt: registeredAt,
    });
    return body.familyId as string;
  }

  const signal = (client: ApiClient, familyId: string, occurredAt: string) =>
    step(client, `/api/families/${familyId}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
      occurredAt,
    });

  beforeAll(async () => {
    // Planned: case director, an MDO due 5 days before T, evaluation due 10 days after T, care waiting past norm.
    const planned = await register(worker, 'Mila', at(-60), BSN_ANNA_KNOWN);
    ids.planned = planned;
    const path = `/api/families/${planned}`;
    await signal(worker, planned, at(-59));
    const { analysisId } = await step(worker, `${path}/analyses`, { occurredAt: at(-58) });
    await step(worker, `${path}/analyses/${analysisId}/complete`, {
      safetyLevel: 'concerns',
      occurredAt: at(-50),
    });
    planId = (
      await step(worker, `${path}/plans`, {
        analysisId,
        goals: [{ description: 'Rust thuis' }],
        evaluateBy: at(10),
        occurredAt: at(-45),
      })
    ).planId;
    const put = await worker.put(`${path}/case-director`, {
      professionalId: 'p-work',
      occurredAt: at(-44),
    });
    expect(put.status).toBe(200);
    await step(worker, `${path}/mdos`, {
      participants: ['p-work'],
      nextMdoDueBy: at(-5),
      occurredAt: at(-40),
    });
    // intensive-ambulatory-family: a norm of 28 days, so due 2 days before T.
    trajectoryId = (
      await step(worker, `${path}/trajectories`, {
        careForm: 'intensive-ambulatory-family',
        providerId: 'provider-work',
        occurredAt: at(-30),
      })
    ).trajectoryId;

    // Signalled 20 days before T: no analysis (due 7 days after), no case director (due 14 days after).
    ids.signalled = await register(worker, 'Daan', at(-21));
    await signal(worker, ids.signalled, at(-20));
    await signal(worker, ids.signalled, at(-3));

    // Flowed out seven months ago; the 3-month follow-up done, the 6-month one not.
    ids.outflowed = await register(worker, 'Noor', at(-400));
    await signal(worker, ids.outflowed, at(-399));
    await step(worker, `/api/families/${ids.outflowed}/outflow`, {
      destination: 'local-team',
      occurredAt: outflowAt,
    });
    await step(worker, `/api/families/${ids.outflowed}/follow-ups`, {
      monthsAfterOutflow: 3,
      outcome: 'Gaat goed',
      occurredAt: new Date(Date.parse(threeMonthsAfter) + DAY).toISOString(),
    });

    // A case closed by the consultation: nothing due.
    ids.closed = await register(worker, 'Sem', at(-31));
    await signal(worker, ids.closed, at(-30));
    await step(worker, `/api/families/${ids.closed}/consultations`, {
      advice: 'no-action',
      occurredAt: at(-29),
    });

    // Someone else's family, signalled long ago: never on p-work's list.
    ids.elsewhere = await register(other, 'Lotte', at(-41));
    await signal(other, ids.elsewhere, at(-40));

    // A registration of Mila's BSN by another professional: a match for Mila's case director.
    const match = await other.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'M. Kopie', bsn: BSN_ANNA_KNOWN }],
    });
    expect(match.status).toBe(409);
  }, 120_000);

  it('lists each kind with its hand-computed due date, most overdue first, in the caller families only', async () => {
    const answer = await worker.get(`/api/my-work?asOf=${asOf}&minPosition=${lastPosition}`);
    expect(answer.status).toBe(200);
    const items = answer.body.items as any[];
    const brief = items.map((i) => ({
      family: Object.entries(ids).find(([, id]) => id === i.familyId)?.[0],
      kind: i.kind,
      dueAt: i.dueAt,
      overdueDays: i.overdueDays,
      overdue: i.overdue,
      step: i.step,
    }));
    expect(brief).toEqual([
      {
        family: 'outflowed',
        kind: 'follow-up-due',
        dueAt: sixMonthsAfter,
        overdueDays: Math.floor((T - Date.parse(sixMonthsAfter)) / DAY),
        overdue: true,
        step: 'follow-up',
      },
      {
        family: 'signalled',
        kind: 'analysis-not-started',
        dueAt: at(-13),
        overdueDays: 13,
        overdue: true,
        step: 'analysis-start',
      },
      {
        family: 'signalled',
        kind: 'no-case-director',
        dueAt: at(-6),
        overdueDays: 6,
        overdue: true,
        step: 'case-director',
      },
      {
        family: 'planned',
        kind: 'mdo-due',
        dueAt: at(-5),
        overdueDays: 5,
        overdue: true,
        step: 'mdo',
      },
      {
        family: 'planned',
        kind: 'care-over-norm',
        dueAt: at(-2),
        overdueDays: 2,
        overdue: true,
        step: 'care-start',
      },
      {
        family: 'planned',
        kind: 'evaluation-due',
        dueAt: at(10),
        overdueDays: -10,
        overdue: false,
        step: 'plan-evaluation',
      },
    ]);
    // The sixth-month follow-up lies between 15 and 45 days before T, whatever the day of the month.
    expect(brief[0]!.overdueDays).toBeGreaterThanOrEqual(13);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(byKind['care-over-norm'].trajectoryId).toBe(trajectoryId);
    expect(byKind['evaluation-due'].planId).toBe(planId);
    expect(byKind['follow-up-due'].monthsAfterOutflow).toBe(6);
    expect(byKind['mdo-due'].displayName).toBe('Mila, Ouder Mila');
    expect(answer.body.counts).toEqual({ due: 6, overdue: 5 });
    expect(JSON.stringify(answer.body)).not.toContain(BSN_ANNA_KNOWN);
  });

  it('tells the case director of a match made after T, from the moment it was made', async () => {
    const answer = await worker.get('/api/my-work');
    expect(answer.status).toBe(200);
    const match = (answer.body.items as any[]).find((i) => i.kind === 'match');
    expect(match).toMatchObject({
      familyId: ids.planned,
      step: 'contact',
      overdueDays: 0,
      registrarId: 'p-other',
      registrarOrganisation: 'Accare',
    });
    expect(Date.now() - Date.parse(match.dueAt)).toBeLessThan(120_000);
    expect(JSON.stringify(answer.body)).not.toContain('Kopie');
  });

  it('leaves out what is due more than 14 days after asOf', async () => {
    const earlier = new Date(T - 5 * DAY).toISOString();
    const answer = await worker.get(`/api/my-work?asOf=${earlier}`);
    expect(answer.status).toBe(200);
    const kinds = (answer.body.items as any[]).map((i) => i.kind);
    // The evaluation (due T + 10 days) is 15 days ahead of T - 5 days; the match was not yet made.
    expect(kinds).not.toContain('evaluation-due');
    expect(kinds).not.toContain('match');
    const mdo = (answer.body.items as any[]).find((i) => i.kind === 'mdo-due');
    expect(mdo).toMatchObject({ dueAt: at(-5), overdueDays: 0, overdue: false });
  });

  it('drops an item once the step that resolves it is taken', async () => {
    const mdo = await worker.post(`/api/families/${ids.planned}/mdos`, {
      participants: ['p-work'],
      nextMdoDueBy: at(60),
    });
    expect(mdo.status).toBe(201);
    const answer = await worker.get(`/api/my-work?minPosition=${mdo.body.position}`);
    expect(answer.status).toBe(200);
    const mine = (answer.body.items as any[]).filter((i) => i.familyId === ids.planned);
    expect(mine.map((i) => i.kind)).not.toContain('mdo-due');
    expect(mine.map((i) => i.kind)).toContain('care-over-norm');
  });

  it('gives the safety team the region, and the other professional their own family only', async () => {
    const region = await safetyTeam.get(`/api/my-work?asOf=${asOf}&minPosition=${lastPosition}`);
    expect(region.status).toBe(200);
    const families = new Set((region.body.items as any[]).map((i) => i.familyId));
    expect(families).toContain(ids.elsewhere);
    expect(families).toContain(ids.planned);

    const theirs = await other.get(`/api/my-work?asOf=${asOf}`);
    expect(theirs.status).toBe(200);
    expect(new Set((theirs.body.items as any[]).map((i) => i.familyId))).toEqual(
      new Set([ids.elsewhere]),
    );
  });

  it('refuses a manager (the matrix in access.e2e checks the audit entry) and a bad asOf with 400', async () => {
    expect((await manager.get('/api/my-work')).status).toBe(403);
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '%00', '99999-01-01T00:00:00Z']) {
      const answer = await worker.get(`/api/my-work?asOf=${bad}`);
      expect(answer.status).toBe(400);
    }
    expect((await worker.get('/api/my-work?minPosition=zz')).status).toBe(400);
  });

  it('sends no reminders digest without SMTP_URL', async () => {
    expect(await app.app.get(RemindersDigest).send(new Date())).toEqual({ skipped: 'off' });
  });
});
