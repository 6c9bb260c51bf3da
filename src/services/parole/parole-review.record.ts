import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import {
  applicationsDueOn,
  decisionSummaryClosesOn,
  reconsiderationClosesOn,
  statementDueOn,
} from "../../domain/parole/parole-deadlines";
import type { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import { explainParoleRefusal, paroleReviewMachine, paroleReviewContext } from "../../machines/parole-review.machine";
import type { ParoleReviewContext, ParoleReviewEvent } from "../../machines/parole-review-events";
import type { StatefulRecord } from "../pipeline/stateful-record";

// The message names the deadline that has passed, so the officer can tell the victim.
function refusalMessage(code: string, review: ParoleReviewContext, event: ParoleReviewEvent): string {
  if (code === "DEADLINE_PASSED") {
    const hearing = review.targetHearingDate ?? "";
    const issued = review.decisionIssuedOn ?? "";
    switch (event.type) {
      case "INVITE_STATEMENT":
      case "SUBMIT_STATEMENT":
        return `The personal statement was due by ${statementDueOn(hearing)}, 28 days before the hearing.`;
      case "APPLY_TO_OBSERVE":
      case "APPLY_FOR_PUBLIC_HEARING":
        return `Applications closed on ${applicationsDueOn(hearing)}, 12 weeks before the hearing.`;
      case "REQUEST_RECONSIDERATION":
        return `The reconsideration window closed on ${reconsiderationClosesOn(issued)}, 21 days after the decision.`;
      case "REQUEST_DECISION_SUMMARY":
        return `Decision summaries can be requested until ${decisionSummaryClosesOn(issued)}, 6 months after the decision.`;
    }
  }
  if (code === "NOT_ELIGIBLE") {
    switch (event.type) {
      case "APPLY_TO_OBSERVE":
        return "The review is decided on the papers: there is no hearing to observe.";
      case "APPLY_FOR_PUBLIC_HEARING":
        return "The hearing is already to be held in public.";
      case "REQUEST_RECONSIDERATION":
        return "Reconsideration applies only to release or no-release decisions on extended, SOPC and indeterminate sentences.";
    }
  }
  return `The parole review (${review.outcome ? "decided" : "not yet decided"}) does not allow this step now.`;
}

const REFUSAL_FIELD: Partial<Record<ParoleReviewEvent["type"], string[]>> = {
  SCHEDULE_HEARING: ["input", "paroleReviewId"],
  DECIDE: ["input", "paroleReviewId"],
};

/** The columns of a parole review its machine reads. */
export type StoredReview = Pick<
  ParoleReviewEntity,
  | "id"
  | "version"
  | "status"
  | "sentenceType"
  | "referredOn"
  | "targetHearingDate"
  | "hearingType"
  | "outcome"
  | "decisionIssuedOn"
>;

/** A parole review (DESIGN §4): referred, a hearing scheduled, then decided or ended; its context is stored in columns. */
export const PAROLE_REVIEW_RECORD: StatefulRecord<StoredReview, ParoleReviewEvent> = {
  noun: "parole review",
  table: "parole_review",
  statusColumn: "status",
  machine: paroleReviewMachine,
  updatedAt: true,
  stateOf: (review) => ({ value: review.status, context: paroleReviewContext(review) }),
  explain: (snapshot, event) => explainParoleRefusal(snapshot, event),
  refuse: (review, code, event) =>
    new DomainError(
      UserErrorCode[code as keyof typeof UserErrorCode],
      refusalMessage(code, paroleReviewContext(review), event),
      REFUSAL_FIELD[event.type] ?? ["input", "paroleReviewId"],
    ),
  columns(next) {
    const context = next.context as ParoleReviewContext;
    return {
      target_hearing_date: context.targetHearingDate,
      hearing_type: context.hearingType,
      outcome: context.outcome,
      decision_issued_on: context.decisionIssuedOn,
    };
  },
};
