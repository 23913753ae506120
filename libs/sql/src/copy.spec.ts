import { copyField, copyRows } from './copy';

describe('COPY text format', () => {
  it('writes text as it is, and backslash, tab, newline and carriage return with a backslash', () => {
    expect(copyField('plain text, with "quotes" and é')).toBe('plain text, with "quotes" and é');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    // The two characters \N are text, not NULL: the backslash is doubled.
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('')).toBe('');
  });

  it('writes NULL, numbers, booleans, dates and JSON as PostgreSQL reads them', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(42)).toBe('42');
    expect(copyField(-1.5)).toBe('-1.5');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
    // JSON escapes keep their backslash, doubled for COPY.
    expect(copyField({ note: 'a "b"\nc' })).toBe('{"note":"a \\\\"b\\\\"\\\\nc"}');
  });

  it('refuses a number PostgreSQL would read as another (NaN, Infinity)', () => {
    expect(() => copyField(Number.NaN)).toThrow(/NaN/);
    expect(() => copyField(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });

  it('writes a line per row, the fields in the order of the keys', () => {
    const rows = [
      { id: 'x', n: 1, skipped: 'not written' },
      { id: 'y\tz', n: null, skipped: 'not written' },
    ];
    expect(copyRows(rows, ['n', 'id'])).toBe('1\tx\n\\N\ty\\tz\n');
    expect(copyRows([], ['n'])).toBe('');
  });
});
