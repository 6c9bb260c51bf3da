// A Parole Board review of one offender (domain.md §3): its states are the parole review machine's.
export enum ParoleReviewStatus {
  REFERRED = "REFERRED",
  HEARING_SCHEDULED = "HEARING_SCHEDULED",
  DECIDED = "DECIDED",
  /** The review ended without a decision (the offender died, was removed from the UK, …). */
  ENDED = "ENDED",
}

export enum HearingType {
  PAPER = "PAPER",
  ORAL = "ORAL",
  PUBLIC = "PUBLIC",
}

// How the victim personal statement is presented to the panel (GOV.UK "choose how your statement is presented").
export enum StatementFormat {
  READ_BY_PANEL = "READ_BY_PANEL",
  READ_BY_VICTIM = "READ_BY_VICTIM",
  READ_BY_SOMEONE_ELSE = "READ_BY_SOMEONE_ELSE",
  RECORDED = "RECORDED",
}

export enum StatementStatus {
  INVITED = "INVITED",
  SUBMITTED = "SUBMITTED",
}

// What a victim can ask for, through their VLO, around a review.
export enum ParoleRequestKind {
  OBSERVE_HEARING = "OBSERVE_HEARING",
  PUBLIC_HEARING = "PUBLIC_HEARING",
  RECONSIDERATION = "RECONSIDERATION",
  DECISION_SUMMARY = "DECISION_SUMMARY",
}
