// Officer tasks (issue "Contact plans in action"): work the service asks an officer to do that is
// not a notification to a victim. Each kind says what raises it and what closes it.
export enum TaskKind {
  /** Victims' Code right 11: invite the victim within 20 working days of the referral. Raised by the referral; done by the first invitation. */
  FIRST_CONTACT = "FIRST_CONTACT",
  /** A follow-up letter to an invitation with no reply. Raised on the follow-up day by a timer; done by the follow-up invitation, cancelled by a reply or expiry. */
  INVITATION_FOLLOW_UP = "INVITATION_FOLLOW_UP",
  /** Send the invited victim personal statement to the Board by its deadline. Done by the submission, cancelled when the review is decided or ends or the victim opts out; raised afresh if they opt back in while it is still wanted. */
  PERSONAL_STATEMENT = "PERSONAL_STATEMENT",
  /** A child victim turned 18 in the scheme while a parent or guardian speaks for them: contact the victim directly. Closed by the officer. */
  CONTACT_VICTIM_DIRECTLY = "CONTACT_VICTIM_DIRECTLY",
  /** Victims' Code right 11: the offender is being considered for open conditions, temporary release or a curfew; ask the victim's views before the decision. Raised by the CONSIDERED_FOR_* custody event on every case in the scheme; closed by the officer; cancelled by an opt-out or the case's closure. */
  SEEK_VICTIM_VIEWS = "SEEK_VICTIM_VIEWS",
}

// The states of the task machine.
export enum TaskStatus {
  OPEN = "OPEN",
  DONE = "DONE",
  CANCELLED = "CANCELLED",
}
