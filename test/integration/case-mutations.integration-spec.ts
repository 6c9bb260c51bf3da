import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  createOffender,
  getCase,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  REFER,
  referCase,
  SEND_INVITATION,
  type CasePayload,
  type CaseView,
  type Payload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const UNKNOWN_CASE_ID = Buffer.from("VictimCase:00000000-0000-0000-0000-000000000000").toString("base64url");
const UNKNOWN_OFFENDER_ID = Buffer.from("Offender:00000000-0000-0000-0000-000000000000").toString("base64url");
const PLAN = { informationLevel: "KEY_STAGES", channels: ["LETTER", "EMAIL"] };

type Status = "REFERRED" | "INVITED" | "OPTED_IN" | "DECLINED" | "ACTIVE" | "OPTED_OUT" | "CLOSED";
type Step = [mutation: string, input: Record<string, unknown>];

// The mutations that take a new case to each status (the offender stays IN_CUSTODY).
const INVITE: Step = [SEND_INVITATION, { channel: "LETTER" }];
const OPT_IN: Step = [RECORD_OPT_IN, {}];
const STEPS_TO: Record<Status, Step[]> = {
  REFERRED: [],
  INVITED: [INVITE],
  OPTED_IN: [INVITE, OPT_IN],
  DECLINED: [INVITE, [RECORD_DECLINE, {}]],
  ACTIVE: [INVITE, OPT_IN, [AGREE_CONTACT_PLAN, PLAN]],
  OPTED_OUT: [INVITE, OPT_IN, [AGREE_CONTACT_PLAN, PLAN], [RECORD_OPT_OUT, {}]],
  CLOSED: [[CLOSE_CASE, { reason: "OTHER" }]],
};

const sorted = (values: string[]) => [...values].sort();

