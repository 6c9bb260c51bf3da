import type { DataSource, EntityManager } from "typeorm";
import { CaseStatus, ENGAGED_STATUSES } from "../../domain/cases/case.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { londonDate } from "../../domain/calendar/london-date";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { TimerKind, TimerStatus } from "../../domain/work/timer.enums";
import { ContactPlanEntity } from "../../entities/cases/contact-plan.entity";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import { TaskKind } from "../../domain/work/task.enums";
import { lockCase } from "../cases/case-transition.service";
import { changeCase } from "../reactions/event-reactions";
import { notificationFactsFor, withLicenceConditions } from "../sentences/key-dates.service";
import { notifiedLicenceConditionsByCase } from "../licence-conditions/notified-licence-conditions";
import { queueNotifications } from "../notifications/notification-outbox";
import { sendReleaseConfirmation } from "../sentences/release-confirmation";
import { applyNotificationEvent } from "../notifications/notification.service";
import { raiseTask } from "./task-outbox";
import { raiseComingOfAgeTask } from "./victim-coming-of-age";
import { addDays, addYears } from "../../domain/calendar/calendar";
import { hearsAnnually, scheduleTimer } from "./timer-schedule";
import { now as clockNow } from "../../domain/calendar/clock";
import { applyEvent } from "../pipeline/apply-event";
import { TIMER_RECORD } from "./timer.record";
import { selectRows } from "../platform/sql";

/** The actor on everything a timer does. */
export const TIMER_ACTOR = "SYSTEM";

interface DueTimer {
  id: string;
  kind: TimerKind;
  subject_id: string;
  due_on: string;
}

export interface TimerRun {
  fired: number;
  skipped: number;
  /** Failed unexpectedly: tried again the next day. */
  failed: number;
  /** Each timer taken, in the order it was taken (due day, then id). */
  timers: TimerOutcome[];
}

export interface TimerOutcome {
  id: string;
  kind: TimerKind;
  subjectId: string;
  dueOn: string;
  /** The day it was run on. */
  ranOn: string;
  outcome: TimerStatus.FIRED | TimerStatus.SKIPPED | "RETRY";
}

// Runs in this process one at a time, so a clock moved by advanceClock runs each day's timers
// before the next day's, and the background runner does not take some of them in between.
let running: Promise<unknown> = Promise.resolve();

/** Runs `work` after every earlier exclusive run in this process has ended. */
export function runTimersExclusively<T>(work: () => Promise<T>): Promise<T> {
  const next = running.then(work, work);
  running = next.catch(() => undefined);
  return next;
}

/**
 * Fires every timer due on the England-and-Wales day of `now` (injected, so tests never sleep).
 * Each timer is taken with FOR UPDATE SKIP LOCKED and fired in the same transaction as what it
 * does, then marked: however many instances run this, a timer fires once, and a crash before the
 * commit leaves it to fire again. A timer whose subject has moved on is marked SKIPPED.
 */
