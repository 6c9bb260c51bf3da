import { Field, ID, Int, ObjectType } from "type-graphql";
import { CaseStatus } from "../../domain/cases/case.enums";
import type { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { DateScalar, DateTimeScalar } from "../common/scalars";
import { Node } from "../common/node.interface";

@ObjectType("CaseTransition", {
  simpleResolvers: true,
  implements: Node,
  description: "One applied event in a case's history. History is append-only.",
})
export class CaseTransition implements Node {
  // Written when asked for: a caseload page shows each case's last entry, seldom its id (issue 15 §4).
  @Field(() => ID, { description: "Opaque global id." })
  get id(): string {
    return toGlobalId("CaseTransition", this.databaseId);
  }

  @Field(() => Int, { description: "Position in the case's history, from 1." })
  sequence: number;

  @Field({ description: "The event applied, e.g. REFERRED, SEND_INVITATION, RECORD_OPT_IN, CUSTODY_CHANGED." })
  event: string;

  @Field(() => CaseStatus, {
    nullable: true,
    description: "Status before the event (null for the referral that created the case).",
  })
  fromStatus: CaseStatus | null;

  @Field(() => CaseStatus, { description: "Status after the event." })
  toStatus: CaseStatus;

  @Field({ description: "Who or what applied the event (a user name, or a system such as the custody feed)." })
  actor: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Why, as a code: a close or decline reason, the eligibility route of a referral, the custody event behind a CUSTODY_CHANGED, an erasure request's reference. Never an officer's own words: those are in note.",
  })
  reason: string | null;

  @Field(() => DateTimeScalar, { description: "When the event was applied: the moment it was recorded." })
  occurredAt: Date;

  @Field(() => DateScalar, {
    description:
      "The day the event took effect (England and Wales). Earlier than occurredAt's day when it was recorded late: a referral with an earlier referredOn, a custody event reported after it happened (its occurredOn), an invitation that expired on a day before its timer ran.",
  })
  effectiveOn: string;

  /** The row's database id, for its note. */
  databaseId: string;
}

export function toCaseTransition(entity: CaseTransitionEntity): CaseTransition {
  // Field by field: Object.assign onto a class instance was ten times slower, for every item of every page.
  const transition = new CaseTransition();
  transition.sequence = entity.sequence;
  transition.event = entity.event;
  transition.fromStatus = entity.fromStatus;
  transition.toStatus = entity.toStatus;
  transition.actor = entity.actor;
  transition.reason = entity.reason;
  transition.occurredAt = entity.occurredAt;
  transition.effectiveOn = entity.effectiveOn;
  transition.databaseId = entity.id;
  return transition;
}
