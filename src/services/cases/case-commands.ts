import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { CustodyEventType, type ParoleOutcome } from "../../domain/custody/custody.enums";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import type { HearingType } from "../../domain/parole/parole.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { LicenceConditionRequestEvent } from "../../machines/licence-condition-request.machine";
import type { NotificationFailure } from "../../domain/notifications/notification.enums";
import type { NotificationEvent } from "../../machines/notification.machine";
import { applyNotificationEvent, type AppliedNotificationEvent } from "../notifications/notification.service";
import type { TaskEvent } from "../../machines/task.machine";
import { applyTaskEvent, type AppliedTaskEvent } from "../work/task.service";
import {
  addCaseContact,
  changedFields,
  removeCaseContact,
  updateCaseContact,
  type ContactChangeOptions,
  type ContactUpdate,
} from "./contact.service";
import type { CaseEvent, CustodyEvent } from "../../machines/machine-events";
import { forbidden } from "../../domain/errors/client-error";
import type { AccessControl } from "../security/access-control";
import { appendAccessLog } from "../security/access-log.service";
import { assignVictimCase } from "./assignment.service";
import type { AppliedTransition } from "./case-transition.service";
import { changeCase, changeCustody } from "../reactions/event-reactions";
import type { TimerSettings } from "../work/timer-schedule";
import { runCommand, type CommandResult } from "../pipeline/command-runner";
import {
  createOffender,
  type AppliedCustodyEvent,
  type CustodyEventOptions,
  type NewOffender,
} from "../custody/custody-transition.service";
import { eraseContactData } from "./erasure.service";
import { fromGlobalId } from "../../domain/ids/global-id";
import { recordKeyDates, type RecordedKeyDates } from "../sentences/key-dates.service";
import type { StoredKeyDate } from "../../entities/sentences/key-date-record.entity";
import {
  applyLicenceConditionEvent,
  type LicenceConditionDecision,
} from "../licence-conditions/licence-condition.service";
import { createOfficer, type NewOfficer } from "../security/officer.service";
import { lockParoleReview, requireParoleStep } from "../parole/parole-review.service";
import { scheduleParoleHearing, type AppliedParoleStep, type CaseStepOptions } from "../parole/parole-steps.service";
import { Permission } from "../../domain/security/policy";
import { referVictimCase, type ContactDetails, type Referral } from "./referral.service";
import { selectRows } from "../platform/sql";

// Each command: decode the client's ids, run in one transaction with its idempotency key, and reach
// only what the caller's scope allows. Resolvers have already checked the operation itself.
export interface CommandMeta {
  operation: string;
  /** The input as sent, for the idempotency fingerprint. */
  input: { idempotencyKey?: string | null; expectedVersion?: number | null } & Record<string, unknown>;
  access: AccessControl;
  actor: string;
  correlationId: string;
  /** The client's own id for the request, kept beside ours in the access log. */
  clientCorrelationId: string | null;
  purpose: string;
  /** The configured timer settings. */
  timers: TimerSettings;
  /** The personal fields the change touched, for the access log, when the input's own fields do not say (fields cleared). */
  changedFields?: readonly string[];
}

// Operations that destroy personal data, logged as erasures rather than changes.
const ERASING_OPERATIONS: ReadonlySet<string> = new Set(["eraseCaseContactData", "removeCaseContact"]);

// A replay answers from the ids; the rows are read again then. Keys are per caller, so one
// caller's key can never replay another's result.
function fingerprint(meta: CommandMeta) {
  const { idempotencyKey, ...input } = meta.input;
  return {
    operation: meta.operation,
    input,
    idempotencyKey: idempotencyKey
      ? createHash("sha256").update(meta.actor).update("\0").update(idempotencyKey).digest("hex")
      : null,
    remember: ({ records: _records, affectedCases: _cases, ...ids }: { records?: unknown; affectedCases?: unknown }) =>
      ids,
    // Every change is on the access log with the case it touched and the input fields it set.
    record: (manager: EntityManager, value: object) =>
      appendAccessLog(manager, [
        {
          actor: meta.actor,
          roles: meta.access.roles,
          action: ERASING_OPERATIONS.has(meta.operation) ? "ERASE" : "CHANGE",
          operation: meta.operation,
          caseId: "caseId" in value && typeof value.caseId === "string" ? value.caseId : null,
          fields:
            meta.changedFields ??
            fieldPaths(input).filter((field) => field !== "caseId" && field !== "expectedVersion"),
          purpose: meta.purpose,
          correlationId: meta.correlationId,
          clientCorrelationId: meta.clientCorrelationId,
        },
      ]),
  };
}

