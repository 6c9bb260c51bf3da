import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";
import { CaseTransition } from "./case-transition.type";
import { Offender } from "../custody/offender.type";
import { Officer } from "../security/officer.type";
import { UserError } from "../common/user-error.type";
import { VictimCase } from "./victim-case.type";

export interface CasePayloadShape {
  victimCase: VictimCase | null;
  transition: CaseTransition | null;
  userErrors: UserError[];
}

// Every case mutation answers the same way: the case after the change, the history row it wrote,
// or userErrors and nothing written.
function CasePayload(name: string, action: string): ClassType<CasePayloadShape> {
  @ObjectType(name, { simpleResolvers: true, description: `The result of ${action}.` })
  class Payload implements CasePayloadShape {
    @Field(() => VictimCase, {
      nullable: true,
      description: "The case after the change (null when there are userErrors).",
    })
    victimCase: VictimCase | null;

    @Field(() => CaseTransition, {
      nullable: true,
      description: "The history entry written (null when there are userErrors).",
    })
    transition: CaseTransition | null;

    @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
    userErrors: UserError[];
  }
  return Payload;
}

export const ReferVictimCasePayload = CasePayload("ReferVictimCasePayload", "referVictimCase");
export const SendInvitationPayload = CasePayload("SendInvitationPayload", "sendInvitation");
export const RecordOptInPayload = CasePayload("RecordOptInPayload", "recordOptIn");
export const RecordDeclinePayload = CasePayload("RecordDeclinePayload", "recordDecline");
export const AgreeContactPlanPayload = CasePayload("AgreeContactPlanPayload", "agreeContactPlan");
export const RecordOptOutPayload = CasePayload("RecordOptOutPayload", "recordOptOut");
export const CloseVictimCasePayload = CasePayload("CloseVictimCasePayload", "closeVictimCase");
export const AssignVictimCasePayload = CasePayload("AssignVictimCasePayload", "assignVictimCase");
export const EraseCaseContactDataPayload = CasePayload("EraseCaseContactDataPayload", "eraseCaseContactData");
export const AddCaseContactPayload = CasePayload("AddCaseContactPayload", "addCaseContact");
export const UpdateCaseContactPayload = CasePayload("UpdateCaseContactPayload", "updateCaseContact");
export const RemoveCaseContactPayload = CasePayload("RemoveCaseContactPayload", "removeCaseContact");

@ObjectType("CreateOffenderPayload", { description: "The result of createOffender." })
export class CreateOffenderPayload {
  @Field(() => Offender, { nullable: true, description: "The new offender (null when there are userErrors)." })
  offender: Offender | null;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}

@ObjectType("RecordCustodyEventPayload", { description: "The result of recordCustodyEvent." })
export class RecordCustodyEventPayload {
  @Field(() => Offender, {
    nullable: true,
    description: "The offender after the event (null when there are userErrors).",
  })
  offender: Offender | null;

  @Field(() => [VictimCase], {
    description:
      "The cases of the offender that recorded the change and that you may read (none for the custody feed).",
  })
  affectedCases: VictimCase[];

  @Field(() => Int, { description: "How many open cases of the offender recorded the change, in every region." })
  affectedCaseCount: number;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}

@ObjectType("CreateOfficerPayload", { description: "The result of createOfficer." })
export class CreateOfficerPayload {
  @Field(() => Officer, { nullable: true, description: "The new officer (null when there are userErrors)." })
  officer: Officer | null;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}

@ObjectType("RecordKeyDatesPayload", { description: "The result of recordKeyDates." })
export class RecordKeyDatesPayload {
  @Field(() => Offender, {
    nullable: true,
    description: "The offender, whose sentence now has these key dates (null when there are userErrors).",
  })
  offender: Offender | null;

  @Field({
    description: "Whether the month a victim is told changed; if so, every open case recorded RELEASE_MONTH_CHANGED.",
  })
  releaseMonthChanged: boolean;

  @Field(() => Int, { description: "How many open cases recorded the change of month." })
  affectedCaseCount: number;

  @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
  userErrors: UserError[];
}
