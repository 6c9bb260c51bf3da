import { IsEnum } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { CloseReason } from "../../domain/cases/case.enums";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("CloseVictimCaseInput", { description: "Close a case for good." })
export class CloseVictimCaseInput extends CaseTransitionInputBase {
  @Field(() => CloseReason, { description: "Why the case is closed." })
  @IsEnum(CloseReason)
  reason: CloseReason;
}
