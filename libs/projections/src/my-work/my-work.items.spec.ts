import { overdueDays, plusMonths } from './my-work.items';

describe('the work list’s days and months', () => {
  it('adds calendar months in UTC, the day clamped to the month’s last as PostgreSQL does', () => {
    expect(plusMonths('2026-01-31T10:00:00.000Z', 3)?.toISOString()).toBe(
      '2026-04-30T10:00:00.000Z',
    );
    expect(plusMonths('2026-08-31T23:30:00.000Z', 6)?.toISOString()).toBe(
      '2027-02-28T23:30:00.000Z',
    );
    expect(plusMonths('2027-08-31T00:00:00.000Z', 6)?.toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    expect(plusMonths('2026-11-15T08:00:00.000Z', 3)?.toISOString()).toBe(
      '2027-02-15T08:00:00.000Z',
    );
    expect(plusMonths('not a time', 3)).toBeUndefined();
  });

  it('counts whole days from the due date, floored: negative while not yet due', () => {
    const asOf = new Date('2026-06-10T12:00:00.000Z');
    expect(overdueDays('2026-06-05T12:00:00.000Z', asOf)).toBe(5);
    expect(overdueDays('2026-06-05T12:00:00.001Z', asOf)).toBe(4);
    expect(overdueDays('2026-06-10T12:00:00.000Z', asOf)).toBe(0);
    expect(overdueDays('2026-06-10T18:00:00.000Z', asOf)).toBe(-1);
    expect(overdueDays('2026-06-20T12:00:00.000Z', asOf)).toBe(-10);
  });
});
