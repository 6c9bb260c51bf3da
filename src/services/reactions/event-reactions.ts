import type { EntityManager } from "typeorm";
import { CaseStatus, isInScheme } from "../../domain/cases/case.enums";
import { today } from "../../domain/calendar/london-date";
import { CustodyEventType } from "../../domain/custody/custody.enums";
import {
  notificationKindOf,
  notificationsDue,
  type NotificationTrigger,
} from "../../domain/notifications/notification-policy";
import { LISTS_LICENCE_CONDITIONS } from "../../domain/notifications/notification-templates";
import { TaskKind } from "../../domain/work/task.enums";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import type { CaseContext, CaseEvent, CustodyEvent } from "../../machines/machine-events";
import {
  applyCaseEvent,
  caseIdsToReopenOf,
  openCaseIdsOf,
  type CaseChange,
  type TransitionOptions,
} from "../cases/case-transition.service";
import {
  applyCustodyEvent,
  type AppliedCustodyEvent,
  type CustodyEventOptions,
} from "../custody/custody-transition.service";
import {
  cancelOpenNotifications,
  followContactDetails,
  queueNotifications,
} from "../notifications/notification-outbox";
import { followCustodyEvent } from "../parole/parole-review.service";
import { notificationFactsFor, withLicenceConditions } from "../sentences/key-dates.service";
import { notifiedLicenceConditionsByCase } from "../licence-conditions/notified-licence-conditions";
import { closeOpenTasks, raiseStatementTasksAgain, raiseTask } from "../work/task-outbox";
import { addWorkingDays } from "../../domain/calendar/working-days";
import {
  DEFAULT_TIMER_SETTINGS,
  resumeAnnualLetters,
  scheduleAnnualLetter,
  scheduleInvitationTimers,
  type TimerSettings,
} from "../work/timer-schedule";

// What follows an event, declared in one place (DESIGN §4): the pipelines change one record; the
// rules below say what else the same transaction does. Every caller changes a case or an
// offender's custody through changeCase and changeCustody, so no path can skip them.

// The engaged statuses in which the offender has not been released yet.
const OFFENDER_INSIDE: ReadonlySet<CaseStatus> = new Set([CaseStatus.ACTIVE, CaseStatus.PAROLE]);

// Coming of age gives the adult victim their own say: a parent or guardian opting out for them
// does not take away the officer's task to ask the victim themselves.
const TASKS_ENDED_BY_OPT_OUT = Object.values(TaskKind).filter((kind) => kind !== TaskKind.CONTACT_VICTIM_DIRECTLY);

const CONSIDERATIONS: ReadonlySet<CustodyEventType> = new Set([
  CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS,
  CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE,
  CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW,
]);

/**
 * Working days the officer has to ask the victim's views before a decision on a key stage: an
 * assumption (the Policy Framework's figure is not public).
 */
const SEEK_VIEWS_WORKING_DAYS = 10;

const RECONSIDERATION_STEPS: ReadonlySet<CustodyEventType> = new Set([
  CustodyEventType.RECONSIDERATION_APPLIED,
  CustodyEventType.RECONSIDERATION_REFUSED,
  CustodyEventType.DECISION_SET_ASIDE,
]);

export interface CaseChangeOptions extends TransitionOptions {
  /** The configured timer settings (the composition root's); the documented defaults otherwise. */
  timers?: TimerSettings;
}

/** A case's event, and what follows it. */
export async function changeCase(
  manager: EntityManager,
  caseId: string,
  event: CaseEvent,
  options: CaseChangeOptions,
): Promise<CaseChange> {
  const change = await applyCaseEvent(manager, caseId, event, options);
  await followCaseEvent(manager, change, event, options);
  return change;
}

