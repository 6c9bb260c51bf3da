// The offender's custody phase: the states of the custody machine (DESIGN §3.1).
export enum CustodyPhase {
  IN_CUSTODY = "IN_CUSTODY",
  PAROLE_REVIEW = "PAROLE_REVIEW",
  // The Board has directed release; the offender is still in custody until the feed records the
  // release (the decision may be provisional: Parole Board Rules 2019 r.25, r.28).
  RELEASE_DIRECTED = "RELEASE_DIRECTED",
  RELEASED = "RELEASED",
  RECALLED = "RECALLED",
  UNLAWFULLY_AT_LARGE = "UNLAWFULLY_AT_LARGE",
  SENTENCE_ENDED = "SENTENCE_ENDED",
  DECEASED = "DECEASED",
  REMOVED_FROM_UK = "REMOVED_FROM_UK",
}

// The phases that end the victims' contact and close their cases: the sentence is over, the
// offender died, or was removed from the UK. Only removal can be undone (RETURNED_TO_UK), and
// reopens the cases it closed.
export const CONTACT_ENDING_PHASES: ReadonlySet<CustodyPhase> = new Set([
  CustodyPhase.SENTENCE_ENDED,
  CustodyPhase.DECEASED,
  CustodyPhase.REMOVED_FROM_UK,
]);

export enum CustodyEventType {
  // Being considered for a key stage is itself a key stage: the victim's views are sought before
  // the decision (Victims' Code right 11), separately from the move that may follow.
  CONSIDERED_FOR_OPEN_CONDITIONS = "CONSIDERED_FOR_OPEN_CONDITIONS",
  CONSIDERED_FOR_TEMPORARY_RELEASE = "CONSIDERED_FOR_TEMPORARY_RELEASE",
  CONSIDERED_FOR_HOME_DETENTION_CURFEW = "CONSIDERED_FOR_HOME_DETENTION_CURFEW",
  MOVED_TO_OPEN_CONDITIONS = "MOVED_TO_OPEN_CONDITIONS",
  RETURNED_TO_CLOSED_CONDITIONS = "RETURNED_TO_CLOSED_CONDITIONS",
  TEMPORARY_RELEASE = "TEMPORARY_RELEASE",
  REFERRED_TO_PAROLE_BOARD = "REFERRED_TO_PAROLE_BOARD",
  PAROLE_DECISION = "PAROLE_DECISION",
  // A party (the prisoner or the Secretary of State) applies to the Board for reconsideration of a
  // release direction (r.28); release waits for the answer.
  RECONSIDERATION_APPLIED = "RECONSIDERATION_APPLIED",
  // The Board refuses the application: the release direction is final.
  RECONSIDERATION_REFUSED = "RECONSIDERATION_REFUSED",
  // The Board grants it: the decision is set aside and the case is heard again.
  DECISION_SET_ASIDE = "DECISION_SET_ASIDE",
  RELEASED_ON_LICENCE = "RELEASED_ON_LICENCE",
  RELEASED_ON_HOME_DETENTION_CURFEW = "RELEASED_ON_HOME_DETENTION_CURFEW",
  TRANSFERRED_TO_HOSPITAL = "TRANSFERRED_TO_HOSPITAL",
  RETURNED_FROM_HOSPITAL = "RETURNED_FROM_HOSPITAL",
  RECALLED = "RECALLED",
  RE_RELEASED = "RE_RELEASED",
  UNLAWFULLY_AT_LARGE = "UNLAWFULLY_AT_LARGE",
  RETURNED_TO_CUSTODY = "RETURNED_TO_CUSTODY",
  LICENCE_ENDED = "LICENCE_ENDED",
  DIED = "DIED",
  REMOVED_FROM_UK = "REMOVED_FROM_UK",
  // Back in the UK before the sentence expired, and detained again under it (CJA 2003 s.261).
  RETURNED_TO_UK = "RETURNED_TO_UK",
  // A restricted hospital order (MHA 1983 s.37/41; DVCVA 2004 ss.36-44): the patient's stages.
  // Leave of absence (s.17, with the Secretary of State's consent): the patient stays detained.
  HOSPITAL_LEAVE_GRANTED = "HOSPITAL_LEAVE_GRANTED",
  // Moved to another hospital (s.19): recorded, never told (where a patient is treated is medical).
  TRANSFERRED_BETWEEN_HOSPITALS = "TRANSFERRED_BETWEEN_HOSPITALS",
  // Discharged into the community on conditions, by the tribunal or the Secretary of State (s.42(2), s.73).
  CONDITIONALLY_DISCHARGED = "CONDITIONALLY_DISCHARGED",
  // Recalled to hospital from a conditional discharge (s.42(3)).
  RECALLED_TO_HOSPITAL = "RECALLED_TO_HOSPITAL",
  // The restrictions end (s.42(1), s.73(1)): the patient is no longer liable to be detained or recalled.
  ABSOLUTELY_DISCHARGED = "ABSOLUTELY_DISCHARGED",
}

export enum ParoleOutcome {
  RELEASE = "RELEASE",
  NO_RELEASE = "NO_RELEASE",
  OPEN_CONDITIONS_RECOMMENDED = "OPEN_CONDITIONS_RECOMMENDED",
}

export enum RecallType {
  FIXED_TERM = "FIXED_TERM",
  STANDARD = "STANDARD",
}

// Where a serving prisoner is held; HOSPITAL is a transfer under the Mental Health Act (s.47/s.48).
export enum CustodyConditions {
  CLOSED = "CLOSED",
  OPEN = "OPEN",
  HOSPITAL = "HOSPITAL",
}

// The kinds of release on temporary licence (ROTL) in the ROTL policy framework.
export enum TemporaryReleaseType {
  RESETTLEMENT_DAY_RELEASE = "RESETTLEMENT_DAY_RELEASE",
  RESETTLEMENT_OVERNIGHT_RELEASE = "RESETTLEMENT_OVERNIGHT_RELEASE",
  CHILDCARE_RESETTLEMENT_LICENCE = "CHILDCARE_RESETTLEMENT_LICENCE",
  SPECIAL_PURPOSE_LICENCE = "SPECIAL_PURPOSE_LICENCE",
}

export enum UnlawfullyAtLargeKind {
  ESCAPED = "ESCAPED",
  ABSCONDED = "ABSCONDED",
  FAILED_TO_RETURN = "FAILED_TO_RETURN",
}
