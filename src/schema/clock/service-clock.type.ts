import { Field, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../common/scalars";

@ObjectType("ServiceClock", {
  description:
    "The service's time: what every date it computes counts from (today, deadlines, timers, the day a letter was sent).",
})
export class ServiceClock {
  @Field(() => DateTimeScalar, { description: "The service's now." })
  now: Date;

  @Field(() => DateScalar, { description: "Today in England and Wales, by the service's now." })
  today: string;

  @Field({
    description:
      "true when a test clock holds the time (CLOCK or CLOCK_OFFSET_DAYS, never in production): advanceClock may move it. false: the system's time.",
  })
  held: boolean;
}
