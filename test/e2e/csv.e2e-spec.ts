import { parse } from 'csv-parse/sync';

import { useTestApp } from '../support/app';
import { openCases } from '../support/route';

const JANUARY_10 = '2025-01-10T10:00:00Z';

const CSV = { accept: 'text/csv' };

/** The CSV of an answer read back as records, each a map from header to cell. */
function records(text: string): Record<string, string>[] {
  return parse<Record<string, string>>(text, { columns: true });
}

/** The value at a dotted path of a JSON answer (the CSV's `figure` column). */
function at(answer: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], answer);
}

describe('answers as CSV over HTTP (Accept: text/csv)', () => {
  const app = useTestApp('postgres');
  const professional = app.as('p-anna', ['professional']);
  const safetyTeam = app.as('st-carla', ['safety-team']);
  const manager = app.as('m-fleur', ['manager'], 'Gemeente Groningen');
  const auditor = app.as('a-dirk', ['auditor']);
  let position: string;
  let familyId: string;

  beforeAll(async () => {
    // Given families in Groningen, one of them named as a spreadsheet formula, and one in Pekela (a small cell)
    const opened = await openCases(professional, [
      {
        municipality: 'Groningen',
        displayName: '=HYPERLINK("https://evil.example","klik")',
        at: JANUARY_10,
      },
      ...Array.from({ length: 6 }, (_, i) => ({
        municipality: 'Groningen',
        displayName: `Kind ${i}`,
        at: JANUARY_10,
      })),
      { municipality: 'Pekela', displayName: 'Kind P', at: JANUARY_10 },
    ]);
    ({ position } = opened);
    familyId = opened.familyIds[0]!;
  }, 120_000);

  it('answers the monitor as one row per figure, each equal to the JSON figure', async () => {
    const query = `/api/projections/monitor?from=2025-01-01&to=2025-01-31&minPosition=${position}`;
    const json = await safetyTeam.get(query);
    const csv = await safetyTeam.get(query, CSV);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="monitor.csv"');
    expect(csv.headers.get('cache-control')).toMatch(/no-store/);
    expect(csv.headers.get('vary')).toMatch(/Accept/);
    const rows = records(csv.text);
    expect(rows.find((row) => row.figure === 'inflow.cases')).toEqual({
      figure: 'inflow.cases',
      value: '8',
    });
    for (const { figure, value } of rows) {
      const expected = at(json.body, figure!);
      expect({ figure, value }).toEqual({
        figure,
        value: expected === null ? '' : String(expected as number | string | boolean),
      });
    }
  });

  it('leaves a count hidden for a manager empty, as null is in the JSON', async () => {
    const csv = await manager.get(
      `/api/projections/monitor?from=2025-01-01&to=2025-01-31&municipality=Pekela&minPosition=${position}`,
      CSV,
    );
    expect(csv.status).toBe(200);
    const rows = new Map(records(csv.text).map((row) => [row.figure, row.value]));
    expect(rows.get('inflow.cases')).toBe('');
    expect(rows.get('inflow.suppressed')).toBe('true');
    expect(rows.get('disclosure.threshold')).toBe('5');
  });

  it('answers a list one row per item, a name that reads as a formula kept plain text, and audits it', async () => {
    const csv = await safetyTeam.get(`/api/families?minPosition=${position}`, CSV);
    expect(csv.status).toBe(200);
    const rows = records(csv.text);
    expect(rows).toHaveLength(8);
    const first = rows.find((row) => row.familyId === familyId)!;
    expect(first.municipality).toBe('Groningen');
    expect(first['members.0.displayName']).toBe(`'=HYPERLINK("https://evil.example","klik")`);
    expect(csv.text).not.toMatch(/(^|[,"\n])=HYPERLINK/);
    // The list read as CSV is recorded as a look at every family it showed, as the JSON list is.
    const log = await auditor.get(`/api/families/${familyId}/access-log`);
    expect(
      log.body.items.some(
        (e: { actor: string; detail: string | null }) =>
          e.actor === 'st-carla' && e.detail === 'listed',
      ),
    ).toBe(true);
    // The auditor's log itself, as CSV.
    const audit = await auditor.get('/api/audit?actor=st-carla', CSV);
    expect(audit.status).toBe(200);
    expect(records(audit.text)[0]).toMatchObject({ actor: 'st-carla', outcome: 'success' });
  });

  it('answers the safety overview with the list of each item named', async () => {
    const csv = await safetyTeam.get(
      `/api/projections/safety-overview?minPosition=${position}`,
      CSV,
    );
    expect(csv.status).toBe(200);
    const rows = records(csv.text);
    expect(rows.filter((row) => row.list === 'noCaseDirector')).toHaveLength(8);
  });

  it('keeps JSON where JSON is preferred, and an error a problem', async () => {
    const both = await safetyTeam.get(`/api/projections/stacking?minPosition=${position}`, {
      accept: 'application/json, text/csv;q=0.5',
    });
    expect(both.headers.get('content-type')).toMatch(/^application\/json/);
    const bad = await manager.get('/api/projections/monitor?from=2025-02-30&to=2025-03-01', CSV);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // A route without a CSV answer answers JSON.
    const summary = await safetyTeam.get(`/api/families/${familyId}`, CSV);
    expect(summary.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
