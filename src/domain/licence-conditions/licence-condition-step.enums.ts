// A licence-condition request's steps. Each is written to the case's history when it is taken
// (services/licence-conditions/licence-condition.service.ts), and that row, with the request it
// names, is the step: the request row itself keeps only its latest state.
export enum LicenceConditionStepKind {
  REQUESTED = "REQUESTED",
  FORWARDED = "FORWARDED",
  ADOPTED = "ADOPTED",
  NOT_ADOPTED = "NOT_ADOPTED",
  WITHDRAWN = "WITHDRAWN",
}

/** The case-history event that records each licence-condition step. */
export const LICENCE_CONDITION_STEP_BY_EVENT: Readonly<Record<string, LicenceConditionStepKind>> = {
  LICENCE_CONDITION_REQUESTED: LicenceConditionStepKind.REQUESTED,
  LICENCE_CONDITION_FORWARDED: LicenceConditionStepKind.FORWARDED,
  LICENCE_CONDITION_ADOPTED: LicenceConditionStepKind.ADOPTED,
  LICENCE_CONDITION_NOT_ADOPTED: LicenceConditionStepKind.NOT_ADOPTED,
  LICENCE_CONDITION_WITHDRAWN: LicenceConditionStepKind.WITHDRAWN,
};
