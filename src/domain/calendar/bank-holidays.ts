// England-and-Wales bank holidays, used to move release dates off the day before a bank holiday
// (as HMPPS's NonFridayReleaseService does; domain.md §2.3).
//
// How to update: fetch https://www.gov.uk/bank-holidays.json, take division "england-and-wales",
// append each new year's dates (substitute days included, as listed) to BANK_HOLIDAYS in order,
// move BANK_HOLIDAYS_COVER_UNTIL to 31 December of the last complete year, and run
// test/unit/bank-holidays.spec.ts (it checks the list is sorted, unique and weekdays only).
// Dates after BANK_HOLIDAYS_COVER_UNTIL are treated as ordinary days (weekends still count).

export const BANK_HOLIDAYS: readonly string[] = [
  // 2018
  "2018-01-01",
  "2018-03-30",
  "2018-04-02",
  "2018-05-07",
  "2018-05-28",
  "2018-08-27",
  "2018-12-25",
  "2018-12-26",
  // 2019
  "2019-01-01",
  "2019-04-19",
  "2019-04-22",
  "2019-05-06",
  "2019-05-27",
  "2019-08-26",
  "2019-12-25",
  "2019-12-26",
  // 2020: early May moved to Friday 8 May (VE Day 75); Boxing Day substitute Mon 28 Dec
  "2020-01-01",
  "2020-04-10",
  "2020-04-13",
  "2020-05-08",
  "2020-05-25",
  "2020-08-31",
  "2020-12-25",
  "2020-12-28",
  // 2021: Christmas and Boxing Day (Sat, Sun) substituted on Mon 27 and Tue 28 Dec
  "2021-01-01",
  "2021-04-02",
  "2021-04-05",
  "2021-05-03",
  "2021-05-31",
  "2021-08-30",
  "2021-12-27",
  "2021-12-28",
  // 2022: New Year substitute Mon 3 Jan; spring bank holiday moved to Thu 2 Jun, Platinum Jubilee
  // Fri 3 Jun; state funeral of Queen Elizabeth II Mon 19 Sep; Christmas substitute Tue 27 Dec
  "2022-01-03",
  "2022-04-15",
  "2022-04-18",
  "2022-05-02",
  "2022-06-02",
  "2022-06-03",
  "2022-08-29",
  "2022-09-19",
  "2022-12-26",
  "2022-12-27",
  // 2023: New Year substitute Mon 2 Jan; coronation of King Charles III Mon 8 May
  "2023-01-02",
  "2023-04-07",
  "2023-04-10",
  "2023-05-01",
  "2023-05-08",
  "2023-05-29",
  "2023-08-28",
  "2023-12-25",
  "2023-12-26",
  // 2024
  "2024-01-01",
  "2024-03-29",
  "2024-04-01",
  "2024-05-06",
  "2024-05-27",
  "2024-08-26",
  "2024-12-25",
  "2024-12-26",
  // 2025
  "2025-01-01",
  "2025-04-18",
  "2025-04-21",
  "2025-05-05",
  "2025-05-26",
  "2025-08-25",
  "2025-12-25",
  "2025-12-26",
  // 2026: Boxing Day substitute Mon 28 Dec
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  // 2027: Christmas and Boxing Day substituted on Mon 27 and Tue 28 Dec
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  // 2028: New Year substitute Mon 3 Jan
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
  // 2029
  "2029-01-01",
  "2029-03-30",
  "2029-04-02",
  "2029-05-07",
  "2029-05-28",
  "2029-08-27",
  "2029-12-25",
  "2029-12-26",
  // 2030
  "2030-01-01",
  "2030-04-19",
  "2030-04-22",
  "2030-05-06",
  "2030-05-27",
  "2030-08-26",
  "2030-12-25",
  "2030-12-26",
];

/** First and last dates the list is complete for. gov.uk publishes only a year or two ahead: the
 * later years here follow the usual rules and may gain one-off holidays; re-check them on update. */
export const BANK_HOLIDAYS_COVER_FROM = "2018-01-01";
export const BANK_HOLIDAYS_COVER_UNTIL = "2030-12-31";

const BANK_HOLIDAY_SET: ReadonlySet<string> = new Set(BANK_HOLIDAYS);

/** True when `date` (ISO YYYY-MM-DD) is an England-and-Wales bank holiday in the list. */
export function isBankHoliday(date: string): boolean {
  return BANK_HOLIDAY_SET.has(date.slice(0, 10));
}
