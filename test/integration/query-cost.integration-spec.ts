import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { createOffender, mutate, optedInCase, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const LIST = `query ($first: Int!) {
  victimCases(first: $first) {
    totalCount
    edges { cursor node { id reference status availableActions offender { id name custodyPhase sentence { type } } contacts { name email address { postcode } } contactPlan { informationLevel } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// Relations are batched per request, so a page costs a fixed number of statements.
describe.each(ENGINES)("statements per list query (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    for (let offenderIndex = 0; offenderIndex < 10; offenderIndex++) {
      const offender = await createOffender(h);
      for (let caseIndex = 0; caseIndex < 5; caseIndex++) await referCase(h, offender.id);
    }
  });
  afterAll(() => h.close());

  async function statementsFor(first: number, query = LIST): Promise<{ count: number; items: number }> {
    h.statements.reset();
    const result = await h.run(query, { first });
    expect(result.errors).toBeUndefined();
    const list = Object.values(result.data!)[0] as { nodes?: unknown[]; edges?: unknown[] };
    return { count: h.statements.count, items: (list.edges ?? list.nodes)!.length };
  }

  it("should use the same number of SQL statements for 50 cases with offender and contact as for 5", async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);

    expect(small.items).toBe(5);
    expect(large.items).toBe(50);
    expect(large.count).toBe(small.count);
    // page, count and offenders in one; then sentences, contacts, plans, and one access-log insert
    // for all 50 reads of contact details (the caller's officer record is kept by the instance)
    expect(large.count).toBeLessThanOrEqual(5);
    expect(h.statements.statements.filter((sql) => sql.includes(`INSERT INTO "access_log"`))).toHaveLength(1);
  });

  it("should batch each case's history when a list of cases shows it", async () => {
    const withHistory = `query ($first: Int!) { victimCases(first: $first) { nodes { reference history(first: 5) { totalCount nodes { event toStatus } pageInfo { hasNextPage } } } } }`;
    const small = await statementsFor(5, withHistory);
    const large = await statementsFor(50, withHistory);

    expect(large.items).toBe(50);
    expect(large.count).toBe(small.count);
  });

  it("should batch each offender's cases when a list of offenders shows them", async () => {
    const withCases = `query ($first: Int!) { offenders(first: $first) { nodes { name sentence { type } victimCases(first: 3) { totalCount nodes { reference status contacts { name } } } } } }`;
    const small = await statementsFor(2, withCases);
    const large = await statementsFor(10, withCases);

    expect(large.items).toBe(10);
    expect(large.count).toBe(small.count);
  });

  it("should batch statements, parole requests, licence-condition requests and reviews when a list of cases shows them", async () => {
    const offender = await createOffender(
      h,
      {},
      { type: "LIFE", lengthMonths: null, tariffMonths: 120, sentenceDate: "2010-01-15" },
    );
    const cases = [
      await optedInCase(h, offender.id, true),
      await optedInCase(h, offender.id, true),
      await optedInCase(h, offender.id, true),
    ];
    await mutate(
      h,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
      { offenderId: offender.id, type: "REFERRED_TO_PAROLE_BOARD", occurredOn: "2026-01-05" },
    );
    const [review] = await h.dataSource.query(
      `SELECT "id" FROM "parole_review" WHERE "offender_id" = (SELECT "offender_id" FROM "victim_case" ORDER BY "created_at" DESC LIMIT 1)`,
    );
    const paroleReviewId = toGlobalId("ParoleReview", review.id);
    for (const victimCase of cases) {
      await mutate(
        h,
        `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { userErrors { code } } }`,
        { caseId: victimCase.id, paroleReviewId },
      );
      await mutate(
        h,
        `mutation ($input: ApplyToObserveParoleHearingInput!) { applyToObserveParoleHearing(input: $input) { userErrors { code } } }`,
        { caseId: victimCase.id, paroleReviewId },
      );
      await mutate(
        h,
        `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { userErrors { code } } }`,
        {
          caseId: victimCase.id,
          kind: "NO_CONTACT",
          description: "No contact with the victim.",
          decisionPoint: "PAROLE_REVIEW",
          paroleReviewId,
        },
      );
    }
    const withParole = `query ($first: Int!) { victimCases(first: $first, filter: { offenderId: "${offender.id}" }) { nodes { reference
      personalStatements { status paroleReview { status statementDueOn } } paroleRequests { kind paroleReview { status } }
      licenceConditionRequests { kind status description paroleReview { status } } releaseInformation { licenceConditions { kind outcome } }
      offender { paroleReviews { status } } } } }`;
    const one = await statementsFor(1, withParole);
    const three = await statementsFor(3, withParole);

    expect([one.items, three.items]).toEqual([1, 3]);
    expect(three.count).toBe(one.count);
  });

  // Issue 15 §2, W3: a caseload page as a front end shows it, in one statement whatever its size.
  it("should read a page of cases with their offender, status, actions and last history entry in one statement, for 5 cases or 50", async () => {
    const caseload = `query ($first: Int!) { victimCases(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      nodes { id reference status version availableActions offender { name custodyPhase } lastTransition { event toStatus actor occurredAt } } } }`;
    const small = await statementsFor(5, caseload);
    const large = await statementsFor(50, caseload);

    expect([small.items, large.items]).toEqual([5, 50]);
    expect([small.count, large.count]).toEqual([1, 1]);
  });

  // Issue 15 §2, W1: one case with its contacts' details, as a case page opens.
  it("should read one case with its offender and contacts in one statement, and log the read of their details in one more", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    h.statements.reset();

    const result = await h.run<{
      victimCase: { status: string; offender: { name: string }; contacts: { name: string; email: string }[] };
    }>(
      `query ($id: ID!) { victimCase(id: $id) { id status version availableActions offender { name custodyPhase } contacts { name email phone } } }`,
      { id: victimCase.id },
    );

    expect(result.data!.victimCase.contacts).toHaveLength(1);
    expect(result.data!.victimCase.offender.name).toBeTruthy();
    expect(h.statements.statements.map((sql) => sql.trim().split(/\s+/)[0].toUpperCase())).toEqual([
      "SELECT",
      "INSERT",
    ]);
    expect(h.statements.statements[1]).toContain(`INSERT INTO "access_log"`);
  });

  // Issue 15 §2: inside its transaction a transition is two round trips, the row lock and one
  // statement that updates the case and writes its history row, timers, tasks and access-log row.
  it("should apply a first invitation in the row lock and one statement with its history row, timers, task closure and access-log row, the caller's officer record kept by the instance", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    h.statements.reset();

    const result = await h.run<{
      sendInvitation: {
        victimCase: { status: string; version: number; availableActions: string[] } | null;
        transition: { event: string; toStatus: string; sequence: number } | null;
        userErrors: { code: string }[];
      };
    }>(
      `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { status version availableActions } transition { event toStatus sequence } userErrors { code } } }`,
      {
        input: { caseId: victimCase.id, channel: "LETTER" },
      },
    );

    expect(result.data!.sendInvitation.victimCase!.status).toBe("INVITED");
    expect(result.data!.sendInvitation.transition!.event).toBe("SEND_INVITATION");
    expect(result.data!.sendInvitation.transition!.sequence).toBe(2);
    expect(h.statements.statements.map((sql) => sql.trim().split(/\s+/)[0].toUpperCase())).toEqual([
      "START",
      "SELECT",
      "WITH",
      "COMMIT",
    ]);
    const [, , written] = h.statements.statements;
    for (const part of [
      `UPDATE "victim_case"`,
      `INSERT INTO "case_transition"`,
      `INSERT INTO "timer"`,
      `UPDATE "task"`,
      `INSERT INTO "access_log"`,
    ])
      expect(written).toContain(part);
    const rows = (await h.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "timer" WHERE "subject_id" = $1) AS "timers",
              (SELECT count(*)::int FROM "task" WHERE "case_id" = $1 AND "status" = 'DONE') AS "tasks",
              (SELECT count(*)::int FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'sendInvitation') AS "logged"`,
      [fromGlobalId(victimCase.id, "VictimCase")],
    )) as { timers: number; tasks: number; logged: number }[];
    expect(rows[0]).toEqual({ timers: 2, tasks: 1, logged: 1 });
  });

  it("should apply a follow-up invitation with the version last read in two round trips: the row lock, which never queues (SKIP LOCKED), and one statement", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const first = await h.run<{ sendInvitation: { victimCase: { version: number } } }>(
      `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { version } } }`,
      { input: { caseId: victimCase.id, channel: "LETTER" } },
    );
    h.statements.reset();

    const result = await h.run<{
      sendInvitation: { victimCase: { version: number } | null; userErrors: { code: string }[] };
    }>(
      `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { version } userErrors { code } } }`,
      {
        input: {
          caseId: victimCase.id,
          channel: "EMAIL",
          expectedVersion: first.data!.sendInvitation.victimCase.version,
        },
      },
    );

    expect(result.data!.sendInvitation.userErrors).toEqual([]);
    expect(result.data!.sendInvitation.victimCase!.version).toBe(first.data!.sendInvitation.victimCase.version + 1);
    expect(h.statements.statements.map((sql) => sql.trim().split(/\s+/)[0].toUpperCase())).toEqual([
      "START",
      "SELECT",
      "WITH",
      "COMMIT",
    ]);
    expect(h.statements.statements[1]).toContain("SKIP LOCKED");
  });

  it("should apply an invitation sent with an idempotency key in the key's claim, the row lock and one statement that also stores the answer a replay gives", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const send = `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { version } transition { sequence } userErrors { code } } }`;
    const input = { caseId: victimCase.id, channel: "LETTER", idempotencyKey: "query-cost-follow-up-1" };
    h.statements.reset();

    const first = await h.run<{
      sendInvitation: { victimCase: { version: number }; transition: { sequence: number }; userErrors: unknown[] };
    }>(send, { input });

    expect(first.data!.sendInvitation.userErrors).toEqual([]);
    expect(h.statements.statements.map((sql) => sql.trim().split(/\s+/)[0].toUpperCase())).toEqual([
      "START",
      "INSERT",
      "SELECT",
      "WITH",
      "COMMIT",
    ]);
    expect(h.statements.statements[3]).toContain(`UPDATE "idempotency_key"`);
    // The replay answers what the first did, with nothing written again.
    const replay = await h.run<typeof first.data>(send, { input });
    expect(replay.data).toEqual(first.data);
    const [row] = (await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'SEND_INVITATION'`,
      [fromGlobalId(victimCase.id, "VictimCase")],
    )) as { n: number }[];
    expect(row.n).toBe(1);
  });

  it("should use the same number of SQL statements for a work-queue page of 50 tasks and notifications as for 5", async () => {
    // Three engaged victims told of open conditions (due 9 June 2025), then a first-contact task
    // due 30 June 2025, ahead of everything else queued here: both kinds of item on both pages.
    const offender = await createOffender(h);
    for (let index = 0; index < 3; index++) await optedInCase(h, offender.id, true);
    await mutate(
      h,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
      { offenderId: offender.id, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2025-06-02" },
    );
    await referCase(h, offender.id, { referredOn: "2025-06-02" });
    const queue = `query ($first: Int!) { workQueue(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id action dueOn overdue
      notification { kind status subject body availableActions victimCase { reference } } task { kind status availableActions paroleReview { id } victimCase { reference } } victimCase { reference status } } } } }`;
    const small = await statementsFor(5, queue);
    const smallKinds = new Set(
      (
        await h.run<{ workQueue: { edges: { node: { task: unknown } }[] } }>(queue, { first: 5 })
      ).data!.workQueue.edges.map((edge) => (edge.node.task ? "task" : "notification")),
    );
    const large = await statementsFor(50, queue);

    expect([small.items, large.items]).toEqual([5, 50]);
    expect(smallKinds).toEqual(new Set(["task", "notification"]));
    expect(large.count).toBe(small.count);
    // count, page, notifications, tasks, and their cases
    expect(large.count).toBeLessThanOrEqual(5);
  });

  it("should cost two statements per case when a custody event fans out", async () => {
    async function fanOutCost(cases: number): Promise<number> {
      const offender = await createOffender(h);
      for (let index = 0; index < cases; index++) await referCase(h, offender.id);
      h.statements.reset();
      const result = await h.run<{
        recordCustodyEvent: { affectedCaseCount: number; userErrors: { code: string }[] };
      }>(
        `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { affectedCaseCount userErrors { code } } }`,
        {
          input: { offenderId: offender.id, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-02-01" },
        },
      );
      expect(result.data!.recordCustodyEvent.affectedCaseCount).toBe(cases);
      return h.statements.count;
    }
    expect((await fanOutCost(6)) - (await fanOutCost(2))).toBe(4 * 2);
  });
});
