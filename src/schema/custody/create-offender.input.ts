import { IsNotEmpty, IsOptional, Matches, MaxLength, ValidateNested } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { SentenceInput } from "../sentences/sentence.input";
import { CRN, IDEMPOTENCY_KEY, PRISON_NUMBER } from "../common/validators";

@InputType("CreateOffenderInput", { description: "Add an offender and their sentence." })
export class CreateOffenderInput {
  @Field({ description: "The offender's name (at most 200 characters)." })
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "Prison (NOMIS) number: a letter, four digits, two letters, e.g. A1234BC.",
  })
  @IsOptional()
  @Matches(PRISON_NUMBER, { message: "prisonNumber must look like A1234BC" })
  prisonNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Probation case reference number: a letter and six digits, e.g. X123456.",
  })
  @IsOptional()
  @Matches(CRN, { message: "crn must look like X123456" })
  crn?: string | null;

  @Field(() => SentenceInput, { description: "The sentence being served." })
  @ValidateNested()
  sentence: SentenceInput;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key with the same input returns the first result.",
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: "idempotencyKey must be 1 to 200 printable characters without spaces" })
  idempotencyKey?: string | null;
}
