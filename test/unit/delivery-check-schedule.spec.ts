import {
  firstStatusCheckAt,
  MAX_STATUS_CHECK_INTERVAL_MS,
  nextStatusCheckAt,
  STATUS_CHECK_DAYS,
  statusCheckTooLate,
} from "../../src/domain/notifications/delivery-check-schedule";

describe("when to ask GOV.UK Notify what became of a message", () => {
  const now = new Date("2026-03-31T09:15:00.000Z");
  const minutesAfter = (at: Date) => (at.getTime() - now.getTime()) / 60_000;

  it("should ask first a minute after sending", () => {
    expect(minutesAfter(firstStatusCheckAt(now))).toBe(1);
  });

  it("should double the wait after each question without a final answer, then hold at 3 hours", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 50, 5_000].map((checks) => minutesAfter(nextStatusCheckAt(now, checks)));

    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 180, 180, 180, 180]);
    expect(MAX_STATUS_CHECK_INTERVAL_MS).toBe(180 * 60_000);
    expect(() => nextStatusCheckAt(now, 0)).toThrow(RangeError);
    expect(() => nextStatusCheckAt(now, 1.5)).toThrow(RangeError);
  });

  it(`should stop asking ${STATUS_CHECK_DAYS} days after the day it was sent, and at once for a date it cannot read`, () => {
    expect(statusCheckTooLate("2026-03-21", new Date("2026-03-30T23:59:59.999Z"))).toBe(false);
    expect(statusCheckTooLate("2026-03-21", new Date("2026-03-31T00:00:00.000Z"))).toBe(true);
    expect(statusCheckTooLate("not a date", now)).toBe(true);
  });
});
