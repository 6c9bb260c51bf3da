import { Matches } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("EraseCaseContactDataInput", {
  description: "Erase a case's contact details for a verified erasure request.",
})
export class EraseCaseContactDataInput extends CaseTransitionInputBase {
  @Field({ description: "Reference of the verified erasure request (no personal data), e.g. ER-2026-0042." })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/, {
    message: "requestReference must be a reference of up to 64 letters, digits, dots, dashes, slashes or underscores",
  })
  requestReference: string;
}
