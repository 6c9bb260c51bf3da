import { IsEnum, IsNotEmpty, IsOptional, Matches, MaxLength } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { Region } from "../../domain/security/region.enum";
import { IDEMPOTENCY_KEY } from "../common/validators";

@InputType("CreateOfficerInput", { description: "Register a member of staff." })
export class CreateOfficerInput {
  @Field({ description: "Their HMPPS Auth user name (the user_name in their tokens), e.g. alice.vlo." })
  @Matches(/^[A-Za-z0-9._-]{2,100}$/, {
    message: "username must be 2 to 100 letters, digits, dots, dashes or underscores",
  })
  username: string;

  @Field({ description: "Their name." })
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => Region, { nullable: true, description: "The region they work in; leave empty for national roles." })
  @IsOptional()
  @IsEnum(Region)
  region?: Region | null;

  @Field(() => String, { nullable: true, description: "Their team." })
  @IsOptional()
  @MaxLength(100)
  team?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key with the same input returns the first result.",
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: "idempotencyKey must be 1 to 200 printable characters without spaces" })
  idempotencyKey?: string | null;
}
