import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { TimerKind } from "../../domain/work/timer.enums";
import { DateScalar } from "../common/scalars";

/** What became of a timer when it was run. */
export enum TimerRunOutcome {
  FIRED = "FIRED",
  SKIPPED = "SKIPPED",
  FAILED = "FAILED",
}

registerEnumType(TimerKind, {
  name: "TimerKind",
  description: "A durable timer: a deadline kept as a row and run on its day through the pipelines.",
  valuesConfig: {
    INVITATION_EXPIRY: {
      description: "The invitation had no reply by its expiry: the case is DECLINED (NO_RESPONSE).",
    },
    ANNUAL_LETTER: { description: "An anniversary of the contact plan: the annual letter falls due." },
    ACKNOWLEDGEMENT_DUE: { description: "A sent letter or email nobody acknowledged: escalated to the officer." },
    INVITATION_FOLLOW_UP: {
      description: "The invitation's follow-up day: a follow-up task if the case still waits for a first reply.",
    },
    VICTIM_COMES_OF_AGE: {
      description: "A child victim's 18th birthday while a parent or guardian speaks for them: a task to contact them.",
    },
    RELEASE_CONFIRMATION: {
      description:
        "A set lead time before the expected release: every victim is sent a final confirmation of the month.",
    },
  },
});

registerEnumType(TimerRunOutcome, {
  name: "TimerRunOutcome",
  description: "What became of a timer when it was run.",
  valuesConfig: {
    FIRED: { description: "It did its work (a status change, a notification, a task)." },
    SKIPPED: { description: "Its subject had moved on (answered, closed, changed plan): nothing to do." },
    FAILED: {
      description: "It failed unexpectedly and will be tried again the next day; the cause is in the server log.",
    },
  },
});

@ObjectType("TimerRun", { description: "One durable timer run by advanceClock." })
export class TimerRun {
  @Field(() => TimerKind, { description: "What kind of deadline it was." })
  kind: TimerKind;

  @Field(() => ID, {
    description:
      "Global id of what it was about: a VictimCase (invitation, annual letter, follow-up, coming of age), a Notification (acknowledgement) or an Offender (release confirmation).",
  })
  subjectId: string;

  @Field(() => DateScalar, { description: "The day it was due." })
  dueOn: string;

  @Field(() => DateScalar, { description: "The service's day it was run on (the clock stepping a day at a time)." })
  ranOn: string;

  @Field(() => TimerRunOutcome, { description: "What became of it." })
  outcome: TimerRunOutcome;
}
