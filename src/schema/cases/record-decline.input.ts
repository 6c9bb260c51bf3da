import { InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("RecordDeclineInput", { description: "Record that the victim declined the invitation." })
export class RecordDeclineInput extends CaseTransitionInputBase {}
