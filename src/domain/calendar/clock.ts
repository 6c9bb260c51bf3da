// The one place that reads the system time, so that tests and outside suites can hold it.

/** The current moment. */
export function now(): Date {
  return new Date();
}
