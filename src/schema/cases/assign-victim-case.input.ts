import { MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("AssignVictimCaseInput", { description: "Assign a case to an officer." })
export class AssignVictimCaseInput extends CaseTransitionInputBase {
  @Field(() => ID, { description: "Global id of the officer who takes the case over." })
  @MaxLength(200)
  officerId: string;
}
