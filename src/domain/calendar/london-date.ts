import { now } from "./clock";

// The scheme's days are England and Wales days: a step at 00:30 in British Summer Time is taken
// on that calendar day, not the UTC day before.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const HOUR_MS = 3_600_000;
// Since 1900 London's offset from UTC has been whole hours, changed on a UTC hour: its day is the
// same all through a UTC hour. So the day is formatted once an hour, not on every call (Intl's
// formatting was 1 % of a small request, issue 15 §4); an instant before 1900 is formatted each time.
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1900, 0, 1);
let formattedHour = Number.NaN;
let formattedDay = "";

/** The calendar date (YYYY-MM-DD) in England and Wales at a moment (now by default). */
export function londonDate(at: Date = now()): string {
  const time = at.getTime();
  if (!(time >= WHOLE_HOUR_OFFSETS_SINCE)) return LONDON_DAY.format(at);
  const hour = Math.floor(time / HOUR_MS);
  if (hour !== formattedHour) {
    formattedDay = LONDON_DAY.format(at);
    formattedHour = hour;
  }
  return formattedDay;
}

/** Today in England and Wales. */
export function today(): string {
  return londonDate();
}