export async function runDueTimers(
  dataSource: DataSource,
  now: Date = clockNow(),
  options: { limit?: number; onError?: (timerId: string, error: unknown) => void } = {},
): Promise<TimerRun> {
  const today = londonDate(now);
  const limit = options.limit ?? 500;
  const run: TimerRun = { fired: 0, skipped: 0, failed: 0, timers: [] };
  for (let count = 0; count < limit; count++) {
    const outcome = await dataSource.transaction(async (manager) => {
      const [timer] = await selectRows<DueTimer>(
        manager,
        `SELECT "id", "kind", "subject_id", "due_on"::text AS "due_on" FROM "timer"
          WHERE "status" = $1 AND "due_on" <= $2 AND ("not_before" IS NULL OR "not_before" <= $2)
          ORDER BY "due_on", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [TimerStatus.PENDING, today],
      );
      if (!timer) return null;
      const status = await fireSafely(manager, timer, today, options.onError ?? (() => {}));
      if (status !== "RETRY") {
        // Taken PENDING under its row lock, so the machine's step is the only change it can get.
        const pending = { id: timer.id, status: TimerStatus.PENDING };
        await applyEvent(manager, TIMER_RECORD, pending, { type: status === TimerStatus.FIRED ? "FIRE" : "SKIP" });
      }
      return { timer, status };
    });
    if (outcome === null) break;
    const { timer, status } = outcome;
    run.timers.push({
      id: timer.id,
      kind: timer.kind,
      subjectId: timer.subject_id,
      dueOn: timer.due_on,
      ranOn: today,
      outcome: status === TimerStatus.FIRED ? TimerStatus.FIRED : status === "RETRY" ? "RETRY" : TimerStatus.SKIPPED,
    });
    if (status === TimerStatus.FIRED) run.fired += 1;
    else if (status === "RETRY") run.failed += 1;
    else run.skipped += 1;
  }
  return run;
}

// A refusal from a pipeline means the subject moved on between the check and the change.
// An unexpected failure must not hold up every other timer: it is tried again the next day.
async function fireSafely(
  manager: EntityManager,
  timer: DueTimer,
  today: string,
  onError: (timerId: string, error: unknown) => void,
): Promise<TimerStatus | "RETRY"> {
  await manager.query("SAVEPOINT timer_fire");
  try {
    const status = await fire(manager, timer);
    await manager.query("RELEASE SAVEPOINT timer_fire");
    return status;
  } catch (error) {
    await manager.query("ROLLBACK TO SAVEPOINT timer_fire");
    if (error instanceof DomainError) return TimerStatus.SKIPPED;
    onError(timer.id, error);
    await manager.query(`UPDATE "timer" SET "attempts" = "attempts" + 1, "not_before" = $2 WHERE "id" = $1`, [
      timer.id,
      addDays(today, 1),
    ]);
    return "RETRY";
  }
}

async function fire(manager: EntityManager, timer: DueTimer): Promise<TimerStatus> {
  switch (timer.kind) {
    case TimerKind.INVITATION_EXPIRY: {
      const victimCase = await lockCase(manager, timer.subject_id, { kind: "ALL" });
      if (victimCase.status !== CaseStatus.INVITED) return TimerStatus.SKIPPED;
      await changeCase(
        manager,
        victimCase.id,
        { type: "INVITATION_EXPIRED" },
        { actor: TIMER_ACTOR, scope: { kind: "ALL" }, reason: "NO_RESPONSE", effectiveOn: timer.due_on },
      );
      return TimerStatus.FIRED;
    }
    case TimerKind.ANNUAL_LETTER: {
      const victimCase = await lockCase(manager, timer.subject_id, { kind: "ALL" });
      const plan = await manager.findOneBy(ContactPlanEntity, { caseId: victimCase.id });
      // A changed plan has its own anniversaries; a closed case has none.
      if (
        victimCase.status === CaseStatus.CLOSED ||
        !plan ||
        !hearsAnnually(plan.informationLevel) ||
        !isAnniversary(plan.agreedOn, timer.due_on)
      )
        return TimerStatus.SKIPPED;
      // Counted from the agreement, so a plan agreed on 29 February keeps its leap-year anniversaries.
      await scheduleTimer(
        manager,
        TimerKind.ANNUAL_LETTER,
        victimCase.id,
        addYears(plan.agreedOn, yearsSince(plan.agreedOn, timer.due_on) + 1),
      );
      // A victim who opted out hears nothing this year, but the anniversaries go on should they come back.
      if (!ENGAGED_STATUSES.has(victimCase.status)) return TimerStatus.SKIPPED;
      await queueNotifications(manager, {
        before: victimCase,
        trigger: { type: "ANNUAL_LETTER" },
        triggerId: timer.id,
        occurredOn: timer.due_on,
        facts: withLicenceConditions(
          await notificationFactsFor(manager, victimCase.offenderId),
          (await notifiedLicenceConditionsByCase(manager, [victimCase.id])).get(victimCase.id),
        ),
      });
      return TimerStatus.FIRED;
    }
    case TimerKind.RELEASE_CONFIRMATION:
      return (await sendReleaseConfirmation(manager, timer.subject_id, timer))
        ? TimerStatus.FIRED
        : TimerStatus.SKIPPED;
    case TimerKind.ACKNOWLEDGEMENT_DUE: {
      const notification = await manager.findOneBy(NotificationEntity, { id: timer.subject_id });
      if (notification?.status !== NotificationStatus.SENT) return TimerStatus.SKIPPED;
      // A victim who has since opted out, or whose case closed, is not chased for an answer.
      const victimCase = await lockCase(manager, notification.caseId, { kind: "ALL" });
      if (!ENGAGED_STATUSES.has(victimCase.status)) return TimerStatus.SKIPPED;
      await applyNotificationEvent(
        manager,
        notification.id,
        { type: "ESCALATE" },
        { actor: TIMER_ACTOR, scope: { kind: "ALL" } },
      );
      return TimerStatus.FIRED;
    }
    case TimerKind.INVITATION_FOLLOW_UP: {
      const victimCase = await lockCase(manager, timer.subject_id, { kind: "ALL" });
      // A reply, the expiry or a follow-up already sent leaves nothing to ask for.
      if (victimCase.status !== CaseStatus.INVITED || victimCase.context.invitationsSent > 1)
        return TimerStatus.SKIPPED;
      const raised = await raiseTask(manager, victimCase.id, {
        kind: TaskKind.INVITATION_FOLLOW_UP,
        subjectId: victimCase.id,
        dueOn: timer.due_on,
      });
      return raised ? TimerStatus.FIRED : TimerStatus.SKIPPED;
    }
    case TimerKind.VICTIM_COMES_OF_AGE: {
      const victimCase = await lockCase(manager, timer.subject_id, { kind: "ALL" });
      // A closed case asks nothing more; contacts changed since the timer was set have their own timer.
      if (victimCase.status === CaseStatus.CLOSED) return TimerStatus.SKIPPED;
      const reader = {
        actor: TIMER_ACTOR,
        operation: "victimComesOfAgeTimer",
        correlationId: `timer-${timer.id}`,
        clientCorrelationId: null,
      };
      return (await raiseComingOfAgeTask(manager, victimCase, timer.due_on, reader))
        ? TimerStatus.FIRED
        : TimerStatus.SKIPPED;
    }
  }
}

function yearsSince(agreedOn: string, day: string): number {
  return Number(day.slice(0, 4)) - Number(agreedOn.slice(0, 4));
}

function isAnniversary(agreedOn: string, day: string): boolean {
  const years = yearsSince(agreedOn, day);
  return years >= 1 && addYears(agreedOn, years) === day;
}
