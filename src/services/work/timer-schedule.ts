import type { EntityManager } from "typeorm";
import { InformationLevel } from "../../domain/cases/contact.enums";
import { TimerKind } from "../../domain/work/timer.enums";
import { DEFAULT_INVITATION_TIMINGS, type InvitationTimings } from "../../domain/work/deadline-rules";
import { addDays, addYears } from "../../domain/calendar/calendar";
import { addWorkingDays } from "../../domain/calendar/working-days";
import { insertRecords } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { TIMER_RECORD } from "./timer.record";

export interface TimerSettings {
  invitation: InvitationTimings;
  /** Working days a sent letter or email waits for the victim's acknowledgement before it is escalated (an assumption). */
  acknowledgementWorkingDays: number;
}

/** The documented assumptions; the configuration may set others (README, Configuration). */
export const DEFAULT_TIMER_SETTINGS: TimerSettings = {
  invitation: DEFAULT_INVITATION_TIMINGS,
  acknowledgementWorkingDays: 10,
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
  await insertRecords(
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