async function followCaseEvent(
  manager: EntityManager,
  change: CaseChange,
  event: CaseEvent,
  options: CaseChangeOptions,
): Promise<void> {
  const { caseId, from, to } = change;
  // Deadlines become timers in the same transaction, so they survive any restart.
  if (event.type === "AGREE_CONTACT_PLAN" && change.planCycleStartedOn) {
    await scheduleAnnualLetter(manager, caseId, change.planCycleStartedOn, event.informationLevel);
  }
  // Knowing the month of release is the scheme's first level (issue 11 §8): a victim who agrees a
  // plan while the offender is still inside is told it at once, whatever their level.
  if (event.type === "AGREE_CONTACT_PLAN" && OFFENDER_INSIDE.has(to)) {
    const { victimCase } = change.records;
    const facts = await notificationFactsFor(manager, victimCase.offenderId);
    // A month already past is not an expected release: the officer checks the dates instead.
    const month = facts?.expectedReleaseMonth;
    if (month && month >= today().slice(0, 7) && !facts?.releaseDirection) {
      await queueNotifications(manager, {
        before: { id: caseId, status: to, context: victimCase.context },
        trigger: { type: "RELEASE_MONTH_KNOWN" },
        triggerId: change.transitionId,
        occurredOn: options.effectiveOn ?? today(),
        facts,
      });
    }
  }
  // A case reopened with a plan that hears yearly takes up its anniversaries again.
  if (from === CaseStatus.CLOSED && to !== CaseStatus.CLOSED) {
    await resumeAnnualLetters(manager, caseId, options.effectiveOn ?? today());
  }
  if (event.type === "SEND_INVITATION" && from === CaseStatus.REFERRED) {
    await scheduleInvitationTimers(
      manager,
      caseId,
      options.effectiveOn ?? today(),
      (options.timers ?? DEFAULT_TIMER_SETTINGS).invitation,
    );
  }
  // New details reach the victim by the news still waiting for them.
  if (event.type === "CONTACTS_CHANGED") {
    const context = change.records.victimCase.context as CaseContext;
    await followContactDetails(manager, caseId, context.contactPlan, event.reachableChannels);
  }
  // A victim who opts out, or whose case is closed, is told nothing more. (A final custody phase
  // closes cases through CUSTODY_CHANGED, whose last notice is written after this.)
  if (event.type === "RECORD_OPT_OUT" || event.type === "CLOSE") await cancelOpenNotifications(manager, caseId);

  // The officer's tasks close with the event that does their work or makes them moot.
  const closure = { actor: options.actor, reason: event.type };
  if (to === CaseStatus.CLOSED && from !== CaseStatus.CLOSED) {
    await closeOpenTasks(manager, { caseId }, { type: "CANCEL" }, closure);
  } else if (event.type === "RECORD_OPT_OUT") {
    await closeOpenTasks(manager, { caseId, kinds: TASKS_ENDED_BY_OPT_OUT }, { type: "CANCEL" }, closure);
  } else if (event.type === "SEND_INVITATION") {
    // The first invitation is the first contact; a second is the follow-up.
    const kind = from === CaseStatus.REFERRED ? TaskKind.FIRST_CONTACT : TaskKind.INVITATION_FOLLOW_UP;
    await closeOpenTasks(manager, { caseId, kinds: [kind] }, { type: "RESOLVE" }, closure);
  } else if (from === CaseStatus.INVITED && to !== CaseStatus.INVITED) {
    // A reply or the expiry leaves nothing to follow up.
    await closeOpenTasks(manager, { caseId, kinds: [TaskKind.INVITATION_FOLLOW_UP] }, { type: "CANCEL" }, closure);
  } else if (event.type === "RECORD_OPT_IN") {
    // Back in the scheme from DECLINED or OPTED_OUT: a statement still invited is owed its task again.
    await raiseStatementTasksAgain(manager, caseId);
  }
}

/**
 * The custody feed's event, and what follows it: the parole review keeps in step; every open case
 * of the offender hears of the new phase (its own history row, and the notifications its plan asks
 * for); a review decided or ended takes no more statements.
 */
