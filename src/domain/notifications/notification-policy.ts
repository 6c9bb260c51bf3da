import { CaseStatus, ENGAGED_STATUSES } from "../cases/case.enums";
import { ContactChannel, InformationLevel } from "../cases/contact.enums";
import { CustodyEventType } from "../custody/custody.enums";
import { NotificationKind } from "./notification.enums";
import type { ContactPlanChoice } from "../../machines/machine-events";

/** Something that happened that a victim may be told of. */
export type NotificationTrigger =
  | { type: "CUSTODY_EVENT"; custodyEvent: CustodyEventType }
  | { type: "RELEASE_MONTH_CHANGED" }
  /** A plan was agreed, or HMPPS recorded the release month, while the month is known. */
  | { type: "RELEASE_MONTH_KNOWN" }
  | { type: "ANNUAL_LETTER" }
  /** The lead time before the expected release has come: the month is confirmed once more. */
  | { type: "RELEASE_CONFIRMATION_DUE" }
  /** The decision on a licence condition the victim asked for. */
  | { type: "LICENCE_CONDITION_DECIDED" };

export interface CaseForPolicy {
  /** The case's status before the event: a case closed by the event itself still gets its last notice. */
  status: CaseStatus;
  contactPlan: ContactPlanChoice | null;
  /** Channels the contact has a detail for. */
  reachableChannels: readonly ContactChannel[];
}

export interface DueNotification {
  kind: NotificationKind;
  channel: ContactChannel;
  /** A same-day phone call for the officer, whatever the plan says. */
  urgent: boolean;
}

// Which kind each custody event is told as; events not listed (a transfer to or between hospitals,
// whose details are medical and confidential) are not told.
const CUSTODY_KIND: Partial<Record<CustodyEventType, NotificationKind>> = {
  [CustodyEventType.MOVED_TO_OPEN_CONDITIONS]: NotificationKind.OPEN_CONDITIONS,
  [CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS]: NotificationKind.OPEN_CONDITIONS,
  [CustodyEventType.TEMPORARY_RELEASE]: NotificationKind.TEMPORARY_RELEASE,
  [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: NotificationKind.PAROLE_REFERRAL,
  [CustodyEventType.PAROLE_DECISION]: NotificationKind.PAROLE_DECISION,
  [CustodyEventType.RECONSIDERATION_APPLIED]: NotificationKind.PAROLE_RECONSIDERATION,
  [CustodyEventType.RECONSIDERATION_REFUSED]: NotificationKind.PAROLE_RECONSIDERATION,
  [CustodyEventType.DECISION_SET_ASIDE]: NotificationKind.PAROLE_RECONSIDERATION,
  [CustodyEventType.RELEASED_ON_LICENCE]: NotificationKind.RELEASE,
  [CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW]: NotificationKind.RELEASE,
  [CustodyEventType.RE_RELEASED]: NotificationKind.RELEASE,
  [CustodyEventType.RECALLED]: NotificationKind.RECALL,
  [CustodyEventType.LICENCE_ENDED]: NotificationKind.LICENCE_END,
  [CustodyEventType.UNLAWFULLY_AT_LARGE]: NotificationKind.UNLAWFULLY_AT_LARGE,
  [CustodyEventType.RETURNED_TO_CUSTODY]: NotificationKind.RETURNED_TO_CUSTODY,
  [CustodyEventType.REMOVED_FROM_UK]: NotificationKind.REMOVED_FROM_UK,
  [CustodyEventType.RETURNED_TO_UK]: NotificationKind.RETURNED_TO_UK,
  [CustodyEventType.HOSPITAL_LEAVE_GRANTED]: NotificationKind.HOSPITAL_LEAVE,
  [CustodyEventType.CONDITIONALLY_DISCHARGED]: NotificationKind.CONDITIONAL_DISCHARGE,
  [CustodyEventType.RECALLED_TO_HOSPITAL]: NotificationKind.RECALL_TO_HOSPITAL,
  [CustodyEventType.ABSOLUTELY_DISCHARGED]: NotificationKind.ABSOLUTE_DISCHARGE,
  [CustodyEventType.DIED]: NotificationKind.OFFENDER_DIED,
};

// The Parole Board's process is the victim's to take part in whatever their level: every opted-in
// victim may make a personal statement, ask for licence conditions and ask for a decision summary
// or reconsideration (Victims' Code right 7; DVCVA 2004 s.35), so every level hears of it.
const PAROLE_PROCESS = [
  NotificationKind.PAROLE_REFERRAL,
  NotificationKind.PAROLE_DECISION,
  NotificationKind.PAROLE_RECONSIDERATION,
];

// The first level of the scheme is knowing the month of release (issue 11 §8): every level is told
// it when the plan is agreed and when HMPPS confirms it.
const RELEASE_MONTH = [NotificationKind.EXPECTED_RELEASE_MONTH, NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION];

// A victim who asked for a licence condition is told what was decided, and why, whatever their
// level: the request is their own (DVCVA 2004 s.35(7); issue 11 §10).
const OWN_REQUESTS = [NotificationKind.LICENCE_CONDITION_DECISION];

// Whatever ends the victim's contact ends it at every level, so every level is told why: the
// licence ended, the offender died or was removed from the UK (issue 11 §13).
const CLOSING = [
  NotificationKind.LICENCE_END,
  NotificationKind.ABSOLUTE_DISCHARGE,
  NotificationKind.OFFENDER_DIED,
  NotificationKind.REMOVED_FROM_UK,
];
// A restricted patient's discharge and recall are told at every level, as a release and a recall
// are (DVCVA 2004 s.38).
const HOSPITAL_DISCHARGE = [NotificationKind.CONDITIONAL_DISCHARGE, NotificationKind.RECALL_TO_HOSPITAL];
// And whatever resumes it after removal (issue 11 §13).
const REOPENING = [NotificationKind.RETURNED_TO_UK];

// What each information level hears (issue "Contact plans in action" §1). A release, the parole
// process and the closing letter are told to every level; KEY_STAGES hears everything
// RELEASE_MONTH_ONLY does, and every key stage.
const TOLD: Record<InformationLevel, ReadonlySet<NotificationKind>> = {
  [InformationLevel.RELEASE_MONTH_ONLY]: new Set([
    ...RELEASE_MONTH,
    ...OWN_REQUESTS,
    NotificationKind.RELEASE_MONTH_CHANGED,
    ...PAROLE_PROCESS,
    NotificationKind.RELEASE,
    NotificationKind.RECALL,
    ...HOSPITAL_DISCHARGE,
    ...CLOSING,
    ...REOPENING,
  ]),
  [InformationLevel.ANNUAL_LETTER]: new Set([
    ...RELEASE_MONTH,
    ...OWN_REQUESTS,
    NotificationKind.ANNUAL_LETTER,
    ...PAROLE_PROCESS,
    NotificationKind.RELEASE,
    NotificationKind.RECALL,
    ...HOSPITAL_DISCHARGE,
    ...CLOSING,
    ...REOPENING,
  ]),
  [InformationLevel.KEY_STAGES]: new Set([
    ...RELEASE_MONTH,
    ...OWN_REQUESTS,
    NotificationKind.RELEASE_MONTH_CHANGED,
    NotificationKind.OPEN_CONDITIONS,
    NotificationKind.TEMPORARY_RELEASE,
    NotificationKind.HOSPITAL_LEAVE,
    ...PAROLE_PROCESS,
    NotificationKind.RELEASE,
    NotificationKind.RECALL,
    ...HOSPITAL_DISCHARGE,
    NotificationKind.LICENCE_END,
    NotificationKind.ABSOLUTE_DISCHARGE,
    NotificationKind.REMOVED_FROM_UK,
    ...REOPENING,
    NotificationKind.OFFENDER_DIED,
    NotificationKind.ANNUAL_LETTER,
  ]),
};

// An escape or abscond is a safety matter: every engaged victim gets a call the same day (R24),
// and the same victims get a call when the offender is back in custody.
const URGENT: ReadonlySet<NotificationKind> = new Set([NotificationKind.UNLAWFULLY_AT_LARGE]);
/** Kinds the officer telephones about whatever the plan says: their channel never follows the contacts. */
export const CALL_EVERY_LEVEL: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.UNLAWFULLY_AT_LARGE,
  NotificationKind.RETURNED_TO_CUSTODY,
]);

