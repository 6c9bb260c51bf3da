// Durable timers: deadlines kept as rows, fired by the timer runner through the pipelines.
export enum TimerKind {
  /** The invitation has had no reply by its expiry: INVITATION_EXPIRED (declined, NO_RESPONSE). */
  INVITATION_EXPIRY = "INVITATION_EXPIRY",
  /** An anniversary of the contact plan: the annual letter falls due. */
  ANNUAL_LETTER = "ANNUAL_LETTER",
  /** A sent notification nobody acknowledged: escalated to the officer. */
  ACKNOWLEDGEMENT_DUE = "ACKNOWLEDGEMENT_DUE",
  /** The invitation's follow-up day: an INVITATION_FOLLOW_UP task if the case is still waiting for a first reply. */
  INVITATION_FOLLOW_UP = "INVITATION_FOLLOW_UP",
  /** A child victim's 18th birthday while a parent or guardian speaks for them: a CONTACT_VICTIM_DIRECTLY task. */
  VICTIM_COMES_OF_AGE = "VICTIM_COMES_OF_AGE",
  /** A set lead time before the offender's expected release: every victim is sent a final confirmation of the month. */
  RELEASE_CONFIRMATION = "RELEASE_CONFIRMATION",
}

export enum TimerStatus {
  PENDING = "PENDING",
  FIRED = "FIRED",
  /** Its subject had moved on when it came due: nothing to do. */
  SKIPPED = "SKIPPED",
}
