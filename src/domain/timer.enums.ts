// Durable timers: deadlines kept as rows, fired by the timer runner through the pipelines.
export enum TimerKind {
  /** The invitation has had no reply by its expiry: INVITATION_EXPIRED (declined, NO_RESPONSE). */
  INVITATION_EXPIRY = "INVITATION_EXPIRY",
  /** An anniversary of the contact plan: the annual letter falls due. */
  ANNUAL_LETTER = "ANNUAL_LETTER",
  /** A sent notification nobody acknowledged: escalated to the officer. */
  ACKNOWLEDGEMENT_DUE = "ACKNOWLEDGEMENT_DUE",
}

export enum TimerStatus {
  PENDING = "PENDING",
  FIRED = "FIRED",
  /** Its subject had moved on when it came due: nothing to do. */
  SKIPPED = "SKIPPED",
}
