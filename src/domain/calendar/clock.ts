// The one place that reads the system time, so that tests and outside suites can hold it.

/** How a test clock holds the service's time (CLOCK, CLOCK_OFFSET_DAYS; never in production). */
export type TestClock = { kind: "FIXED"; at: Date } | { kind: "OFFSET"; days: number };

const DAY_MS = 24 * 3600 * 1000;

// Null: the system's time. A number: that moment, fixed. An offset: the system's time moved by it.
let fixedAt: number | null = null;
let offsetMs = 0;
let held = false;

/**
 * The service's now: every date the scheme computes from (today, deadlines, timers, the day a
 * letter was sent, history rows' effective days). A test clock holds it.
 */
export function now(): Date {
  return new Date(fixedAt ?? Date.now() + offsetMs);
}

/**
 * The machine's real time, never held: what must agree with the world outside (token lifetimes,
 * rate-limit windows, connection leases, key ids).
 */
export function wallClock(): Date {
  return new Date();
}

/** Holds the service's time as the configuration says, or lets it go back to the system's (null). */
export function holdClock(clock: TestClock | null): void {
  held = clock !== null;
  fixedAt = clock?.kind === "FIXED" ? clock.at.getTime() : null;
  offsetMs = clock?.kind === "OFFSET" ? clock.days * DAY_MS : 0;
}

/** Whether a test clock holds the service's time (and so advanceClock may move it). */
export function clockIsHeld(): boolean {
  return held;
}

/** Moves a held clock to a later moment: a fixed clock stands there, an offset one runs on from there. */
export function moveHeldClockTo(at: Date): void {
  if (!held) throw new Error("the clock is not held: only a test clock can be moved");
  if (at.getTime() < now().getTime()) throw new Error("a held clock only moves forward");
  if (fixedAt !== null) fixedAt = at.getTime();
  else offsetMs = at.getTime() - Date.now();
}
