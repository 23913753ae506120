/** Dates and numbers the Dutch way, in the region's time zone. */

const ZONE = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: ZONE,
});
const momentFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: ZONE,
});
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat.format(date);
}

/** A moment to the second, as the audit log needs it. */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : momentFormat.format(date);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now` (floored, as the API counts waits). */
export function daysSince(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));
}

export function days(n: number): string {
  return n === 1 ? '1 dag' : `${formatNumber(n)} dagen`;
}

/** `YYYY-MM-DD` of a moment, in UTC (the API's days are UTC days). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** A `datetime-local` value (the person's local time) as an ISO moment; undefined when empty. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Personal data erased on request comes back as null: it reads as "[gewist]". */
export function personal(value: string | null | undefined): string {
  return value === null ? '[gewist]' : (value ?? '');
}
