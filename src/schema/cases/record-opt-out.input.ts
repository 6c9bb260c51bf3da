import { InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("RecordOptOutInput", { description: "Record that the victim no longer wants to hear." })
export class RecordOptOutInput extends CaseTransitionInputBase {}
