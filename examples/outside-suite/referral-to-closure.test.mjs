// An outside team's test, written against the HTTP API only: one victim case from referral to closure.
// Node 20's built-ins and nothing else. Start an empty service with a held clock, then run it:
//
//   PGLITE_DIR=memory:// LOAD_DEMO_DATA=false CLOCK=2026-06-01T09:00:00Z npm start
//   SERVICE_URL=http://127.0.0.1:4000 node --test examples/outside-suite/*.test.mjs
//
// (README, "Testing against the service".) It makes its own officers, offender and case under names
// of its own, so it can run again against the same service.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const SERVICE_URL = (process.env.SERVICE_URL ?? "http://127.0.0.1:4000").replace(/\/+$/, "");
// Where `npm run token` runs: a checkout of the service, with the service's AUTH_DEV_KEY_DIR.
const SERVICE_DIR = process.env.VCS_SERVICE_DIR ?? fileURLToPath(new URL("../..", import.meta.url));
const RUN = randomBytes(3).toString("hex");

/** A development token from the service's own issuer (`npm run -s token`; README, "Signing in"). */
async function token(...args) {
  const { stdout } = await promisify(execFile)("npm", ["run", "-s", "token", "--", ...args], { cwd: SERVICE_DIR });
  return stdout.trim();
}

