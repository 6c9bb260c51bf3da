import { MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { TransitionInputBase } from "../common/transition-input.base";
@InputType("CaseTransitionInputBase", { description: "Fields shared by transition inputs (not used directly)." })
export abstract class CaseTransitionInputBase extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the victim case." })
  @MaxLength(200)
  caseId: string;
}
