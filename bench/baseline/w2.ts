import type { PoolClient } from "pg";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { randomUUID } from "node:crypto";
import { accessLogValues } from "./access-log";
import type { BaselineContext } from "./request-context";

/*
 * W2 (and W4's transition), a follow-up sendInvitation on an INVITED case with expectedVersion.
 * The service's statements, in order (captured; src/services/cases/case-transition.service.ts):
 *   1. START TRANSACTION
 *   2. SELECT … FROM "victim_case" c WHERE id = $1 AND region = $2 FOR UPDATE SKIP LOCKED
 *      (FOR UPDATE, waiting, when no expectedVersion is sent)
 *   3. one statement of the command's trailing writes (src/services/platform/trailing-writes.ts):
 *      the case's UPDATE (status, context, version + 1, updated_at WHERE id AND version), its
 *      "case_transition" row (id chosen by the service), the follow-up task's UPDATE to DONE (if
 *      open) and the "access_log" row (CHANGE of channel), as CTEs, answering the history row
 *   4. COMMIT
 * A winner: 1–4 (4 statements, two round trips inside the transaction). A stale expectedVersion on a free case: 1, 2, then ROLLBACK (3).
 * W4's loser, whose case another transaction holds: 1, 2 (no row), then the existence read
 * telling a busy case from a missing one, then ROLLBACK (4), answering
 * STALE_VERSION on ["input", "expectedVersion"]. No officer lookup: the officer's record is kept
 * from the user's first request (officer-lookup.ts).
 */

const LOCK_CASE = `SELECT c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion", c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_ground" AS "discretionaryGround", c."referred_on"::text AS "referredOn", c."created_at" AS "createdAt", c."updated_at" AS "updatedAt" FROM "victim_case" c WHERE c."id" = $1 AND c."region" = $2 FOR UPDATE`;

/** The lock with the version the caller last read: a case another change holds is not waited for. */
const LOCK_CASE_SKIP_LOCKED = `${LOCK_CASE} SKIP LOCKED`;

/** Whether the case exists, inside the transaction, when the lock found no row. */
const CASE_EXISTS = `SELECT EXISTS (SELECT 1 FROM "victim_case" c WHERE c."id" = $1 AND c."region" = $2) AS "exists"`;

/** The case's change, its history row, the follow-up task closed and the access-log row, in one statement. */
const WRITE_FOLLOW_UP = `WITH "w0_updated" AS (UPDATE "victim_case" SET "status" = $2, "context" = $3, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $4 RETURNING "id"), "w0" AS (INSERT INTO "case_transition" ("case_id", "sequence", "id", "event", "actor", "reason", "payload", "effective_on", "from_status", "to_status") SELECT "w0_updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = $1), $5, $6, $7, $8, $9, $10, $11, $12 FROM "w0_updated" RETURNING *), "w1" AS (UPDATE "task" SET "status" = $13, "closed_at" = now(), "closed_by" = $14, "closed_reason" = $15, "version" = "version" + 1 WHERE "status" = ANY($16) AND "kind" = ANY($17) AND ($18::uuid IS NULL OR "case_id" = $19) AND ($20::uuid IS NULL OR "subject_id" = $21)), "w2" AS (INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id", "client_correlation_id") VALUES ($22, $23, $24, $25, $26, $27, $28, $29, $30)) SELECT * FROM "w0"`;

// The scheme's day is England and Wales's, as the service's clock gives it.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

interface SendInvitationInput {
  caseId: string;
  channel: string;
  expectedVersion?: number | null;
  visitOffered?: boolean | null;
}

/** What the lock reads of the case that the follow-up needs. */
interface LockedCase {
  status: string;
  version: number;
  context: { reachableChannels: string[]; invitationsSent: number };
}

/** A userError as the service answers it. */
function refusal(code: string, field: string[], message: string) {
  return { victimCase: null, userErrors: [{ code, field, message }] };
}

/** Why the service refuses the follow-up once it has tried the lock (sending what it sends to decide), or null. */
async function refusalOf(client: PoolClient, input: SendInvitationInput, row: LockedCase | undefined, where: string[]) {
  if (row === undefined)
    // Missing or out of scope; or, when not waited for, held by another change.
    return input.expectedVersion != null && (await client.query<{ exists: boolean }>(CASE_EXISTS, where)).rows[0].exists
      ? refusal(
          "STALE_VERSION",
          ["input", "expectedVersion"],
          "The victim case is being changed by another request; reload it and try again.",
        )
      : refusal("NOT_FOUND", ["input", "caseId"], "No victim case has that id.");
  const version = row.version;
  if (input.expectedVersion != null && input.expectedVersion !== version)
    return refusal(
      "STALE_VERSION",
      ["input", "expectedVersion"],
      `The victim case has changed since version ${input.expectedVersion}; it is now at version ${version}.`,
    );
  if (row.status !== "INVITED" || !row.context.reachableChannels.includes(input.channel))
    return refusal("TRANSITION_NOT_ALLOWED", ["input"], "The baseline sends follow-ups on INVITED cases only.");
  return null;
}

export async function sendFollowUp(context: BaselineContext, input: SendInvitationInput) {
  const id = fromGlobalId(input.caseId, "VictimCase");
  if (!id) return refusal("NOT_FOUND", ["input", "caseId"], "No victim case has that id.");
  const client = await context.pool.connect();
  try {
    await client.query("START TRANSACTION");
    const where = [id, context.officer.region];
    const locked = await client.query<LockedCase>(
      input.expectedVersion == null ? LOCK_CASE : LOCK_CASE_SKIP_LOCKED,
      where,
    );
    const row = locked.rows[0];
    const failure = await refusalOf(client, input, row, where);
    if (failure) {
      await client.query("ROLLBACK");
      return failure;
    }
    const nextContext = {
      ...row.context,
      invitationsSent: row.context.invitationsSent + 1,
    };
    await client.query(WRITE_FOLLOW_UP, [
      id,
      "INVITED",
      JSON.stringify(nextContext),
      row.version,
      randomUUID(),
      "SEND_INVITATION",
      context.username,
      null,
      JSON.stringify({ channel: input.channel, visitOffered: input.visitOffered ?? false }),
      LONDON_DAY.format(new Date()),
      "INVITED",
      "INVITED",
      "DONE",
      context.username,
      "SEND_INVITATION",
      ["OPEN"],
      ["INVITATION_FOLLOW_UP"],
      id,
      id,
      null,
      null,
      ...accessLogValues(context, { action: "CHANGE", operation: "sendInvitation", caseId: id, fields: ["channel"] }),
    ]);
    await client.query("COMMIT");
    return {
      victimCase: { id: toGlobalId("VictimCase", id), status: "INVITED", version: row.version + 1 },
      userErrors: [],
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
