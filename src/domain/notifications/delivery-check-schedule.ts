// When to ask GOV.UK Notify what became of a letter or email it accepted. Pure: the caller passes
// the time. Emails settle within minutes, or after Notify's 72 hours of retries; letters are
// printed and posted within a few working days. So: soon at first, then less and less often.

/** The first question, a minute after sending: most emails are delivered by then. */
const FIRST_STATUS_CHECK_DELAY_MS = 60_000;
/** Never more than this between questions, so a letter's posting is seen the same morning. */
export const MAX_STATUS_CHECK_INTERVAL_MS = 3 * 3_600_000;
/**
 * Stop asking this many days after the day it was sent. Notify keeps a message 7 days by default
 * and then answers 404; every status is final well before. A message still unsettled stays SENT,
 * and the acknowledgement timer brings it to the officer.
 */
export const STATUS_CHECK_DAYS = 10;

export function firstStatusCheckAt(sentAt: Date): Date {
  return new Date(sentAt.getTime() + FIRST_STATUS_CHECK_DELAY_MS);
}

/** After the nth question without a final answer: 2, 4, 8 … minutes, then every 3 hours. */
export function nextStatusCheckAt(now: Date, checks: number): Date {
  if (!Number.isInteger(checks) || checks < 1) throw new RangeError("checks must be an integer from 1");
  // 2 ** large is Infinity, which min() turns into the cap.
  return new Date(now.getTime() + Math.min(MAX_STATUS_CHECK_INTERVAL_MS, FIRST_STATUS_CHECK_DELAY_MS * 2 ** checks));
}

/** Whether a question at `at` would come too late for a notification sent on `sentOn` (YYYY-MM-DD). */
export function statusCheckTooLate(sentOn: string, at: Date): boolean {
  // The calendar day is London's; counting from UTC midnight moves the end by an hour at most.
  const end = Date.parse(`${sentOn}T00:00:00Z`) + STATUS_CHECK_DAYS * 86_400_000;
  // An unreadable date gives NaN: stop rather than ask for ever.
  return !(at.getTime() < end);
}
