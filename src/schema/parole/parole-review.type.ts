import { Field, ID, Int, ObjectType } from "type-graphql";
import { ParoleOutcome } from "../../domain/custody/custody.enums";
import {
  applicationsDueOn,
  decisionSummaryClosesOn,
  reconsiderationClosesOn,
  statementDueOn,
} from "../../domain/parole/parole-deadlines";
import { HearingType, ParoleReviewStatus } from "../../domain/parole/parole.enums";
import type { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import { paroleReviewSnapshot } from "../../machines/parole-review.machine";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";
import { DateScalar } from "../common/scalars";

@ObjectType("ParoleReview", {
  implements: Node,
  description:
    "One Parole Board review of an offender, from referral to decision, with the deadlines for the victim's steps. Opened by a REFERRED_TO_PAROLE_BOARD custody event.",
})
export class ParoleReview implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => ParoleReviewStatus, { description: "Where the review is (the parole review machine's state)." })
  status: ParoleReviewStatus;

  @Field(() => Int, { description: "Increases by one with every change; send it as expectedVersion." })
  version: number;

  @Field(() => DateScalar, { description: "When the offender was referred to the Board." })
  referredOn: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The target hearing (or paper decision) date; null until set.",
  })
  targetHearingDate: string | null;

  @Field(() => HearingType, {
    nullable: true,
    description: "How the Board will decide: on the papers, at an oral hearing, or at a public hearing.",
  })
  hearingType: HearingType | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Last day to send the victim personal statement: 28 days before the hearing. Null until a hearing date is set.",
  })
  statementDueOn: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Last day to apply to observe the hearing or for it to be held in public: 12 weeks before it. Null until a hearing date is set.",
  })
  applicationsDueOn: string | null;

  @Field(() => ParoleOutcome, { nullable: true, description: "The Board's decision; null until decided." })
  outcome: ParoleOutcome | null;

  @Field(() => DateScalar, { nullable: true, description: "When the decision was issued." })
  decisionIssuedOn: string | null;

  @Field({
    description:
      "Whether the victim may ask the Secretary of State to seek reconsideration of this decision (release or no-release decisions on extended, SOPC and indeterminate sentences).",
  })
  reconsiderationEligible: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Last day to ask for reconsideration: 21 days after the decision. Null when not decided or not eligible.",
  })
  reconsiderationClosesOn: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Last day to request the decision summary: 6 months after the decision. Null until decided.",
  })
  decisionSummaryClosesOn: string | null;

  databaseId: string;
  offenderDatabaseId: string;
}

export function toParoleReview(entity: ParoleReviewEntity): ParoleReview {
  const hearing = entity.targetHearingDate;
  const issued = entity.decisionIssuedOn;
  // Asked of the machine on a day inside the window, so the answer is the sentence-and-outcome rule alone.
  const eligible = issued !== null && paroleReviewSnapshot(entity).can({ type: "REQUEST_RECONSIDERATION", on: issued });
  return Object.assign(new ParoleReview(), {
    id: toGlobalId("ParoleReview", entity.id),
    status: entity.status,
    version: entity.version,
    referredOn: entity.referredOn,
    targetHearingDate: hearing,
    hearingType: entity.hearingType,
    statementDueOn: hearing && statementDueOn(hearing),
    applicationsDueOn: hearing && applicationsDueOn(hearing),
    outcome: entity.outcome,
    decisionIssuedOn: issued,
    reconsiderationEligible: eligible,
    reconsiderationClosesOn: eligible && issued ? reconsiderationClosesOn(issued) : null,
    decisionSummaryClosesOn: issued && decisionSummaryClosesOn(issued),
    databaseId: entity.id,
    offenderDatabaseId: entity.offenderId,
  });
}