describe.each(ENGINES)("case mutations (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
  });
  afterAll(() => h.close());

  /** A new case of `offender` in `status`, read back. */
  async function caseIn(
    status: Status,
    offender = offenderId,
    referral: Record<string, unknown> = {},
  ): Promise<CaseView> {
    const { id } = await referCase(h, offender, referral);
    for (const [mutation, input] of STEPS_TO[status]) {
      const payload = await mutate(h, mutation, { caseId: id, ...input });
      if (payload.userErrors.length > 0)
        throw new Error(`could not reach ${status}: ${JSON.stringify(payload.userErrors)}`);
    }
    return (await getCase(h, id))!;
  }

  async function count(table: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = [
      "offender",
      "victim_case",
      "case_contact",
      "case_transition",
      "contact_plan",
      "custody_event",
      "idempotency_key",
    ];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])));
  }

  async function recordCustody(offender: string, type: string, extra: Record<string, unknown> = {}): Promise<void> {
    const payload = await mutate<Payload>(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender,
      type,
      occurredOn: "2026-02-01",
      ...extra,
    });
    if (payload.userErrors.length > 0)
      throw new Error(`custody event ${type} refused: ${JSON.stringify(payload.userErrors)}`);
  }

  /** Runs a case mutation that must succeed and checks the payload, the new history row and the stored case. */
  async function expectApplied(
    mutation: string,
    input: Record<string, unknown>,
    expected: { event: string; from: Status | string; to: Status | string; reason?: string | null },
    actor = "test.officer",
  ): Promise<CasePayload> {
    const before = (await getCase(h, input.caseId as string))!;
    expect(before.status).toBe(expected.from);
    const result = await h.run<Record<string, CasePayload>>(mutation, { input }, actor);
    expect(result.errors).toBeUndefined();
    const payload = Object.values(result.data ?? {})[0];
    expect(payload.userErrors).toEqual([]);
    const row = {
      event: expected.event,
      fromStatus: expected.from,
      toStatus: expected.to,
      actor,
      reason: expected.reason ?? null,
    };
    expect(payload.transition).toMatchObject(row);
    expect(payload.transition!.id).toEqual(expect.any(String));
    expect(payload.victimCase).toMatchObject({ id: before.id, status: expected.to, version: before.version + 1 });
    expect(payload.victimCase!.history.totalCount).toBe(before.history.totalCount + 1);
    expect(payload.victimCase!.history.nodes.at(-1)).toEqual(row);
    const after = (await getCase(h, before.id))!;
    expect(after).toMatchObject({ status: expected.to, version: before.version + 1 });
    expect(after.availableActions).toEqual(payload.victimCase!.availableActions);
    return payload;
  }

  /** Runs a case mutation that must be refused with `code`, and checks nothing changed anywhere. */
  async function expectRefused(
    mutation: string,
    input: Record<string, unknown>,
    code: string,
    field?: string[] | null,
  ): Promise<CasePayload> {
    const caseId = input.caseId as string | undefined;
    const before = caseId ? await getCase(h, caseId) : null;
    const countsBefore = await rowCounts();
    const payload = await mutate(h, mutation, input);
    expect(payload.victimCase).toBeNull();
    expect(payload.transition).toBeNull();
    expect(payload.userErrors).toHaveLength(1);
    expect(payload.userErrors[0]).toMatchObject({ code, message: expect.any(String) });
    if (field !== undefined) expect(payload.userErrors[0].field).toEqual(field);
    expect(await rowCounts()).toEqual(countsBefore);
    if (before) {
      const after = await getCase(h, before.id);
      expect(after).toEqual(before);
    }
    return payload;
  }

  describe("referVictimCase", () => {
    it("should keep case references unique and growing past the sixth digit", async () => {
      const [{ last }] = await h.dataSource.query(`SELECT last_value AS "last" FROM "victim_case_reference_seq"`);
      // Setting a sequence is the owner's; the service's role may only draw from it.
      const owner = await h.owner();
      await owner.query(`SELECT setval('victim_case_reference_seq', 999999)`);
      try {
        const first = await mutate(h, REFER, { offenderId, referredOn: "2026-01-10", contact: contactInput() });
        const second = await mutate(h, REFER, { offenderId, referredOn: "2025-12-31", contact: contactInput() });
        expect(first.victimCase!.reference).toBe("VCS-2026-1000000");
        expect(second.victimCase!.reference).toBe("VCS-2025-1000001");
      } finally {
        await owner.query(`SELECT setval('victim_case_reference_seq', $1)`, [Math.max(Number(last), 1000001)]);
      }
    });

    it("should open a REFERRED statutory case with its first history row when the offence is violent and the term is 36 months", async () => {
      const input = { offenderId, referredOn: "2026-01-10", contact: contactInput() };
      const result = await h.run<{ referVictimCase: CasePayload }>(REFER, { input }, "vlo.referrer");
      expect(result.errors).toBeUndefined();
      const payload = result.data!.referVictimCase;
      expect(payload.userErrors).toEqual([]);
      const row = {
        event: "REFERRED",
        fromStatus: null,
        toStatus: "REFERRED",
        actor: "vlo.referrer",
        reason: "STATUTORY",
      };
      expect(payload.transition).toMatchObject(row);
      expect(payload.victimCase).toMatchObject({
        status: "REFERRED",
        version: 1,
        eligibilityRoute: "STATUTORY",
        referredOn: "2026-01-10",
        invitationsSent: 0,
        declineReason: null,
        closeReason: null,
        contactPlan: null,
        offender: { id: offenderId, custodyPhase: "IN_CUSTODY" },
        history: { totalCount: 1, nodes: [row] },
      });
      expect(payload.victimCase!.reference).toMatch(/^VCS-2026-\d{6,}$/);
      expect(sorted(payload.victimCase!.availableActions)).toEqual(["CLOSE", "SEND_INVITATION"]);
      expect(await getCase(h, payload.victimCase!.id)).toEqual(payload.victimCase);
    });

    it("should give each case its own reference when several victims of one offender are referred", async () => {
      const first = await referCase(h, offenderId);
      const second = await referCase(h, offenderId);
      const [a, b] = [(await getCase(h, first.id))!, (await getCase(h, second.id))!];
      expect(a.id).not.toBe(b.id);
      expect(a.reference).not.toBe(b.reference);
    });

    it.each([
      ["a LIFE sentence for a violent offence", { type: "LIFE", lengthMonths: null, tariffMonths: 180 }],
      ["an IPP sentence for a violent offence", { type: "IPP", lengthMonths: null, tariffMonths: 24 }],
      ["a hospital order for a violent offence", { type: "HOSPITAL_ORDER", lengthMonths: null }],
      ["an SDS of exactly 12 months", { type: "SDS", lengthMonths: 12 }],
      ["an SDS for a sexual offence", { offenceCategory: "SEXUAL" }],
      ["an SDS for a terrorism offence", { offenceCategory: "TERRORISM" }],
    ])("should route the referral STATUTORY when the offender has %s", async (_label, sentence) => {
      const offender = await createOffender(h, {}, sentence);
      const victimCase = await referCase(h, offender.id);
      expect(victimCase).toMatchObject({ status: "REFERRED", eligibilityRoute: "STATUTORY" });
    });

    it.each([
      ["the offence category is OTHER", { offenceCategory: "OTHER" }],
      ["the SDS is only 6 months", { lengthMonths: 6 }],
    ])(
      "should refuse with NOT_ELIGIBLE and write nothing when %s and no discretionary reason is given",
      async (_label, sentence) => {
        const offender = await createOffender(h, {}, sentence);
        await expectRefused(
          REFER,
          { offenderId: offender.id, referredOn: "2026-01-10", contact: contactInput() },
          "NOT_ELIGIBLE",
          ["input", "discretionaryReason"],
        );
        await expectRefused(
          REFER,
          { offenderId: offender.id, referredOn: "2026-01-10", contact: contactInput(), discretionaryReason: "   " },
          "NOT_ELIGIBLE",
        );
      },
    );

    it.each([
      ["the offence category is OTHER", { offenceCategory: "OTHER" }],
      ["the SDS is only 6 months", { lengthMonths: 6 }],
    ])(
      "should open a DISCRETIONARY case keeping the reason when %s and a discretionary reason is given",
      async (_label, sentence) => {
        const offender = await createOffender(h, {}, sentence);
        const payload = await mutate(h, REFER, {
          offenderId: offender.id,
          referredOn: "2026-01-10",
          contact: contactInput(),
          discretionaryReason: "Stalking by an ex-partner",
          discretionaryGround: "STALKING",
        });
        expect(payload.userErrors).toEqual([]);
        expect(payload.victimCase).toMatchObject({ status: "REFERRED", eligibilityRoute: "DISCRETIONARY" });
        expect(payload.transition).toMatchObject({ event: "REFERRED", reason: "DISCRETIONARY" });
        const read = await h.run<{
          victimCase: { discretionaryReason: string | null; discretionaryGround: string | null } | null;
        }>(`query ($id: ID!) { victimCase(id: $id) { discretionaryReason discretionaryGround } }`, {
          id: payload.victimCase!.id,
        });
        expect(read.data!.victimCase).toEqual({
          discretionaryReason: "Stalking by an ex-partner",
          discretionaryGround: "STALKING",
        });
      },
    );

    it("should refuse with NOT_ELIGIBLE when route STATUTORY is asked for an ineligible offence even with a reason", async () => {
      const offender = await createOffender(h, {}, { offenceCategory: "OTHER" });
      await expectRefused(
        REFER,
        {
          offenderId: offender.id,
          referredOn: "2026-01-10",
          contact: contactInput(),
          route: "STATUTORY",
          discretionaryReason: "High risk",
        },
        "NOT_ELIGIBLE",
        ["input", "route"],
      );
    });

    it("should refuse with NOT_ELIGIBLE when route DISCRETIONARY is asked without a reason", async () => {
      await expectRefused(
        REFER,
        { offenderId, referredOn: "2026-01-10", contact: contactInput(), route: "DISCRETIONARY" },
        "NOT_ELIGIBLE",
        ["input", "discretionaryReason"],
      );
    });

    it("should refuse with NOT_ELIGIBLE on discretionaryGround when route DISCRETIONARY has a reason but no ground", async () => {
      await expectRefused(
        REFER,
        {
          offenderId,
          referredOn: "2026-01-10",
          contact: contactInput(),
          route: "DISCRETIONARY",
          discretionaryReason: "Harassment by a neighbour",
        },
        "NOT_ELIGIBLE",
        ["input", "discretionaryGround"],
      );
    });

    it.each([
      ["an unknown offender id", UNKNOWN_OFFENDER_ID],
      ["a garbage id", "nope"],
    ])("should refuse with NOT_FOUND on input.offenderId and write nothing when given %s", async (_label, id) => {
      await expectRefused(REFER, { offenderId: id, referredOn: "2026-01-10", contact: contactInput() }, "NOT_FOUND", [
        "input",
        "offenderId",
      ]);
    });

    it("should refuse with NOT_FOUND on input.offenderId when given a victim case's id", async () => {
      const victimCase = await referCase(h, offenderId);
      await expectRefused(
        REFER,
        { offenderId: victimCase.id, referredOn: "2026-01-10", contact: contactInput() },
        "NOT_FOUND",
        ["input", "offenderId"],
      );
    });

    it.each([
      [
        "the licence has ended",
        [
          ["RELEASED_ON_LICENCE", {}],
          ["LICENCE_ENDED", {}],
        ],
      ],
      ["the offender has died", [["DIED", {}]]],
      ["the offender was removed from the UK", [["REMOVED_FROM_UK", {}]]],
    ] as [string, [string, Record<string, unknown>][]][])(
      "should refuse with SENTENCE_ENDED and write nothing when %s",
      async (_label, events) => {
        const offender = await createOffender(h);
        for (const [type, extra] of events) await recordCustody(offender.id, type, extra);
        await expectRefused(
          REFER,
          { offenderId: offender.id, referredOn: "2026-01-10", contact: contactInput() },
          "SENTENCE_ENDED",
        );
      },
    );

    it("should return the same case and open only one when the same idempotency key is sent twice with the same input", async () => {
      const input = { offenderId, referredOn: "2026-01-10", contact: contactInput(), idempotencyKey: "refer-once-1" };
      const first = await mutate(h, REFER, input);
      const casesAfterFirst = await count("victim_case");
      const second = await mutate(h, REFER, input);
      expect(second.userErrors).toEqual([]);
      expect(second.victimCase!.id).toBe(first.victimCase!.id);
      expect(second.transition!.id).toBe(first.transition!.id);
      expect(await count("victim_case")).toBe(casesAfterFirst);
    });

    it("should refuse with IDEMPOTENCY_KEY_REUSED when the same key comes with another contact", async () => {
      await mutate(h, REFER, {
        offenderId,
        referredOn: "2026-01-10",
        contact: contactInput(),
        idempotencyKey: "refer-once-2",
      });
      await expectRefused(
        REFER,
        {
          offenderId,
          referredOn: "2026-01-10",
          contact: contactInput({ name: "Someone Else" }),
          idempotencyKey: "refer-once-2",
        },
        "IDEMPOTENCY_KEY_REUSED",
        ["input", "idempotencyKey"],
      );
    });
  });

  // The checks every case transition shares: success, NOT_FOUND, STALE_VERSION, idempotency, CLOSED.
  const TRANSITIONS: {
    name: string;
    mutation: string;
    from: Status;
    to: Status;
    event: string;
    input: Record<string, unknown>;
    reason: string | null;
  }[] = [
    {
      name: "sendInvitation",
      mutation: SEND_INVITATION,
      from: "REFERRED",
      to: "INVITED",
      event: "SEND_INVITATION",
      input: { channel: "LETTER", visitOffered: true },
      reason: null,
    },
    {
      name: "recordOptIn",
      mutation: RECORD_OPT_IN,
      from: "INVITED",
      to: "OPTED_IN",
      event: "RECORD_OPT_IN",
      input: {},
      reason: null,
    },
    {
      name: "recordDecline",
      mutation: RECORD_DECLINE,
      from: "INVITED",
      to: "DECLINED",
      event: "RECORD_DECLINE",
      input: {},
      reason: "DECLINED",
    },
    {
      name: "agreeContactPlan",
      mutation: AGREE_CONTACT_PLAN,
      from: "OPTED_IN",
      to: "ACTIVE",
      event: "AGREE_CONTACT_PLAN",
      input: { informationLevel: "ANNUAL_LETTER", channels: ["PHONE"] },
      reason: null,
    },
    {
      name: "recordOptOut",
      mutation: RECORD_OPT_OUT,
      from: "ACTIVE",
      to: "OPTED_OUT",
      event: "RECORD_OPT_OUT",
      input: {},
      reason: null,
    },
    {
      name: "closeVictimCase",
      mutation: CLOSE_CASE,
      from: "INVITED",
      to: "CLOSED",
      event: "CLOSE",
      input: { reason: "VICTIM_REQUEST" },
      reason: "VICTIM_REQUEST",
    },
  ];

  describe.each(TRANSITIONS)("$name", ({ name, mutation, from, to, event, input, reason }) => {
    it(`should move the case from ${from} to ${to} and record the actor when the status allows it`, async () => {
      const victimCase = await caseIn(from);
      await expectApplied(mutation, { caseId: victimCase.id, ...input }, { event, from, to, reason }, "vlo.jones");
    });

    it.each([
      ["the id is unknown", () => UNKNOWN_CASE_ID],
      ["the id is garbage", () => "nope"],
      ["the id is an offender's", () => offenderId],
    ])("should refuse with NOT_FOUND on input.caseId and write nothing when %s", async (_label, id) => {
      await expectRefused(mutation, { caseId: id(), ...input }, "NOT_FOUND", ["input", "caseId"]);
    });

    it("should refuse with STALE_VERSION when expectedVersion is not current, and succeed with the current one", async () => {
      const victimCase = await caseIn(from);
      for (const stale of [victimCase.version - 1, victimCase.version + 1].filter((version) => version >= 1)) {
        await expectRefused(mutation, { caseId: victimCase.id, ...input, expectedVersion: stale }, "STALE_VERSION", [
          "input",
          "expectedVersion",
        ]);
      }
      await expectApplied(
        mutation,
        { caseId: victimCase.id, ...input, expectedVersion: victimCase.version },
        { event, from, to, reason },
      );
    });

    it("should return the first result and write one history row when the same idempotency key is sent twice with the same input", async () => {
      const victimCase = await caseIn(from);
      const request = { caseId: victimCase.id, ...input, idempotencyKey: `${name}-twice` };
      const first = await expectApplied(mutation, request, { event, from, to, reason });
      const second = await mutate(h, mutation, request);
      expect(second.userErrors).toEqual([]);
      expect(second.transition!.id).toBe(first.transition!.id);
      expect(second.victimCase).toMatchObject({ id: victimCase.id, status: to, version: victimCase.version + 1 });
      const after = (await getCase(h, victimCase.id))!;
      expect(after.version).toBe(victimCase.version + 1);
      expect(after.history.totalCount).toBe(victimCase.history.totalCount + 1);
    });

    it("should refuse with IDEMPOTENCY_KEY_REUSED when the same key is sent for another case", async () => {
      const [one, other] = [await caseIn(from), await caseIn(from)];
      await mutate(h, mutation, { caseId: one.id, ...input, idempotencyKey: `${name}-reused` });
      await expectRefused(
        mutation,
        { caseId: other.id, ...input, idempotencyKey: `${name}-reused` },
        "IDEMPOTENCY_KEY_REUSED",
        ["input", "idempotencyKey"],
      );
    });

    it("should refuse with TRANSITION_NOT_ALLOWED and change nothing when the case is CLOSED", async () => {
      const closed = await caseIn("CLOSED");
      await expectRefused(mutation, { caseId: closed.id, ...input }, "TRANSITION_NOT_ALLOWED");
    });
  });

  describe("idempotency across operations", () => {
    it("should refuse with IDEMPOTENCY_KEY_REUSED when a key used for sendInvitation is sent with recordOptIn", async () => {
      const victimCase = await caseIn("REFERRED");
      await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER", idempotencyKey: "across-ops" });
      await expectRefused(
        RECORD_OPT_IN,
        { caseId: victimCase.id, idempotencyKey: "across-ops" },
        "IDEMPOTENCY_KEY_REUSED",
        ["input", "idempotencyKey"],
      );
    });

    it("should refuse with IDEMPOTENCY_KEY_REUSED when sendInvitation is repeated with the same key but EMAIL instead of LETTER", async () => {
      const victimCase = await caseIn("REFERRED");
      await mutate(h, SEND_INVITATION, {
        caseId: victimCase.id,
        channel: "LETTER",
        idempotencyKey: "letter-then-email",
      });
      const invited = await getCase(h, victimCase.id);
      expect(invited).toMatchObject({ status: "INVITED", invitationsSent: 1 });
      await expectRefused(
        SEND_INVITATION,
        { caseId: victimCase.id, channel: "EMAIL", idempotencyKey: "letter-then-email" },
        "IDEMPOTENCY_KEY_REUSED",
      );
    });

    it("should leave the key free when its first use was refused", async () => {
      const victimCase = await caseIn("REFERRED", offenderId, { contact: contactInput({ email: null }) });
      await expectRefused(
        SEND_INVITATION,
        { caseId: victimCase.id, channel: "EMAIL", idempotencyKey: "refused-first" },
        "INVALID_INPUT",
      );
      await expectApplied(
        SEND_INVITATION,
        { caseId: victimCase.id, channel: "LETTER", idempotencyKey: "refused-first" },
        { event: "SEND_INVITATION", from: "REFERRED", to: "INVITED" },
      );
    });
  });

  describe("sendInvitation", () => {
    it("should record a follow-up and stay INVITED when the case is already invited", async () => {
      const victimCase = await caseIn("INVITED");
      expect(victimCase.invitationsSent).toBe(1);
      const payload = await expectApplied(
        SEND_INVITATION,
        { caseId: victimCase.id, channel: "PHONE" },
        { event: "SEND_INVITATION", from: "INVITED", to: "INVITED" },
      );
      expect(payload.victimCase!.invitationsSent).toBe(2);
      expect(sorted(payload.victimCase!.availableActions)).toEqual([
        "CLOSE",
        "RECORD_DECLINE",
        "RECORD_OPT_IN",
        "SEND_INVITATION",
      ]);
    });

    it("should refuse with INVALID_INPUT when the channel is EMAIL and the contact has no email", async () => {
      const victimCase = await caseIn("REFERRED", offenderId, { contact: contactInput({ email: null }) });
      await expectRefused(SEND_INVITATION, { caseId: victimCase.id, channel: "EMAIL" }, "INVALID_INPUT", [
        "input",
        "channel",
      ]);
    });

    it("should not offer SEND_INVITATION and refuse every channel with INVALID_INPUT when the contact has no address, phone or email", async () => {
      const victimCase = await caseIn("REFERRED", offenderId, {
        contact: contactInput({ email: null, phone: null, address: null }),
      });
      expect(victimCase.availableActions).toEqual(["CLOSE"]);
      for (const channel of ["LETTER", "PHONE", "EMAIL"]) {
        await expectRefused(SEND_INVITATION, { caseId: victimCase.id, channel }, "INVALID_INPUT");
      }
    });

    it("should refuse with TRANSITION_NOT_ALLOWED when the victim has already opted in", async () => {
      const victimCase = await caseIn("OPTED_IN");
      await expectRefused(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" }, "TRANSITION_NOT_ALLOWED");
    });
  });

  describe("recordOptIn", () => {
    it("should refuse with TRANSITION_NOT_ALLOWED when the case is only REFERRED", async () => {
      const victimCase = await caseIn("REFERRED");
      await expectRefused(RECORD_OPT_IN, { caseId: victimCase.id }, "TRANSITION_NOT_ALLOWED");
    });

    it.each(["OPTED_IN", "ACTIVE"] as Status[])(
      "should refuse with TRANSITION_NOT_ALLOWED when the case is already %s",
      async (status) => {
        const victimCase = await caseIn(status);
        await expectRefused(RECORD_OPT_IN, { caseId: victimCase.id }, "TRANSITION_NOT_ALLOWED");
      },
    );

    it("should move a DECLINED case to OPTED_IN and clear the decline reason when the victim changes their mind", async () => {
      const victimCase = await caseIn("DECLINED");
      expect(victimCase.declineReason).toBe("DECLINED");
      const payload = await expectApplied(
        RECORD_OPT_IN,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_IN", from: "DECLINED", to: "OPTED_IN" },
      );
      expect(payload.victimCase!.declineReason).toBeNull();
      expect(sorted(payload.victimCase!.availableActions)).toEqual(["AGREE_CONTACT_PLAN", "CLOSE", "RECORD_OPT_OUT"]);
    });

    it("should return an OPTED_OUT victim straight to ACTIVE with the plan they agreed when they opt back in", async () => {
      const victimCase = await caseIn("OPTED_OUT");
      expect(victimCase.contactPlan).toEqual(PLAN);
      const payload = await expectApplied(
        RECORD_OPT_IN,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_IN", from: "OPTED_OUT", to: "ACTIVE" },
      );
      expect(payload.victimCase!.contactPlan).toEqual(PLAN);
    });

    it("should return a victim who opted out before agreeing a plan to OPTED_IN when they opt back in", async () => {
      const victimCase = await caseIn("OPTED_IN");
      await expectApplied(
        RECORD_OPT_OUT,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_OUT", from: "OPTED_IN", to: "OPTED_OUT" },
      );
      await expectApplied(
        RECORD_OPT_IN,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_IN", from: "OPTED_OUT", to: "OPTED_IN" },
      );
    });

    it("should land a late opt-in in RELEASED when the victim declined and the offender was released meanwhile", async () => {
      const offender = await createOffender(h);
      const declined = await caseIn("DECLINED", offender.id);
      await recordCustody(offender.id, "RELEASED_ON_LICENCE");
      const meanwhile = await getCase(h, declined.id);
      expect(meanwhile).toMatchObject({ status: "DECLINED", version: declined.version + 1 });
      expect(meanwhile!.history.nodes.at(-1)).toMatchObject({
        event: "CUSTODY_CHANGED",
        fromStatus: "DECLINED",
        toStatus: "DECLINED",
        reason: "RELEASED_ON_LICENCE",
      });
      await expectApplied(
        RECORD_OPT_IN,
        { caseId: declined.id },
        { event: "RECORD_OPT_IN", from: "DECLINED", to: "OPTED_IN" },
      );
      await expectApplied(
        AGREE_CONTACT_PLAN,
        { caseId: declined.id, ...PLAN },
        { event: "AGREE_CONTACT_PLAN", from: "OPTED_IN", to: "RELEASED" },
      );
    });

    it("should return an opted-out victim to RELEASED when they opt back in after the offender's release", async () => {
      const offender = await createOffender(h);
      const optedOut = await caseIn("OPTED_OUT", offender.id);
      await recordCustody(offender.id, "RELEASED_ON_LICENCE");
      expect((await getCase(h, optedOut.id))!.status).toBe("OPTED_OUT");
      await expectApplied(
        RECORD_OPT_IN,
        { caseId: optedOut.id },
        { event: "RECORD_OPT_IN", from: "OPTED_OUT", to: "RELEASED" },
      );
    });
  });

  describe("recordDecline", () => {
    it("should set declineReason DECLINED and offer only opt-in and close when the victim declines", async () => {
      const victimCase = await caseIn("INVITED");
      const payload = await expectApplied(
        RECORD_DECLINE,
        { caseId: victimCase.id },
        { event: "RECORD_DECLINE", from: "INVITED", to: "DECLINED", reason: "DECLINED" },
      );
      expect(payload.victimCase!.declineReason).toBe("DECLINED");
      expect(sorted(payload.victimCase!.availableActions)).toEqual(["CLOSE", "RECORD_OPT_IN"]);
    });

    it.each(["REFERRED", "OPTED_IN", "DECLINED", "ACTIVE"] as Status[])(
      "should refuse with TRANSITION_NOT_ALLOWED when the case is %s",
      async (status) => {
        const victimCase = await caseIn(status);
        await expectRefused(RECORD_DECLINE, { caseId: victimCase.id }, "TRANSITION_NOT_ALLOWED");
      },
    );
  });

  describe("agreeContactPlan", () => {
    it("should store the plan with channels in the order given when an opted-in victim agrees one", async () => {
      const victimCase = await caseIn("OPTED_IN");
      expect(victimCase.contactPlan).toBeNull();
      const payload = await expectApplied(
        AGREE_CONTACT_PLAN,
        { caseId: victimCase.id, informationLevel: "RELEASE_MONTH_ONLY", channels: ["EMAIL", "PHONE", "LETTER"] },
        { event: "AGREE_CONTACT_PLAN", from: "OPTED_IN", to: "ACTIVE" },
      );
      expect(payload.victimCase!.contactPlan).toEqual({
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["EMAIL", "PHONE", "LETTER"],
      });
      expect(sorted(payload.victimCase!.availableActions)).toEqual(["AGREE_CONTACT_PLAN", "CLOSE", "RECORD_OPT_OUT"]);
    });

    it("should refuse with INVALID_INPUT and store no plan when PHONE is chosen and the contact has no phone", async () => {
      const victimCase = await caseIn("OPTED_IN", offenderId, { contact: contactInput({ phone: null }) });
      await expectRefused(
        AGREE_CONTACT_PLAN,
        { caseId: victimCase.id, informationLevel: "KEY_STAGES", channels: ["LETTER", "PHONE"] },
        "INVALID_INPUT",
        ["input", "channels"],
      );
      expect((await getCase(h, victimCase.id))!.contactPlan).toBeNull();
    });

    it("should change the plan and stay ACTIVE when a plan is agreed again on an ACTIVE case", async () => {
      const victimCase = await caseIn("ACTIVE");
      const payload = await expectApplied(
        AGREE_CONTACT_PLAN,
        { caseId: victimCase.id, informationLevel: "ANNUAL_LETTER", channels: ["PHONE"] },
        { event: "AGREE_CONTACT_PLAN", from: "ACTIVE", to: "ACTIVE" },
      );
      expect(payload.victimCase!.contactPlan).toEqual({ informationLevel: "ANNUAL_LETTER", channels: ["PHONE"] });
      expect((await getCase(h, victimCase.id))!.contactPlan).toEqual({
        informationLevel: "ANNUAL_LETTER",
        channels: ["PHONE"],
      });
    });

    it("should land in PAROLE when the offender is before the Parole Board as the plan is agreed", async () => {
      const offender = await createOffender(h, {}, { type: "EDS", lengthMonths: 60, extensionMonths: 36 });
      const victimCase = await caseIn("OPTED_IN", offender.id);
      await recordCustody(offender.id, "REFERRED_TO_PAROLE_BOARD");
      await expectApplied(
        AGREE_CONTACT_PLAN,
        { caseId: victimCase.id, ...PLAN },
        { event: "AGREE_CONTACT_PLAN", from: "OPTED_IN", to: "PAROLE" },
      );
    });

    it.each(["REFERRED", "INVITED", "DECLINED", "OPTED_OUT"] as Status[])(
      "should refuse with TRANSITION_NOT_ALLOWED when the case is %s",
      async (status) => {
        const victimCase = await caseIn(status);
        await expectRefused(AGREE_CONTACT_PLAN, { caseId: victimCase.id, ...PLAN }, "TRANSITION_NOT_ALLOWED");
      },
    );
  });

  describe("recordOptOut", () => {
    it("should move an OPTED_IN case to OPTED_OUT and offer only opt-in and close when the victim opts out before a plan", async () => {
      const victimCase = await caseIn("OPTED_IN");
      const payload = await expectApplied(
        RECORD_OPT_OUT,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_OUT", from: "OPTED_IN", to: "OPTED_OUT" },
      );
      expect(sorted(payload.victimCase!.availableActions)).toEqual(["CLOSE", "RECORD_OPT_IN"]);
    });

    it("should keep the agreed plan when an ACTIVE victim opts out", async () => {
      const victimCase = await caseIn("ACTIVE");
      const payload = await expectApplied(
        RECORD_OPT_OUT,
        { caseId: victimCase.id },
        { event: "RECORD_OPT_OUT", from: "ACTIVE", to: "OPTED_OUT" },
      );
      expect(payload.victimCase!.contactPlan).toEqual(PLAN);
    });

    it.each(["REFERRED", "INVITED", "DECLINED", "OPTED_OUT"] as Status[])(
      "should refuse with TRANSITION_NOT_ALLOWED when the case is %s",
      async (status) => {
        const victimCase = await caseIn(status);
        await expectRefused(RECORD_OPT_OUT, { caseId: victimCase.id }, "TRANSITION_NOT_ALLOWED");
      },
    );
  });

  describe("closeVictimCase", () => {
    it.each(["REFERRED", "INVITED", "OPTED_IN", "DECLINED", "ACTIVE", "OPTED_OUT"] as Status[])(
      "should close the case with its reason and offer no actions when the case is %s",
      async (status) => {
        const victimCase = await caseIn(status);
        const payload = await expectApplied(
          CLOSE_CASE,
          { caseId: victimCase.id, reason: "TRANSFERRED" },
          { event: "CLOSE", from: status, to: "CLOSED", reason: "TRANSFERRED" },
        );
        expect(payload.victimCase).toMatchObject({
          closeReason: "TRANSFERRED",
          declineReason: null,
          availableActions: [],
        });
      },
    );

    it.each([
      ["sendInvitation", SEND_INVITATION, { channel: "LETTER" }],
      ["recordOptIn", RECORD_OPT_IN, {}],
      ["recordDecline", RECORD_DECLINE, {}],
      ["agreeContactPlan", AGREE_CONTACT_PLAN, PLAN],
      ["recordOptOut", RECORD_OPT_OUT, {}],
      ["closeVictimCase", CLOSE_CASE, { reason: "OTHER" }],
    ] as [string, string, Record<string, unknown>][])(
      "should refuse %s with TRANSITION_NOT_ALLOWED and keep the close reason when the case was closed from ACTIVE",
      async (_name, mutation, input) => {
        const victimCase = await caseIn("ACTIVE");
        await mutate(h, CLOSE_CASE, { caseId: victimCase.id, reason: "VICTIM_REQUEST" });
        await expectRefused(mutation, { caseId: victimCase.id, ...input }, "TRANSITION_NOT_ALLOWED");
        expect((await getCase(h, victimCase.id))!.closeReason).toBe("VICTIM_REQUEST");
      },
    );
  });
});
