import { fromGlobalId } from "../../src/domain/ids/global-id";
import {
  AGREE_CONTACT_PLAN,
  CREATE_OFFENDER,
  createOffender,
  getCase,
  mutate,
  offenderInput,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_IN,
  referCase,
  SEND_INVITATION,
  type CreateOffenderPayload,
  type CustodyPayload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// On PostgreSQL these run truly in parallel (pool of 25); on PGlite the serialised session must
// give the same answers.
describe.each(ENGINES)("concurrent and repeated commands (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function invitedCase(offenderId: string) {
    const victimCase = await referCase(h, offenderId);
    return (await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" })).victimCase!;
  }

  it("should let exactly one of 20 simultaneous opt-ins with the same expectedVersion succeed", async () => {
    const offender = await createOffender(h);
    const invited = await invitedCase(offender.id);

    const payloads = await Promise.all(
      Array.from({ length: 20 }, () =>
        mutate(h, RECORD_OPT_IN, { caseId: invited.id, expectedVersion: invited.version }),
      ),
    );

    const winners = payloads.filter((payload) => payload.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    for (const loser of payloads.filter((payload) => payload.userErrors.length > 0)) {
      expect(["STALE_VERSION", "TRANSITION_NOT_ALLOWED"]).toContain(loser.userErrors[0].code);
      expect(loser.victimCase).toBeNull();
    }
    const after = (await getCase(h, invited.id))!;
    expect(after.status).toBe("OPTED_IN");
    expect(after.version).toBe(invited.version + 1);
    expect(after.history.totalCount).toBe(invited.history.totalCount + 1);
  });

  // Issue 15 §2: callers racing on one case with the version they read must not queue on its row
  // lock. Only PostgreSQL has a second session to hold the lock from; PGlite's is serialised.
  if (engine === "postgres") {
    it("should refuse a change sent with a version at once while another change holds the case, and make one without a version wait for it", async () => {
      const offender = await createOffender(h);
      const invited = await invitedCase(offender.id);
      const owner = await h.owner();
      const holder = owner.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM "victim_case" WHERE "id" = $1 FOR UPDATE`, [
        fromGlobalId(invited.id, "VictimCase"),
      ]);
      let waited: Promise<unknown> | undefined;
      try {
        const started = Date.now();
        const refused = await mutate(h, RECORD_OPT_IN, { caseId: invited.id, expectedVersion: invited.version });
        expect(refused.userErrors).toEqual([
          expect.objectContaining({ code: "STALE_VERSION", field: ["input", "expectedVersion"] }),
        ]);
        expect(refused.victimCase).toBeNull();
        // Not a lock timeout: the holder keeps its lock throughout.
        expect(Date.now() - started).toBeLessThan(2_000);

        let settled = false;
        waited = mutate(h, RECORD_OPT_IN, { caseId: invited.id }).finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      expect(((await waited) as { userErrors: unknown[] }).userErrors).toEqual([]);
      const after = (await getCase(h, invited.id))!;
      expect([after.status, after.version]).toEqual(["OPTED_IN", invited.version + 1]);
      expect(after.history.totalCount).toBe(invited.history.totalCount + 1);
    });
  }

  it("should let exactly one of 20 simultaneous opt-ins succeed when no expectedVersion is given", async () => {
    const offender = await createOffender(h);
    const invited = await invitedCase(offender.id);

    const payloads = await Promise.all(
      Array.from({ length: 20 }, () => mutate(h, RECORD_OPT_IN, { caseId: invited.id })),
    );

    expect(payloads.filter((payload) => payload.userErrors.length === 0)).toHaveLength(1);
    expect(
      new Set(payloads.flatMap((payload) => payload.userErrors.map((error: { code: string }) => error.code))),
    ).toEqual(new Set(["TRANSITION_NOT_ALLOWED"]));
    expect((await getCase(h, invited.id))!.history.totalCount).toBe(invited.history.totalCount + 1);
  });

  it("should fan a custody event out to 20 cases while each of them is being changed, losing no update", async () => {
    const offender = await createOffender(h);
    const invited = await Promise.all(Array.from({ length: 10 }, () => invitedCase(offender.id)));
    const optedIn = await Promise.all(Array.from({ length: 10 }, () => optedInCase(h, offender.id)));

    const [custody, ...changes] = await Promise.all([
      h.run<{ recordCustodyEvent: CustodyPayload }>(RECORD_CUSTODY_EVENT, {
        input: { offenderId: offender.id, type: "RELEASED_ON_LICENCE", occurredOn: "2026-02-01" },
      }),
      ...invited.map((victimCase) => mutate(h, RECORD_OPT_IN, { caseId: victimCase.id })),
      ...optedIn.map((victimCase) =>
        mutate(h, AGREE_CONTACT_PLAN, { caseId: victimCase.id, informationLevel: "KEY_STAGES", channels: ["LETTER"] }),
      ),
    ]);

    expect(custody.errors).toBeUndefined();
    expect(custody.data?.recordCustodyEvent.userErrors).toEqual([]);
    expect(custody.data?.recordCustodyEvent.affectedCaseCount).toBe(20);
    for (const change of changes) expect(change.userErrors).toEqual([]);

    for (const victimCase of invited) {
      const after = (await getCase(h, victimCase.id))!;
      // Whichever ran first, both happened exactly once.
      expect(after.status).toBe("OPTED_IN");
      expect(after.history.nodes.map((row) => row.event).sort()).toEqual([
        "CUSTODY_CHANGED",
        "RECORD_OPT_IN",
        "REFERRED",
        "SEND_INVITATION",
      ]);
      expect(after.version).toBe(4);
    }
    for (const victimCase of optedIn) {
      const after = (await getCase(h, victimCase.id))!;
      // A plan agreed before the release moved to RELEASED with it; one agreed after landed there directly.
      expect(after.status).toBe("RELEASED");
      expect(after.history.nodes.filter((row) => row.event === "CUSTODY_CHANGED")).toHaveLength(1);
      expect(after.version).toBe(5);
    }
  });

  it("should apply a transition once and give the same answer when the same idempotency key is sent 10 times at once", async () => {
    const offender = await createOffender(h);
    const invited = await invitedCase(offender.id);
    const input = { caseId: invited.id, expectedVersion: invited.version, idempotencyKey: `opt-in-${invited.id}` };

    const payloads = await Promise.all(Array.from({ length: 10 }, () => mutate(h, RECORD_OPT_IN, input)));

    for (const payload of payloads) {
      expect(payload.userErrors).toEqual([]);
      expect(payload.transition!.id).toBe(payloads[0].transition!.id);
      expect(payload.victimCase!.version).toBe(invited.version + 1);
      expect(payload.victimCase!.status).toBe("OPTED_IN");
    }
    const after = (await getCase(h, invited.id))!;
    expect(after.history.totalCount).toBe(invited.history.totalCount + 1);
  });

  it("should create one offender when createOffender is sent 10 times at once with one idempotency key", async () => {
    const input = { ...offenderInput(), idempotencyKey: `create-${Date.now()}` };
    const [before] = await h.dataSource.query(`SELECT count(*)::int AS n FROM "offender"`);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, { input })),
    );

    const ids = new Set(results.map((result) => result.data?.createOffender.offender!.id));
    expect(ids.size).toBe(1);
    const [after] = await h.dataSource.query(`SELECT count(*)::int AS n FROM "offender"`);
    expect(after.n).toBe(before.n + 1);
  });

  it("should refuse a replayed key with other input and write nothing", async () => {
    const offender = await createOffender(h);
    const invited = await invitedCase(offender.id);
    const key = `invite-${invited.id}`;
    const first = await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER", idempotencyKey: key });
    const replay = await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "EMAIL", idempotencyKey: key });

    expect(first.userErrors).toEqual([]);
    expect(replay.userErrors).toEqual([
      { code: "IDEMPOTENCY_KEY_REUSED", message: expect.any(String), field: ["input", "idempotencyKey"] },
    ]);
    expect((await getCase(h, invited.id))!.version).toBe(first.victimCase!.version);
  });

  it("should let a key be retried after the first attempt failed, since a failure writes nothing", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const input = { caseId: victimCase.id, idempotencyKey: `retry-${victimCase.id}` };

    const refused = await mutate(h, RECORD_OPT_IN, input);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    const retried = await mutate(h, RECORD_OPT_IN, input);

    expect(refused.userErrors[0].code).toBe("TRANSITION_NOT_ALLOWED");
    expect(retried.userErrors).toEqual([]);
    expect(retried.victimCase!.status).toBe("OPTED_IN");
  });

  it("should take parole locks in one order, so hearings, statements, requests and the decision racing each other never deadlock", async () => {
    const offender = await createOffender(
      h,
      {},
      { type: "LIFE", lengthMonths: null, tariffMonths: 120, sentenceDate: "2010-01-15" },
    );
    const cases = await Promise.all(Array.from({ length: 4 }, () => optedInCase(h, offender.id, true)));
    await mutate<CustodyPayload>(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: "2026-01-05",
    });
    const [review] = await h.dataSource.query(`SELECT "id" FROM "parole_review" WHERE "offender_id" = $1`, [
      Buffer.from(offender.id, "base64url").toString("utf8").split(":")[1],
    ]);
    const paroleReviewId = Buffer.from(`ParoleReview:${review.id}`, "utf8").toString("base64url");
    const hearing = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const run = (query: string, input: Record<string, unknown>) => h.run(query, { input });

    const results = await Promise.all([
      ...Array.from({ length: 5 }, () =>
        run(
          `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { userErrors { code } } }`,
          { paroleReviewId, targetHearingDate: hearing, hearingType: "ORAL" },
        ),
      ),
      ...cases.map((victimCase) =>
        run(
          `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { userErrors { code } } }`,
          { caseId: victimCase.id, paroleReviewId, format: "READ_BY_PANEL", text: "How it changed my life." },
        ),
      ),
      ...cases.map((victimCase) =>
        run(
          `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { userErrors { code } } }`,
          {
            caseId: victimCase.id,
            kind: "NO_CONTACT",
            description: "No contact with me.",
            decisionPoint: "PAROLE_REVIEW",
            paroleReviewId,
          },
        ),
      ),
      run(
        `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { userErrors { code } } }`,
        { paroleReviewId, outcome: "NO_RELEASE", issuedOn: "2026-01-20" },
      ),
    ]);

    // Every command either did its work or was refused for a reason of the domain; none failed.
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      const payload = Object.values(result.data!)[0] as { userErrors: { code: string }[] };
      for (const error of payload.userErrors)
        expect(["TRANSITION_NOT_ALLOWED", "DEADLINE_PASSED"]).toContain(error.code);
    }
    const [decided] = await h.dataSource.query(`SELECT "status" FROM "parole_review" WHERE "id" = $1`, [review.id]);
    expect(decided.status).toBe("DECIDED");
  });
});
