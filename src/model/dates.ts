/** Calendar dates as layouts and the command line write them: YYYY-MM-DD. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date (2020-02-29 yes, 2021-02-29 and 2020-13-45 no), years 1000–9999. */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export const CALENDAR_DATE_MESSAGE = 'expected a calendar date YYYY-MM-DD';
