import { IsEnum, IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { CaseStatus } from "../../domain/cases/case.enums";

@InputType("VictimCaseFilter", { description: "Narrows a list of victim cases; all given conditions must hold." })
export class VictimCaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses." })
  @IsOptional()
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only cases of this offender (global id)." })
  @IsOptional()
  @MaxLength(200)
  offenderId?: string | null;
}
