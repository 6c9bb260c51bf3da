import type { DataSource, EntityManager } from "typeorm";
import { CaseStatus, CloseReason } from "../../domain/cases/case.enums";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { CaseScope } from "../security/access-control";
import { appendAccessLog } from "../security/access-log.service";
import { appendCaseNote, lockCase, type AppliedTransition } from "./case-transition.service";
import { changeCase } from "../reactions/event-reactions";
import { now as clockNow } from "../../domain/calendar/clock";
import { changeRows, selectRows } from "../platform/sql";

const ERASED_FIELDS = [
  "address",
  "dateOfBirth",
  "email",
  "name",
  "needs",
  "phone",
  "personalStatement.text",
  "licenceConditionRequest.description",
  "licenceConditionRequest.reasonNotAdopted",
  "victimCase.discretionaryReason",
  "caseTransition.note",
];

// What still holds a case's personal data, table by table (with the column naming the case): the
// rows an erasure erases, and the question whether anything is left to erase. The victim's own
// words to the Board and their requests are theirs too, and so is the officer's account of why they
// were admitted at discretion; its category (discretionary_ground) stays, for statistics. So are
// officers' notes on the history: the history rows themselves stay, append-only.
const HOLDS_PERSONAL_DATA = {
  case_contact: { owner: "case_id", holds: `"erased_at" IS NULL` },
  victim_personal_statement: { owner: "case_id", holds: `"text" IS NOT NULL` },
  licence_condition_request: {
    owner: "case_id",
    holds: `("description" IS NOT NULL OR "reason_not_adopted" IS NOT NULL)`,
  },
  victim_case: { owner: "id", holds: `"discretionary_reason" IS NOT NULL` },
  case_transition_note: { owner: "case_id", holds: `"note" IS NOT NULL` },
} as const;

/** The cases among these that still hold personal data to erase. */
export async function casesHoldingPersonalData(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<Set<string>> {
  const held = await selectRows<{ case_id: string }>(
    manager,
    Object.entries(HOLDS_PERSONAL_DATA)
      .map(
        ([table, { owner, holds }]) =>
          `SELECT "${owner}" AS "case_id" FROM "${table}" WHERE "${owner}" = ANY($1::uuid[]) AND ${holds}`,
      )
      .join(" UNION "),
    [caseIds],
  );
  return new Set(held.map((row) => row.case_id));
}

export function nothingLeftToEraseRefusal(): DomainError {
  return new DomainError(UserErrorCode.TRANSITION_NOT_ALLOWED, "This case's contact data has already been erased.", [
    "input",
    "caseId",
  ]);
}

/**
 * Erases the personal data of a case's contacts and keeps an anonymous record (status, dates,
 * history) for statistics. A case that is still open is closed first, through the pipeline: with
 * no way left to reach the victim, there is nothing more to tell them.
 */
export async function eraseContactData(
  manager: EntityManager,
  caseId: string,
  options: { actor: string; scope: CaseScope; reason: string; expectedVersion?: number | null },
): Promise<AppliedTransition> {
  let locked = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, locked.version, "case");
  if (locked.status !== CaseStatus.CLOSED) {
    const closed = await changeCase(
      manager,
      caseId,
      { type: "CLOSE", reason: CloseReason.VICTIM_REQUEST },
      { actor: options.actor, scope: options.scope, reason: CloseReason.VICTIM_REQUEST },
    );
    locked = closed.records!.victimCase;
  }
  const erased = await changeRows<{ id: string }>(
    manager,
    `UPDATE "case_contact" SET "name" = NULL, "date_of_birth" = NULL, "address" = NULL, "phone" = NULL, "email" = NULL, "needs" = NULL,
            "name_index" = NULL, "identity_index" = NULL, "email_index" = NULL, "phone_index" = NULL, "postcode_index" = NULL, "index_key_id" = NULL,
            "erased_at" = now(), "updated_at" = now()
      WHERE "case_id" = $1 AND ${HOLDS_PERSONAL_DATA.case_contact.holds} RETURNING "id"`,
    [caseId],
  );
  const statements = await changeRows<{ id: string }>(
    manager,
    `UPDATE "victim_personal_statement" SET "text" = NULL, "updated_at" = now() WHERE "case_id" = $1 AND ${HOLDS_PERSONAL_DATA.victim_personal_statement.holds} RETURNING "id"`,
    [caseId],
  );
  const requests = await changeRows<{ id: string }>(
    manager,
    `UPDATE "licence_condition_request" SET "description" = NULL, "reason_not_adopted" = NULL, "updated_at" = now() WHERE "case_id" = $1 AND ${HOLDS_PERSONAL_DATA.licence_condition_request.holds} RETURNING "id"`,
    [caseId],
  );
  // The case row itself: appendCaseNote below moves its version and updated_at on.
  const reasons = await changeRows<{ id: string }>(
    manager,
    `UPDATE "victim_case" SET "discretionary_reason" = NULL WHERE "id" = $1 AND ${HOLDS_PERSONAL_DATA.victim_case.holds} RETURNING "id"`,
    [caseId],
  );
  const notes = await changeRows<{ transition_id: string }>(
    manager,
    `UPDATE "case_transition_note" SET "note" = NULL, "erased_at" = now() WHERE "case_id" = $1 AND ${HOLDS_PERSONAL_DATA.case_transition_note.holds} RETURNING "transition_id"`,
    [caseId],
  );
  if (erased.count + statements.count + requests.count + reasons.count + notes.count === 0)
    throw nothingLeftToEraseRefusal();
  const transitionId = await appendCaseNote(manager, locked, {
    event: "CONTACT_DATA_ERASED",
    actor: options.actor,
    reason: options.reason,
    payload: { contacts: erased.count },
  });
  return { caseId, transitionId };
}

