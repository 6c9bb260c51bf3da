import { InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("RecordOptInInput", { description: "Record that the victim wants to be kept informed." })
export class RecordOptInInput extends CaseTransitionInputBase {}
