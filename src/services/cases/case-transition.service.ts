import type { EntityManager } from "typeorm";
import type { Region } from "../../domain/security/region.enum";
import type { CaseScope } from "../security/access-control";
import { transition } from "xstate";
import { CaseStatus } from "../../domain/cases/case.enums";
import { InformationLevel } from "../../domain/cases/contact.enums";
import { today } from "../../domain/calendar/london-date";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { caseMachine, explainCaseRefusal } from "../../machines/case.machine";
import type { CaseEvent } from "../../machines/machine-events";
import { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import { cancelOpenNotifications } from "../notifications/notification-outbox";
import { tasksFollowCaseEvent } from "../work/task-outbox";
import { scheduleAnnualLetter, scheduleInvitationTimers } from "../work/timer-schedule";
import { VictimCaseEntity } from "../../entities/cases/victim-case.entity";

export interface TransitionOptions {
  actor: string;
  /** The cases this caller may change; a case outside it is NOT_FOUND, exactly as a missing one. */
  scope: CaseScope;
  expectedVersion?: number | null;
  /** Recorded on the history row: a close or decline reason, or the custody event behind a fan-out. */
  reason?: string | null;
  /** The date the change took effect (defaults to today); recorded on a new contact plan. */
  effectiveOn?: string;
}

export interface AppliedTransition {
  caseId: string;
  transitionId: string;
  /** The rows as written, so the answer needs no second read; absent on an idempotent replay. */
  records?: { victimCase: VictimCaseEntity; transition: CaseTransitionEntity };
}

const REFUSAL_MESSAGES: Record<string, string> = {
  TRANSITION_NOT_ALLOWED: "The case's current status does not allow this action.",
  SENTENCE_ENDED: "The offender's sentence has ended, so the victim can no longer opt in.",
  INVALID_INPUT: "The contact has no detail for the chosen channel, or the plan is incomplete.",
};

// The input field a refused channel or plan came from.
const INVALID_FIELD: Partial<Record<CaseEvent["type"], string[]>> = {
  SEND_INVITATION: ["input", "channel"],
  AGREE_CONTACT_PLAN: ["input", "channels"],
};

// The one path that changes a case's status (DESIGN §4). Runs inside the caller's transaction, in
// two statements: the row lock, then the update and its history row together.
export async function applyCaseEvent(
  manager: EntityManager,
  caseId: string,
  event: CaseEvent,
  options: TransitionOptions,
): Promise<AppliedTransition> {
  const locked = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, locked.version, "case");

  const snapshot = caseMachine.resolveState({ value: locked.status, context: locked.context });
  if (!snapshot.can(event)) {
    const code = explainCaseRefusal(snapshot, event) ?? "TRANSITION_NOT_ALLOWED";
    throw new DomainError(
      UserErrorCode[code],
      REFUSAL_MESSAGES[code] ?? REFUSAL_MESSAGES.TRANSITION_NOT_ALLOWED,
      code === "INVALID_INPUT" ? (INVALID_FIELD[event.type] ?? null) : null,
    );
  }
  const [next] = transition(caseMachine, snapshot, event);
  const toStatus = next.value as CaseStatus;
  const reason = options.reason ?? null;
  const payload = eventPayload(event);

  // The version predicate repeats the lock's guarantee, so a missed lock can never lose an update;
  // the history row is written only if the update was.
  const [appended] = (await manager.query(
    `WITH "updated" AS (
       UPDATE "victim_case" SET "status" = $3, "context" = $4, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $2 RETURNING "id"
     )
     INSERT INTO "case_transition" ("case_id", "sequence", "event", "from_status", "to_status", "actor", "reason", "payload")
     SELECT "updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = $1), $5, $6, $3, $7, $8, $9 FROM "updated"
     RETURNING "id", "sequence", "occurred_at"`,
    [
      caseId,
      locked.version,
      toStatus,
      JSON.stringify(next.context),
      event.type,
      locked.status,
      options.actor,
      reason,
      JSON.stringify(payload),
    ],
  )) as { id: string; sequence: number; occurred_at: Date }[];
  if (!appended)
    throw new DomainError(
      UserErrorCode.STALE_VERSION,
      "The case was changed by another request; reload it and try again.",
      ["input", "expectedVersion"],
    );

  // now() is the transaction's start, so the case's updated_at equals the history row's time.
  const records = {
    victimCase: Object.assign(new VictimCaseEntity(), locked, {
      status: toStatus,
      context: next.context,
      version: locked.version + 1,
      updatedAt: appended.occurred_at,
    }),
    transition: Object.assign(new CaseTransitionEntity(), {
      id: appended.id,
      caseId,
      sequence: appended.sequence,
      event: event.type,
      fromStatus: locked.status,
      toStatus,
      actor: options.actor,
      reason,
      payload,
      occurredAt: appended.occurred_at,
    }),
  };
  const transitionId = appended.id;

  if (event.type === "AGREE_CONTACT_PLAN") {
    // A change of plan that still hears yearly keeps its yearly cycle; otherwise the cycle starts now.
    const agreedOn = options.effectiveOn ?? today();
    const [plan] = (await manager.query(
      `INSERT INTO "contact_plan" ("case_id", "information_level", "channels", "agreed_on") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("case_id") DO UPDATE SET "information_level" = EXCLUDED."information_level", "channels" = EXCLUDED."channels", "updated_at" = now(),
         "agreed_on" = CASE WHEN "contact_plan"."information_level" IN ($5, $6) AND EXCLUDED."information_level" IN ($5, $6) THEN "contact_plan"."agreed_on" ELSE EXCLUDED."agreed_on" END
       RETURNING "agreed_on"::text AS "agreed_on"`,
      [
        caseId,
        event.informationLevel,
        JSON.stringify(event.channels),
        agreedOn,
        InformationLevel.ANNUAL_LETTER,
        InformationLevel.KEY_STAGES,
      ],
    )) as { agreed_on: string }[];
    // Deadlines become timers in the same transaction, so they survive any restart.
    if (plan.agreed_on === agreedOn) await scheduleAnnualLetter(manager, caseId, agreedOn, event.informationLevel);
  }
  if (event.type === "SEND_INVITATION" && locked.status === CaseStatus.REFERRED)
    await scheduleInvitationTimers(manager, caseId, options.effectiveOn ?? today());
  // A victim who opts out, or whose case is closed, is told nothing more. (A final custody phase
  // closes cases through CUSTODY_CHANGED, whose last notice is written after this.)
  if (event.type === "RECORD_OPT_OUT" || event.type === "CLOSE") await cancelOpenNotifications(manager, caseId);
  // The officer's tasks close with the event that does their work or makes them moot.
  await tasksFollowCaseEvent(manager, caseId, event, locked.status, toStatus, options.actor);
  return { caseId, transitionId, records };
}

