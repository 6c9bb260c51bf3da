import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { writeAccessLog } from "./access-log";
import type { BaselineContext } from "./request-context";

/*
 * W2 (and W4's transition), a follow-up sendInvitation on an INVITED case with expectedVersion.
 * The service's statements, in order (captured):
 *   1. SELECT … FROM "officer" WHERE username = $1 LIMIT 1
 *   2. START TRANSACTION
 *   3. SELECT … FROM "victim_case" WHERE id = $1 AND region = $2 LIMIT 1 FOR UPDATE
 *   4. WITH "updated" AS (UPDATE "victim_case" SET status, context, version + 1, updated_at
 *      WHERE id AND version RETURNING id) INSERT INTO "case_transition" … RETURNING *
 *   5. UPDATE "task" SET status = DONE … (the follow-up task, if open)
 *   6. INSERT INTO "access_log" …: CHANGE of channel
 *   7. COMMIT
 * A stale expectedVersion: 1–3, then ROLLBACK.
 */

const LOCK_CASE = `SELECT "VictimCaseEntity"."id" AS "VictimCaseEntity_id", "VictimCaseEntity"."reference" AS "VictimCaseEntity_reference", "VictimCaseEntity"."offender_id" AS "VictimCaseEntity_offender_id", "VictimCaseEntity"."status" AS "VictimCaseEntity_status", "VictimCaseEntity"."officer_id" AS "VictimCaseEntity_officer_id", "VictimCaseEntity"."region" AS "VictimCaseEntity_region", "VictimCaseEntity"."context" AS "VictimCaseEntity_context", "VictimCaseEntity"."machine_version" AS "VictimCaseEntity_machine_version", "VictimCaseEntity"."version" AS "VictimCaseEntity_version", "VictimCaseEntity"."eligibility_route" AS "VictimCaseEntity_eligibility_route", "VictimCaseEntity"."discretionary_ground" AS "VictimCaseEntity_discretionary_ground", "VictimCaseEntity"."referred_on" AS "VictimCaseEntity_referred_on", "VictimCaseEntity"."created_at" AS "VictimCaseEntity_created_at", "VictimCaseEntity"."updated_at" AS "VictimCaseEntity_updated_at" FROM "victim_case" "VictimCaseEntity" WHERE (("VictimCaseEntity"."id" = $1) AND ("VictimCaseEntity"."region" = $2)) LIMIT 1 FOR UPDATE`;

const UPDATE_CASE_AND_APPEND_HISTORY = `WITH "updated" AS (UPDATE "victim_case" SET "status" = $2, "context" = $3, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $4 RETURNING "id") INSERT INTO "case_transition" ("case_id", "sequence", "event", "actor", "reason", "payload", "effective_on", "from_status", "to_status") SELECT "updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = $1), $5, $6, $7, $8, $9, $10, $11 FROM "updated" RETURNING *`;

const CLOSE_FOLLOW_UP_TASK = `UPDATE "task" SET "status" = $1, "closed_at" = now(), "closed_by" = $2, "closed_reason" = $3, "version" = "version" + 1 WHERE "status" = ANY($4) AND "kind" = ANY($5) AND ($6::uuid IS NULL OR "case_id" = $7) AND ($8::uuid IS NULL OR "subject_id" = $9)`;

// The scheme's day is England and Wales's, as the service's clock gives it.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

interface SendInvitationInput {
  caseId: string;
  channel: string;
  expectedVersion?: number | null;
  visitOffered?: boolean | null;
}

/** A userError as the service answers it. */
function refusal(code: string, field: string[], message: string) {
  return { victimCase: null, userErrors: [{ code, field, message }] };
}

export async function sendFollowUp(context: BaselineContext, input: SendInvitationInput) {
  const id = fromGlobalId(input.caseId, "VictimCase");
  if (!id) return refusal("NOT_FOUND", ["input", "caseId"], "No victim case has that id.");
  const client = await context.pool.connect();
  try {
    await client.query("START TRANSACTION");
    const locked = await client.query(LOCK_CASE, [id, context.officer.region]);
    const row = locked.rows[0];
    const version: number | undefined = row?.VictimCaseEntity_version;
    const failure =
      row === undefined
        ? refusal("NOT_FOUND", ["input", "caseId"], "No victim case has that id.")
        : input.expectedVersion != null && input.expectedVersion !== version
          ? refusal(
              "STALE_VERSION",
              ["input", "expectedVersion"],
              `The victim case has changed since version ${input.expectedVersion}; it is now at version ${version}.`,
            )
          : row.VictimCaseEntity_status !== "INVITED" ||
              !row.VictimCaseEntity_context.reachableChannels.includes(input.channel)
            ? refusal("TRANSITION_NOT_ALLOWED", ["input"], "The baseline sends follow-ups on INVITED cases only.")
            : null;
    if (failure) {
      await client.query("ROLLBACK");
      return failure;
    }
    const nextContext = {
      ...row.VictimCaseEntity_context,
      invitationsSent: row.VictimCaseEntity_context.invitationsSent + 1,
    };
    await client.query(UPDATE_CASE_AND_APPEND_HISTORY, [
      id,
      "INVITED",
      JSON.stringify(nextContext),
      version,
      "SEND_INVITATION",
      context.username,
      null,
      JSON.stringify({ channel: input.channel, visitOffered: input.visitOffered ?? false }),
      LONDON_DAY.format(new Date()),
      "INVITED",
      "INVITED",
    ]);
    await client.query(CLOSE_FOLLOW_UP_TASK, [
      "DONE",
      context.username,
      "SEND_INVITATION",
      ["OPEN"],
      ["INVITATION_FOLLOW_UP"],
      id,
      id,
      null,
      null,
    ]);
    await writeAccessLog(client, context, {
      action: "CHANGE",
      operation: "sendInvitation",
      caseId: id,
      fields: ["channel"],
    });
    await client.query("COMMIT");
    return {
      victimCase: { id: toGlobalId("VictimCase", id), status: "INVITED", version: version! + 1 },
      userErrors: [],
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
