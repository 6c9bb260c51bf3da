import { createHash, randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { Role } from "../../src/domain/security/role.enum";
import { createRequestContext } from "../../src/server";
import { actorOf, type Caller } from "../../src/services/security/identity";
import { isConnectionError } from "../../src/services/platform/connection-errors";
import { contactInput, CREATE_OFFENDER, offenderInput, REFER, SEND_INVITATION } from "../support/api";
import { ENGINES, startHarness, TEST_RUNTIME_ROLE, type Harness } from "../support/harness";

// Issue 13 §4: connections killed under load (pg_terminate_backend, as in a failover) must never
// turn a change that was made into an error, nor an error into a change: "error" means nothing
// was written. Every mutation carries an idempotency key, whose claim is written in the same
// transaction, so the key's row says whether the change committed. Bounded: a few seconds.

const CHAOS_MS = 4_000;
const WORKERS = 8;
const VLO: Caller = { kind: "USER", username: "chaos.vlo", roles: [Role.VLO] };
const FEED: Caller = { kind: "SYSTEM", clientId: "custody-feed", roles: [Role.CUSTODY_FEED] };

/**
 * ERROR: nothing was written (DATABASE_UNAVAILABLE, or no request context). UNKNOWN: OUTCOME_UNKNOWN,
 * the answer when the connection went where the change may have been written.
 */
type Outcome = "CHANGED" | "REFUSED" | "ERROR" | "UNKNOWN";
interface Attempt {
  operation: string;
  /** The key as stored: the service keeps each caller's keys apart (case-commands.ts). */
  key: string;
  outcome: Outcome;
  /** The top-level error codes, for the report. */
  codes: string[];
  /** To send it again: who, what, and the key as the client sent it. */
  resend: { caller: Caller; mutation: string; input: Record<string, unknown> };
}

if (ENGINES.includes("postgres")) {
  describe("connections terminated under load (postgres)", () => {
    let h: Harness;
    let owner: DataSource;
    const attempts: Attempt[] = [];
    let terminated = 0;

    beforeAll(async () => {
      h = await startHarness("postgres");
      owner = await h.owner();
      await h.dataSource.query(`INSERT INTO "officer" ("username", "name", "region") VALUES ($1, $1, 'NORTH_EAST')`, [
        VLO.kind === "USER" ? VLO.username : "",
      ]);
      let running = true;
      const killer = (async () => {
        const database = (await owner.query(`SELECT current_database() AS "name"`))[0].name as string;
        while (running) {
          const killed = (await owner.query(
            `SELECT pg_terminate_backend("pid") AS "done" FROM pg_stat_activity WHERE "datname" = $1 AND "usename" = $2`,
            [database, TEST_RUNTIME_ROLE],
          )) as { done: boolean }[];
          terminated += killed.filter((row) => row.done).length;
          await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 120));
        }
      })();
      const until = Date.now() + CHAOS_MS;
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (Date.now() < until) await oneCase(h, attempts);
        }),
      );
      running = false;
      await killer;
    }, 120_000);
    afterAll(() => h.close());

    it("should have changed some cases and lost connections while doing so", () => {
      console.log(
        `chaos: ${attempts.length} mutations in ${CHAOS_MS} ms with ${terminated} connections terminated: ` +
          (["CHANGED", "REFUSED", "ERROR", "UNKNOWN"] as const)
            .map((outcome) => `${attempts.filter((attempt) => attempt.outcome === outcome).length} ${outcome}`)
            .join(", "),
      );
      expect(terminated).toBeGreaterThan(0);
      // Some, not a quota: on a machine busy with other work most attempts lose their connection
      // (6 of 84 got through once); what matters is the next two tests, whatever the split.
      expect(attempts.filter((attempt) => attempt.outcome === "CHANGED").length).toBeGreaterThan(0);
    });

    it("should answer no change that was not written (no false successes)", async () => {
      const committed = await committedKeys(owner, attempts);
      const falseSuccesses = attempts.filter((attempt) => attempt.outcome === "CHANGED" && !committed.has(attempt.key));
      expect(falseSuccesses).toEqual([]);
    });

    it("should answer no error for a change that was written (no false failures)", async () => {
      const committed = await committedKeys(owner, attempts);
      const falseFailures = attempts.filter(
        (attempt) => (attempt.outcome === "ERROR" || attempt.outcome === "REFUSED") && committed.has(attempt.key),
      );
      expect(falseFailures).toEqual([]);
    });

    it("should answer every lost connection DATABASE_UNAVAILABLE or OUTCOME_UNKNOWN, never INTERNAL_SERVER_ERROR", () => {
      const codes = new Set(attempts.flatMap((attempt) => attempt.codes));
      expect(codes.has("INTERNAL_SERVER_ERROR")).toBe(false);
      expect(
        [...codes].filter((code) => !["DATABASE_UNAVAILABLE", "OUTCOME_UNKNOWN", "NO_CONTEXT"].includes(code)),
      ).toEqual([]);
    });

    it("should settle every OUTCOME_UNKNOWN when it is sent again with the same key, writing it at most once", async () => {
      const unknown = attempts.filter((attempt) => attempt.outcome === "UNKNOWN");
      const committedBefore = await committedKeys(owner, unknown);

      const again: Attempt[] = [];
      for (const attempt of unknown)
        await send(h, again, attempt.resend.caller, attempt.operation, attempt.resend.mutation, attempt.resend.input);

      // Made twice, each would be refused the second time (the same prison number, a duplicate
      // referral, a case already invited): CHANGED means those written were answered from their key.
      expect(again.map((attempt) => attempt.outcome)).toEqual(unknown.map(() => "CHANGED"));
      expect(await committedKeys(owner, unknown)).toEqual(new Set(unknown.map((attempt) => attempt.key)));
      console.log(`chaos: ${unknown.length} OUTCOME_UNKNOWN, ${committedBefore.size} of them written before`);
    });

    it("should recover by itself once the terminations stop", async () => {
      const after: Attempt[] = [];
      for (let i = 0; i < 5; i++) await oneCase(h, after);
      expect(after.map((attempt) => attempt.outcome)).toEqual(Array(15).fill("CHANGED"));
    });
  });
}

