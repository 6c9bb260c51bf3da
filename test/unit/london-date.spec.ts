import { londonDate } from "../../src/domain/calendar/london-date";

describe("the date in England and Wales", () => {
  it.each([
    // British Summer Time: 23:30 UTC is already the next day in London.
    ["2026-07-01T23:30:00Z", "2026-07-02"],
    ["2026-07-01T22:59:59Z", "2026-07-01"],
    // Greenwich Mean Time: London and UTC agree.
    ["2026-12-01T23:30:00Z", "2026-12-01"],
    // The clocks go back at 01:00 UTC on 25 October 2026.
    ["2026-10-24T23:30:00Z", "2026-10-25"],
    ["2026-10-25T23:30:00Z", "2026-10-25"],
  ])("should give %s as %s", (instant, expected) => {
    expect(londonDate(new Date(instant))).toBe(expected);
  });

  // The day is kept for the UTC hour it was formatted in: every minute of the hours around each
  // change of day and of clocks in 2026 must still agree with Intl's own formatting.
  it("should give the same day as Intl's formatting for every minute around midnights and clock changes", () => {
    const intl = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const wrong: string[] = [];
    for (const start of ["2026-03-28T21:00:00Z", "2026-10-24T21:00:00Z", "2026-12-31T21:00:00Z"]) {
      for (let minute = 0; minute < 8 * 60; minute += 1) {
        const at = new Date(Date.parse(start) + minute * 60_000);
        if (londonDate(at) !== intl.format(at)) wrong.push(at.toISOString());
      }
    }
    // Alternating between hours never answers the other hour's day.
    expect(londonDate(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(londonDate(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-01");
    expect(londonDate(new Date("1890-07-01T23:59:59Z"))).toBe(intl.format(new Date("1890-07-01T23:59:59Z")));
    expect(wrong).toEqual([]);
  });
});
