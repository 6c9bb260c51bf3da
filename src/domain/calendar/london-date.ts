import { now } from "./clock";

// The scheme's days are England and Wales days: a step at 00:30 in British Summer Time is taken
// on that calendar day, not the UTC day before.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date (YYYY-MM-DD) in England and Wales at a moment (now by default). */
export function londonDate(at: Date = now()): string {
  return LONDON_DAY.format(at);
}

/** Today in England and Wales. */
export function today(): string {
  return londonDate();
}