export async function changeCustody(
  manager: EntityManager,
  offenderId: string,
  event: CustodyEvent,
  options: CustodyEventOptions,
): Promise<AppliedCustodyEvent> {
  const change = await applyCustodyEvent(manager, offenderId, event, options);
  // A referral opens a review; the Board's decision decides it; leaving it any other way ends it.
  const reviewClosedId = await followCustodyEvent(
    manager,
    offenderId,
    event,
    change.from,
    change.sentenceType,
    options.occurredOn,
  );

  // Cases are locked in id order, the same order every fan-out uses, so two fan-outs cannot deadlock.
  // A return to the UK also reaches the cases the removal closed, to reopen them (issue 11 §13).
  const openCaseIds =
    event.type === CustodyEventType.RETURNED_TO_UK
      ? await caseIdsToReopenOf(manager, offenderId)
      : await openCaseIdsOf(manager, offenderId);
  const trigger: NotificationTrigger = { type: "CUSTODY_EVENT", custodyEvent: event.type };
  const eventFacts = {
    paroleOutcome: event.type === CustodyEventType.PAROLE_DECISION ? event.outcome : null,
    reconsideration: RECONSIDERATION_STEPS.has(event.type) ? event.type : null,
    custody: change.context,
  };
  // Read once, and only when some case is to be told.
  let facts: Promise<NotificationFactsSnapshot | null> | undefined;
  const factsOnce = () => (facts ??= notificationFactsFor(manager, offenderId, eventFacts));
  // A release letter lists each victim's own licence conditions: every case's, in one statement.
  const toldAs = notificationKindOf(trigger);
  const conditions =
    toldAs && LISTS_LICENCE_CONDITIONS.has(toldAs)
      ? await notifiedLicenceConditionsByCase(manager, openCaseIds)
      : undefined;
  const affectedCases: VictimCaseEntity[] = [];
  for (const id of openCaseIds) {
    const caseChange = await changeCase(
      manager,
      id,
      { type: "CUSTODY_CHANGED", custodyPhase: change.to },
      {
        actor: options.actor,
        // The custody feed reaches every case of the offender, whichever region holds it.
        scope: { kind: "ALL" },
        reason: event.type,
        effectiveOn: options.occurredOn,
      },
    );
    const { victimCase } = caseChange.records;
    // Whether the victim is told depends on the case as it was before the event, so a case the
    // event closes still gets its last notice; a case it reopens is told as it is now.
    const toldWhile = caseChange.from === CaseStatus.CLOSED ? caseChange.to : caseChange.from;
    const before = { id, status: toldWhile, context: victimCase.context };
    const reachable = { contactPlan: before.context.contactPlan, reachableChannels: before.context.reachableChannels };
    if (notificationsDue({ status: before.status, ...reachable }, trigger).length > 0) {
      await queueNotifications(manager, {
        before,
        trigger,
        triggerId: caseChange.transitionId,
        occurredOn: options.occurredOn,
        facts: withLicenceConditions(await factsOnce(), conditions?.get(id)),
      });
    }
    // Before a decision on a key stage, the officer asks each victim in the scheme for their views.
    if (CONSIDERATIONS.has(event.type) && isInScheme(caseChange.to)) {
      await raiseTask(manager, id, {
        kind: TaskKind.SEEK_VICTIM_VIEWS,
        subjectId: change.custodyEventId,
        dueOn: addWorkingDays(options.occurredOn, SEEK_VIEWS_WORKING_DAYS),
      });
    }
    affectedCases.push(victimCase);
  }
  // After the fan-out, so that tasks are locked after their cases, in the order every other path takes them.
  if (reviewClosedId) {
    await closeOpenTasks(
      manager,
      { subjectId: reviewClosedId, kinds: [TaskKind.PERSONAL_STATEMENT] },
      { type: "CANCEL" },
      { actor: options.actor, reason: event.type },
    );
  }
  return { offenderId, custodyEventId: change.custodyEventId, affectedCaseIds: openCaseIds, affectedCases };
}
