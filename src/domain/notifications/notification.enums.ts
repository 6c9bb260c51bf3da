// What a victim is told about, one kind per thing that happened (domain.md §6.3 R10–R25).
export enum NotificationKind {
  RELEASE_MONTH_CHANGED = "RELEASE_MONTH_CHANGED",
  /** The expected month of release, when a plan is agreed and when HMPPS confirms it: every level hears it. */
  EXPECTED_RELEASE_MONTH = "EXPECTED_RELEASE_MONTH",
  /** A final confirmation of the expected month, a set lead time before release: every level hears it. */
  RELEASE_MONTH_FINAL_CONFIRMATION = "RELEASE_MONTH_FINAL_CONFIRMATION",
  OPEN_CONDITIONS = "OPEN_CONDITIONS",
  TEMPORARY_RELEASE = "TEMPORARY_RELEASE",
  PAROLE_REFERRAL = "PAROLE_REFERRAL",
  PAROLE_DECISION = "PAROLE_DECISION",
  /** An application to reconsider a release direction, and the Board's answer to it. */
  PAROLE_RECONSIDERATION = "PAROLE_RECONSIDERATION",
  /** The decision on a licence condition the victim asked for, adopted or not and why (DVCVA 2004 s.35(7)). */
  LICENCE_CONDITION_DECISION = "LICENCE_CONDITION_DECISION",
  RELEASE = "RELEASE",
  RECALL = "RECALL",
  LICENCE_END = "LICENCE_END",
  /** Urgent: a call the same day, whatever the victim's level. */
  UNLAWFULLY_AT_LARGE = "UNLAWFULLY_AT_LARGE",
  RETURNED_TO_CUSTODY = "RETURNED_TO_CUSTODY",
  REMOVED_FROM_UK = "REMOVED_FROM_UK",
  /** The offender came back after removal and is detained again: the victim's contact resumes. */
  RETURNED_TO_UK = "RETURNED_TO_UK",
  /** A restricted patient's leave of absence from hospital (KEY_STAGES). */
  HOSPITAL_LEAVE = "HOSPITAL_LEAVE",
  /** A restricted patient's conditional discharge, with the victim's conditions (DVCVA 2004 s.38): every level. */
  CONDITIONAL_DISCHARGE = "CONDITIONAL_DISCHARGE",
  /** Recalled to hospital from a conditional discharge: every level. */
  RECALL_TO_HOSPITAL = "RECALL_TO_HOSPITAL",
  /** The restrictions ended: the closing letter, every level (DVCVA 2004 s.38(3)). */
  ABSOLUTE_DISCHARGE = "ABSOLUTE_DISCHARGE",
  OFFENDER_DIED = "OFFENDER_DIED",
  ANNUAL_LETTER = "ANNUAL_LETTER",
}

// The states of the notification machine: DUE → SENT → ACKNOWLEDGED, or FAILED and retried, then ESCALATED.
export enum NotificationStatus {
  DUE = "DUE",
  SENT = "SENT",
  ACKNOWLEDGED = "ACKNOWLEDGED",
  FAILED = "FAILED",
  ESCALATED = "ESCALATED",
  /** The victim opted out or the case was closed before it went. */
  CANCELLED = "CANCELLED",
}

/** Why a notification did not reach the victim; a code, never free text. */
export enum NotificationFailure {
  NO_ANSWER = "NO_ANSWER",
  RETURNED_MAIL = "RETURNED_MAIL",
  EMAIL_BOUNCED = "EMAIL_BOUNCED",
  WRONG_DETAILS = "WRONG_DETAILS",
  PROVIDER_ERROR = "PROVIDER_ERROR",
}
