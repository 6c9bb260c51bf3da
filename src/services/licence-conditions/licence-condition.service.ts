import type { EntityManager } from "typeorm";
import { isInScheme } from "../../domain/cases/case.enums";
import { CONTACT_ENDING_PHASES, type CustodyPhase } from "../../domain/custody/custody.enums";
import { requireDisclosableToVictim } from "../../domain/disclosure/disclosure-check";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import {
  LicenceConditionDecisionMaker,
  LicenceConditionDecisionPoint,
  LicenceConditionRequestStatus,
  type LicenceConditionKind,
} from "../../domain/licence-conditions/licence-condition.enums";
import { ParoleReviewStatus } from "../../domain/parole/parole.enums";
import { AUTOMATIC_RELEASE_SENTENCES, SentenceType } from "../../domain/sentences/sentence.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import type { LicenceConditionRequestEvent } from "../../machines/licence-condition-request.machine";
import { applyEvent, insertRecords, requireAccepted } from "../pipeline/apply-event";
import { LICENCE_CONDITION_REQUEST_RECORD } from "./licence-condition-request.record";
import { closedCaseRefusal } from "./licence-condition-actions";
import { appendCaseNote, lockCase, lockCaseOfRecord } from "../cases/case-transition.service";
import { today } from "../../domain/calendar/london-date";
import { encryptField } from "../../entities/field-encryption.transformer";
import { lockParoleReview } from "../parole/parole-review.service";
import type { AppliedParoleStep, CaseStepOptions } from "../parole/parole-steps.service";
import { selectRows } from "../platform/sql";
import { licenceEndOf, notificationFactsFor, withLicenceConditions } from "../sentences/key-dates.service";
import { queueNotifications } from "../notifications/notification-outbox";
import { notifiedLicenceConditions } from "../../domain/disclosure/disclosure";

export interface NewLicenceConditionRequest {
  kind: LicenceConditionKind;
  description: string;
  decisionPoint: LicenceConditionDecisionPoint;
  paroleReviewId?: string | null;
}

// The governor sets conditions for automatic release; the Board for the releases it directs, which
// for an indeterminate sentence are all of them (domain.md §2.6); the tribunal or the Secretary of
// State for a restricted patient's discharge (DVCVA 2004 s.37(3)).
function decisionMakerFor(
  point: LicenceConditionDecisionPoint,
  sentenceType: SentenceType,
): LicenceConditionDecisionMaker {
  if (point === LicenceConditionDecisionPoint.CONDITIONAL_DISCHARGE)
    return LicenceConditionDecisionMaker.DISCHARGE_AUTHORITY;
  return point === LicenceConditionDecisionPoint.PAROLE_REVIEW || !AUTOMATIC_RELEASE_SENTENCES.has(sentenceType)
    ? LicenceConditionDecisionMaker.PAROLE_BOARD
    : LicenceConditionDecisionMaker.PRISON_GOVERNOR;
}

// A restricted patient is discharged on conditions, never released on a licence (MHA 1983 s.42, s.73).
function requireDecisionPointFor(point: LicenceConditionDecisionPoint, sentenceType: SentenceType): void {
  const hospitalOrder = sentenceType === SentenceType.HOSPITAL_ORDER;
  if (hospitalOrder === (point === LicenceConditionDecisionPoint.CONDITIONAL_DISCHARGE)) return;
  throw new DomainError(
    UserErrorCode.INVALID_INPUT,
    hospitalOrder
      ? "A hospital order has no licence: ask for a condition of the patient's conditional discharge (CONDITIONAL_DISCHARGE)."
      : "Only a hospital order has a conditional discharge: ask for a licence condition instead.",
    ["input", "decisionPoint"],
  );
}

export async function requestLicenceCondition(
  manager: EntityManager,
  caseId: string,
  request: NewLicenceConditionRequest,
  options: CaseStepOptions,
): Promise<AppliedParoleStep> {
  // The wording goes to the decision maker and onto the licence, and is told back to the victim.
  requireDisclosableToVictim(request.description, ["input", "description"]);
  // Review before case: the order the custody pipeline and hearing scheduling take their locks in.
  const review =
    request.decisionPoint === LicenceConditionDecisionPoint.PAROLE_REVIEW && request.paroleReviewId
      ? await lockParoleReview(manager, request.paroleReviewId)
      : null;
  const victimCase = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, victimCase.version, "case");
  if (!isInScheme(victimCase.status)) {
    throw new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      "Only a victim who has opted in to the scheme makes representations through it.",
      ["input", "caseId"],
    );
  }
  const [offender] = await selectRows<{ custody_phase: CustodyPhase; type: SentenceType }>(
    manager,
    `SELECT o."custody_phase", s."type" FROM "offender" o JOIN "sentence" s ON s."offender_id" = o."id" WHERE o."id" = $1`,
    [victimCase.offenderId],
  );
  if (CONTACT_ENDING_PHASES.has(offender.custody_phase))
    throw new DomainError(
      UserErrorCode.SENTENCE_ENDED,
      "The offender's sentence has ended: there is no licence to add conditions to.",
      ["input", "caseId"],
    );
  requireDecisionPointFor(request.decisionPoint, offender.type);
  let paroleReviewId: string | null = null;
  if (request.decisionPoint === LicenceConditionDecisionPoint.PAROLE_REVIEW) {
    if (!review)
      throw new DomainError(UserErrorCode.INVALID_INPUT, "Name the parole review the request is for.", [
        "input",
        "paroleReviewId",
      ]);
    if (review.offenderId !== victimCase.offenderId)
      throw new DomainError(UserErrorCode.NOT_FOUND, "This parole review is not of the case's offender.", [
        "input",
        "paroleReviewId",
      ]);
    // Representations reach the panel only before it decides.
    if (review.status !== ParoleReviewStatus.REFERRED && review.status !== ParoleReviewStatus.HEARING_SCHEDULED) {
      throw new DomainError(
        UserErrorCode.DEADLINE_PASSED,
        `The Board has already ${review.status === ParoleReviewStatus.DECIDED ? `decided (${review.decisionIssuedOn})` : "ended the review"}; ask for a condition at release instead.`,
        ["input", "paroleReviewId"],
      );
    }
    paroleReviewId = review.id;
  }
  const decisionMaker = decisionMakerFor(request.decisionPoint, offender.type);
  const [created] = await insertRecords(
    manager,
    LICENCE_CONDITION_REQUEST_RECORD,
    [
      {
        values: {
          case_id: victimCase.id,
          kind: request.kind,
          description: encryptField(request.description),
          decision_point: request.decisionPoint,
          parole_review_id: paroleReviewId,
          decision_maker: decisionMaker,
          requested_on: today(),
        },
      },
    ],
    { returning: `"id"` },
  );
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: "LICENCE_CONDITION_REQUESTED",
    actor: options.actor,
    reason: null,
    payload: { licenceConditionRequestId: created.id, kind: request.kind, decisionPoint: request.decisionPoint },
  });
  return { caseId: victimCase.id, transitionId, recordId: created.id };
}

