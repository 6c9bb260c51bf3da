import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  CREATE_OFFENDER,
  createOffender,
  getCase,
  mutate,
  offenderInput,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_OUT,
  REFER,
  referCase,
  SEND_INVITATION,
  type CaseView,
  type CreateOffenderPayload,
  type CustodyPayload,
} from "../support/api";
import { asSystem, ENGINES, startHarness, type Harness } from "../support/harness";
import { Role } from "../../src/domain/security/role.enum";

const UNKNOWN_OFFENDER_ID = Buffer.from("Offender:00000000-0000-0000-0000-000000000000").toString("base64url");
const OFFENDER_CASES = `query ($id: ID!) { offender(id: $id) { id custodyPhase version victimCases(first: 100) { totalCount nodes { id status } } } }`;
interface OffenderCases {
  id: string;
  custodyPhase: string;
  version: number;
  victimCases: { totalCount: number; nodes: { id: string; status: string }[] };
}

type CustodyStep = {
  type: string;
  outcome?: string;
  recallType?: string;
  temporaryReleaseType?: string;
  unlawfullyAtLargeKind?: string;
};

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
const ERASE_CONTACT_DATA = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { userErrors { code } } }`;

describe.each(ENGINES)("offender mutations (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function count(table: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = ["offender", "sentence", "victim_case", "case_transition", "custody_event", "idempotency_key"];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])));
  }

  async function getOffender(id: string): Promise<OffenderCases | null | undefined> {
    const result = await h.run<{ offender: OffenderCases | null }>(OFFENDER_CASES, { id });
    return result.data?.offender;
  }

  async function recordCustody(
    offenderId: string,
    step: CustodyStep,
    actor = "custody.feed",
    extra: Record<string, unknown> = {},
  ): Promise<CustodyPayload> {
    const result = await h.run<{ recordCustodyEvent: CustodyPayload }>(
      RECORD_CUSTODY_EVENT,
      { input: { offenderId, occurredOn: "2026-03-01", ...step, ...extra } },
      // A custody feed: a system, with a client-credentials token (history names it system:<client>).
      asSystem(actor, [Role.CUSTODY_FEED]),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.recordCustodyEvent;
  }

  async function applyCustody(offenderId: string, step: CustodyStep, actor?: string): Promise<CustodyPayload> {
    const payload = await recordCustody(offenderId, step, actor);
    if (payload.userErrors.length > 0)
      throw new Error(`custody event ${step.type} refused: ${JSON.stringify(payload.userErrors)}`);
    return payload;
  }

  /** One case of the offender in each status, the offender still IN_CUSTODY. */
  async function casesInEveryStatus(offenderId: string): Promise<Record<string, CaseView>> {
    const referred = await referCase(h, offenderId);
    const invited = await referCase(h, offenderId);
    await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER" });
    const declined = await referCase(h, offenderId);
    await mutate(h, SEND_INVITATION, { caseId: declined.id, channel: "LETTER" });
    await mutate(h, RECORD_DECLINE, { caseId: declined.id });
    const optedIn = await optedInCase(h, offenderId);
    const active = await optedInCase(h, offenderId, true);
    const optedOut = await optedInCase(h, offenderId, true);
    await mutate(h, RECORD_OPT_OUT, { caseId: optedOut.id });
    const closed = await referCase(h, offenderId);
    await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "VICTIM_REQUEST" });
    const ids = {
      REFERRED: referred.id,
      INVITED: invited.id,
      DECLINED: declined.id,
      OPTED_IN: optedIn.id,
      ACTIVE: active.id,
      OPTED_OUT: optedOut.id,
      CLOSED: closed.id,
    };
    const cases: Record<string, CaseView> = {};
    for (const [status, id] of Object.entries(ids)) {
      cases[status] = (await getCase(h, id))!;
      expect(cases[status].status).toBe(status);
    }
    return cases;
  }

  /** Refused custody event: the payload is empty and nothing about the offender or its cases changed. */
  async function expectCustodyRefused(
    offenderId: string,
    step: CustodyStep,
    code: string,
    field: string[] | null,
    extra: Record<string, unknown> = {},
    watchedCaseId?: string,
  ): Promise<void> {
    const offenderBefore = await getOffender(offenderId);
    const caseBefore = watchedCaseId ? await getCase(h, watchedCaseId) : null;
    const countsBefore = await rowCounts();
    const payload = await recordCustody(offenderId, step, "custody.feed", extra);
    expect(payload.offender).toBeNull();
    expect(payload.affectedCases).toEqual([]);
    expect(payload.userErrors).toEqual([{ code, message: expect.any(String), field }]);
    expect(await rowCounts()).toEqual(countsBefore);
    if (offenderBefore) expect(await getOffender(offenderId)).toEqual(offenderBefore);
    if (caseBefore) expect(await getCase(h, caseBefore.id)).toEqual(caseBefore);
  }

  describe("createOffender", () => {
    it("should create the offender IN_CUSTODY at version 1 with the sentence as given when the input is valid", async () => {
      const input = offenderInput(
        { name: "Ian Mate" },
        { type: "EDS", lengthMonths: 48, extensionMonths: 24, remandDays: 90, offenceCategory: "SEXUAL" },
      );
      const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, { input });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.createOffender;
      expect(payload.userErrors).toEqual([]);
      expect(payload.offender).toEqual({
        id: expect.any(String),
        name: "Ian Mate",
        prisonNumber: input.prisonNumber,
        crn: input.crn,
        custodyPhase: "IN_CUSTODY",
        version: 1,
        sentence: {
          type: "EDS",
          sentenceDate: "2024-01-15",
          lengthMonths: 48,
          extensionMonths: 24,
          tariffMonths: null,
          remandDays: 90,
          offenceCategory: "SEXUAL",
        },
      });
      const read = await getOffender(payload.offender!.id);
      expect(read).toMatchObject({
        id: payload.offender!.id,
        custodyPhase: "IN_CUSTODY",
        version: 1,
        victimCases: { totalCount: 0, nodes: [] },
      });
    });

    it("should default remandDays to 0 and leave the term null when a LIFE sentence gives only a tariff", async () => {
      const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
        input: offenderInput({}, { type: "LIFE", lengthMonths: null, tariffMonths: 216 }),
      });
      expect(result.data!.createOffender.offender!.sentence).toMatchObject({
        type: "LIFE",
        lengthMonths: null,
        tariffMonths: 216,
        remandDays: 0,
        extensionMonths: null,
      });
    });

    it("should accept several offenders without prison number or CRN when neither identifier is known", async () => {
      for (let i = 0; i < 2; i += 1) {
        const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
          input: offenderInput({ prisonNumber: null, crn: null }),
        });
        expect(result.data!.createOffender.userErrors).toEqual([]);
        expect(result.data!.createOffender.offender).toMatchObject({ prisonNumber: null, crn: null });
      }
    });

    it.each([
      ["prisonNumber", (first: ReturnType<typeof offenderInput>) => ({ prisonNumber: first.prisonNumber })],
      ["crn", (first: ReturnType<typeof offenderInput>) => ({ crn: first.crn })],
    ])(
      "should refuse with INVALID_INPUT on input.%s and write nothing when another offender already has it",
      async (field, reuse) => {
        const first = offenderInput();
        await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, { input: first });
        const countsBefore = await rowCounts();
        const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
          input: offenderInput(reuse(first)),
        });
        expect(result.errors).toBeUndefined();
        expect(result.data!.createOffender).toEqual({
          offender: null,
          userErrors: [{ code: "INVALID_INPUT", message: expect.any(String), field: ["input", field] }],
        });
        expect(await rowCounts()).toEqual(countsBefore);
      },
    );

    it("should return the same offender and create only one when the same idempotency key is sent twice with the same input", async () => {
      const input = { ...offenderInput(), idempotencyKey: "create-offender-twice" };
      const first = (await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, { input })).data!
        .createOffender;
      const offendersAfterFirst = await count("offender");
      const second = (await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, { input })).data!
        .createOffender;
      expect(second.userErrors).toEqual([]);
      expect(second.offender).toEqual(first.offender);
      expect(await count("offender")).toBe(offendersAfterFirst);
    });

    it("should refuse with IDEMPOTENCY_KEY_REUSED and write nothing when the same key comes with another offender", async () => {
      await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
        input: { ...offenderInput(), idempotencyKey: "create-offender-reused" },
      });
      const countsBefore = await rowCounts();
      const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
        input: { ...offenderInput(), idempotencyKey: "create-offender-reused" },
      });
      expect(result.data!.createOffender).toEqual({
        offender: null,
        userErrors: [
          { code: "IDEMPOTENCY_KEY_REUSED", message: expect.any(String), field: ["input", "idempotencyKey"] },
        ],
      });
      expect(await rowCounts()).toEqual(countsBefore);
    });
  });

  describe("recordCustodyEvent fan-out", () => {
    it("should tell every open case, move engaged cases to RELEASED and leave closed cases alone when the offender is released on licence", async () => {
      const offender = await createOffender(h);
      const bystander = await optedInCase(h, (await createOffender(h)).id, true);
      const before = await casesInEveryStatus(offender.id);
      const transitionsBefore = await count("case_transition");

      const payload = await applyCustody(offender.id, { type: "RELEASED_ON_LICENCE" }, "custody.feed");
      expect(payload.offender).toEqual({ id: offender.id, custodyPhase: "RELEASED", version: 2 });
      const open = Object.entries(before).filter(([status]) => status !== "CLOSED");
      // The feed (a system) is shown none of the cases it moved; each is read below.
      expect(payload.affectedCases).toEqual([]);
      expect(payload.affectedCaseCount).toBe(open.length);
      expect(await count("case_transition")).toBe(transitionsBefore + open.length);

      for (const [status, c] of open) {
        const expectedStatus = status === "ACTIVE" ? "RELEASED" : status;
        const after = (await getCase(h, c.id))!;
        expect(after).toMatchObject({
          status: expectedStatus,
          version: c.version + 1,
          offender: { custodyPhase: "RELEASED" },
        });
        expect(after.history.totalCount).toBe(c.history.totalCount + 1);
        expect(after.history.nodes.at(-1)).toEqual({
          event: "CUSTODY_CHANGED",
          fromStatus: status,
          toStatus: expectedStatus,
          actor: "system:custody.feed",
          reason: "RELEASED_ON_LICENCE",
        });
      }
      expect(await getCase(h, before.CLOSED.id)).toEqual({
        ...before.CLOSED,
        offender: { id: offender.id, custodyPhase: "RELEASED" },
      });
      expect(await getCase(h, bystander.id)).toMatchObject({ status: "ACTIVE", version: bystander.version });

      const [event] = await h.dataSource.query(
        `SELECT "type", "from_phase", "to_phase", "actor", "occurred_on"::text AS "occurred_on" FROM "custody_event" WHERE "offender_id" = $1`,
        [databaseId(offender.id)],
      );
      expect(event).toEqual({
        type: "RELEASED_ON_LICENCE",
        from_phase: "IN_CUSTODY",
        to_phase: "RELEASED",
        actor: "system:custody.feed",
        occurred_on: "2026-03-01",
      });
    });

    it("should succeed with no affected cases when the offender has no victim cases", async () => {
      const offender = await createOffender(h);
      const payload = await applyCustody(offender.id, { type: "MOVED_TO_OPEN_CONDITIONS" });
      expect(payload).toEqual({
        offender: { id: offender.id, custodyPhase: "IN_CUSTODY", version: 2 },
        affectedCases: [],
        affectedCaseCount: 0,
        userErrors: [],
      });
    });

    // Each path: the sentence, then each event with the custody phase and engaged case status it must give.
    const PATHS: [string, Record<string, unknown>, [CustodyStep, string, string][]][] = [
      [
        "an SDS through release, fixed-term recall and re-release",
        {},
        [
          [{ type: "RELEASED_ON_LICENCE" }, "RELEASED", "RELEASED"],
          [{ type: "RECALLED", recallType: "FIXED_TERM" }, "RECALLED", "RECALLED"],
          [{ type: "RE_RELEASED" }, "RELEASED", "RELEASED"],
        ],
      ],
      [
        "an SDS through a standard recall the Parole Board refuses, then directs release (final at once: no reconsideration for it)",
        {},
        [
          [{ type: "RELEASED_ON_LICENCE" }, "RELEASED", "RELEASED"],
          [{ type: "RECALLED", recallType: "STANDARD" }, "RECALLED", "RECALLED"],
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "NO_RELEASE" }, "RECALLED", "RECALLED"],
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "RELEASE" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RE_RELEASED" }, "RELEASED", "RELEASED"],
        ],
      ],
      [
        "an EDS through parole reviews that refuse, recommend open conditions, then release",
        { type: "EDS", lengthMonths: 72, extensionMonths: 48 },
        [
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "NO_RELEASE" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "OPEN_CONDITIONS_RECOMMENDED" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "MOVED_TO_OPEN_CONDITIONS" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "RELEASE" }, "RELEASE_DIRECTED", "PAROLE"],
          // A reconsideration is applied for, granted, and the new review directs release again.
          [{ type: "RECONSIDERATION_APPLIED" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "DECISION_SET_ASIDE" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "RELEASE" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RECONSIDERATION_APPLIED" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RECONSIDERATION_REFUSED" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RELEASED_ON_LICENCE" }, "RELEASED", "RELEASED"],
        ],
      ],
      [
        "a LIFE sentence released by the Parole Board once the direction is final",
        { type: "LIFE", lengthMonths: null, tariffMonths: 180 },
        [
          [{ type: "REFERRED_TO_PAROLE_BOARD" }, "PAROLE_REVIEW", "PAROLE"],
          [{ type: "PAROLE_DECISION", outcome: "RELEASE" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RECONSIDERATION_APPLIED" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RECONSIDERATION_REFUSED" }, "RELEASE_DIRECTED", "PAROLE"],
          [{ type: "RELEASED_ON_LICENCE" }, "RELEASED", "RELEASED"],
        ],
      ],
      [
        "an SDS through key stages in custody, absconding and return",
        {},
        [
          [{ type: "MOVED_TO_OPEN_CONDITIONS" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "TEMPORARY_RELEASE", temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "RETURNED_TO_CLOSED_CONDITIONS" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "UNLAWFULLY_AT_LARGE", unlawfullyAtLargeKind: "ABSCONDED" }, "UNLAWFULLY_AT_LARGE", "ACTIVE"],
          [{ type: "RETURNED_TO_CUSTODY" }, "IN_CUSTODY", "ACTIVE"],
          [{ type: "RELEASED_ON_LICENCE" }, "RELEASED", "RELEASED"],
          [{ type: "UNLAWFULLY_AT_LARGE", unlawfullyAtLargeKind: "ABSCONDED" }, "UNLAWFULLY_AT_LARGE", "ACTIVE"],
        ],
      ],
    ];

    it.each(PATHS)(
      "should move the offender and the engaged case in step, one history row per event, when following %s",
      async (_label, sentence, steps) => {
        const offender = await createOffender(h, {}, sentence);
        let victimCase = await optedInCase(h, offender.id, true);
        expect(victimCase.status).toBe("ACTIVE");
        let version = 1;
        for (const [step, phase, status] of steps) {
          const payload = await applyCustody(offender.id, step, "prison.feed");
          version += 1;
          expect(payload.offender).toEqual({ id: offender.id, custodyPhase: phase, version });
          expect(payload.affectedCaseCount).toBe(1);
          const after = (await getCase(h, victimCase.id))!;
          expect(after).toMatchObject({ status, version: victimCase.version + 1, offender: { custodyPhase: phase } });
          expect(after.history.nodes.at(-1)).toEqual({
            event: "CUSTODY_CHANGED",
            fromStatus: victimCase.status,
            toStatus: status,
            actor: "system:prison.feed",
            reason: step.type,
          });
          victimCase = after;
        }
      },
    );

    it.each([
      ["LICENCE_ENDED", "SENTENCE_ENDED", "SENTENCE_ENDED", [{ type: "RELEASED_ON_LICENCE" }]],
      ["DIED", "DECEASED", "OFFENDER_DIED", []],
      ["REMOVED_FROM_UK", "REMOVED_FROM_UK", "OFFENDER_REMOVED_FROM_UK", []],
    ] as [string, string, string, CustodyStep[]][])(
      "should close every open case with the matching reason and leave the closed one alone when %s is recorded",
      async (type, phase, closeReason, before) => {
        const offender = await createOffender(h);
        const cases = await casesInEveryStatus(offender.id);
        for (const step of before) await applyCustody(offender.id, step);
        const current: Record<string, CaseView> = {};
        for (const [status, c] of Object.entries(cases)) current[status] = (await getCase(h, c.id))!;

        const payload = await applyCustody(offender.id, { type });
        expect(payload.offender).toMatchObject({ custodyPhase: phase });
        const open = Object.entries(current).filter(([status]) => status !== "CLOSED");
        expect(payload.affectedCaseCount).toBe(open.length);
        for (const [, c] of open) {
          const after = (await getCase(h, c.id))!;
          expect(after).toMatchObject({
            status: "CLOSED",
            closeReason,
            declineReason: null,
            version: c.version + 1,
            availableActions: [],
          });
          expect(after.history.nodes.at(-1)).toEqual({
            event: "CUSTODY_CHANGED",
            fromStatus: c.status,
            toStatus: "CLOSED",
            actor: "system:custody.feed",
            reason: type,
          });
        }
        const closed = (await getCase(h, current.CLOSED.id))!;
        expect(closed).toMatchObject({
          status: "CLOSED",
          closeReason: "VICTIM_REQUEST",
          version: current.CLOSED.version,
        });
        expect(closed.history.totalCount).toBe(current.CLOSED.history.totalCount);
      },
    );

    it("should refuse every further custody event and every new referral when the sentence has ended", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id, true);
      await applyCustody(offender.id, { type: "DIED" });
      for (const step of [
        { type: "RETURNED_TO_CUSTODY" },
        { type: "DIED" },
        { type: "REMOVED_FROM_UK" },
        { type: "RELEASED_ON_LICENCE" },
      ]) {
        await expectCustodyRefused(offender.id, step, "TRANSITION_NOT_ALLOWED", ["input", "type"], {}, victimCase.id);
      }
      const refer = await mutate(h, REFER, {
        offenderId: offender.id,
        referredOn: "2026-01-10",
        contact: contactInput(),
      });
      expect(refer.userErrors).toEqual([expect.objectContaining({ code: "SENTENCE_ENDED" })]);
    });

    it("should reopen the cases a removal from the UK closed when the offender returns: engaged victims resume and are told, the rest as they were", async () => {
      const offender = await createOffender(h);
      const cases = await casesInEveryStatus(offender.id);
      const erased = await optedInCase(h, offender.id, true);
      await applyCustody(offender.id, { type: "REMOVED_FROM_UK" });
      const erasure = await mutate(h, ERASE_CONTACT_DATA, { caseId: erased.id, requestReference: "ER-2027-0001" });
      expect(erasure.userErrors).toEqual([]);
      const before: Record<string, CaseView> = {};
      for (const [status, c] of Object.entries(cases)) before[status] = (await getCase(h, c.id))!;

      const payload = await applyCustody(offender.id, { type: "RETURNED_TO_UK" });

      expect(payload.offender).toMatchObject({ custodyPhase: "IN_CUSTODY" });
      // An invitation's timers ended with the closure: the officer invites again.
      const reopenedAs: Record<string, string> = {
        REFERRED: "REFERRED",
        INVITED: "REFERRED",
        DECLINED: "DECLINED",
        OPTED_IN: "OPTED_IN",
        ACTIVE: "ACTIVE",
        OPTED_OUT: "OPTED_OUT",
      };
      expect(payload.affectedCaseCount).toBe(Object.keys(reopenedAs).length);
      for (const [status, to] of Object.entries(reopenedAs)) {
        const after = (await getCase(h, cases[status].id))!;
        expect({ status, after: { status: after.status, closeReason: after.closeReason } }).toEqual({
          status,
          after: { status: to, closeReason: null },
        });
        expect(after.history.nodes.at(-1)).toEqual({
          event: "CUSTODY_CHANGED",
          fromStatus: "CLOSED",
          toStatus: to,
          actor: "system:custody.feed",
          reason: "RETURNED_TO_UK",
        });
      }
      // Closed on request, or with the victim's details erased: closed for good.
      for (const id of [cases.CLOSED.id, erased.id]) {
        const after = (await getCase(h, id))!;
        expect(after.status).toBe("CLOSED");
      }
      expect((await getCase(h, cases.CLOSED.id))!.version).toBe(before.CLOSED.version);
      const told = await h.dataSource.query(
        `SELECT c."id", n."kind" FROM "notification" n JOIN "victim_case" c ON c."id" = n."case_id"
          WHERE c."offender_id" = $1 AND n."kind" = 'RETURNED_TO_UK'`,
        [databaseId(offender.id)],
      );
      expect(told).toEqual([{ id: databaseId(cases.ACTIVE.id), kind: "RETURNED_TO_UK" }]);
      // The victim whose contact resumed may act again, and a new victim may be referred.
      const optOut = await mutate(h, RECORD_OPT_OUT, { caseId: cases.ACTIVE.id });
      expect(optOut.userErrors).toEqual([]);
      const refer = await mutate(h, REFER, {
        offenderId: offender.id,
        referredOn: "2026-01-10",
        contact: contactInput(),
      });
      expect(refer.userErrors).toEqual([]);
    });

    it("should refuse a return to the UK for an offender who was never removed, and keep a case closed by a death closed", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id, true);
      const refuseReturn = () =>
        expectCustodyRefused(
          offender.id,
          { type: "RETURNED_TO_UK" },
          "TRANSITION_NOT_ALLOWED",
          ["input", "type"],
          {},
          victimCase.id,
        );
      await refuseReturn();
      await applyCustody(offender.id, { type: "REMOVED_FROM_UK" });
      await applyCustody(offender.id, { type: "DIED" });
      await refuseReturn();
      expect((await getCase(h, victimCase.id))!).toMatchObject({
        status: "CLOSED",
        closeReason: "OFFENDER_REMOVED_FROM_UK",
      });
    });

    it("should keep a case agreed after the release in RELEASED when the case was opted in but had no plan at the release", async () => {
      const offender = await createOffender(h);
      const optedIn = await optedInCase(h, offender.id);
      await applyCustody(offender.id, { type: "RELEASED_ON_LICENCE" });
      expect((await getCase(h, optedIn.id))!.status).toBe("OPTED_IN");
      const payload = await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: optedIn.id,
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["LETTER"],
      });
      expect(payload.victimCase!.status).toBe("RELEASED");
    });
  });

  describe("recordCustodyEvent refusals", () => {
    it.each([
      ["a parole referral of an SDS", {}, [], { type: "REFERRED_TO_PAROLE_BOARD" }],
      [
        "automatic release of a LIFE sentence",
        { type: "LIFE", lengthMonths: null, tariffMonths: 180 },
        [],
        { type: "RELEASED_ON_LICENCE" },
      ],
      [
        "automatic release of an IPP sentence",
        { type: "IPP", lengthMonths: null, tariffMonths: 24 },
        [],
        { type: "RELEASED_ON_LICENCE" },
      ],
      [
        "automatic release of a hospital order",
        { type: "HOSPITAL_ORDER", lengthMonths: null },
        [],
        { type: "RELEASED_ON_LICENCE" },
      ],
      [
        "a parole referral of a hospital order",
        { type: "HOSPITAL_ORDER", lengthMonths: null },
        [],
        { type: "REFERRED_TO_PAROLE_BOARD" },
      ],
      [
        "a parole referral of an SDS on a fixed-term recall",
        {},
        [{ type: "RELEASED_ON_LICENCE" }, { type: "RECALLED", recallType: "FIXED_TERM" }],
        { type: "REFERRED_TO_PAROLE_BOARD" },
      ],
    ] as [string, Record<string, unknown>, CustodyStep[], CustodyStep][])(
      "should refuse with NOT_ELIGIBLE and change nothing when asked for %s",
      async (_label, sentence, before, step) => {
        const offender = await createOffender(h, {}, sentence);
        const victimCase = await optedInCase(h, offender.id, true);
        for (const earlier of before) await applyCustody(offender.id, earlier);
        await expectCustodyRefused(offender.id, step, "NOT_ELIGIBLE", ["input", "type"], {}, victimCase.id);
      },
    );

    it.each([
      ["RE_RELEASED", "IN_CUSTODY", []],
      ["PAROLE_DECISION", "IN_CUSTODY", []],
      ["LICENCE_ENDED", "IN_CUSTODY", []],
      ["RECALLED", "IN_CUSTODY", []],
      ["RETURNED_TO_CUSTODY", "IN_CUSTODY", []],
      ["RELEASED_ON_LICENCE", "RELEASED", [{ type: "RELEASED_ON_LICENCE" }]],
      ["MOVED_TO_OPEN_CONDITIONS", "RELEASED", [{ type: "RELEASED_ON_LICENCE" }]],
      [
        "REFERRED_TO_PAROLE_BOARD",
        "PAROLE_REVIEW",
        [
          { type: "RELEASED_ON_LICENCE" },
          { type: "RECALLED", recallType: "STANDARD" },
          { type: "REFERRED_TO_PAROLE_BOARD" },
        ],
      ],
    ] as [string, string, CustodyStep[]][])(
      "should refuse %s with TRANSITION_NOT_ALLOWED and change nothing when the offender is %s",
      async (type, _phase, before) => {
        const offender = await createOffender(h);
        const victimCase = await optedInCase(h, offender.id, true);
        for (const earlier of before) await applyCustody(offender.id, earlier);
        const extra =
          type === "PAROLE_DECISION" ? { outcome: "RELEASE" } : type === "RECALLED" ? { recallType: "STANDARD" } : {};
        await expectCustodyRefused(
          offender.id,
          { type },
          "TRANSITION_NOT_ALLOWED",
          ["input", "type"],
          extra,
          victimCase.id,
        );
      },
    );

    it("should refuse with NOT_FOUND on input.offenderId when the offender id is unknown, garbage or a case's id", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      for (const id of [UNKNOWN_OFFENDER_ID, "nope", victimCase.id]) {
        await expectCustodyRefused(
          id,
          { type: "MOVED_TO_OPEN_CONDITIONS" },
          "NOT_FOUND",
          ["input", "offenderId"],
          {},
          victimCase.id,
        );
      }
    });

    it("should refuse with STALE_VERSION when expectedVersion is not the offender's version, and succeed with the current one", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id, true);
      await applyCustody(offender.id, { type: "MOVED_TO_OPEN_CONDITIONS" });
      await expectCustodyRefused(
        offender.id,
        { type: "RELEASED_ON_LICENCE" },
        "STALE_VERSION",
        ["input", "expectedVersion"],
        { expectedVersion: 1 },
        victimCase.id,
      );
      await expectCustodyRefused(
        offender.id,
        { type: "RELEASED_ON_LICENCE" },
        "STALE_VERSION",
        ["input", "expectedVersion"],
        { expectedVersion: 3 },
        victimCase.id,
      );
      const payload = await recordCustody(offender.id, { type: "RELEASED_ON_LICENCE" }, "custody.feed", {
        expectedVersion: 2,
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.offender).toEqual({ id: offender.id, custodyPhase: "RELEASED", version: 3 });
    });

    it("should apply the event once and return the same result when the same idempotency key is sent twice with the same input", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id, true);
      const extra = { idempotencyKey: "release-once" };
      const first = await recordCustody(offender.id, { type: "RELEASED_ON_LICENCE" }, "custody.feed", extra);
      const countsAfterFirst = await rowCounts();
      const second = await recordCustody(offender.id, { type: "RELEASED_ON_LICENCE" }, "custody.feed", extra);
      expect(second.userErrors).toEqual([]);
      expect(second.offender).toEqual(first.offender);
      expect(second.affectedCaseCount).toBe(1);
      expect(await rowCounts()).toEqual(countsAfterFirst);
      const after = (await getCase(h, victimCase.id))!;
      expect(after).toMatchObject({ status: "RELEASED", version: victimCase.version + 1 });
      expect(after.history.totalCount).toBe(victimCase.history.totalCount + 1);
    });

    it("should refuse with IDEMPOTENCY_KEY_REUSED and change nothing when the same key comes with another event", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id, true);
      await recordCustody(offender.id, { type: "MOVED_TO_OPEN_CONDITIONS" }, "custody.feed", {
        idempotencyKey: "custody-reused",
      });
      await expectCustodyRefused(
        offender.id,
        { type: "TEMPORARY_RELEASE", temporaryReleaseType: "SPECIAL_PURPOSE_LICENCE" },
        "IDEMPOTENCY_KEY_REUSED",
        ["input", "idempotencyKey"],
        { idempotencyKey: "custody-reused" },
        victimCase.id,
      );
    });
  });
});
