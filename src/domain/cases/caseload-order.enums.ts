// How a list of victim cases is ordered (issue 12 §4). Every order ends with the case id, so a
// cursor names one exact position however many cases share a date.
export enum CaseOrderField {
  /** The case reference: the order of referral numbering. */
  REFERENCE = "REFERENCE",
  REFERRED_ON = "REFERRED_ON",
  /** The earliest due date of the case's open work (tasks and notifications); cases with none come last. */
  NEXT_DUE = "NEXT_DUE",
  UPDATED_AT = "UPDATED_AT",
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
