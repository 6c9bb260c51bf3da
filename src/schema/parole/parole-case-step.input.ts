import { MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { CaseTransitionInputBase } from "../cases/case-transition-input.base";

// The victim's steps in a review all name the case and the review; expectedVersion is the case's.
@InputType("ParoleCaseStepInputBase", {
  description: "Fields shared by the victim's parole steps (not used directly).",
})
export abstract class ParoleCaseStepInputBase extends CaseTransitionInputBase {
  @Field(() => ID, { description: "Global id of the parole review (see Offender.paroleReviews)." })
  @MaxLength(200)
  paroleReviewId: string;
}

function ParoleCaseStepInput(name: string, description: string): typeof ParoleCaseStepInputBase {
  @InputType(name, { description })
  class Input extends ParoleCaseStepInputBase {}
  return Input;
}

export const InviteVictimPersonalStatementInput = ParoleCaseStepInput(
  "InviteVictimPersonalStatementInput",
  "Record that the victim was invited to make a personal statement for a review (before the statement deadline).",
);
export const ApplyToObserveParoleHearingInput = ParoleCaseStepInput(
  "ApplyToObserveParoleHearingInput",
  "Record the victim's application to observe the hearing (an oral hearing, at least 12 weeks before it).",
);
export const ApplyForPublicParoleHearingInput = ParoleCaseStepInput(
  "ApplyForPublicParoleHearingInput",
  "Record the victim's application for the hearing to be held in public (at least 12 weeks before it).",
);
export const RequestParoleReconsiderationInput = ParoleCaseStepInput(
  "RequestParoleReconsiderationInput",
  "Record the victim's request that the Secretary of State apply for the decision to be reconsidered (within 21 days of the decision).",
);
export const RequestParoleDecisionSummaryInput = ParoleCaseStepInput(
  "RequestParoleDecisionSummaryInput",
  "Record the victim's request for the Board's decision summary (within 6 months of the decision).",
);
