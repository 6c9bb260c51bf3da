import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ParoleReviewStepKind } from "../../domain/parole/parole-review-step.enums";
import { CaseTransition } from "../cases/case-transition.type";

registerEnumType(ParoleReviewStepKind, {
  name: "ParoleReviewStepKind",
  description: "A step of a parole review as the case saw it.",
  valuesConfig: {
    HEARING_SCHEDULED: { description: "The Board set or moved the target hearing date (scheduleParoleHearing)." },
    PERSONAL_STATEMENT_INVITED: {
      description: "The victim was invited to make a personal statement (inviteVictimPersonalStatement).",
    },
    PERSONAL_STATEMENT_SUBMITTED: {
      description: "The victim's personal statement went to the Board (submitVictimPersonalStatement).",
    },
    OBSERVE_HEARING_REQUESTED: { description: "The victim applied to observe the hearing." },
    PUBLIC_HEARING_REQUESTED: { description: "The victim applied for the hearing to be held in public." },
    RECONSIDERATION_REQUESTED: {
      description: "The victim asked the Secretary of State to apply for the decision to be reconsidered.",
    },
    DECISION_SUMMARY_REQUESTED: { description: "The victim asked the Board for a summary of its decision." },
  },
});

@ObjectType("ParoleReviewStep", {
  description:
    "A step of a parole review on this case: the hearing scheduled, or a step the victim took (a personal statement, an application, a request). The case's history row records who took it and when; the review is as it stands now.",
})
export class ParoleReviewStep {
  @Field(() => ParoleReviewStepKind, { description: "Which step." })
  paroleStep: ParoleReviewStepKind;

  @Field(() => CaseTransition, {
    description: "The case's history row that recorded the step: who, when it was recorded, and when it took effect.",
  })
  transition: CaseTransition;

  paroleReviewDatabaseId: string | null;
}

export function toParoleReviewStep(
  step: ParoleReviewStepKind,
  transition: CaseTransition,
  payload: Record<string, unknown>,
) {
  const reviewId = payload.paroleReviewId;
  return Object.assign(new ParoleReviewStep(), {
    paroleStep: step,
    transition,
    paroleReviewDatabaseId: typeof reviewId === "string" ? reviewId : null,
  });
}
