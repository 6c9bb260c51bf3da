import {
  BANK_HOLIDAYS,
  BANK_HOLIDAYS_COVER_FROM,
  BANK_HOLIDAYS_COVER_UNTIL,
  isBankHoliday,
} from "../../src/domain/calendar/bank-holidays";

const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe("England-and-Wales bank holidays", () => {
  it("is sorted and has no duplicates", () => {
    expect([...BANK_HOLIDAYS].sort()).toEqual(BANK_HOLIDAYS);
    expect(new Set(BANK_HOLIDAYS).size).toBe(BANK_HOLIDAYS.length);
  });

  it("holds only real ISO dates that fall on weekdays", () => {
    for (const date of BANK_HOLIDAYS) {
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect([0, 6]).not.toContain(weekday(date));
    }
  });

  it("covers every year from 2018 to 2030, with at least the eight regular holidays each year", () => {
    expect(BANK_HOLIDAYS_COVER_FROM).toBe("2018-01-01");
    expect(BANK_HOLIDAYS_COVER_UNTIL).toBe("2030-12-31");
    for (let year = 2018; year <= 2030; year++) {
      expect(BANK_HOLIDAYS.filter((date) => date.startsWith(`${year}-`)).length).toBeGreaterThanOrEqual(8);
    }
    expect(BANK_HOLIDAYS.every((date) => date >= BANK_HOLIDAYS_COVER_FROM && date <= BANK_HOLIDAYS_COVER_UNTIL)).toBe(
      true,
    );
  });

  it.each([
    ["2020-05-08", "early May bank holiday moved to Friday for VE Day 75"],
    ["2022-06-02", "spring bank holiday moved to Thursday"],
    ["2022-06-03", "Platinum Jubilee"],
    ["2022-09-19", "state funeral of Queen Elizabeth II"],
    ["2023-05-08", "coronation of King Charles III"],
    ["2021-12-27", "Christmas Day substitute"],
    ["2021-12-28", "Boxing Day substitute"],
    ["2022-01-03", "New Year's Day substitute"],
  ])("includes %s (%s)", (date) => {
    expect(isBankHoliday(date)).toBe(true);
  });

  it.each([
    ["2020-05-04", "the first Monday of May 2020, replaced by 8 May"],
    ["2022-05-30", "the last Monday of May 2022, replaced by 2 June"],
    ["2024-12-24", "Christmas Eve"],
  ])("excludes %s (%s)", (date) => {
    expect(isBankHoliday(date)).toBe(false);
  });
});
