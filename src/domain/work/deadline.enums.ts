// The officer's deadlines on a case (issue "Contact plans in action" §4).
export enum DeadlineKind {
  /** Victims' Code right 11: the VLO contacts the victim within 20 working days of referral. */
  FIRST_CONTACT = "FIRST_CONTACT",
  /** A follow-up letter when the invitation has had no reply. */
  INVITATION_FOLLOW_UP = "INVITATION_FOLLOW_UP",
  /** The victim's reply; after it the invitation expires (declined, NO_RESPONSE). */
  INVITATION_REPLY = "INVITATION_REPLY",
  ANNUAL_LETTER = "ANNUAL_LETTER",
  /** The victim personal statement reaches the Board 28 days before the hearing. */
  PERSONAL_STATEMENT = "PERSONAL_STATEMENT",
  /** The victim is told when the licence ends. */
  LICENCE_END = "LICENCE_END",
}

export enum DeadlineState {
  PENDING = "PENDING",
  MET = "MET",
  MET_LATE = "MET_LATE",
  MISSED = "MISSED",
}
