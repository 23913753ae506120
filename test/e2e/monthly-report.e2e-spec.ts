import { expectProblem, useTestApp } from '../support/app';
import { readPdf } from '../support/pdf';
import { openCases } from '../support/route';

describe('the monthly report for a municipal council (PDF)', () => {
  const app = useTestApp('postgres');
  const professional = app.as('p-anna', ['professional']);
  const manager = app.as('m-fleur', ['manager'], 'Gemeente Groningen');
  const safetyTeam = app.as('st-carla', ['safety-team']);
  let position: string;

  beforeAll(async () => {
    // Given cases opened in January 2025: 7 in Groningen, 6 in Veendam, 2 in Pekela (a small cell, and Veendam's
    // hidden beside it), and 6 in Groningen in December
    const opened: [string, string][] = [
      ...Array.from({ length: 7 }, (): [string, string] => ['Groningen', '2025-01-10T10:00:00Z']),
      ...Array.from({ length: 6 }, (): [string, string] => ['Veendam', '2025-01-11T10:00:00Z']),
      ...Array.from({ length: 2 }, (): [string, string] => ['Pekela', '2025-01-12T10:00:00Z']),
      ...Array.from({ length: 6 }, (): [string, string] => ['Groningen', '2024-12-05T10:00:00Z']),
    ];
    ({ position } = await openCases(
      professional,
      opened.map(([municipality, at]) => ({
        municipality,
        at,
        displayName: 'Kind Geheim',
        registeredAt: '2024-11-01T00:00:00.000Z',
      })),
    ));
  }, 120_000);

  const report = (query: string) =>
    fetch(`${app.base}/api/reports/monthly?${query}&minPosition=${position}`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });

  it('gives a manager the month beside the months before it, in Dutch, as a PDF', async () => {
    const answer = await report('month=2025-01&municipality=Groningen');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(
      'attachment; filename="maandrapportage-2025-01.pdf"',
    );
    expect(answer.headers.get('cache-control')).toMatch(/no-store/);
    const { text, pages } = await readPdf(await answer.arrayBuffer());
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Maandrapportage jeugdhulp');
    expect(text).toContain('Groningen — januari 2025');
    expect(text).toContain('Nieuwe casussen in januari 2025: 7 (de maand ervoor: 6).');
    for (const heading of ['Instroom', 'Wachttijd tot de analyse', 'Nazorg na uitstroom', "MDO's"])
      expect(text).toContain(heading);
    expect(text).toContain('norm 14 dagen');
    // A median of no waits at all is none, not hidden.
    expect(text).toMatch(/Wachttijd, mediaan – – – – – –/);
    expect(text).toContain('Doel van de regio: 75% na 3 maanden en 50% na 6 maanden.');
    // No personal data in a council's report.
    expect(text).not.toContain('Geheim');
  });

  it('shows a hidden count as "afgeschermd", never its number', async () => {
    const { text } = await readPdf(
      await (await report('month=2025-01&municipality=Pekela')).arrayBuffer(),
    );
    expect(text).toContain('Nieuwe casussen in januari 2025: afgeschermd');
    expect(text).toContain('Aantallen onder de 5 zijn afgeschermd');
  });

  it('refuses a month that is no month, and every role but the manager', async () => {
    await expectProblem(app, () => manager.get('/api/reports/monthly?month=2025-13'), {
      status: 400,
      fields: ['month'],
    });
    await expectProblem(app, () => manager.get('/api/reports/monthly'), {
      status: 400,
      fields: ['month'],
    });
    expect((await safetyTeam.get('/api/reports/monthly?month=2025-01')).status).toBe(403);
  });
});
