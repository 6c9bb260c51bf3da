import { isInScheme, type CaseStatus } from "../../domain/cases/case.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { ParoleRequestKind, type StatementStatus } from "../../domain/parole/parole.enums";
import type { VictimStepType } from "../../machines/parole-review.machine";
import {
  explainStatementRefusal,
  personalStatementSnapshot,
  type PersonalStatementEvent,
} from "../../machines/personal-statement.machine";
import { refusalOf } from "../pipeline/apply-event";
import { PAROLE_REVIEW_RECORD, type StoredReview } from "./parole-review.record";
import { PERSONAL_STATEMENT_RECORD } from "./personal-statement.record";

// The rules a victim's parole step is checked against, written once: the parole step service
// throws the first that applies, and the case's view of a review lists every one (no I/O here).

/** Only a victim in the scheme takes parole steps: the VLO is how they reach the Board. */
export function notInSchemeRefusal(caseStatus: CaseStatus): DomainError | null {
  return isInScheme(caseStatus)
    ? null
    : new DomainError(
        UserErrorCode.TRANSITION_NOT_ALLOWED,
        "Only a victim who has opted in to the scheme takes parole steps through it.",
        ["input", "caseId"],
      );
}

/** One request of each kind per case and review. */
export function alreadyRequestedRefusal(): DomainError {
  return new DomainError(
    UserErrorCode.ALREADY_RECORDED,
    "This request has already been recorded for this case and review.",
    ["input", "paroleReviewId"],
  );
}

/** The review step each request is checked as. */
export const PAROLE_REQUEST_STEPS: Readonly<Record<ParoleRequestKind, VictimStepType>> = {
  [ParoleRequestKind.OBSERVE_HEARING]: "APPLY_TO_OBSERVE",
  [ParoleRequestKind.PUBLIC_HEARING]: "APPLY_FOR_PUBLIC_HEARING",
  [ParoleRequestKind.RECONSIDERATION]: "REQUEST_RECONSIDERATION",
  [ParoleRequestKind.DECISION_SUMMARY]: "REQUEST_DECISION_SUMMARY",
};

const STATEMENT_EVENTS: Partial<Record<VictimStepType, PersonalStatementEvent>> = {
  INVITE_STATEMENT: { type: "INVITE" },
  SUBMIT_STATEMENT: { type: "SUBMIT" },
};

// The statement machine's refusal: ALREADY_RECORDED for a step its stored state already records.
function statementRefusal(status: StatementStatus | null, event: PersonalStatementEvent): DomainError | null {
  const code = explainStatementRefusal(personalStatementSnapshot(status), event);
  // With no statement yet, both steps are open.
  return code && status ? PERSONAL_STATEMENT_RECORD.refuse({ id: "", status }, code, event) : null;
}

export interface ParoleStepFacts {
  caseStatus: CaseStatus;
  review: StoredReview;
  /** The case's statement for this review, if any. */
  statementStatus: StatementStatus | null;
  /** What the case has already asked for at this review. */
  requestedKinds: ReadonlySet<ParoleRequestKind>;
  /** The day the step would be taken (today). */
  on: string;
}

/**
 * Every refusal the step's mutation would answer now, in the order it checks them: the victim in
 * the scheme, the review's state, eligibility and deadlines, then a step already recorded (a
 * stale version aside).
 */
export function paroleStepRefusals(step: VictimStepType, facts: ParoleStepFacts): DomainError[] {
  const statementEvent = STATEMENT_EVENTS[step];
  const requested = Object.values(ParoleRequestKind).some(
    (kind) => PAROLE_REQUEST_STEPS[kind] === step && facts.requestedKinds.has(kind),
  );
  return [
    notInSchemeRefusal(facts.caseStatus),
    refusalOf(PAROLE_REVIEW_RECORD, facts.review, { type: step, on: facts.on }),
    statementEvent ? statementRefusal(facts.statementStatus, statementEvent) : null,
    requested ? alreadyRequestedRefusal() : null,
  ].filter((refusal) => refusal !== null);
}
