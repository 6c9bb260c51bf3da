import { Field, ObjectType } from "type-graphql";
import { UserError } from "../common/user-error.type";
import { ServiceClock } from "./service-clock.type";
import { TimerRun } from "./timer-run.type";

@ObjectType("AdvanceClockPayload", { description: "The result of advanceClock." })
export class AdvanceClockPayload {
  @Field(() => ServiceClock, {
    nullable: true,
    description: "The service's time after the move; null with userErrors.",
  })
  clock: ServiceClock | null;

  @Field(() => [TimerRun], {
    description:
      "Every timer that came due on the way and was run, in the order run: by day, then as each day takes them.",
  })
  timers: TimerRun[];

  @Field(() => [UserError], { description: "Why the clock did not move; empty on success." })
  userErrors: UserError[];
}
