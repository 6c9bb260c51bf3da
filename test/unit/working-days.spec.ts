import { addWorkingDays, isWorkingDay } from "../../src/domain/calendar/working-days";

describe("working days (England and Wales)", () => {
  it.each([
    // Thursday 2026-11-26 + 5: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 December.
    ["2026-11-26", 5, "2026-12-03"],
    // Wednesday 2026-12-23 + 5: Thu 24; Fri 25 (Christmas), Sat 26, Sun 27, Mon 28 (Boxing Day substitute) skipped; Tue 29, Wed 30, Thu 31, Fri 1 Jan is New Year's Day, so Mon 4 Jan.
    ["2026-12-23", 5, "2027-01-04"],
    // Friday + 1 is Monday.
    ["2026-11-27", 1, "2026-11-30"],
    // Zero working days is the day itself, even a Saturday.
    ["2026-11-28", 0, "2026-11-28"],
    // Thursday before Easter 2027 (Good Friday 26 March, Easter Monday 29 March) + 1: Tuesday 30 March.
    ["2027-03-25", 1, "2027-03-30"],
  ])("should count %s plus %i working days to %s", (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });

  it("should not count weekends or bank holidays as working days", () => {
    expect(["2026-11-28", "2026-11-29", "2026-12-25", "2026-12-28", "2027-01-01"].map(isWorkingDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(["2026-11-27", "2026-12-24", "2026-12-29"].map(isWorkingDay)).toEqual([true, true, true]);
  });
});
