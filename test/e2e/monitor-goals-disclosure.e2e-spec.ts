import { figuresPeople, useTestApp } from '../support/app';
import { familyOnRoute, type FamilyOnRoute } from '../support/route';

/** The first day of the calendar month `back` months before this one (UTC), as `YYYY-MM-DD`. */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
    .toISOString()
    .slice(0, 10);
}
/** The last day of the calendar month that starts on `start`. */
function monthEnd(start: string): string {
  const first = new Date(`${start}T00:00:00.000Z`);
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0))
    .toISOString()
    .slice(0, 10);
}

describe('the managers’ monitor: goals over several months cannot be subtracted', () => {
  const app = useTestApp('postgres');
  const { professional, manager, safetyTeam } = figuresPeople(app);
  const first = monthStart(3);
  const second = monthStart(2);
  let position: string;

  beforeAll(async () => {
    // Given eleven families in Groningen with a plan of one goal each, adopted half a year ago:
    const families: FamilyOnRoute[] = [];
    for (let i = 0; i < 11; i++)
      families.push(
        await familyOnRoute(professional, {
          municipality: 'Groningen',
          displayName: `Kind ${i}`,
          until: 'planned',
          daysAgo: [200, 199, 198, 197, 196],
        }),
      );
    const evaluate = async (family: FamilyOnRoute, day: string) => {
      const { body } = await professional.get(family.path);
      const answer = await professional.post(`${family.path}/plans/${family.planId}/evaluations`, {
        goals: [{ goalId: body.goals[0].goalId, status: 'achieved' }],
        familyInvolved: true,
        occurredAt: `${day}T12:00:00.000Z`,
      });
      expect(answer.status).toBe(201);
      position = answer.body.position;
    };
    // six goals evaluated in the first month, and in the second the other five and two of the six again.
    for (const family of families.slice(0, 6)) await evaluate(family, first.replace(/01$/, '10'));
    for (const family of [...families.slice(6), ...families.slice(0, 2)])
      await evaluate(family, second.replace(/01$/, '10'));
  }, 300_000);

  const goals = async (client: typeof manager, from: string, to: string) => {
    const answer = await client.get(
      `/api/projections/monitor?from=${from}&to=${to}&municipality=Groningen&minPosition=${position}`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('counts a manager’s goals per month and sums them, so that the months add up to the period', async () => {
    // When a manager asks for each month and for both
    const one = await goals(manager, first, monthEnd(first));
    const two = await goals(manager, second, monthEnd(second));
    const both = await goals(manager, first, monthEnd(second));
    // Then each month shows its goals (6 and 7, nothing small),
    expect(one.goals).toEqual({ evaluated: 6, achieved: 6, partlyAchieved: 0, notAchieved: 0 });
    expect(two.goals).toEqual({ evaluated: 7, achieved: 7, partlyAchieved: 0, notAchieved: 0 });
    // and both months together are their sum: subtracting gives nothing away (by the latest evaluation in the
    // period it would be 11, and 6 + 7 − 11 the two goals evaluated in both months, a small cell).
    expect(both.goals).toEqual({ evaluated: 13, achieved: 13, partlyAchieved: 0, notAchieved: 0 });
    expect(both.period).toMatchObject({ goalsSummedOverMonths: true });
    expect(one.period).toMatchObject({ goalsSummedOverMonths: false });
  });

  it('gives the safety team the goals by their latest evaluation in the period', async () => {
    const both = await goals(safetyTeam, first, monthEnd(second));
    expect(both.goals).toEqual({ evaluated: 11, achieved: 11, partlyAchieved: 0, notAchieved: 0 });
  });
});
