import { CaseStatus, CloseReason } from "../domain/cases/case.enums";
import { CustodyPhase } from "../domain/custody/custody.enums";

// An opted-in victim with a plan follows the offender: the case status mirrors the custody phase
// (DESIGN §3.2), and a final phase ends the victim's contact.
const ENGAGED_STATUS_BY_PHASE: Readonly<Record<CustodyPhase, CaseStatus>> = {
  [CustodyPhase.IN_CUSTODY]: CaseStatus.ACTIVE,
  // Still serving the sentence: the victim stays informed as if in custody.
  [CustodyPhase.UNLAWFULLY_AT_LARGE]: CaseStatus.ACTIVE,
  [CustodyPhase.PAROLE_REVIEW]: CaseStatus.PAROLE,
  // Still in custody: the victim stays in the parole stage until the release itself.
  [CustodyPhase.RELEASE_DIRECTED]: CaseStatus.PAROLE,
  [CustodyPhase.RELEASED]: CaseStatus.RELEASED,
  [CustodyPhase.RECALLED]: CaseStatus.RECALLED,
  [CustodyPhase.SENTENCE_ENDED]: CaseStatus.CLOSED,
  [CustodyPhase.DECEASED]: CaseStatus.CLOSED,
  [CustodyPhase.REMOVED_FROM_UK]: CaseStatus.CLOSED,
};

const CLOSE_REASON_BY_FINAL_PHASE: Readonly<Partial<Record<CustodyPhase, CloseReason>>> = {
  [CustodyPhase.SENTENCE_ENDED]: CloseReason.SENTENCE_ENDED,
  [CustodyPhase.DECEASED]: CloseReason.OFFENDER_DIED,
  [CustodyPhase.REMOVED_FROM_UK]: CloseReason.OFFENDER_REMOVED_FROM_UK,
};

export function engagedStatusFor(phase: CustodyPhase): CaseStatus {
  return ENGAGED_STATUS_BY_PHASE[phase];
}

// Null for a phase that is not final: only the end of the sentence closes a case by itself.
export function closeReasonForFinalPhase(phase: CustodyPhase): CloseReason | null {
  return CLOSE_REASON_BY_FINAL_PHASE[phase] ?? null;
}
