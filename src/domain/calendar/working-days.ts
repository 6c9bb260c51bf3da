import { isBankHoliday } from "./bank-holidays";

const DAY_MS = 24 * 60 * 60 * 1000;

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(isoDate);
}

/** The date `days` working days after `isoDate` (England and Wales: weekends and bank holidays do not count). */
export function addWorkingDays(isoDate: string, days: number): string {
  let time = Date.parse(`${isoDate}T00:00:00Z`);
  for (let counted = 0; counted < days; ) {
    time += DAY_MS;
    if (isWorkingDay(new Date(time).toISOString().slice(0, 10))) counted += 1;
  }
  return new Date(time).toISOString().slice(0, 10);
}
