import type { EntityManager } from "typeorm";
import { InformationLevel } from "../domain/contact.enums";
import { TimerKind } from "../domain/timer.enums";
import { DEFAULT_INVITATION_TIMINGS, type InvitationTimings } from "./deadline-rules";
import { addDays, addYears } from "../domain/calendar";
import { addWorkingDays } from "./working-days";

export interface TimerSettings {
  invitation: InvitationTimings;
  /** Working days a sent letter or email waits for the victim's acknowledgement before it is escalated (an assumption). */
  acknowledgementWorkingDays: number;
}

export const DEFAULT_TIMER_SETTINGS: TimerSettings = { invitation: DEFAULT_INVITATION_TIMINGS, acknowledgementWorkingDays: 10 };

// Read once at start-up from the configuration, like the encryption key: the pipelines schedule
// timers deep inside a transaction, where no request configuration reaches.
let settings: TimerSettings = DEFAULT_TIMER_SETTINGS;

export function configureTimers(next: TimerSettings): void {
  settings = next;
}

export function timerSettings(): TimerSettings {
  return settings;
}

/** A timer row, in the caller's transaction; the same timer is never set twice. */
export async function scheduleTimer(manager: EntityManager, kind: TimerKind, subjectId: string, dueOn: string): Promise<void> {
  await manager.query(`INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ($1, $2, $3) ON CONFLICT ("kind", "subject_id", "due_on") DO NOTHING`, [kind, subjectId, dueOn]);
}


/** The first invitation starts the wait for a reply: a follow-up, then expiry. */
export function invitationExpiresOn(firstInvitationOn: string, timings: InvitationTimings = settings.invitation): string {
  return addWorkingDays(addWorkingDays(firstInvitationOn, timings.followUpWorkingDays), timings.expiryWorkingDays);
}

// The expiry day is the last day a reply is on time (as VictimCase.deadlines says): the timer
// fires the day after.
export async function scheduleInvitationExpiry(manager: EntityManager, caseId: string, invitedOn: string): Promise<void> {
  await scheduleTimer(manager, TimerKind.INVITATION_EXPIRY, caseId, addDays(invitationExpiresOn(invitedOn), 1));
}

/** The levels that hear once a year. */
export function hearsAnnually(level: InformationLevel): boolean {
  return level === InformationLevel.ANNUAL_LETTER || level === InformationLevel.KEY_STAGES;
}

export async function scheduleAnnualLetter(manager: EntityManager, caseId: string, agreedOn: string, level: InformationLevel): Promise<void> {
  if (hearsAnnually(level)) await scheduleTimer(manager, TimerKind.ANNUAL_LETTER, caseId, addYears(agreedOn, 1));
}

export async function scheduleAcknowledgementDue(manager: EntityManager, notificationId: string, sentOn: string): Promise<void> {
  await scheduleTimer(manager, TimerKind.ACKNOWLEDGEMENT_DUE, notificationId, addDays(addWorkingDays(sentOn, settings.acknowledgementWorkingDays), 1));
}