/** `{ contact: { name, address: { town } } }` → ["contact.name", "contact.address.town"]: names only. */
function fieldPaths(input: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined && value !== null)
    .flatMap(([key, value]) =>
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? fieldPaths(value as Record<string, unknown>, `${prefix}${key}.`)
        : [`${prefix}${key}`],
    )
    .sort();
}

function caseIdFrom(globalId: string): string {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) throw notFound(["input", "caseId"], "victim case");
  return id;
}

/** Applies one case event through the pipeline; `caseId` is the global id the client sent. */
export function executeCaseEvent(
  dataSource: DataSource,
  caseId: string,
  event: CaseEvent,
  meta: CommandMeta,
  reason: string | null = null,
): Promise<CommandResult<AppliedTransition>> {
  const permission = event.type === "CLOSE" ? Permission.CLOSE_CASES : Permission.CHANGE_CASES;
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    changeCase(manager, caseIdFrom(caseId), event, {
      actor: meta.actor,
      scope: meta.access.scope(permission),
      expectedVersion: meta.input.expectedVersion,
      reason,
      timers: meta.timers,
    }).then(({ caseId, transitionId, records }) => ({ caseId, transitionId, records })),
  );
}

export function executeReferral(
  dataSource: DataSource,
  referral: Referral,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  const officer = meta.access.officer;
  // A referral lands in the referrer's region, so only a registered officer with one can refer.
  if (!officer?.region) throw forbidden("Only an officer registered in a region can refer a case.");
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const offenderId = fromGlobalId(referral.offenderId, "Offender");
    if (!offenderId) throw notFound(["input", "offenderId"], "offender");
    return referVictimCase(
      manager,
      { ...referral, offenderId },
      meta.actor,
      { id: officer.id, region: officer.region! },
      meta.access.scope(Permission.READ_CASES),
    );
  });
}

export function executeAssignment(
  dataSource: DataSource,
  caseId: string,
  officerId: string,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const officer = fromGlobalId(officerId, "Officer");
    if (!officer) throw notFound(["input", "officerId"], "officer");
    return assignVictimCase(manager, caseIdFrom(caseId), officer, meta.access, {
      actor: meta.actor,
      expectedVersion: meta.input.expectedVersion,
    });
  });
}

export function executeCreateOffender(
  dataSource: DataSource,
  offender: NewOffender,
  meta: CommandMeta,
): Promise<CommandResult<{ offenderId: string }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    createOffender(manager, offender, {
      actor: meta.actor,
      releaseConfirmationLeadDays: meta.timers.releaseConfirmationLeadDays,
    }),
  );
}

export function executeCreateOfficer(
  dataSource: DataSource,
  officer: NewOfficer,
  meta: CommandMeta,
): Promise<CommandResult<{ officerId: string }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => createOfficer(manager, officer));
}

export function executeCustodyEvent(
  dataSource: DataSource,
  offenderId: string,
  event: CustodyEvent,
  options: Omit<CustodyEventOptions, "actor" | "expectedVersion">,
  meta: CommandMeta,
): Promise<CommandResult<AppliedCustodyEvent>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(offenderId, "Offender");
    if (!id) throw notFound(["input", "offenderId"], "offender");
    return changeCustody(manager, id, event, {
      ...options,
      actor: meta.actor,
      expectedVersion: meta.input.expectedVersion,
    });
  });
}

