// Conditions a victim may ask to be put on the offender's licence (DVCVA 2004 s.35(4)–(6)).
export enum LicenceConditionKind {
  NO_CONTACT = "NO_CONTACT",
  /** Described as an area, never as one address: the offender sees the licence. */
  EXCLUSION_ZONE = "EXCLUSION_ZONE",
  NON_ASSOCIATION = "NON_ASSOCIATION",
  OTHER = "OTHER",
}

/** The decision the request is made for: release on licence (the governor sets conditions) or a parole review (the Board does). */
export enum LicenceConditionDecisionPoint {
  LICENCE_RELEASE = "LICENCE_RELEASE",
  PAROLE_REVIEW = "PAROLE_REVIEW",
  /** A restricted patient's conditional discharge from hospital (DVCVA 2004 s.37(3)). */
  CONDITIONAL_DISCHARGE = "CONDITIONAL_DISCHARGE",
}

export enum LicenceConditionDecisionMaker {
  PRISON_GOVERNOR = "PRISON_GOVERNOR",
  PAROLE_BOARD = "PAROLE_BOARD",
  /** The First-tier Tribunal (Mental Health) or the Secretary of State, who discharge restricted patients. */
  DISCHARGE_AUTHORITY = "DISCHARGE_AUTHORITY",
}

// The states of the licence-condition request machine.
export enum LicenceConditionRequestStatus {
  REQUESTED = "REQUESTED",
  FORWARDED = "FORWARDED",
  ADOPTED = "ADOPTED",
  NOT_ADOPTED = "NOT_ADOPTED",
  WITHDRAWN = "WITHDRAWN",
}
