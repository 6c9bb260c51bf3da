import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Region } from "../../domain/security/region.enum";
import type { CaseScope } from "../security/access-control";
import { CaseStatus, CloseReason } from "../../domain/cases/case.enums";
import { InformationLevel } from "../../domain/cases/contact.enums";
import { today } from "../../domain/calendar/london-date";
import { DomainError, notFound } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { applyEvent } from "../pipeline/apply-event";
import { CASE_RECORD } from "./case.record";
import type { CaseEvent } from "../../machines/machine-events";
import { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { selectRows } from "../platform/sql";
import { victimCaseColumns, type VictimCaseRow } from "./victim-case-columns";
import { encryptField } from "../../entities/field-encryption.transformer";

export interface TransitionOptions {
  actor: string;
  /** The cases this caller may change; a case outside it is NOT_FOUND, exactly as a missing one. */
  scope: CaseScope;
  expectedVersion?: number | null;
  /** Recorded on the history row: a close or decline reason, or the custody event behind a fan-out. */
  reason?: string | null;
  /** The date the change took effect (defaults to today): on its history row, and on a new contact plan. */
  effectiveOn?: string;
  /** The case, already locked by the caller in this transaction (it checked the case before writing). */
  locked?: VictimCaseEntity;
  /** What the history row calls the change, and its payload, when not the event itself (a contact changed). */
  recordedAs?: { event: string; payload: Record<string, unknown> };
}

export interface AppliedTransition {
  caseId: string;
  transitionId: string;
  /** The rows as written, so the answer needs no second read; absent on an idempotent replay. */
  records?: { victimCase: VictimCaseEntity; transition: CaseTransitionEntity };
}

/** A case's change as the reactions to it need it (reactions/event-reactions.ts). */
export interface CaseChange extends AppliedTransition {
  records: NonNullable<AppliedTransition["records"]>;
  from: CaseStatus;
  to: CaseStatus;
  /** The contact plan's yearly cycle started again on this day. */
  planCycleStartedOn?: string;
}

// A case's event through the pipeline (DESIGN §4), in the caller's transaction, in two statements:
// the row lock, then the update and its history row together; an agreed plan is written with it.
// What follows the event is the reactions' (reactions/event-reactions.ts): call changeCase there.
export async function applyCaseEvent(
  manager: EntityManager,
  caseId: string,
  event: CaseEvent,
  options: TransitionOptions,
): Promise<CaseChange> {
  const locked = options.locked ?? (await lockCase(manager, caseId, options.scope, options.expectedVersion));
  const reason = options.reason ?? null;
  const recordedEvent = options.recordedAs?.event ?? event.type;
  const payload = options.recordedAs?.payload ?? eventPayload(event);
  const effectiveOn = options.effectiveOn ?? today();
  // The history row's id is chosen here, so what follows the event can name it before it is sent.
  const transitionId = randomUUID();
  const records = {
    victimCase: Object.assign(new VictimCaseEntity(), locked),
    transition: Object.assign(new CaseTransitionEntity(), {
      id: transitionId,
      caseId,
      event: recordedEvent,
      fromStatus: locked.status,
      actor: options.actor,
      reason,
      payload,
      effectiveOn,
    }),
  };
  // The change waits to go with the command's other trailing writes (trailing-writes.ts); its
  // sequence and time are known once it is sent, and nothing reads them before the answer.
  const applied = await applyEvent(manager, CASE_RECORD, locked, event, {
    expectedVersion: options.expectedVersion,
    history: {
      id: transitionId,
      event: recordedEvent,
      actor: options.actor,
      reason,
      payload: JSON.stringify(payload),
      effective_on: effectiveOn,
    },
    // now() is the transaction's start, so the case's updated_at equals the history row's time.
    written: (appended) => {
      records.transition.sequence = appended.sequence as number;
      records.transition.occurredAt = appended.occurred_at as Date;
      records.victimCase.updatedAt = appended.occurred_at as Date;
    },
  });
  const toStatus = applied.to as CaseStatus;
  Object.assign(records.victimCase, { status: toStatus, context: applied.next.context, version: applied.version });
  records.transition.toStatus = toStatus;
  let planCycleStartedOn: string | undefined;

  if (event.type === "AGREE_CONTACT_PLAN") {
    // A change of plan that still hears yearly keeps its yearly cycle; otherwise the cycle starts now.
    const agreedOn = effectiveOn;
    const [plan] = await selectRows<{ agreed_on: string }>(
      manager,
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
    );
    // The yearly cycle starts again unless the plan kept it.
    if (plan.agreed_on === agreedOn) planCycleStartedOn = agreedOn;
  }
  return { caseId, transitionId, records, from: locked.status, to: toStatus, planCycleStartedOn };
}

/**
 * Locks a case the scope reaches, or answers NOT_FOUND (whether it is missing or out of scope).
 * With the version the caller last read, a case another change holds is refused at once as
 * STALE_VERSION rather than waited for: that change will leave the caller's version behind (or, if
 * it fails, a retry after reading again succeeds), and callers racing on one case then hold no
 * connection in the lock's queue while the winner works (issue 15 §2). Without one, it waits.
 */
export async function lockCase(
  manager: EntityManager,
  caseId: string,
  scope: CaseScope,
  expectedVersion?: number | null,
): Promise<VictimCaseEntity> {
  if (scope.kind === "NONE") throw notFound(["input", "caseId"], "victim case");
  // Plain SQL, not TypeORM's query builder and hydration: every transition starts here (issue 15 §4).
  const values = scope.kind === "REGION" ? [caseId, scope.region] : [caseId];
  const where = scope.kind === "REGION" ? `c."id" = $1 AND c."region" = $2` : `c."id" = $1`;
  const waits = expectedVersion === undefined || expectedVersion === null;
  const [locked] = await selectRows<VictimCaseRow>(
    manager,
    `SELECT ${LOCKED_CASE_COLUMNS} FROM "victim_case" c WHERE ${where} FOR UPDATE${waits ? "" : " SKIP LOCKED"}`,
    values,
  );
  if (locked) return Object.assign(new VictimCaseEntity(), locked);
  if (!waits) {
    const [held] = await selectRows<{ exists: boolean }>(
      manager,
      `SELECT EXISTS (SELECT 1 FROM "victim_case" c WHERE ${where}) AS "exists"`,
      values,
    );
    if (held.exists)
      throw new DomainError(
        UserErrorCode.STALE_VERSION,
        "The victim case is being changed by another request; reload it and try again.",
        ["input", "expectedVersion"],
      );
  }
  throw notFound(["input", "caseId"], "victim case");
}

const LOCKED_CASE_COLUMNS = victimCaseColumns("c").replace(/\s+/g, " ");

/** The open cases of an offender, in id order: the order every fan-out locks them in, so two fan-outs cannot deadlock. */
/**
 * The offender's open cases, and those their removal from the UK closed that can reopen now they
 * are back: contact resumes only where the victim's details were not erased. In id order.
 */
export async function caseIdsToReopenOf(manager: EntityManager, offenderId: string): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    manager,
    `SELECT c."id" FROM "victim_case" c WHERE c."offender_id" = $1 AND (c."status" <> $2 OR (
       c."context"->>'closeReason' = $3 AND c."context"->>'statusWhenClosed' IS NOT NULL
       AND EXISTS (SELECT 1 FROM "case_contact" k WHERE k."case_id" = c."id" AND k."erased_at" IS NULL)))
     ORDER BY c."id"`,
    [offenderId, CaseStatus.CLOSED, CloseReason.OFFENDER_REMOVED_FROM_UK],
  );
  return rows.map(({ id }) => id);
}

