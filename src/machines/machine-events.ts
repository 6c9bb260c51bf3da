import type { CaseStatus, CloseReason, DeclineReason } from "../domain/cases/case.enums";
import type { ContactChannel, InformationLevel } from "../domain/cases/contact.enums";
import type {
  CustodyConditions,
  CustodyEventType,
  CustodyPhase,
  ParoleOutcome,
  RecallType,
} from "../domain/custody/custody.enums";
import type { SentenceType } from "../domain/sentences/sentence.enums";

// ---- Custody machine (DESIGN §3.1) ----

export type CustodyContext = {
  sentenceType: SentenceType;
  conditions: CustodyConditions;
  // Where a parole review goes back to when the Board does not direct release.
  reviewReturnPhase: CustodyPhase.IN_CUSTODY | CustodyPhase.RECALLED | null;
  // The current recall; decides whether the Parole Board reviews it.
  recallType: RecallType | null;
  temporaryReleases: number;
  // Released early on a curfew (tag) before the automatic release date.
  homeDetentionCurfew: boolean;
  // Whether the sentence's length and offence allow a curfew at all (absent in older records: allowed).
  homeDetentionCurfewEligible?: boolean;
  // Whether the Parole Board may direct release (absent in older records: by sentence type).
  paroleEligible?: boolean;
  // A terrorist prisoner (CJA 2003 s.247A): parole at two thirds, standard recall only.
  terroristOffender?: boolean;
  // Unlawfully at large from licence: a recall, so the return is to RECALLED.
  atLargeOnLicence?: boolean;
  // The Board's release direction while the offender waits in custody (absent in older records).
  releaseDirection?: ReleaseDirection | null;
};

/** A Parole Board release direction not yet carried out (Parole Board Rules 2019 r.25, r.28). */
export type ReleaseDirection = {
  /** The day the decision was issued. */
  issuedOn: string;
  /** The last day a party may apply for reconsideration; null once none can (the decision is final). */
  reconsiderationClosesOn: string | null;
  /** A party has applied and the Board has not answered yet: release is held. */
  reconsiderationPending: boolean;
};

export type CustodyInput = {
  sentenceType: SentenceType;
  homeDetentionCurfewEligible?: boolean;
  paroleEligible?: boolean;
  terroristOffender?: boolean;
};

/**
 * An event of the offender's sentence. The pipeline adds `on`, the day it happened, for the guards
 * that depend on a window (a release direction is final only once its reconsideration window closes).
 */
export type CustodyEvent = (
  | { type: CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS }
  | { type: CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE }
  | { type: CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW }
  | { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS }
  | { type: CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS }
  | { type: CustodyEventType.TEMPORARY_RELEASE }
  | { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD }
  | { type: CustodyEventType.PAROLE_DECISION; outcome: ParoleOutcome }
  | { type: CustodyEventType.RECONSIDERATION_APPLIED }
  | { type: CustodyEventType.RECONSIDERATION_REFUSED }
  | { type: CustodyEventType.DECISION_SET_ASIDE }
  | { type: CustodyEventType.RELEASED_ON_LICENCE }
  | { type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW }
  | { type: CustodyEventType.TRANSFERRED_TO_HOSPITAL }
  | { type: CustodyEventType.RETURNED_FROM_HOSPITAL }
  | { type: CustodyEventType.RECALLED; recallType: RecallType }
  | { type: CustodyEventType.RE_RELEASED }
  | { type: CustodyEventType.UNLAWFULLY_AT_LARGE }
  | { type: CustodyEventType.RETURNED_TO_CUSTODY }
  | { type: CustodyEventType.LICENCE_ENDED }
  | { type: CustodyEventType.DIED }
  | { type: CustodyEventType.REMOVED_FROM_UK }
  | { type: CustodyEventType.RETURNED_TO_UK }
  | { type: CustodyEventType.HOSPITAL_LEAVE_GRANTED }
  | { type: CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS }
  | { type: CustodyEventType.CONDITIONALLY_DISCHARGED }
  | { type: CustodyEventType.RECALLED_TO_HOSPITAL }
  | { type: CustodyEventType.ABSOLUTELY_DISCHARGED }
) & { on?: string };

export type CustodyRefusalCode = "TRANSITION_NOT_ALLOWED" | "NOT_ELIGIBLE" | "DEADLINE_PASSED" | "DECISION_NOT_FINAL";

// ---- Victim case machine (DESIGN §3.2) ----

export type ContactPlanChoice = {
  informationLevel: InformationLevel;
  // In the victim's order of preference.
  channels: ContactChannel[];
};

export type CaseContext = {
  // Kept whatever the status, so a victim who opts in late lands in the right place.
  custodyPhase: CustodyPhase;
  // Channels the contact has a detail for: LETTER = address, PHONE = phone, EMAIL = email.
  reachableChannels: ContactChannel[];
  contactPlan: ContactPlanChoice | null;
  declineReason: DeclineReason | null;
  invitationsSent: number;
  closeReason: CloseReason | null;
  // The status a phase that ends contact closed the case from: a case closed by the offender's
  // removal reopens from it if they return (absent in cases closed before it was kept).
  statusWhenClosed?: CaseStatus | null;
};

export type CaseInput = {
  custodyPhase: CustodyPhase;
  reachableChannels: ContactChannel[];
};

type SendInvitationEvent = { type: "SEND_INVITATION"; channel: ContactChannel; visitOffered?: boolean };
type RecordOptInEvent = { type: "RECORD_OPT_IN" };
type RecordDeclineEvent = { type: "RECORD_DECLINE" };
type InvitationExpiredEvent = { type: "INVITATION_EXPIRED" };
type AgreeContactPlanEvent = { type: "AGREE_CONTACT_PLAN" } & ContactPlanChoice;
export type CustodyChangedEvent = { type: "CUSTODY_CHANGED"; custodyPhase: CustodyPhase };
type RecordOptOutEvent = { type: "RECORD_OPT_OUT" };
/** A contact was added, changed or removed: the channels the case's contacts can be reached by now. */
type ContactsChangedEvent = { type: "CONTACTS_CHANGED"; reachableChannels: ContactChannel[] };
type CloseCaseEvent = { type: "CLOSE"; reason: CloseReason };

export type CaseEvent =
  | SendInvitationEvent
  | RecordOptInEvent
  | RecordDeclineEvent
  | InvitationExpiredEvent
  | AgreeContactPlanEvent
  | CustodyChangedEvent
  | RecordOptOutEvent
  | ContactsChangedEvent
  | CloseCaseEvent;

export type CaseEventType = CaseEvent["type"];

// Keyed by type so the compiler checks the list is complete (no enum exists for these in src/domain).
const CASE_EVENT_TYPE_KEYS: Record<CaseEventType, true> = {
  SEND_INVITATION: true,
  RECORD_OPT_IN: true,
  RECORD_DECLINE: true,
  INVITATION_EXPIRED: true,
  AGREE_CONTACT_PLAN: true,
  CUSTODY_CHANGED: true,
  RECORD_OPT_OUT: true,
  CONTACTS_CHANGED: true,
  CLOSE: true,
};

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_TYPE_KEYS) as readonly CaseEventType[];

export type CaseRefusalCode = "TRANSITION_NOT_ALLOWED" | "SENTENCE_ENDED" | "INVALID_INPUT";
