// The victim case status: the states of the case machine (DESIGN §3.2).
export enum CaseStatus {
  REFERRED = "REFERRED",
  INVITED = "INVITED",
  OPTED_IN = "OPTED_IN",
  DECLINED = "DECLINED",
  ACTIVE = "ACTIVE",
  PAROLE = "PAROLE",
  RELEASED = "RELEASED",
  RECALLED = "RECALLED",
  OPTED_OUT = "OPTED_OUT",
  CLOSED = "CLOSED",
}

// Statuses in which an opted-in victim with a contact plan is kept informed.
export const ENGAGED_STATUSES: ReadonlySet<CaseStatus> = new Set([
  CaseStatus.ACTIVE,
  CaseStatus.PAROLE,
  CaseStatus.RELEASED,
  CaseStatus.RECALLED,
]);

/** Opted in, with or without a plan yet: a victim who takes parole steps and makes representations through the scheme. */
export function isInScheme(status: CaseStatus): boolean {
  return status === CaseStatus.OPTED_IN || ENGAGED_STATUSES.has(status);
}

export enum CaseAction {
  SEND_INVITATION = "SEND_INVITATION",
  RECORD_OPT_IN = "RECORD_OPT_IN",
  RECORD_DECLINE = "RECORD_DECLINE",
  AGREE_CONTACT_PLAN = "AGREE_CONTACT_PLAN",
  RECORD_OPT_OUT = "RECORD_OPT_OUT",
  CLOSE = "CLOSE",
}

export enum EligibilityRoute {
  STATUTORY = "STATUTORY",
  DISCRETIONARY = "DISCRETIONARY",
}

// The category of a discretionary admission (research/domain.md §1.4 and rule R2): probation offers
// the scheme outside the statute to victims of high-risk offenders, typically stalking, harassment,
// coercive or controlling behaviour, domestic abuse and hate crime. The free-text reason is personal
// data; this category is not, so analysts can count discretionary cases by it.
export enum DiscretionaryGround {
  STALKING = "STALKING",
  HARASSMENT = "HARASSMENT",
  COERCIVE_CONTROL = "COERCIVE_CONTROL",
  DOMESTIC_ABUSE = "DOMESTIC_ABUSE",
  HATE_CRIME = "HATE_CRIME",
  HIGH_RISK = "HIGH_RISK",
  OTHER = "OTHER",
}

export enum DeclineReason {
  DECLINED = "DECLINED",
  NO_RESPONSE = "NO_RESPONSE",
}

export enum CloseReason {
  SENTENCE_ENDED = "SENTENCE_ENDED",
  OFFENDER_DIED = "OFFENDER_DIED",
  OFFENDER_REMOVED_FROM_UK = "OFFENDER_REMOVED_FROM_UK",
  VICTIM_REQUEST = "VICTIM_REQUEST",
  INELIGIBLE = "INELIGIBLE",
  TRANSFERRED = "TRANSFERRED",
  OTHER = "OTHER",
}
