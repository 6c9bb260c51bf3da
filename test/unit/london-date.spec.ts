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
});