/** Locks a case the scope reaches, or answers NOT_FOUND (whether it is missing or out of scope). */
export async function lockCase(manager: EntityManager, caseId: string, scope: CaseScope): Promise<VictimCaseEntity> {
  if (scope.kind === "NONE") throw notFound(["input", "caseId"], "victim case");
  const where = scope.kind === "REGION" ? { id: caseId, region: scope.region } : { id: caseId };
  const locked = await manager.findOne(VictimCaseEntity, { where, lock: { mode: "pessimistic_write" } });
  if (!locked) throw notFound(["input", "caseId"], "victim case");
  return locked;
}

/** The open cases of an offender, in id order: the order every fan-out locks them in, so two fan-outs cannot deadlock. */
export async function openCaseIdsOf(manager: EntityManager, offenderId: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT "id" FROM "victim_case" WHERE "offender_id" = $1 AND "status" <> $2 ORDER BY "id"`,
    [offenderId, CaseStatus.CLOSED],
  )) as { id: string }[];
  return rows.map(({ id }) => id);
}

/** Locks the case of a record the caller named by its own id: missing or out of scope answers NOT_FOUND on that id. */
export async function lockCaseOfRecord(
  manager: EntityManager,
  caseId: string | undefined,
  scope: CaseScope,
  field: string[],
  what: string,
): Promise<VictimCaseEntity> {
  if (!caseId) throw notFound(field, what);
  try {
    return await lockCase(manager, caseId, scope);
  } catch (error) {
    throw error instanceof DomainError && error.code === UserErrorCode.NOT_FOUND ? notFound(field, what) : error;
  }
}

export interface CaseNote {
  event: string;
  actor: string;
  reason: string | null;
  payload: Record<string, unknown>;
}

/**
 * A change that is not a status change (an assignment, an erasure, a new release month): the
 * case's version moves on and its history records it, status unchanged. The case must be locked.
 */
export async function appendCaseNote(
  manager: EntityManager,
  locked: VictimCaseEntity,
  note: CaseNote,
  assignTo?: { officerId: string; region: Region },
): Promise<string> {
  await manager.query(
    `UPDATE "victim_case" SET "version" = "version" + 1, "updated_at" = now(), "officer_id" = COALESCE($2, "officer_id"), "region" = COALESCE($3, "region") WHERE "id" = $1`,
    [locked.id, assignTo?.officerId ?? null, assignTo?.region ?? null],
  );
  return appendCaseHistory(manager, { caseId: locked.id, fromStatus: locked.status, toStatus: locked.status, ...note });
}

export interface HistoryRow {
  caseId: string;
  event: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actor: string;
  reason: string | null;
  payload: Record<string, unknown>;
}

export async function appendCaseHistory(manager: EntityManager, row: HistoryRow): Promise<string> {
  // The case row is locked (or new), so the next sequence number cannot be taken twice.
  const [inserted] = (await manager.query(
    `INSERT INTO "case_transition" ("case_id", "sequence", "event", "from_status", "to_status", "actor", "reason", "payload")
     VALUES ($1, (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = $1), $2, $3, $4, $5, $6, $7) RETURNING "id"`,
    [row.caseId, row.event, row.fromStatus, row.toStatus, row.actor, row.reason, JSON.stringify(row.payload)],
  )) as { id: string }[];
  return inserted.id;
}

function eventPayload(event: CaseEvent): Record<string, unknown> {
  const { type: _type, ...parameters } = event;
  return parameters;
}