/** The kind a trigger is told as, or null when it is not told. */
export function notificationKindOf(trigger: NotificationTrigger): NotificationKind | null {
  switch (trigger.type) {
    case "CUSTODY_EVENT":
      return CUSTODY_KIND[trigger.custodyEvent] ?? null;
    case "RELEASE_MONTH_CHANGED":
      return NotificationKind.RELEASE_MONTH_CHANGED;
    case "ANNUAL_LETTER":
      return NotificationKind.ANNUAL_LETTER;
    case "RELEASE_MONTH_KNOWN":
      return NotificationKind.EXPECTED_RELEASE_MONTH;
    case "RELEASE_CONFIRMATION_DUE":
      return NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION;
    case "LICENCE_CONDITION_DECIDED":
      return NotificationKind.LICENCE_CONDITION_DECISION;
  }
}

/**
 * Which notifications fall due on a case for an event: none unless the victim is engaged (a
 * victim who declined, opted out or whose case is closed is told nothing), then what their level
 * hears, by the first channel of their plan the contact has a detail for.
 */
export function notificationsDue(victimCase: CaseForPolicy, trigger: NotificationTrigger): DueNotification[] {
  const kind = notificationKindOf(trigger);
  if (!kind || !ENGAGED_STATUSES.has(victimCase.status) || !victimCase.contactPlan) return [];
  if (CALL_EVERY_LEVEL.has(kind)) return [{ kind, channel: ContactChannel.PHONE, urgent: URGENT.has(kind) }];
  // A release the Board directs is not a release: the release letter waits for the release itself.
  if (!TOLD[victimCase.contactPlan.informationLevel].has(kind)) return [];
  return [{ kind, channel: channelFor(victimCase.contactPlan, victimCase.reachableChannels), urgent: false }];
}

/**
 * The first channel of the plan the contacts have a detail for. With none, the officer still owes
 * the victim the news: a letter, which waits for an address.
 */
export function channelFor(plan: ContactPlanChoice, reachableChannels: readonly ContactChannel[]): ContactChannel {
  return plan.channels.find((candidate) => reachableChannels.includes(candidate)) ?? ContactChannel.LETTER;
}
