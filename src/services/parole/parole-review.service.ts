import type { EntityManager } from "typeorm";
import { transition } from "xstate";
import { CustodyEventType, CustodyPhase } from "../../domain/custody/custody.enums";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import {
  applicationsDueOn,
  decisionSummaryClosesOn,
  reconsiderationClosesOn,
  statementDueOn,
} from "../../domain/parole/parole-deadlines";
import { ParoleReviewStatus } from "../../domain/parole/parole.enums";
import type { SentenceType } from "../../domain/sentences/sentence.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import {
  explainParoleRefusal,
  paroleReviewMachine,
  paroleReviewSnapshot,
  type ParoleReviewSnapshot,
} from "../../machines/parole-review.machine";
import type { ParoleReviewContext, ParoleReviewEvent } from "../../machines/parole-review-events";
import type { CustodyEvent } from "../../machines/machine-events";

/** Opened by the custody pipeline when the offender is referred to the Board. */
export async function openParoleReview(
  manager: EntityManager,
  offenderId: string,
  sentenceType: SentenceType,
  referredOn: string,
): Promise<string> {
  const [opened] = (await manager.query(
    `INSERT INTO "parole_review" ("offender_id", "status", "sentence_type", "referred_on") VALUES ($1, $2, $3, $4) RETURNING "id"`,
    [offenderId, ParoleReviewStatus.REFERRED, sentenceType, referredOn],
  )) as { id: string }[];
  return opened.id;
}

export async function lockParoleReview(manager: EntityManager, reviewId: string): Promise<ParoleReviewEntity> {
  const review = await manager.findOne(ParoleReviewEntity, {
    where: { id: reviewId },
    lock: { mode: "pessimistic_write" },
  });
  if (!review) throw notFound(["input", "paroleReviewId"], "parole review");
  return review;
}

export async function lockOpenParoleReview(
  manager: EntityManager,
  offenderId: string,
): Promise<ParoleReviewEntity | null> {
  return manager.findOne(ParoleReviewEntity, {
    where: [
      { offenderId, status: ParoleReviewStatus.REFERRED },
      { offenderId, status: ParoleReviewStatus.HEARING_SCHEDULED },
    ],
    lock: { mode: "pessimistic_write" },
  });
}

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

/** Refuses with a typed error when the review's state or windows do not allow the event. */
export function requireParoleStep(review: ParoleReviewEntity, event: ParoleReviewEvent): ParoleReviewSnapshot {
  const snapshot = paroleReviewSnapshot(review);
  const code = explainParoleRefusal(snapshot, event);
  if (code)
    throw new DomainError(
      UserErrorCode[code],
      refusalMessage(code, snapshot.context, event),
      REFUSAL_FIELD[event.type] ?? ["input", "paroleReviewId"],
    );
  return snapshot;
}

// The one path that changes a review's status (DESIGN §4): the review must be locked.
export async function applyParoleReviewEvent(
  manager: EntityManager,
  review: ParoleReviewEntity,
  event: ParoleReviewEvent,
  expectedVersion?: number | null,
): Promise<ParoleReviewEntity> {
  requireCurrentVersion(expectedVersion, review.version, "parole review");
  const [next] = transition(paroleReviewMachine, requireParoleStep(review, event), event);
  const context = next.context;
  // The row is locked, so the version predicate is a second line of defence, never a race.
  await manager.query(
    `UPDATE "parole_review" SET "status" = $3, "target_hearing_date" = $4, "hearing_type" = $5, "outcome" = $6, "decision_issued_on" = $7, "version" = "version" + 1, "updated_at" = now()
     WHERE "id" = $1 AND "version" = $2`,
    [
      review.id,
      review.version,
      next.value,
      context.targetHearingDate,
      context.hearingType,
      context.outcome,
      context.decisionIssuedOn,
    ],
  );
  return { ...review, ...context, status: next.value as ParoleReviewStatus, version: review.version + 1 };
}

/**
 * Keeps the review in step with the custody machine, inside the custody pipeline's transaction:
 * a referral opens a review; the Board's decision decides it; leaving the review any other way
 * (death, removal from the UK) ends it. Answers the id of a review it decided or ended.
 */
export async function followCustodyEvent(
  manager: EntityManager,
  offenderId: string,
  event: CustodyEvent,
  fromPhase: CustodyPhase,
  sentenceType: SentenceType,
  occurredOn: string,
): Promise<string | null> {
  if (event.type === CustodyEventType.REFERRED_TO_PAROLE_BOARD) {
    await openParoleReview(manager, offenderId, sentenceType, occurredOn);
    return null;
  }
  if (fromPhase !== CustodyPhase.PAROLE_REVIEW) return null;
  const review = await lockOpenParoleReview(manager, offenderId);
  if (!review) return null;
  await applyParoleReviewEvent(
    manager,
    review,
    event.type === CustodyEventType.PAROLE_DECISION
      ? { type: "DECIDE", outcome: event.outcome, on: occurredOn }
      : { type: "END" },
  );
  return review.id;
}