export function executeErasure(
  dataSource: DataSource,
  caseId: string,
  requestReference: string,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    eraseContactData(manager, caseIdFrom(caseId), {
      actor: meta.actor,
      scope: meta.access.scope(Permission.ERASE_PERSONAL_DATA),
      reason: requestReference,
      expectedVersion: meta.input.expectedVersion,
    }),
  );
}

export function executeRecordKeyDates(
  dataSource: DataSource,
  offenderId: string,
  dates: StoredKeyDate[],
  meta: CommandMeta,
): Promise<CommandResult<RecordedKeyDates>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(offenderId, "Offender");
    if (!id) throw notFound(["input", "offenderId"], "offender");
    return recordKeyDates(manager, id, dates, {
      actor: meta.actor,
      expectedVersion: meta.input.expectedVersion,
      releaseConfirmationLeadDays: meta.timers.releaseConfirmationLeadDays,
    });
  });
}

function reviewIdFrom(globalId: string | null | undefined): string {
  const id = globalId ? fromGlobalId(globalId, "ParoleReview") : null;
  if (!id) throw notFound(["input", "paroleReviewId"], "parole review");
  return id;
}

type CaseStep = (manager: EntityManager, caseId: string, options: CaseStepOptions) => Promise<AppliedParoleStep>;

/** A victim's step on their own case (parole, licence conditions): their region's cases only. */
export function executeCaseStep(
  dataSource: DataSource,
  caseId: string,
  step: CaseStep,
  meta: CommandMeta,
): Promise<CommandResult<AppliedParoleStep>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    step(manager, caseIdFrom(caseId), {
      actor: meta.actor,
      scope: meta.access.scope(Permission.CHANGE_CASES),
      expectedVersion: meta.input.expectedVersion,
    }),
  );
}

export function executeParoleCaseStep(
  dataSource: DataSource,
  caseId: string,
  paroleReviewId: string,
  step: (
    manager: EntityManager,
    caseId: string,
    reviewId: string,
    options: CaseStepOptions,
  ) => Promise<AppliedParoleStep>,
  meta: CommandMeta,
): Promise<CommandResult<AppliedParoleStep>> {
  return executeCaseStep(
    dataSource,
    caseId,
    (manager, id, options) => step(manager, id, reviewIdFrom(paroleReviewId), options),
    meta,
  );
}

export function executeLicenceConditionEvent(
  dataSource: DataSource,
  requestId: string,
  event: LicenceConditionRequestEvent,
  decision: LicenceConditionDecision,
  meta: CommandMeta,
): Promise<CommandResult<AppliedParoleStep>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(requestId, "LicenceConditionRequest");
    if (!id) throw notFound(["input", "requestId"], "licence-condition request");
    return applyLicenceConditionEvent(manager, id, event, decision, {
      actor: meta.actor,
      scope: meta.access.scope(Permission.CHANGE_CASES),
      expectedVersion: meta.input.expectedVersion,
    });
  });
}

export function executeScheduleParoleHearing(
  dataSource: DataSource,
  paroleReviewId: string,
  hearing: { targetHearingDate: string; hearingType: HearingType },
  meta: CommandMeta,
): Promise<CommandResult<{ paroleReviewId: string; affectedCaseIds: string[] }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    scheduleParoleHearing(manager, reviewIdFrom(paroleReviewId), hearing, {
      actor: meta.actor,
      expectedVersion: meta.input.expectedVersion,
    }),
  );
}

/**
 * The Board's decision goes through the custody pipeline, which decides the open review in the
 * same transaction: the review and the custody phase cannot disagree.
 */
