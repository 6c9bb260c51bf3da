import { IsEnum, IsOptional } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { CaseOrderField, SortDirection } from "../../domain/cases/caseload-order.enums";

@InputType("VictimCaseOrder", {
  description: "The order of a list of victim cases. A cursor belongs to the order it was made in.",
})
export class VictimCaseOrder {
  @Field(() => CaseOrderField, { description: "What the cases are ordered by." })
  @IsEnum(CaseOrderField)
  field: CaseOrderField;

  @Field(() => SortDirection, { nullable: true, description: "Which way (default ASC)." })
  @IsOptional()
  @IsEnum(SortDirection)
  direction?: SortDirection | null;
}
