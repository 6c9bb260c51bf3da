import { callGraphql } from "../runner/graphql-client";
import { BenchFailure } from "../runner/bench-failure";
import { withClient } from "../runner/bench-database";

const ADVANCE_CLOCK = `mutation ScaleAdvanceClock($input: AdvanceClockInput!) {
  advanceClock(input: $input) { timers { subjectId outcome } userErrors { code } }
}`;

/** What the database holds of the invitation-expiry timers the scale test made due. */
export interface DueTimerState {
  due: number;
  fired: number;
  pending: number;
  /** Cases whose invitation expired other than exactly once (INVITATION_EXPIRED in their history). */
  notExactlyOnce: number;
}

/**
 * Makes the invitation-expiry timers of these cases (database ids) due today, as if their day had
 * come: each then declines its case (NO_RESPONSE) when an instance's timer runner takes it.
 */
export async function makeExpiriesDue(databaseUrl: string, caseIds: string[], today: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE "timer" SET "due_on" = $2 WHERE "kind" = 'INVITATION_EXPIRY' AND "status" = 'PENDING' AND "subject_id" = ANY($1)`,
      [caseIds, today],
    );
    if (rowCount !== caseIds.length)
      throw new BenchFailure(`expected an expiry timer on each of ${caseIds.length} cases, found ${rowCount}`);
    return rowCount;
  });
}

/** The timers of these cases, and how many times each case's invitation expired. */
export async function dueTimerState(databaseUrl: string, caseIds: string[]): Promise<DueTimerState> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<DueTimerState>(
      `SELECT count(*)::int AS "due",
              count(*) FILTER (WHERE t."status" = 'FIRED')::int AS "fired",
              count(*) FILTER (WHERE t."status" = 'PENDING')::int AS "pending",
              count(*) FILTER (WHERE (SELECT count(*) FROM "case_transition" h
                                       WHERE h."case_id" = t."subject_id" AND h."event" = 'INVITATION_EXPIRED') <> 1)::int
                AS "notExactlyOnce"
         FROM "timer" t WHERE t."kind" = 'INVITATION_EXPIRY' AND t."subject_id" = ANY($1)`,
      [caseIds],
    );
    return rows[0];
  });
}

/**
 * One instance's timer run, asked for directly (not through the proxy: the test clock is each
 * instance's own): advanceClock moves its held clock a little (`to`, still today) and runs what is
 * due. Resolves with the subjects (global ids) of the timers it fired.
 */
export async function runTimersOn(url: string, adminToken: string, to: Date): Promise<string[]> {
  const data = await callGraphql<{
    advanceClock: { timers: { subjectId: string; outcome: string }[]; userErrors: { code: string }[] };
  }>(url, adminToken, ADVANCE_CLOCK, { input: { to: to.toISOString() } });
  if (data.advanceClock.userErrors.length > 0)
    throw new BenchFailure(`${url}: advanceClock refused: ${JSON.stringify(data.advanceClock.userErrors)}`);
  return data.advanceClock.timers.filter((timer) => timer.outcome === "FIRED").map((timer) => timer.subjectId);
}
