import type { EntityManager } from "typeorm";
import { InformationLevel } from "../../domain/cases/contact.enums";
import { TimerKind, TimerStatus } from "../../domain/work/timer.enums";
import { today } from "../../domain/calendar/london-date";
import {
  DEFAULT_INVITATION_TIMINGS,
  DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
  type InvitationTimings,
} from "../../domain/work/deadline-rules";
import { addDays, addYears } from "../../domain/calendar/calendar";
import { addWorkingDays } from "../../domain/calendar/working-days";
import { applyEventToMatching, insertRecordsLater } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { TIMER_RECORD } from "./timer.record";
import { selectRows } from "../platform/sql";

export interface TimerSettings {
  invitation: InvitationTimings;
  /** Days before the expected release that every victim is sent a final confirmation of the month (an assumption). */
  releaseConfirmationLeadDays: number;
  /** Working days a sent letter or email waits for the victim's acknowledgement before it is escalated (an assumption). */
  acknowledgementWorkingDays: number;
}

/** The documented assumptions; the configuration may set others (README, Configuration). */
export const DEFAULT_TIMER_SETTINGS: TimerSettings = {
  invitation: DEFAULT_INVITATION_TIMINGS,
  acknowledgementWorkingDays: 10,
  releaseConfirmationLeadDays: DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
};

/** A timer row, in the caller's transaction; the same timer is never set twice. */
export async function scheduleTimer(
  manager: EntityManager,
  kind: TimerKind,
  subjectId: string,
  dueOn: string,
): Promise<void> {
  await scheduleTimers(manager, [{ kind, subjectId, dueOn }]);
}

/** Several timers in one statement. */
async function scheduleTimers(
  manager: EntityManager,
  timers: readonly { kind: TimerKind; subjectId: string; dueOn: string }[],
): Promise<void> {
  await insertRecordsLater(
    manager,
    TIMER_RECORD,
    timers.map((timer) => ({ values: { kind: timer.kind, subject_id: timer.subjectId, due_on: timer.dueOn } })),
    { onConflict: new SqlExpression(`ON CONFLICT ("kind", "subject_id", "due_on") DO NOTHING`) },
  );
}

/** The day a follow-up letter is due when the first invitation has had no reply. */
export function invitationFollowUpOn(
  firstInvitationOn: string,
  timings: InvitationTimings = DEFAULT_INVITATION_TIMINGS,
): string {
  return addWorkingDays(firstInvitationOn, timings.followUpWorkingDays);
}

/** The first invitation starts the wait for a reply: a follow-up, then expiry. */
export function invitationExpiresOn(
  firstInvitationOn: string,
  timings: InvitationTimings = DEFAULT_INVITATION_TIMINGS,
): string {
  return addWorkingDays(invitationFollowUpOn(firstInvitationOn, timings), timings.expiryWorkingDays);
}

// The follow-up task is raised on its day (the day VictimCase.deadlines shows it due). The expiry
// day is the last day a reply is on time: that timer fires the day after.
export async function scheduleInvitationTimers(
  manager: EntityManager,
  caseId: string,
  invitedOn: string,
  timings: InvitationTimings,
): Promise<void> {
  await scheduleTimers(manager, [
    { kind: TimerKind.INVITATION_FOLLOW_UP, subjectId: caseId, dueOn: invitationFollowUpOn(invitedOn, timings) },
    {
      kind: TimerKind.INVITATION_EXPIRY,
      subjectId: caseId,
      dueOn: addDays(invitationExpiresOn(invitedOn, timings), 1),
    },
  ]);
}

/** The levels that hear once a year. */
export function hearsAnnually(level: InformationLevel): boolean {
  return level === InformationLevel.ANNUAL_LETTER || level === InformationLevel.KEY_STAGES;
}

export async function scheduleAnnualLetter(
  manager: EntityManager,
  caseId: string,
  agreedOn: string,
  level: InformationLevel,
): Promise<void> {
  if (hearsAnnually(level)) await scheduleTimer(manager, TimerKind.ANNUAL_LETTER, caseId, addYears(agreedOn, 1));
}

/** A reopened case's plan, if it hears yearly, is due its next anniversary after `day`. */
export async function resumeAnnualLetters(manager: EntityManager, caseId: string, day: string): Promise<void> {
  const [plan] = await selectRows<{ agreed_on: string; information_level: InformationLevel }>(
    manager,
    `SELECT "agreed_on"::text AS "agreed_on", "information_level" FROM "contact_plan" WHERE "case_id" = $1`,
    [caseId],
  );
  if (plan && hearsAnnually(plan.information_level))
    await scheduleTimer(manager, TimerKind.ANNUAL_LETTER, caseId, nextAnniversaryAfter(plan.agreed_on, day));
}

/** The first anniversary of a plan agreed on `agreedOn` after `day`. */
function nextAnniversaryAfter(agreedOn: string, day: string): string {
  let years = Math.max(1, Number(day.slice(0, 4)) - Number(agreedOn.slice(0, 4)));
  while (addYears(agreedOn, years) <= day) years += 1;
  return addYears(agreedOn, years);
}

export async function scheduleAcknowledgementDue(
  manager: EntityManager,
  notificationId: string,
  sentOn: string,
  acknowledgementWorkingDays: number,
): Promise<void> {
  await scheduleTimer(
    manager,
    TimerKind.ACKNOWLEDGEMENT_DUE,
    notificationId,
    addDays(addWorkingDays(sentOn, acknowledgementWorkingDays), 1),
  );
}

// Month-only victims hear the month when their plan is agreed and when HMPPS confirms it, and once
// more a set lead time before the release (issue 11 §8). The lead time is configuration
// (RELEASE_CONFIRMATION_LEAD_DAYS): the scheme's guidance asks for contact "before release" and
// gives no figure, so the default is an assumption.

/**
 * Sets the offender's one confirmation timer for the release date now in force, replacing any
 * other still pending (the dates changed). None when there is no release date, or when the lead
 * time has already begun: the letter about the new dates is then the victim's last word before it.
 */
export async function scheduleReleaseConfirmation(
  manager: EntityManager,
  offenderId: string,
  releaseDate: string | null,
  leadDays: number,
): Promise<void> {
  const dueOn = releaseDate ? addDays(releaseDate, -leadDays) : null;
  const due = dueOn !== null && dueOn >= today() ? dueOn : null;
  await applyEventToMatching(
    manager,
    TIMER_RECORD,
    { type: "SKIP" },
    {
      from: [TimerStatus.PENDING],
      contextOf: () => undefined,
      where: new SqlExpression(`"kind" = ? AND "subject_id" = ? AND "due_on" IS DISTINCT FROM ?::date`, [
        TimerKind.RELEASE_CONFIRMATION,
        offenderId,
        due,
      ]),
    },
  );
  if (due) await scheduleTimer(manager, TimerKind.RELEASE_CONFIRMATION, offenderId, due);
}
