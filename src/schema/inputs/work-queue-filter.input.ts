import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { NotificationKind } from "../../domain/notification.enums";

@InputType("WorkQueueFilter", { description: "Conditions the work items must meet." })
export class WorkQueueFilter {
  @Field(() => ID, { nullable: true, description: "Only the cases assigned to this officer (global id)." })
  @IsOptional()
  @MaxLength(200)
  officerId?: string | null;

  @Field(() => [NotificationKind], { nullable: true, description: "Only these kinds." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(NotificationKind, { each: true })
  kinds?: NotificationKind[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only what is past its due date." })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean | null;
}
