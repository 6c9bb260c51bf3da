import type { EntityManager } from "typeorm";
import { CustodyEventType, CustodyPhase } from "../../domain/custody/custody.enums";
import { notFound } from "../../domain/errors/domain-error";
import { ParoleReviewStatus } from "../../domain/parole/parole.enums";
import type { SentenceType } from "../../domain/sentences/sentence.enums";
import { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import type { ParoleReviewSnapshot } from "../../machines/parole-review.machine";
import { applyEvent, insertRecords, requireAccepted } from "../pipeline/apply-event";
import { PAROLE_REVIEW_RECORD } from "./parole-review.record";
import type { ParoleReviewContext, ParoleReviewEvent } from "../../machines/parole-review-events";
import type { CustodyEvent } from "../../machines/machine-events";

/** Opened by the custody pipeline when the offender is referred to the Board. */
async function openParoleReview(
  manager: EntityManager,
  offenderId: string,
  sentenceType: SentenceType,
  referredOn: string,
): Promise<string> {
  const [opened] = await insertRecords(
    manager,
    PAROLE_REVIEW_RECORD,
    [{ values: { offender_id: offenderId, sentence_type: sentenceType, referred_on: referredOn } }],
    { returning: `"id"` },
  );
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

async function lockLatestDecidedReview(manager: EntityManager, offenderId: string): Promise<ParoleReviewEntity | null> {
  return manager.findOne(ParoleReviewEntity, {
    where: { offenderId, status: ParoleReviewStatus.DECIDED },
    order: { decisionIssuedOn: "DESC", createdAt: "DESC" },
    lock: { mode: "pessimistic_write" },
  });
}

/** Refuses with a typed error when the review's state or windows do not allow the event. */
export function requireParoleStep(review: ParoleReviewEntity, event: ParoleReviewEvent): ParoleReviewSnapshot {
  return requireAccepted(PAROLE_REVIEW_RECORD, review, event) as ParoleReviewSnapshot;
}

/** Decides, reschedules or ends a review; the review must be locked. */
export async function applyParoleReviewEvent(
  manager: EntityManager,
  review: ParoleReviewEntity,
  event: ParoleReviewEvent,
  expectedVersion?: number | null,
): Promise<ParoleReviewEntity> {
  const applied = await applyEvent(manager, PAROLE_REVIEW_RECORD, review, event, { expectedVersion });
  return {
    ...review,
    ...(applied.next.context as ParoleReviewContext),
    status: applied.to as ParoleReviewStatus,
    version: applied.version,
  };
}

/**
 * Keeps the review in step with the custody machine, inside the custody pipeline's transaction:
 * a referral opens a review; the Board's decision decides it; a decision set aside on
 * reconsideration ends it and opens a new one; leaving the review any other way (death, removal
 * from the UK) ends it. Answers the id of a review it decided or ended.
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
  // Reconsideration granted: the decided review no longer stands, and a new one takes the case.
  if (event.type === CustodyEventType.DECISION_SET_ASIDE) {
    const decided = await lockLatestDecidedReview(manager, offenderId);
    if (decided) await applyParoleReviewEvent(manager, decided, { type: "SET_ASIDE" });
    await openParoleReview(manager, offenderId, sentenceType, occurredOn);
    return decided?.id ?? null;
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
