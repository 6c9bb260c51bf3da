import { IsEmail, IsEnum, IsNotEmpty, IsOptional, Matches, MaxLength, ValidateNested } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { ContactRole } from "../../domain/cases/contact.enums";
import { DateScalar } from "../common/scalars";
import { IsNotInFuture, UK_PHONE, UK_POSTCODE } from "../common/validators";

@InputType("PostalAddressInput", { description: "A UK postal address." })
class PostalAddressInput {
  @Field({ description: "First line of the address." })
  @IsNotEmpty()
  @MaxLength(200)
  line1: string;

  @Field(() => String, { nullable: true, description: "Second line of the address." })
  @IsOptional()
  @MaxLength(200)
  line2?: string | null;

  @Field({ description: "Town or city." })
  @IsNotEmpty()
  @MaxLength(100)
  town: string;

  @Field({ description: "UK postcode, e.g. SW1A 1AA." })
  @Matches(UK_POSTCODE, { message: "postcode must be a UK postcode such as SW1A 1AA" })
  postcode: string;
}

@InputType("ContactNeedsInput", { description: "What the contact needs to be communicated with well." })
class ContactNeedsInput {
  @Field(() => String, { nullable: true, description: "Language for an interpreter." })
  @IsOptional()
  @MaxLength(100)
  interpreterLanguage?: string | null;

  @Field(() => String, { nullable: true, description: "Accessibility needs." })
  @IsOptional()
  @MaxLength(500)
  accessibility?: string | null;
}

// The optional personal fields, validated the same way for a new contact and for a change.
@InputType("ContactDetailsBase", { description: "A contact's optional personal fields (not used directly)." })
abstract class ContactDetailsBase {
  @Field(() => DateScalar, { nullable: true, description: "Date of birth (not in the future)." })
  @IsOptional()
  @IsNotInFuture()
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "Email address." })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Telephone number, e.g. 07700 900123 or +44 7700 900123." })
  @IsOptional()
  @Matches(UK_PHONE, { message: "phone must be a telephone number of 7 to 20 digits" })
  phone?: string | null;

  @Field(() => PostalAddressInput, { nullable: true, description: "Postal address, needed for letters." })
  @IsOptional()
  @ValidateNested()
  address?: PostalAddressInput | null;

  @Field(() => ContactNeedsInput, { nullable: true, description: "Interpreter and accessibility needs." })
  @IsOptional()
  @ValidateNested()
  needs?: ContactNeedsInput | null;
}

@InputType("ContactInput", { description: "The person to keep informed. Personal data: encrypted at rest." })
export class ContactInput extends ContactDetailsBase {
  @Field(() => ContactRole, { description: "Who this person is in relation to the victim." })
  @IsEnum(ContactRole)
  role: ContactRole;

  @Field({ description: "Full name (at most 200 characters)." })
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

@InputType("ContactChangesInput", {
  description: "The personal fields to replace; those not given stay as they are. Personal data: encrypted at rest.",
})
export class ContactChangesInput extends ContactDetailsBase {
  @Field(() => String, { nullable: true, description: "A new full name (at most 200 characters)." })
  @IsOptional()
  @IsNotEmpty({ message: "name must not be empty when given" })
  @MaxLength(200)
  name?: string | null;
}
