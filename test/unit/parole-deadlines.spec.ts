import {
  applicationsDueOn,
  decisionSummaryClosesOn,
  reconsiderationClosesOn,
  statementDueOn,
} from "../../src/domain/parole/parole-deadlines";

// Every expected date below was counted by hand on a calendar, not computed with the code under test.
// Each deadline is the last day the step can still be taken.

describe("parole deadlines", () => {
  describe("statementDueOn (hearing − 28 days)", () => {
    it.each([
      // 10 Mar − 10 days = 28 Feb (2026 is not a leap year); − 18 more = 10 Feb.
      ["across a month boundary", "2026-03-10", "2026-02-10"],
      // 15 Jan − 15 days = 31 Dec 2026; − 13 more = 18 Dec 2026.
      ["across a year boundary", "2027-01-15", "2026-12-18"],
      // 20 Mar − 20 days = 29 Feb 2028 (leap year); − 8 more = 21 Feb 2028.
      ["across February in a leap year", "2028-03-20", "2028-02-21"],
      // 20 Mar − 20 days = 28 Feb 2027 (not leap); − 8 more = 20 Feb 2027: a day earlier than in 2028.
      ["across February in a common year", "2027-03-20", "2027-02-20"],
      // 28 Mar − 27 days = 1 Mar; − 1 more = 29 Feb 2028.
      ["onto a leap day", "2028-03-28", "2028-02-29"],
      // 31 Aug − 28 days = 3 Aug, within the month.
      ["within one month", "2026-08-31", "2026-08-03"],
    ])("should fall 28 days before the hearing %s (hearing %s → due %s)", (_case, hearing, due) => {
      expect(statementDueOn(hearing)).toBe(due);
    });
  });

  describe("applicationsDueOn (hearing − 84 days, 12 weeks)", () => {
    it.each([
      // 30 Jun − 30 = 31 May (−30); − 31 = 30 Apr (−61); − 23 = 7 Apr (−84).
      ["across two month boundaries", "2026-06-30", "2026-04-07"],
      // 15 Feb − 15 = 31 Jan (−15); − 31 = 31 Dec 2026 (−46); − 30 = 1 Dec (−76); − 8 = 23 Nov 2026 (−84).
      ["across a year boundary", "2027-02-15", "2026-11-23"],
      // 1 May − 1 = 30 Apr (−1); − 30 = 31 Mar (−31); − 31 = 29 Feb 2028 (−62); − 22 = 7 Feb 2028 (−84).
      ["across February in a leap year", "2028-05-01", "2028-02-07"],
      // 1 May − 1 = 30 Apr (−1); − 30 = 31 Mar (−31); − 31 = 28 Feb 2027 (−62); − 22 = 6 Feb 2027 (−84).
      ["across February in a common year", "2027-05-01", "2027-02-06"],
      // 15 Sep − 15 = 31 Aug (−15); − 31 = 31 Jul (−46); − 30 = 1 Jul (−76); − 1 = 30 Jun (−77); − 7 = 23 Jun (−84).
      ["for the hearing the machine spec uses", "2026-09-15", "2026-06-23"],
    ])("should fall 12 weeks before the hearing %s (hearing %s → due %s)", (_case, hearing, due) => {
      expect(applicationsDueOn(hearing)).toBe(due);
    });

    it("should fall on the same weekday as the hearing when the window is exactly 12 weeks", () => {
      // 2026-09-15 is a Tuesday; so must 2026-06-23 be.
      expect(new Date(`${applicationsDueOn("2026-09-15")}T00:00:00Z`).getUTCDay()).toBe(
        new Date("2026-09-15T00:00:00Z").getUTCDay(),
      );
    });
  });

  describe("reconsiderationClosesOn (issued + 21 days)", () => {
    it.each([
      // 5 Jan + 21 = 26 Jan.
      ["within one month", "2026-01-05", "2026-01-26"],
      // 20 Apr + 10 = 30 Apr; + 11 more = 11 May.
      ["across a month boundary", "2026-04-20", "2026-05-11"],
      // 20 Dec + 11 = 31 Dec 2026; + 10 more = 10 Jan 2027.
      ["across a year boundary", "2026-12-20", "2027-01-10"],
      // 15 Feb + 14 = 29 Feb 2028; + 7 more = 7 Mar 2028.
      ["across February in a leap year", "2028-02-15", "2028-03-07"],
      // 15 Feb + 13 = 28 Feb 2027; + 8 more = 8 Mar 2027.
      ["across February in a common year", "2027-02-15", "2027-03-08"],
      // 8 Feb + 21 = 29 Feb 2028.
      ["onto a leap day", "2028-02-08", "2028-02-29"],
    ])("should close 21 calendar days after the decision %s (issued %s → closes %s)", (_case, issued, closes) => {
      expect(reconsiderationClosesOn(issued)).toBe(closes);
    });
  });

  describe("decisionSummaryClosesOn (issued + 6 calendar months, clamped to month end)", () => {
    it.each([
      // Jan → Jul, same day.
      ["within one year", "2026-01-15", "2026-07-15"],
      // Sep 2026 → Mar 2027, same day.
      ["across a year boundary", "2026-09-10", "2027-03-10"],
      // Aug 2026 → Feb 2027, which has no 31st: clamped to 28 Feb.
      ["clamped to the end of February in a common year", "2026-08-31", "2027-02-28"],
      // Aug 2027 → Feb 2028, a leap year: clamped to 29 Feb.
      ["clamped to the end of February in a leap year", "2027-08-31", "2028-02-29"],
      // 29 Aug 2026 → Feb 2027 has no 29th: 28 Feb.
      ["clamped when the 29th is missing", "2026-08-29", "2027-02-28"],
      // 29 Aug 2027 → 29 Feb 2028 exists.
      ["not clamped when the leap day exists", "2027-08-29", "2028-02-29"],
      // Dec 2026 → Jun 2027, which has 30 days.
      ["clamped to a 30-day month", "2026-12-31", "2027-06-30"],
      // Mar → Sep, which has 30 days.
      ["clamped to the 30th of September", "2026-03-31", "2026-09-30"],
      // A leap day plus 6 months keeps the 29th.
      ["from a leap day", "2028-02-29", "2028-08-29"],
      // 1 Jul 2026 → 1 Jan 2027.
      ["onto New Year's Day", "2026-07-01", "2027-01-01"],
    ])("should close 6 calendar months after the decision %s (issued %s → closes %s)", (_case, issued, closes) => {
      expect(decisionSummaryClosesOn(issued)).toBe(closes);
    });
  });
});
