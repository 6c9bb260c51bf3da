import { ArrayMaxSize, ArrayUnique, IsEnum, IsOptional, MaxLength, ValidateNested } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { ClearableContactField } from "../../domain/cases/contact.enums";
import { TransitionInputBase } from "../common/transition-input.base";
import { ContactChangesInput } from "./contact.input";

// expectedVersion here is the case's version: a contact has none of its own.
@InputType("UpdateCaseContactInput", {
  description:
    "Change a contact's details: each field in set replaces the one held, each listed in clear is removed; the others stay as they are. expectedVersion is the case's version.",
})
export class UpdateCaseContactInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the contact (CaseContact.id)." })
  @MaxLength(200)
  contactId: string;

  @Field(() => ContactChangesInput, { nullable: true, description: "The fields to replace, with their new values." })
  @IsOptional()
  @ValidateNested()
  set?: ContactChangesInput | null;

  @Field(() => [ClearableContactField], {
    nullable: true,
    description: "The fields to remove, e.g. [EMAIL] when the victim no longer uses that address.",
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @ArrayUnique({ message: "clear must not repeat a field" })
  @IsEnum(ClearableContactField, { each: true })
  clear?: ClearableContactField[] | null;
}

@InputType("RemoveCaseContactInput", {
  description:
    "Take a person off a case, their details with them. The case keeps at least one contact, and its last VICTIM contact (LAST_VICTIM_CONTACT). expectedVersion is the case's version.",
})
export class RemoveCaseContactInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the contact (CaseContact.id)." })
  @MaxLength(200)
  contactId: string;
}