/**
 * Retention: erases the contact data of cases closed more than `retentionDays` ago. Each case in
 * its own transaction, logged as an erasure by the retention job; safe to run again at any time.
 */
export async function purgeExpiredContactData(
  dataSource: DataSource,
  retentionDays: number,
  now: Date = clockNow(),
): Promise<number> {
  const due = await selectRows<{ id: string }>(
    dataSource,
    `SELECT c."id" FROM "victim_case" c
      WHERE c."status" = $1
        AND (EXISTS (SELECT 1 FROM "case_contact" k WHERE k."case_id" = c."id" AND k."erased_at" IS NULL)
             OR c."discretionary_reason" IS NOT NULL
             OR EXISTS (SELECT 1 FROM "case_transition_note" n WHERE n."case_id" = c."id" AND n."note" IS NOT NULL))
        AND (SELECT max(t."occurred_at") FROM "case_transition" t WHERE t."case_id" = c."id" AND t."to_status" = $1 AND t."from_status" IS DISTINCT FROM $1) < $2::timestamptz - make_interval(days => $3)
      ORDER BY c."id" LIMIT 500`,
    [CaseStatus.CLOSED, now.toISOString(), retentionDays],
  );
  let purged = 0;
  for (const { id } of due) {
    await dataSource.transaction(async (manager) => {
      await eraseContactData(manager, id, {
        actor: RETENTION_ACTOR,
        scope: { kind: "ALL" },
        reason: "RETENTION_PERIOD_ENDED",
      });
      await appendAccessLog(manager, [
        {
          actor: RETENTION_ACTOR,
          roles: [],
          action: "ERASE",
          operation: "retention",
          caseId: id,
          fields: ERASED_FIELDS,
          purpose: "RETENTION",
          correlationId: `retention-${now.toISOString()}`,
          clientCorrelationId: null,
        },
      ]);
    });
    purged += 1;
  }
  return purged;
}

const RETENTION_ACTOR = "system:retention";
