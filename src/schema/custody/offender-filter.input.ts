import { IsOptional, MaxLength, MinLength } from "../common/input-rules";
import { Field, InputType } from "type-graphql";

@InputType("OffenderFilter", { description: "Narrows a list of offenders; all given conditions must hold." })
export class OffenderFilter {
  @Field(() => String, {
    nullable: true,
    description: "Only the offender with this NOMIS prison number, e.g. A1234BC.",
  })
  @IsOptional()
  @MaxLength(7, { message: "prisonNumber must be at most 7 characters long." })
  prisonNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Only the offender with this probation case reference (CRN)." })
  @IsOptional()
  @MaxLength(7, { message: "crn must be at most 7 characters long." })
  crn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only offenders whose name has every word of this one as a whole word, in any order and any case: 'smith' finds John Smith, 'john smith' finds Smith, John.",
  })
  @IsOptional()
  @MinLength(2, { message: "name must be at least 2 characters long." })
  @MaxLength(200, { message: "name must be at most 200 characters long." })
  name?: string | null;
}
