import type { DataSource } from "typeorm";
import { clockIsHeld, moveHeldClockTo, now } from "../../domain/calendar/clock";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { runDueTimers, runTimersExclusively, type TimerOutcome } from "../work/timer-runner";

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 3660;
// Enough for any day's timers in a test database; a day with more is run again until none are left.
const TIMERS_PER_PASS = 5000;

export interface ClockAdvance {
  /** The service's now after the move. */
  now: Date;
  /** Every timer run on the way, in order. */
  timers: TimerOutcome[];
}

/**
 * Moves a held test clock forward (issue 14 §3) and runs every timer that came due on the way, a
 * day at a time, so what one day's timers set for a later day within the span fires on that day,
 * once. Refused when no test clock holds the time: production, or a service on the system clock.
 */
export async function advanceClock(
  dataSource: DataSource,
  by: { days?: number | null; to?: Date | null },
): Promise<ClockAdvance> {
  if (!clockIsHeld())
    throw new DomainError(
      UserErrorCode.CLOCK_NOT_HELD,
      "This service runs on the system clock (no CLOCK or CLOCK_OFFSET_DAYS, or production): its time cannot be moved.",
      ["input"],
    );
  if ((by.days == null) === (by.to == null))
    throw new DomainError(UserErrorCode.INVALID_INPUT, "Give days or to, exactly one of them.", ["input"]);
  return runTimersExclusively(async () => {
    const from = now();
    const target = by.days != null ? new Date(from.getTime() + by.days * DAY_MS) : by.to!;
    if (target.getTime() <= from.getTime())
      throw new DomainError(
        UserErrorCode.INVALID_INPUT,
        `to must be later than the service's now (${from.toISOString()}): the clock only moves forward.`,
        ["input", "to"],
      );
    if (target.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
      throw new DomainError(UserErrorCode.INVALID_INPUT, "to must be at most ten years ahead.", ["input", "to"]);

    const timers: TimerOutcome[] = [];
    let step = from;
    while (step.getTime() < target.getTime()) {
      const nextDay = new Date(step.getTime() + DAY_MS);
      step = nextDay < target ? nextDay : target;
      moveHeldClockTo(step);
      for (;;) {
        const run = await runDueTimers(dataSource, step, { limit: TIMERS_PER_PASS });
        timers.push(...run.timers);
        if (run.timers.length < TIMERS_PER_PASS) break;
      }
    }
    return { now: now(), timers };
  });
}
