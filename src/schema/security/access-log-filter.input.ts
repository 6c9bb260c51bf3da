import { IsDate, IsEnum, IsOptional, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { AccessLogAction } from "./access-log-entry.type";
import { DateTimeScalar } from "../common/scalars";

@InputType("AccessLogFilter", { description: "Narrows the access log; all given conditions must hold." })
export class AccessLogFilter {
  @Field(() => String, { nullable: true, description: "Only entries by this actor (user name or system:<client>)." })
  @IsOptional()
  @MaxLength(200)
  actor?: string | null;

  @Field(() => ID, { nullable: true, description: "Only entries about this case (global id)." })
  @IsOptional()
  @MaxLength(200)
  caseId?: string | null;

  @Field(() => AccessLogAction, { nullable: true, description: "Only reads, changes or erasures." })
  @IsOptional()
  @IsEnum(AccessLogAction)
  action?: AccessLogAction | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only entries at or after this instant." })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only entries before this instant." })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}