/** Creates an offender, refers a case for it and invites the victim, stopping at the first failure. */
async function oneCase(h: Harness, attempts: Attempt[]): Promise<void> {
  const offender = await attempt(h, attempts, FEED, "createOffender", CREATE_OFFENDER, offenderInput());
  const offenderId = (offender as { offender?: { id: string } } | null)?.offender?.id;
  if (!offenderId) return;
  const referral = await attempt(h, attempts, VLO, "referVictimCase", REFER, {
    offenderId,
    referredOn: "2026-01-10",
    contact: contactInput(),
  });
  const caseId = (referral as { victimCase?: { id: string } } | null)?.victimCase?.id;
  if (!caseId) return;
  await attempt(h, attempts, VLO, "sendInvitation", SEND_INVITATION, { caseId, channel: "LETTER" });
}

async function attempt(
  h: Harness,
  attempts: Attempt[],
  caller: Caller,
  operation: string,
  mutation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  return send(h, attempts, caller, operation, mutation, { ...input, idempotencyKey: `chaos-${randomUUID()}` });
}

/** Sends one mutation as it stands, key included, and records how it was answered. */
async function send(
  h: Harness,
  attempts: Attempt[],
  caller: Caller,
  operation: string,
  mutation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  const key = input.idempotencyKey as string;
  let payload = null as { userErrors?: unknown[] } | null;
  let codes: string[] = [];
  try {
    const contextValue = await createRequestContext(h.dataSource, caller);
    const response = await h.server.executeOperation({ query: mutation, variables: { input } }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const { data, errors } = response.body.singleResult;
    codes = (errors ?? []).map((error) => String(error.extensions?.code));
    payload = errors?.length ? null : ((data?.[operation] as typeof payload) ?? null);
  } catch (error) {
    // The request could not even start (its officer lookup lost the connection twice over).
    if (!isConnectionError(error)) throw error;
    codes = ["NO_CONTEXT"];
  }
  const outcome: Outcome =
    payload !== null
      ? payload.userErrors?.length
        ? "REFUSED"
        : "CHANGED"
      : codes.includes("OUTCOME_UNKNOWN")
        ? "UNKNOWN"
        : "ERROR";
  const stored = createHash("sha256").update(actorOf(caller)).update("\0").update(key).digest("hex");
  attempts.push({ operation, key: stored, outcome, codes, resend: { caller, mutation, input } });
  return outcome === "CHANGED" ? payload : null;
}

async function committedKeys(owner: DataSource, attempts: Attempt[]): Promise<Set<string>> {
  const rows = (await owner.query(`SELECT "key" FROM "idempotency_key" WHERE "key" = ANY($1)`, [
    attempts.map((attempt) => attempt.key),
  ])) as { key: string }[];
  return new Set(rows.map((row) => row.key));
}