/** One GraphQL request; fails the test on a transport error or a top-level GraphQL error. */
async function graphql(bearer, query, variables = {}) {
  const response = await fetch(`${SERVICE_URL}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** A mutation: every payload has userErrors, and a step that worked has none. */
async function mutate(bearer, name, inputType, selection, input) {
  const data = await graphql(
    bearer,
    `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code message field } } }`,
    { input },
  );
  return data[name];
}

function succeeded(payload) {
  assert.deepEqual(payload.userErrors, []);
  return payload;
}

// What each case step reads back: the status, the version to send next, and what may be done now.
const CASE_PAYLOAD = `victimCase { id status version availableActions } transition { event fromStatus toStatus }`;
const READ_CASE = `query ($id: ID!) {
  victimCase(id: $id) {
    id reference status version referredOn closeReason availableActions
    contactPlan { informationLevel channels }
    notifications { kind channel status }
    history(first: 50) { nodes { event fromStatus toStatus actor } }
  }
}`;

describe("a victim case from referral to closure", () => {
  const tokens = {};
  const users = { vlo: `outside.vlo.${RUN}`, manager: `outside.manager.${RUN}`, admin: `outside.admin.${RUN}` };
  let today; // the service's today, from its held clock
  let offenderId;
  let victimCase; // the case as last read: id, status, version, availableActions

  before(async () => {
    [tokens.feed, tokens.vlo, tokens.manager, tokens.admin] = await Promise.all([
      token("--client", "outside-custody-feed", "--roles", "VCS_CUSTODY_FEED"), // a system's token
      token("--user", users.vlo, "--roles", "VCS_VLO"),
      token("--user", users.manager, "--roles", "VCS_MANAGER"),
      token("--user", users.admin, "--roles", "VCS_ADMIN"),
    ]);
    const { clock } = await graphql(
      tokens.admin,
      `
        {
          clock {
            today
            held
          }
        }
      `,
    );
    assert.ok(clock.held, "start the service with CLOCK=… (e.g. CLOCK=2026-06-01T09:00:00Z) so its time can be moved");
    today = clock.today;
  });

  it("registers the VLO and the manager as officers of one region (an administrator)", async () => {
    // An officer's region decides which cases they see and where their referrals land.
    for (const [username, name] of [
      [users.vlo, "Vic Liaison"],
      [users.manager, "Mo Manager"],
    ]) {
      const created = succeeded(
        await mutate(tokens.admin, "createOfficer", "CreateOfficerInput", "officer { username region }", {
          username,
          name,
          region: "NORTH_EAST",
          idempotencyKey: randomUUID(),
        }),
      );
      assert.deepEqual(created.officer, { username, region: "NORTH_EAST" });
    }
  });

  it("records the offender and their sentence (the custody feed)", async () => {
    const created = succeeded(
      await mutate(tokens.feed, "createOffender", "CreateOffenderInput", "offender { id custodyPhase }", {
        name: `Outside Offender ${RUN}`,
        sentence: {
          type: "SDS",
          lengthMonths: 120,
          offenceCategory: "VIOLENT",
          sentenceDate: `${Number(today.slice(0, 4)) - 1}-01-15`,
        },
        idempotencyKey: randomUUID(),
      }),
    );
    assert.equal(created.offender.custodyPhase, "IN_CUSTODY");
    offenderId = created.offender.id;
  });

  it("refers the victim, dated the service's today, and a retry with the same key refers nobody twice (VLO)", async () => {
    const input = {
      offenderId, // no referredOn: the service's today
      contact: {
        role: "VICTIM",
        name: `Sam Outside ${RUN}`,
        email: `sam.${RUN}@example.org`,
        address: { line1: "1 High Street", town: "Durham", postcode: "DH1 1AA" },
      },
      idempotencyKey: randomUUID(),
    };
    const referred = succeeded(
      await mutate(tokens.vlo, "referVictimCase", "ReferVictimCaseInput", CASE_PAYLOAD, input),
    );
    assert.equal(referred.victimCase.status, "REFERRED");
    assert.deepEqual(referred.transition, { event: "REFERRED", fromStatus: null, toStatus: "REFERRED" });
    assert.deepEqual(referred.victimCase.availableActions, ["SEND_INVITATION"]);

    // A lost answer is retried with the same key: the first result comes back, nothing is applied twice.
    const retried = succeeded(await mutate(tokens.vlo, "referVictimCase", "ReferVictimCaseInput", CASE_PAYLOAD, input));
    assert.equal(retried.victimCase.id, referred.victimCase.id);
    assert.equal(retried.victimCase.version, referred.victimCase.version);

    victimCase = referred.victimCase;
    const { victimCase: read } = await graphql(tokens.vlo, READ_CASE, { id: victimCase.id });
    assert.equal(read.referredOn, today);
  });

  it("invites the victim by letter (VLO)", async () => {
    const invited = succeeded(
      await mutate(tokens.vlo, "sendInvitation", "SendInvitationInput", CASE_PAYLOAD, {
        caseId: victimCase.id,
        channel: "LETTER",
        expectedVersion: victimCase.version,
        idempotencyKey: randomUUID(),
      }),
    );
    assert.equal(invited.victimCase.status, "INVITED");
    assert.deepEqual(invited.victimCase.availableActions, ["SEND_INVITATION", "RECORD_OPT_IN", "RECORD_DECLINE"]);
    victimCase = invited.victimCase;
  });

  it("records that the victim opted in (VLO)", async () => {
    const optedIn = succeeded(
      await mutate(tokens.vlo, "recordOptIn", "RecordOptInInput", CASE_PAYLOAD, {
        caseId: victimCase.id,
        expectedVersion: victimCase.version,
        idempotencyKey: randomUUID(),
      }),
    );
    assert.equal(optedIn.victimCase.status, "OPTED_IN");
    assert.deepEqual(optedIn.victimCase.availableActions, ["AGREE_CONTACT_PLAN", "RECORD_OPT_OUT"]);
    victimCase = optedIn.victimCase;
  });

  it("agrees a contact plan: an annual letter, by post; the case is ACTIVE while the offender is in custody (VLO)", async () => {
    const agreed = succeeded(
      await mutate(tokens.vlo, "agreeContactPlan", "AgreeContactPlanInput", CASE_PAYLOAD, {
        caseId: victimCase.id,
        informationLevel: "ANNUAL_LETTER",
        channels: ["LETTER"],
        expectedVersion: victimCase.version,
        idempotencyKey: randomUUID(),
      }),
    );
    assert.equal(agreed.victimCase.status, "ACTIVE");
    assert.deepEqual(agreed.victimCase.availableActions, ["AGREE_CONTACT_PLAN", "RECORD_OPT_OUT"]);
    victimCase = agreed.victimCase;

    const { victimCase: read } = await graphql(tokens.vlo, READ_CASE, { id: victimCase.id });
    assert.deepEqual(read.contactPlan, { informationLevel: "ANNUAL_LETTER", channels: ["LETTER"] });
    assert.equal(read.notifications.filter((item) => item.kind === "ANNUAL_LETTER").length, 0);
  });

  it("moves the clock on a year: the annual letter falls due (an administrator)", async () => {
    const advanced = succeeded(
      await mutate(
        tokens.admin,
        "advanceClock",
        "AdvanceClockInput",
        "clock { today held } timers { kind subjectId outcome }",
        { days: 366 }, // the plan's anniversary is at most 366 days away
      ),
    );
    assert.ok(advanced.clock.today > today);
    // Every timer that came due on the way ran, once, in order; this case's include its annual letter.
    const mine = advanced.timers.filter((timer) => timer.subjectId === victimCase.id);
    assert.deepEqual(
      mine.filter((timer) => timer.kind === "ANNUAL_LETTER").map((timer) => timer.outcome),
      ["FIRED"],
    );

    const { victimCase: read } = await graphql(tokens.vlo, READ_CASE, { id: victimCase.id });
    assert.equal(read.status, "ACTIVE");
    assert.deepEqual(
      read.notifications.filter((item) => item.kind === "ANNUAL_LETTER"),
      [{ kind: "ANNUAL_LETTER", channel: "LETTER", status: "DUE" }],
    );
    victimCase = read;
  });

  it("closes the case at the victim's request, refusing a stale version first (manager)", async () => {
    const { victimCase: read } = await graphql(tokens.manager, READ_CASE, { id: victimCase.id });
    assert.ok(read.availableActions.includes("CLOSE"));
    const close = (expectedVersion) =>
      mutate(tokens.manager, "closeVictimCase", "CloseVictimCaseInput", CASE_PAYLOAD, {
        caseId: read.id,
        reason: "VICTIM_REQUEST",
        expectedVersion,
        idempotencyKey: randomUUID(),
      });

    // Someone changed the case since this version was read: nothing is done.
    const stale = await close(read.version - 1);
    assert.deepEqual(
      stale.userErrors.map((error) => error.code),
      ["STALE_VERSION"],
    );

    const closed = succeeded(await close(read.version));
    assert.equal(closed.victimCase.status, "CLOSED");
    assert.deepEqual(closed.transition, { event: "CLOSE", fromStatus: "ACTIVE", toStatus: "CLOSED" });
    assert.deepEqual(closed.victimCase.availableActions, []);
  });

  it("shows the closed case's whole history, oldest first", async () => {
    const { victimCase: read } = await graphql(tokens.manager, READ_CASE, { id: victimCase.id });
    assert.equal(read.status, "CLOSED");
    assert.equal(read.closeReason, "VICTIM_REQUEST");
    assert.deepEqual(
      read.history.nodes.map(({ event, fromStatus, toStatus, actor }) => [event, fromStatus, toStatus, actor]),
      [
        ["REFERRED", null, "REFERRED", users.vlo],
        ["SEND_INVITATION", "REFERRED", "INVITED", users.vlo],
        ["RECORD_OPT_IN", "INVITED", "OPTED_IN", users.vlo],
        ["AGREE_CONTACT_PLAN", "OPTED_IN", "ACTIVE", users.vlo],
        ["CLOSE", "ACTIVE", "CLOSED", users.manager],
      ],
    );
  });
});