export interface LicenceConditionDecision {
  /** Why it was not adopted (required then); the victim is told this. */
  reason?: string | null;
  /** When an adopted condition ends. */
  endsOn?: string | null;
}

const NOTE_EVENT: Record<LicenceConditionRequestEvent["type"], (adopted: boolean) => string> = {
  FORWARD: () => "LICENCE_CONDITION_FORWARDED",
  RECORD_DECISION: (adopted) => (adopted ? "LICENCE_CONDITION_ADOPTED" : "LICENCE_CONDITION_NOT_ADOPTED"),
  WITHDRAW: () => "LICENCE_CONDITION_WITHDRAWN",
};

// The one path that changes a request's status: forwarded, decided or withdrawn.
export async function applyLicenceConditionEvent(
  manager: EntityManager,
  requestId: string,
  event: LicenceConditionRequestEvent,
  decision: LicenceConditionDecision,
  options: CaseStepOptions,
): Promise<AppliedParoleStep> {
  requireDisclosableToVictim(decision.reason, ["input", "reason"]);
  const [found] = await selectRows<{ case_id: string }>(
    manager,
    `SELECT "case_id" FROM "licence_condition_request" WHERE "id" = $1`,
    [requestId],
  );
  const victimCase = await lockCaseOfRecord(
    manager,
    found?.case_id,
    options.scope,
    ["input", "requestId"],
    "licence-condition request",
  );
  const closed = closedCaseRefusal(victimCase.status);
  if (closed) throw closed;
  const request = await manager.findOneOrFail(LicenceConditionRequestEntity, {
    where: { id: requestId },
    lock: { mode: "pessimistic_write" },
  });
  requireCurrentVersion(options.expectedVersion, request.version, "request");
  requireAccepted(LICENCE_CONDITION_REQUEST_RECORD, request, event);
  // The victim is told why: a refusal without a reason, or an adoption without an end, is not a decision.
  if (event.type === "RECORD_DECISION" && (event.adopted ? !decision.endsOn : !decision.reason?.trim())) {
    throw new DomainError(
      UserErrorCode.INVALID_INPUT,
      event.adopted ? "Give the date the adopted condition ends." : "Give the reason it was not adopted.",
      ["input", event.adopted ? "endsOn" : "reason"],
    );
  }
  // A condition is part of the licence: it cannot outlast it (issue 11 §6).
  if (event.type === "RECORD_DECISION" && event.adopted && decision.endsOn) {
    const licenceEnd = await licenceEndOf(manager, victimCase.offenderId);
    if (licenceEnd && decision.endsOn > licenceEnd)
      throw new DomainError(
        UserErrorCode.INVALID_INPUT,
        `A condition cannot outlast the licence, which ends on ${licenceEnd}.`,
        ["input", "endsOn"],
      );
  }
  await applyEvent(manager, LICENCE_CONDITION_REQUEST_RECORD, request, event, {
    expectedVersion: options.expectedVersion,
    columns: (next) => ({
      reason_not_adopted:
        next.value === LicenceConditionRequestStatus.NOT_ADOPTED && decision.reason
          ? encryptField(decision.reason)
          : null,
      ends_on: next.value === LicenceConditionRequestStatus.ADOPTED ? (decision.endsOn ?? null) : null,
    }),
  });
  const adopted = event.type === "RECORD_DECISION" && event.adopted;
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: NOTE_EVENT[event.type](adopted),
    actor: options.actor,
    reason: null,
    payload: { licenceConditionRequestId: request.id, kind: request.kind },
  });
  // The victim asked for it, so the victim is told what was decided and why (DVCVA 2004 s.35(7)).
  if (event.type === "RECORD_DECISION") {
    const decided = notifiedLicenceConditions([
      {
        id: request.id,
        kind: request.kind,
        status: adopted ? LicenceConditionRequestStatus.ADOPTED : LicenceConditionRequestStatus.NOT_ADOPTED,
        endsOn: adopted ? (decision.endsOn ?? null) : null,
        decisionPoint: request.decisionPoint,
      },
    ]);
    await queueNotifications(manager, {
      before: victimCase,
      trigger: { type: "LICENCE_CONDITION_DECIDED" },
      triggerId: transitionId,
      occurredOn: today(),
      facts: withLicenceConditions(await notificationFactsFor(manager, victimCase.offenderId), decided),
    });
  }
  return { caseId: victimCase.id, transitionId, recordId: request.id };
}
