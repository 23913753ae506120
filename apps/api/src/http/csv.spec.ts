import { parse } from 'csv-parse/sync';

import { csvRows, toCsv } from './csv';

/** The CSV read back as a spreadsheet would: a header row, then records. */
const read = (text: string): string[][] => parse(text);

describe('answers as CSV', () => {
  it('gives a list one row per item, nested blocks as dotted columns', () => {
    const text = toCsv({
      items: [
        { familyId: 'f1', stages: { analysis: { waiting: 3 } }, members: ['a', 'b'] },
        { familyId: 'f2', stages: { analysis: { waiting: null } }, members: [] },
      ],
      nextCursor: null,
    });
    expect(read(text)).toEqual([
      ['familyId', 'stages.analysis.waiting', 'members'],
      ['f1', '3', 'a; b'],
      ['f2', '', ''],
    ]);
    expect(text).toMatch(/\r\n$/);
  });

  it('names the list of each item when an answer holds several lists', () => {
    const { header, rows } = csvRows({
      noCaseDirector: [{ familyId: 'f1', since: '2025-01-01' }],
      planOverdue: [],
      mdoOverdue: [{ familyId: 'f2', since: '2025-02-01' }],
    });
    expect(header).toEqual(['list', 'familyId', 'since']);
    expect(rows).toEqual([
      { list: 'noCaseDirector', familyId: 'f1', since: '2025-01-01' },
      { list: 'mdoOverdue', familyId: 'f2', since: '2025-02-01' },
    ]);
  });

  it('gives figures one row each, named by their path, items of a list of blocks by their key', () => {
    const text = toCsv({
      from: '2025-01-01',
      inflow: { cases: 12, bySource: { gp: null }, suppressed: true },
      byCareForm: [{ careForm: 'foster-care', waiting: 7 }],
    });
    expect(read(text)).toEqual([
      ['figure', 'value'],
      ['from', '2025-01-01'],
      ['inflow.cases', '12'],
      ['inflow.bySource.gp', ''],
      ['inflow.suppressed', 'true'],
      ['byCareForm.foster-care.waiting', '7'],
    ]);
  });

  it('quotes separators and keeps a text that a spreadsheet would run as a formula plain text', () => {
    const text = toCsv({
      items: [
        { name: '=HYPERLINK("https://evil.example","klik")' },
        { name: '+31 6 1234' },
        { name: '@SUM(A1)' },
        { name: 'de Vries, "Sanne"\nGroningen' },
        { name: -3 },
      ],
    });
    expect(read(text).map(([name]) => name)).toEqual([
      'name',
      `'=HYPERLINK("https://evil.example","klik")`,
      "'+31 6 1234",
      "'@SUM(A1)",
      'de Vries, "Sanne"\nGroningen',
      '-3',
    ]);
  });
});
