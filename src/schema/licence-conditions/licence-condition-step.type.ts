import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LicenceConditionStepKind } from "../../domain/licence-conditions/licence-condition-step.enums";
import { CaseTransition } from "../cases/case-transition.type";

registerEnumType(LicenceConditionStepKind, {
  name: "LicenceConditionStepKind",
  description: "A step of a victim's licence-condition request.",
  valuesConfig: {
    REQUESTED: { description: "The victim asked for the condition (requestLicenceCondition)." },
    FORWARDED: { description: "The request went to the decision maker (forwardLicenceConditionRequest)." },
    ADOPTED: { description: "The decision maker adopted the condition (recordLicenceConditionDecision)." },
    NOT_ADOPTED: {
      description: "The decision maker did not adopt the condition, with a reason (recordLicenceConditionDecision).",
    },
    WITHDRAWN: { description: "The request was withdrawn before the decision (withdrawLicenceConditionRequest)." },
  },
});

@ObjectType("LicenceConditionStep", {
  description:
    "A step of a licence-condition request on this case: asked for, forwarded, adopted or not, withdrawn. The case's history row records who took it and when; the request is as it stands now.",
})
export class LicenceConditionStep {
  @Field(() => LicenceConditionStepKind, { description: "Which step." })
  conditionStep: LicenceConditionStepKind;

  @Field(() => CaseTransition, {
    description: "The case's history row that recorded the step: who, when it was recorded, and when it took effect.",
  })
  transition: CaseTransition;

  requestDatabaseId: string | null;
}

export function toLicenceConditionStep(
  step: LicenceConditionStepKind,
  transition: CaseTransition,
  payload: Record<string, unknown>,
) {
  const requestId = payload.licenceConditionRequestId;
  return Object.assign(new LicenceConditionStep(), {
    conditionStep: step,
    transition,
    requestDatabaseId: typeof requestId === "string" ? requestId : null,
  });
}
