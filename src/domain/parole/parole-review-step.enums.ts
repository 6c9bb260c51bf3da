import { ParoleRequestKind } from "./parole.enums";

// A review's steps as a case sees them. Each is written to the case's history when it is taken
// (services/parole/parole-steps.service.ts), and that row, with the review it names, is the step.
export enum ParoleReviewStepKind {
  HEARING_SCHEDULED = "HEARING_SCHEDULED",
  PERSONAL_STATEMENT_INVITED = "PERSONAL_STATEMENT_INVITED",
  PERSONAL_STATEMENT_SUBMITTED = "PERSONAL_STATEMENT_SUBMITTED",
  OBSERVE_HEARING_REQUESTED = "OBSERVE_HEARING_REQUESTED",
  PUBLIC_HEARING_REQUESTED = "PUBLIC_HEARING_REQUESTED",
  RECONSIDERATION_REQUESTED = "RECONSIDERATION_REQUESTED",
  DECISION_SUMMARY_REQUESTED = "DECISION_SUMMARY_REQUESTED",
}

/** The case-history event that records each parole step. */
export const PAROLE_REVIEW_STEP_BY_EVENT: Readonly<Record<string, ParoleReviewStepKind>> = {
  PAROLE_HEARING_SCHEDULED: ParoleReviewStepKind.HEARING_SCHEDULED,
  PERSONAL_STATEMENT_INVITED: ParoleReviewStepKind.PERSONAL_STATEMENT_INVITED,
  PERSONAL_STATEMENT_SUBMITTED: ParoleReviewStepKind.PERSONAL_STATEMENT_SUBMITTED,
  [`${ParoleRequestKind.OBSERVE_HEARING}_REQUESTED`]: ParoleReviewStepKind.OBSERVE_HEARING_REQUESTED,
  [`${ParoleRequestKind.PUBLIC_HEARING}_REQUESTED`]: ParoleReviewStepKind.PUBLIC_HEARING_REQUESTED,
  [`${ParoleRequestKind.RECONSIDERATION}_REQUESTED`]: ParoleReviewStepKind.RECONSIDERATION_REQUESTED,
  [`${ParoleRequestKind.DECISION_SUMMARY}_REQUESTED`]: ParoleReviewStepKind.DECISION_SUMMARY_REQUESTED,
};
