// Calendar arithmetic on ISO dates (YYYY-MM-DD), in whole days: no clocks, no time zones.

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// A day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb).
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** 29 February falls on 28 February in a year without one. */
export function addYears(isoDate: string, years: number): string {
  return addMonths(isoDate, years * 12);
}
