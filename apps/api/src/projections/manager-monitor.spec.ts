import { DEFAULT_REGION } from '@samenspoor/domain';
import { monitorBlocks, type MonitorRow } from '@samenspoor/projections';

import { controlMonitor, hiddenInMonths, periodOfMonths } from './manager-monitor';

const row = (municipality: string, measure: string, n: number, value = 0): MonitorRow => ({
  kind: 'count',
  municipality,
  measure,
  value,
  n,
});

/** One month: cases opened by the GP in three municipalities, Pekela's 2 the small cell. */
const JANUARY: MonitorRow[] = [
  ['Groningen', 9],
  ['Veendam', 6],
  ['Pekela', 2],
].flatMap(([m, n]) => [
  row(m as string, 'inflow.cases', n as number),
  row(m as string, 'inflow.source:gp', n as number),
  row(m as string, 'inflow.urgency:regular', n as number),
  row(m as string, 'wait:analysis', n as number, 10),
]);

describe('the managers’ monitor under disclosure control', () => {
  const hidden = hiddenInMonths([JANUARY], DEFAULT_REGION, 5);
  const controlled = (municipality?: string) =>
    controlMonitor(monitorBlocks(JANUARY, DEFAULT_REGION, municipality), hidden, municipality);

  it('hides the small cell and the smallest beside it, never the region total they leave unsolvable', () => {
    expect(controlled('Pekela').blocks.inflow).toMatchObject({ cases: null, suppressed: true });
    expect(controlled('Veendam').blocks.inflow.cases).toBeNull();
    expect(controlled('Groningen').blocks.inflow.cases).toBe(9);
    expect(controlled().blocks.inflow.cases).toBe(17);
  });

  it('hides the day figures with the count of realised waits they belong to', () => {
    const { blocks, suppressed } = controlled('Pekela');
    expect(suppressed).toBe(true);
    expect(blocks.realisedWaits).toMatchObject({
      suppressed: true,
      analysis: { count: null, medianDays: null, p90Days: null, suppressed: true },
    });
    expect(controlled('Groningen').blocks.realisedWaits.analysis).toEqual({
      count: 9,
      medianDays: 10,
      p90Days: 10,
    });
  });

  it('shows a figure of several months only when each month shows it', () => {
    // February: Pekela has 7, shown on its own; with January's hidden 2, January–February hides it as well.
    const february = JANUARY.map((r) => (r.municipality === 'Pekela' ? { ...r, n: 7 } : r));
    expect(hiddenInMonths([february], DEFAULT_REGION, 5).size).toBe(0);
    const both = hiddenInMonths([JANUARY, february], DEFAULT_REGION, 5);
    const rows = [...JANUARY, ...february];
    expect(
      controlMonitor(monitorBlocks(rows, DEFAULT_REGION, 'Pekela'), both, 'Pekela').blocks.inflow
        .cases,
    ).toBeNull();
  });

  it('hides nothing with the threshold off', () => {
    expect(hiddenInMonths([JANUARY], DEFAULT_REGION, 0).size).toBe(0);
  });

  it('reads a period of months as the sum of their counts and the levels of the last month', () => {
    const level = (municipality: string, measure: string, n: number): MonitorRow => ({
      ...row(municipality, measure, n),
      kind: 'level',
    });
    const period = periodOfMonths([
      [
        row('Pekela', 'inflow.cases', 2),
        row('Pekela', 'goals:achieved', 1),
        level('Pekela', 'status:planned', 3),
      ],
      [
        row('Pekela', 'inflow.cases', 4),
        row('Pekela', 'goals:achieved', 1),
        level('Pekela', 'status:planned', 1),
      ],
      [row('Pekela', 'inflow.cases', -6), level('Pekela', 'status:in-care', 2)],
    ]);
    expect(period).toEqual([
      row('Pekela', 'goals:achieved', 2),
      level('Pekela', 'status:in-care', 2),
    ]);
  });
});
