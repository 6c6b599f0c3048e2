const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written `YYYY-MM-DD`, from 1800 on (2021-02-30 and 1066-10-14 are refused).
 * The one check for every date a person or a file gives: the voter roll's rows, intake, rule packs.
 * Checked without building a Date, since a roll import runs it millions of times.
 */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const digits = value.slice(0, 4) + value.slice(5, 7) + value.slice(8, 10);
  if (!/^\d{8}$/.test(digits)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] ?? 0));
}
