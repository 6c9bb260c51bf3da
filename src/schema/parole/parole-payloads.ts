import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";
import { CaseTransition } from "../cases/case-transition.type";
import { LicenceConditionRequest } from "../licence-conditions/licence-condition-request.type";
import { Offender } from "../custody/offender.type";
import { ParoleRequest } from "./parole-request.type";
import { ParoleReview } from "./parole-review.type";
import type { CasePayloadShape } from "../cases/payloads";
import { UserError } from "../common/user-error.type";
import { VictimCase } from "../cases/victim-case.type";
import { VictimPersonalStatement } from "./victim-personal-statement.type";

// A victim's step answers like every case mutation (the case, the history row, userErrors) plus
// the record the step wrote.
function CaseStepPayload<Name extends string, Record extends object>(
  name: string,
  action: string,
  field: Name,
  type: ClassType<Record>,
  what: string,
): ClassType<CasePayloadShape & { [K in Name]: Record | null }> {
  @ObjectType(name, { description: `The result of ${action}.` })
  class Payload implements CasePayloadShape {
    @Field(() => VictimCase, {
      nullable: true,
      description: "The case after the step (null when there are userErrors).",
    })
    victimCase: VictimCase | null;

    @Field(() => CaseTransition, {
      nullable: true,
      description: "The case history entry written (null when there are userErrors).",
    })
    transition: CaseTransition | null;

    @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
    userErrors: UserError[];
  }
  Field(() => type, { nullable: true, description: `${what} (null when there are userErrors).` })(
    Payload.prototype,
    field,
  );
  return Payload as ClassType<CasePayloadShape & { [K in Name]: Record | null }>;
}

const statementPayload = (name: string, action: string) =>
  CaseStepPayload(name, action, "personalStatement", VictimPersonalStatement, "The statement after the step");
const requestPayload = (name: string, action: string) =>
  CaseStepPayload(name, action, "paroleRequest", ParoleRequest, "The request recorded");
const licencePayload = (name: string, action: string) =>
  CaseStepPayload(
    name,
    action,
    "licenceConditionRequest",
    LicenceConditionRequest,
    "The licence-condition request after the step",
  );

export const InviteVictimPersonalStatementPayload = statementPayload(
  "InviteVictimPersonalStatementPayload",
  "inviteVictimPersonalStatement",
);
export const SubmitVictimPersonalStatementPayload = statementPayload(
  "SubmitVictimPersonalStatementPayload",
  "submitVictimPersonalStatement",
);
export const ApplyToObserveParoleHearingPayload = requestPayload(
  "ApplyToObserveParoleHearingPayload",
  "applyToObserveParoleHearing",
);
export const ApplyForPublicParoleHearingPayload = requestPayload(
  "ApplyForPublicParoleHearingPayload",
  "applyForPublicParoleHearing",
);
export const RequestParoleReconsiderationPayload = requestPayload(
  "RequestParoleReconsiderationPayload",
  "requestParoleReconsideration",
);
export const RequestParoleDecisionSummaryPayload = requestPayload(
  "RequestParoleDecisionSummaryPayload",
  "requestParoleDecisionSummary",
);
export const RequestLicenceConditionPayload = licencePayload(
  "RequestLicenceConditionPayload",
  "requestLicenceCondition",
);
export const ForwardLicenceConditionRequestPayload = licencePayload(
  "ForwardLicenceConditionRequestPayload",
  "forwardLicenceConditionRequest",
);
export const RecordLicenceConditionDecisionPayload = licencePayload(
  "RecordLicenceConditionDecisionPayload",
  "recordLicenceConditionDecision",
);
export const WithdrawLicenceConditionRequestPayload = licencePayload(
  "WithdrawLicenceConditionRequestPayload",
  "withdrawLicenceConditionRequest",
);

@ObjectType("ScheduleParoleHearingPayload", { description: "The result of scheduleParoleHearing." })
export class ScheduleParoleHearingPayload {
  @Field(() => ParoleReview, {
    nullable: true,
    description: "The review with its hearing and the victim's deadlines (null when there are userErrors).",
  })
  paroleReview: ParoleReview | null;

  @Field(() => Int, {
    description: "How many open cases of the offender recorded PAROLE_HEARING_SCHEDULED, in every region.",
  })
  affectedCaseCount: number;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}

@ObjectType("RecordParoleDecisionPayload", { description: "The result of recordParoleDecision." })
export class RecordParoleDecisionPayload {
  @Field(() => ParoleReview, {
    nullable: true,
    description: "The decided review, with its reconsideration and summary windows (null when there are userErrors).",
  })
  paroleReview: ParoleReview | null;

  @Field(() => Offender, {
    nullable: true,
    description: "The offender after the decision (null when there are userErrors).",
  })
  offender: Offender | null;

  @Field(() => [VictimCase], {
    description: "The cases of the offender that recorded the decision and that you may read.",
  })
  affectedCases: VictimCase[];

  @Field(() => Int, { description: "How many open cases of the offender recorded the decision, in every region." })
  affectedCaseCount: number;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}
