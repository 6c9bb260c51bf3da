import { ValidateNested } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { CaseTransitionInputBase } from "./case-transition-input.base";
import { ContactInput } from "./contact.input";

@InputType("AddCaseContactInput", {
  description:
    "Add a person to an open case, e.g. the child victim whose parent or guardian was referred; expectedVersion is the case's version.",
})
export class AddCaseContactInput extends CaseTransitionInputBase {
  @Field(() => ContactInput, {
    description:
      "The person. A VICTIM contact's date of birth, while a PARENT_GUARDIAN contact is on the case, raises a CONTACT_VICTIM_DIRECTLY task on the victim's 18th birthday (at once if that birthday fell on or after the referral date; never for a victim already an adult when referred).",
  })
  @ValidateNested()
  contact: ContactInput;
}