export async function openCaseIdsOf(manager: EntityManager, offenderId: string): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    manager,
    `SELECT "id" FROM "victim_case" WHERE "offender_id" = $1 AND "status" <> $2 ORDER BY "id"`,
    [offenderId, CaseStatus.CLOSED],
  );
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
  /** The officer's own words, personal data: sealed beside the history row, never on it. */
  note?: string | null;
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
  /** The day the change took effect (defaults to today, the London date). */
  effectiveOn?: string;
  /** The officer's own words (CaseNote.note). */
  note?: string | null;
}

export async function appendCaseHistory(manager: EntityManager, row: HistoryRow): Promise<string> {
  // The case row is locked (or new), so the next sequence number cannot be taken twice. A note goes
  // in the same statement, sealed here: the column transformer does not see SQL.
  const note = row.note?.trim() || null;
  const [inserted] = await selectRows<{ id: string }>(
    manager,
    `WITH "row" AS (
       INSERT INTO "case_transition" ("case_id", "sequence", "event", "from_status", "to_status", "actor", "reason", "payload", "effective_on")
       VALUES ($1, (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = $1), $2, $3, $4, $5, $6, $7, $8)
       RETURNING "id", "case_id"
     ), "note" AS (
       INSERT INTO "case_transition_note" ("transition_id", "case_id", "note")
       SELECT "id", "case_id", $9::text FROM "row" WHERE $9::text IS NOT NULL
     )
     SELECT "id" FROM "row"`,
    [
      row.caseId,
      row.event,
      row.fromStatus,
      row.toStatus,
      row.actor,
      row.reason,
      JSON.stringify(row.payload),
      row.effectiveOn ?? today(),
      note === null ? null : encryptField(note),
    ],
  );
  return inserted.id;
}

function eventPayload(event: CaseEvent): Record<string, unknown> {
  const { type: _type, ...parameters } = event;
  return parameters;
}