export function executeParoleDecision(
  dataSource: DataSource,
  paroleReviewId: string,
  decision: { outcome: ParoleOutcome; issuedOn: string },
  meta: CommandMeta,
): Promise<CommandResult<AppliedCustodyEvent & { paroleReviewId: string }>> {
  return runCommand(dataSource, fingerprint(meta), async (manager) => {
    // Offender, then review: the order the custody pipeline locks them in.
    const reviewId = reviewIdFrom(paroleReviewId);
    const [owner] = await selectRows<{ offender_id: string }>(
      manager,
      `SELECT "offender_id" FROM "parole_review" WHERE "id" = $1`,
      [reviewId],
    );
    if (!owner) throw notFound(["input", "paroleReviewId"], "parole review");
    await manager.query(`SELECT 1 FROM "offender" WHERE "id" = $1 FOR UPDATE`, [owner.offender_id]);
    const review = await lockParoleReview(manager, reviewId);
    requireCurrentVersion(meta.input.expectedVersion, review.version, "parole review");
    requireParoleStep(review, { type: "DECIDE", outcome: decision.outcome, on: decision.issuedOn });
    if (decision.issuedOn < review.referredOn) {
      throw new DomainError(
        UserErrorCode.INVALID_INPUT,
        `The decision cannot be issued before the referral (${review.referredOn}).`,
        ["input", "issuedOn"],
      );
    }
    const applied = await changeCustody(
      manager,
      review.offenderId,
      { type: CustodyEventType.PAROLE_DECISION, outcome: decision.outcome },
      { actor: meta.actor, occurredOn: decision.issuedOn },
    );
    return { ...applied, paroleReviewId: review.id };
  });
}

export function executeNotificationEvent(
  dataSource: DataSource,
  notificationId: string,
  event: NotificationEvent,
  failure: NotificationFailure | null,
  meta: CommandMeta,
): Promise<CommandResult<AppliedNotificationEvent>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(notificationId, "Notification");
    if (!id) throw notFound(["input", "notificationId"], "notification");
    return applyNotificationEvent(manager, id, event, {
      actor: meta.actor,
      scope: meta.access.scope(Permission.CHANGE_CASES),
      expectedVersion: meta.input.expectedVersion,
      failure,
      acknowledgementWorkingDays: meta.timers.acknowledgementWorkingDays,
    });
  });
}

export function executeTaskEvent(
  dataSource: DataSource,
  taskId: string,
  event: TaskEvent,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTaskEvent>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(taskId, "Task");
    if (!id) throw notFound(["input", "taskId"], "task");
    return applyTaskEvent(manager, id, event, {
      actor: meta.actor,
      scope: meta.access.scope(Permission.CHANGE_CASES),
      expectedVersion: meta.input.expectedVersion,
    });
  });
}

export function executeAddCaseContact(
  dataSource: DataSource,
  caseId: string,
  contact: ContactDetails,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    addCaseContact(manager, caseIdFrom(caseId), contact, contactChangeOptions(meta)),
  );
}

export function executeUpdateCaseContact(
  dataSource: DataSource,
  contactId: string,
  update: ContactUpdate,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  const logged = { ...meta, changedFields: changedFields(update).map((field) => `contact.${field}`) };
  return runCommand(dataSource, fingerprint(logged), (manager) =>
    updateCaseContact(manager, contactIdFrom(contactId), update, contactChangeOptions(meta)),
  );
}

export function executeRemoveCaseContact(
  dataSource: DataSource,
  contactId: string,
  meta: CommandMeta,
): Promise<CommandResult<AppliedTransition>> {
  const logged = { ...meta, changedFields: ["contact"] };
  return runCommand(dataSource, fingerprint(logged), (manager) =>
    removeCaseContact(manager, contactIdFrom(contactId), contactChangeOptions(meta)),
  );
}

function contactIdFrom(globalId: string): string {
  const id = fromGlobalId(globalId, "CaseContact");
  if (!id) throw notFound(["input", "contactId"], "contact");
  return id;
}

function contactChangeOptions(meta: CommandMeta): ContactChangeOptions {
  return {
    actor: meta.actor,
    scope: meta.access.scope(Permission.CHANGE_CASES),
    expectedVersion: meta.input.expectedVersion,
    correlationId: meta.correlationId,
    clientCorrelationId: meta.clientCorrelationId,
    operation: meta.operation,
    timers: meta.timers,
  };
}
