import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, Max, MaxLength, Min } from "../common/input-rules";
import { Field, ID, InputType, Int } from "type-graphql";
import { NotificationKind } from "../../domain/notifications/notification.enums";
import { TaskKind } from "../../domain/work/task.enums";

@InputType("WorkQueueFilter", { description: "Conditions the work items must meet." })
export class WorkQueueFilter {
  @Field(() => ID, { nullable: true, description: "Only the cases assigned to this officer (global id)." })
  @IsOptional()
  @MaxLength(200)
  officerId?: string | null;

  @Field(() => [NotificationKind], {
    nullable: true,
    description: "Only notifications of these kinds. Tasks are then left out, unless taskKinds is given too.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(NotificationKind, { each: true })
  kinds?: NotificationKind[] | null;

  @Field(() => [TaskKind], {
    nullable: true,
    description: "Only tasks of these kinds. Notifications are then left out, unless kinds is given too.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(TaskKind, { each: true })
  taskKinds?: TaskKind[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only what is past its due date." })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Only what is due within this many working days from today (England-and-Wales bank holidays do not count), overdue items included: deadlines about to pass. 0 means due today or overdue; at most 60.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  dueWithinWorkingDays?: number | null;
}
