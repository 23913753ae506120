// The elfproef is the domain's own, bundled into the UI: the same check in the browser as on the server.
import { isValidBsn } from '@samenspoor/domain/bsn';

/** A BSN as people type it ("1234 56 782", "1234.56.782"): the digits only. */
export function normaliseBsn(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/** What is wrong with a BSN typed in, in Dutch; undefined when it is empty (optional) or valid. */
export function bsnProblem(value: string): string | undefined {
  const bsn = normaliseBsn(value);
  if (bsn === '') return undefined;
  if (!/^\d{9}$/.test(bsn)) return 'Een BSN heeft negen cijfers.';
  if (!isValidBsn(bsn)) return 'Dit is geen geldig BSN: het voldoet niet aan de elfproef.';
  return undefined;
}

/** What is wrong with a birth year typed in, in Dutch; undefined when it is empty (optional) or valid. */
export function birthYearProblem(value: string, now = new Date()): string | undefined {
  const year = value.trim();
  if (year === '') return undefined;
  if (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > now.getFullYear())
    return `Vul een jaartal in van vier cijfers, van 1900 tot en met ${now.getFullYear()}.`;
  return undefined;
}
