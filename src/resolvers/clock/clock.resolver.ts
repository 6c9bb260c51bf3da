import { Arg, Authorized, Mutation, Query, Resolver, Ctx } from "type-graphql";
import { clockIsHeld, now } from "../../domain/calendar/clock";
import { londonDate } from "../../domain/calendar/london-date";
import { DomainError } from "../../domain/errors/domain-error";
import { toGlobalId, type NodeType } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { TimerKind, TimerStatus } from "../../domain/work/timer.enums";
import { AdvanceClockInput } from "../../schema/clock/advance-clock.input";
import { AdvanceClockPayload } from "../../schema/clock/advance-clock.payload";
import { ServiceClock } from "../../schema/clock/service-clock.type";
import { TimerRun, TimerRunOutcome } from "../../schema/clock/timer-run.type";
import { toUserError } from "../../schema/common/user-error.type";
import { advanceClock } from "../../services/clock/advance-clock";
import type { TimerOutcome } from "../../services/work/timer-runner";
import type { RequestContext } from "../../graphql/context";

// The type of the record each kind of timer is about, for its global id.
const SUBJECT_TYPE: Record<TimerKind, NodeType> = {
  [TimerKind.INVITATION_EXPIRY]: "VictimCase",
  [TimerKind.ANNUAL_LETTER]: "VictimCase",
  [TimerKind.INVITATION_FOLLOW_UP]: "VictimCase",
  [TimerKind.VICTIM_COMES_OF_AGE]: "VictimCase",
  [TimerKind.ACKNOWLEDGEMENT_DUE]: "Notification",
  [TimerKind.RELEASE_CONFIRMATION]: "Offender",
};

@Resolver()
export class ClockResolver {
  @Query(() => ServiceClock, {
    description:
      "The service's time, which every date it computes counts from; held by a test clock outside production (CLOCK, CLOCK_OFFSET_DAYS).",
  })
  clock(): ServiceClock {
    return serviceClock();
  }

  @Authorized(Permission.ADVANCE_CLOCK)
  @Mutation(() => AdvanceClockPayload, {
    description:
      "Move a held test clock forward (administrators, never in production) and run every timer that came due on the way, a day at a time, in order, once: invitations expire, annual letters fall due, deadlines go overdue. CLOCK_NOT_HELD on the system clock. The clock is this instance's: run one instance when tests move it.",
  })
  async advanceClock(
    @Arg("input", () => AdvanceClockInput, { description: "How far to move it." }) input: AdvanceClockInput,
    @Ctx() context: RequestContext,
  ): Promise<AdvanceClockPayload> {
    try {
      const advance = await advanceClock(context.dataSource, input);
      return { clock: serviceClock(), timers: advance.timers.map(toTimerRun), userErrors: [] };
    } catch (error) {
      if (error instanceof DomainError) return { clock: null, timers: [], userErrors: [toUserError(error)] };
      throw error;
    }
  }
}

function serviceClock(): ServiceClock {
  const at = now();
  return { now: at, today: londonDate(at), held: clockIsHeld() };
}

function toTimerRun(timer: TimerOutcome): TimerRun {
  return {
    kind: timer.kind,
    subjectId: toGlobalId(SUBJECT_TYPE[timer.kind], timer.subjectId),
    dueOn: timer.dueOn,
    ranOn: timer.ranOn,
    outcome:
      timer.outcome === TimerStatus.FIRED
        ? TimerRunOutcome.FIRED
        : timer.outcome === TimerStatus.SKIPPED
          ? TimerRunOutcome.SKIPPED
          : TimerRunOutcome.FAILED,
  };
}
