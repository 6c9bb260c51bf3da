import { Region } from "../../src/domain/security/region.enum";
import { encryptField } from "../../src/entities/field-encryption.transformer";
import { Role } from "../../src/domain/security/role.enum";
import type { GraphQLFormattedError } from "graphql";
import {
  AGREE_CONTACT_PLAN,
  createOffender,
  getCase,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_OUT,
  referCase,
  type Payload,
  type TransitionRow,
  type UserError,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Licence conditions a victim asks for: REQUESTED → FORWARDED → ADOPTED / NOT_ADOPTED, or WITHDRAWN,
// and what the victim is told of them through releaseInformation (a month, never a day).

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const databaseId = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":")[1];
const UNKNOWN_REQUEST_ID = globalId("LicenceConditionRequest", "00000000-0000-0000-0000-000000000000");

// An SDS has a forecast release, so its cases have releaseInformation; an EDS goes to the Board.
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };
const EDS = {
  type: "EDS",
  sentenceDate: "2021-09-03",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "SEXUAL",
};

// An area, as the licence must describe it: streets and a district, no number, no full postcode.
const AREA = "The streets north of the Ring Road in Gateshead town centre (NE8)";

const ERRORS = `userErrors { code message field }`;
const REQUEST_FIELDS = `id kind decisionPoint decisionMaker status version requestedOn forwardedOn decidedOn endsOn paroleReview { id }`;
const STEP_PAYLOAD = `licenceConditionRequest { ${REQUEST_FIELDS} } transition { id event fromStatus toStatus actor } victimCase { id status version } ${ERRORS}`;
const REQUEST = `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { ${STEP_PAYLOAD} } }`;
const FORWARD = `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { ${STEP_PAYLOAD} } }`;
const DECIDE = `mutation ($input: RecordLicenceConditionDecisionInput!) { recordLicenceConditionDecision(input: $input) { ${STEP_PAYLOAD} } }`;
const WITHDRAW = `mutation ($input: WithdrawLicenceConditionRequestInput!) { withdrawLicenceConditionRequest(input: $input) { ${STEP_PAYLOAD} } }`;
const REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id status } } }`;
const PAROLE_DECISION = `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { ${ERRORS} } }`;
const CASE_CONDITIONS = `query ($id: ID!) {
  victimCase(id: $id) {
    id version
    licenceConditionRequests { ${REQUEST_FIELDS} }
    history(first: 100) { totalCount nodes { event fromStatus toStatus actor } }
  }
}`;
const OFFICER_VIEW = `query ($id: ID!) { victimCase(id: $id) { licenceConditionRequests { kind status description reasonNotAdopted } } }`;
const VICTIM_VIEW = `query ($id: ID!) { victimCase(id: $id) { releaseInformation { expectedReleaseMonth licenceConditions { kind outcome endsMonth reasonNotAdopted } } } }`;
const ACCESS_LOG = `query ($caseId: ID!) { accessLog(filter: { caseId: $caseId }, first: 100) { nodes { actor action operation fields } } }`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { userErrors { code } } }`;

/** A request as REQUEST_FIELDS reads it. */
interface RequestView {
  id: string;
  kind: string;
  decisionPoint: string;
  decisionMaker: string;
  status: string;
  version: number;
  requestedOn: string;
  forwardedOn: string | null;
  decidedOn: string | null;
  endsOn: string | null;
  paroleReview: { id: string } | null;
}
/** STEP_PAYLOAD. */
interface StepPayload extends Payload {
  licenceConditionRequest: RequestView | null;
  transition: (Omit<TransitionRow, "reason"> & { id: string }) | null;
  victimCase: { id: string; status: string; version: number } | null;
}
/** CASE_CONDITIONS's case. */
interface CaseConditions {
  id: string;
  version: number;
  licenceConditionRequests: RequestView[];
  history: { totalCount: number; nodes: Omit<TransitionRow, "reason">[] };
}
/** OFFICER_VIEW's case. */
interface OfficerView {
  licenceConditionRequests: {
    kind: string;
    status: string;
    description: string | null;
    reasonNotAdopted: string | null;
  }[];
}
/** VICTIM_VIEW's case. */
interface VictimView {
  releaseInformation: {
    expectedReleaseMonth: string | null;
    licenceConditions: { kind: string; outcome: string; endsMonth: string | null; reasonNotAdopted: string | null }[];
  } | null;
}

const AUDITOR = asUser("licence.auditor", [Role.AUDITOR], null);
const ANALYST = asUser("licence.analyst", [Role.ANALYST], null);
const LONDON_VLO = asUser("london.vlo", [Role.VLO], Region.LONDON);

describe.each(ENGINES)("licence-condition requests (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function run<T extends Payload = StepPayload>(
    mutation: string,
    input: Record<string, unknown>,
    as?: Parameters<Harness["run"]>[2],
  ): Promise<T> {
    const result = await h.run<Record<string, T>>(mutation, { input }, as);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0];
  }

  async function query<T>(text: string, id: string, as?: Parameters<Harness["run"]>[2]): Promise<T> {
    const result = await h.run<{ victimCase: T | null }>(text, { id }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase!;
  }

  /** An engaged (ACTIVE) case of a new offender serving `sentence`. */
  async function activeCase(sentence: Record<string, unknown> = SDS): Promise<{ offenderId: string; caseId: string }> {
    const offender = await createOffender(h, {}, sentence);
    const victimCase = await optedInCase(h, offender.id, true);
    return { offenderId: offender.id, caseId: victimCase.id };
  }

  async function requested(caseId: string, overrides: Record<string, unknown> = {}): Promise<RequestView> {
    const payload = await run(REQUEST, {
      caseId,
      kind: "EXCLUSION_ZONE",
      description: AREA,
      decisionPoint: "LICENCE_RELEASE",
      ...overrides,
    });
    expect(payload.userErrors).toEqual([]);
    return payload.licenceConditionRequest!;
  }

  async function step(mutation: string, input: Record<string, unknown>): Promise<RequestView> {
    const payload = await run(mutation, input);
    expect(payload.userErrors).toEqual([]);
    return payload.licenceConditionRequest!;
  }

  async function forwarded(caseId: string, overrides: Record<string, unknown> = {}): Promise<RequestView> {
    const request = await requested(caseId, overrides);
    return step(FORWARD, { requestId: request.id });
  }

  async function count(table: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "${table}"`);
    return row.n;
  }

  /** Everything a refused step must leave as it was. */
  async function footprint(caseId: string): Promise<Record<string, unknown>> {
    const victimCase = await query<CaseConditions>(CASE_CONDITIONS, caseId);
    const [{ changes }] = await h.dataSource.query(
      `SELECT count(*)::int AS "changes" FROM "access_log" WHERE "action" <> 'READ'`,
    );
    return {
      version: victimCase.version,
      history: victimCase.history.totalCount,
      requests: victimCase.licenceConditionRequests,
      changes,
      rows: await count("licence_condition_request"),
      transitions: await count("case_transition"),
      keys: await count("idempotency_key"),
    };
  }

  async function expectRefused(
    caseId: string,
    mutation: string,
    input: Record<string, unknown>,
    code: string,
    as?: Parameters<Harness["run"]>[2],
  ): Promise<UserError> {
    const before = await footprint(caseId);
    const payload = await run(mutation, input, as);
    expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(payload.licenceConditionRequest).toBeNull();
    expect(payload.victimCase).toBeNull();
    expect(payload.transition).toBeNull();
    expect(await footprint(caseId)).toEqual(before);
    return payload.userErrors[0];
  }

  /** Refused before it runs: one BAD_USER_INPUT naming the field (and the constraint, when given), nothing written. */
  async function expectInvalid(
    caseId: string,
    mutation: string,
    input: Record<string, unknown>,
    field: string[],
    constraint?: string,
  ): Promise<GraphQLFormattedError> {
    const before = await footprint(caseId);
    const result = await h.run(mutation, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0];
    expect(error.extensions!.code).toBe("BAD_USER_INPUT");
    expect(error.extensions!.fields).toEqual([
      expect.objectContaining({ field, constraints: expect.arrayContaining(constraint ? [constraint] : []) }),
    ]);
    expect(await footprint(caseId)).toEqual(before);
    return error;
  }

  async function accessLog(
    caseId: string,
  ): Promise<{ actor: string; action: string; operation: string; fields: string[] }[]> {
    const result = await h.run<{
      accessLog: { nodes: { actor: string; action: string; operation: string; fields: string[] }[] };
    }>(ACCESS_LOG, { caseId }, AUDITOR);
    expect(result.errors).toBeUndefined();
    return result.data!.accessLog.nodes;
  }

  describe("the request's lifecycle", () => {
    it("should take a request from REQUESTED through FORWARDED to ADOPTED, recording each step on the case", async () => {
      const { caseId } = await activeCase();
      const start = (await getCase(h, caseId))!;

      const made = await run(REQUEST, {
        caseId,
        kind: "EXCLUSION_ZONE",
        description: AREA,
        decisionPoint: "LICENCE_RELEASE",
        expectedVersion: start.version,
      });
      const sent = await run(FORWARD, { requestId: made.licenceConditionRequest!.id, expectedVersion: 1 });
      const adopted = await run(DECIDE, {
        requestId: made.licenceConditionRequest!.id,
        adopted: true,
        endsOn: "2027-01-14",
        expectedVersion: 2,
      });

      expect(made.userErrors).toEqual([]);
      expect(made.licenceConditionRequest).toEqual({
        id: expect.any(String),
        kind: "EXCLUSION_ZONE",
        decisionPoint: "LICENCE_RELEASE",
        decisionMaker: "PRISON_GOVERNOR",
        status: "REQUESTED",
        version: 1,
        requestedOn: today(),
        forwardedOn: null,
        decidedOn: null,
        endsOn: null,
        paroleReview: null,
      });
      expect(made.transition).toMatchObject({
        event: "LICENCE_CONDITION_REQUESTED",
        fromStatus: "ACTIVE",
        toStatus: "ACTIVE",
        actor: "test.officer",
      });
      expect(made.victimCase).toEqual({ id: caseId, status: "ACTIVE", version: start.version + 1 });
      expect(sent.userErrors).toEqual([]);
      expect(sent.licenceConditionRequest).toMatchObject({
        status: "FORWARDED",
        version: 2,
        forwardedOn: today(),
        decidedOn: null,
      });
      expect(sent.transition!.event).toBe("LICENCE_CONDITION_FORWARDED");
      expect(adopted.userErrors).toEqual([]);
      expect(adopted.licenceConditionRequest).toMatchObject({
        status: "ADOPTED",
        version: 3,
        forwardedOn: today(),
        decidedOn: today(),
        endsOn: "2027-01-14",
      });
      expect(adopted.transition!.event).toBe("LICENCE_CONDITION_ADOPTED");
      expect(adopted.victimCase!.version).toBe(start.version + 3);
      const history = (await query<CaseConditions>(CASE_CONDITIONS, caseId)).history;
      expect(history.totalCount).toBe(start.history.totalCount + 3);
      expect(history.nodes.slice(-3).map((row: { event: string }) => row.event)).toEqual([
        "LICENCE_CONDITION_REQUESTED",
        "LICENCE_CONDITION_FORWARDED",
        "LICENCE_CONDITION_ADOPTED",
      ]);
    });

    it("should tell the victim a pending request, then the month an adopted one ends and never the day", async () => {
      const { caseId } = await activeCase();
      const request = await requested(caseId);
      const pending = (await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation;
      expect(pending!.licenceConditions).toEqual([
        { kind: "EXCLUSION_ZONE", outcome: "PENDING", endsMonth: null, reasonNotAdopted: null },
      ]);

      await step(FORWARD, { requestId: request.id });
      await step(DECIDE, { requestId: request.id, adopted: true, endsOn: "2027-01-14" });

      const told = (await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation;
      expect(told!.licenceConditions).toEqual([
        { kind: "EXCLUSION_ZONE", outcome: "ADOPTED", endsMonth: "2027-01", reasonNotAdopted: null },
      ]);
      expect(JSON.stringify(told)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(JSON.stringify(told)).not.toContain("14");
    });

    it("should refuse a reason the victim could not be told as written, and tell a plain one as it stands", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId, {
        kind: "NO_CONTACT",
        description: "No contact with me or my children.",
      });
      const undisclosable =
        "Refused on 14 March 2027: the victim now lives at 12 Acacia Avenue, NE8 4QT, and the offender is held at HMP Durham until then.";

      const error = await expectRefused(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: false, reason: undisclosable },
        "DISCLOSURE_RISK",
      );
      expect(error.field).toEqual(["input", "reason"]);
      expect(error.message).toContain('"14 March 2027"');
      expect(error.message).toContain('"HMP Durham"');
      // An address is someone's home: its kind is named, its words are not repeated.
      expect(error.message).toContain("a street address");
      expect(error.message).toContain("a full postcode");
      expect(JSON.stringify(error)).not.toContain("Acacia");
      expect(JSON.stringify(error)).not.toContain("NE8");

      const reason = "The Board found a no-contact condition already on the licence covers this.";
      const decided = await run(DECIDE, { requestId: request.id, adopted: false, reason });
      expect(decided.userErrors).toEqual([]);
      expect(decided.licenceConditionRequest).toMatchObject({
        status: "NOT_ADOPTED",
        decidedOn: today(),
        endsOn: null,
      });
      expect(decided.transition!.event).toBe("LICENCE_CONDITION_NOT_ADOPTED");
      expect((await query<OfficerView>(OFFICER_VIEW, caseId)).licenceConditionRequests).toEqual([
        {
          kind: "NO_CONTACT",
          status: "NOT_ADOPTED",
          description: "No contact with me or my children.",
          reasonNotAdopted: reason,
        },
      ]);
      const [told] = (await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation!.licenceConditions;
      expect(told).toEqual({ kind: "NO_CONTACT", outcome: "NOT_ADOPTED", endsMonth: null, reasonNotAdopted: reason });
      const [row] = await h.dataSource.query(
        `SELECT "reason_not_adopted" FROM "licence_condition_request" WHERE "id" = $1`,
        [databaseId(request.id)],
      );
      expect(row.reason_not_adopted).not.toContain("Board");
    });

    it("should still filter a stored reason that carries a day, a postcode, an address or a prison before the victim is told it", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId, {
        kind: "NO_CONTACT",
        description: "No contact with me or my children.",
      });
      await run(DECIDE, { requestId: request.id, adopted: false, reason: "Placeholder." });
      // A reason written before the check at input existed, sealed as the service seals it.
      const stored =
        "Refused on 14 March 2027: the victim now lives at 12 Acacia Avenue, NE8 4QT, and the offender is held at HMP Durham until then.";
      await h.dataSource.query(`UPDATE "licence_condition_request" SET "reason_not_adopted" = $2 WHERE "id" = $1`, [
        databaseId(request.id),
        encryptField(stored),
      ]);

      const [told] = (await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation!.licenceConditions;
      expect(told).toMatchObject({ kind: "NO_CONTACT", outcome: "NOT_ADOPTED", endsMonth: null });
      for (const undisclosable of ["14", "Acacia", "NE8 4QT", "4QT", "Durham"])
        expect(told.reasonNotAdopted).not.toContain(undisclosable);
      expect(told.reasonNotAdopted).toContain("Refused on");
      expect(told.reasonNotAdopted).toContain("[date removed]");
      expect(told.reasonNotAdopted).toContain("[postcode removed]");
    });

    it("should not tell the victim of a withdrawn request, while the officer still sees it", async () => {
      const { caseId } = await activeCase();
      const kept = await requested(caseId, { kind: "NO_CONTACT", description: "No contact with me." });
      const withdrawnEarly = await requested(caseId);
      const withdrawnLate = await forwarded(caseId, {
        kind: "NON_ASSOCIATION",
        description: "Not to associate with the co-defendants.",
      });

      const early = await run(WITHDRAW, { requestId: withdrawnEarly.id });
      const late = await run(WITHDRAW, { requestId: withdrawnLate.id });

      expect(early.userErrors).toEqual([]);
      expect(early.licenceConditionRequest).toMatchObject({ status: "WITHDRAWN", version: 2, decidedOn: null });
      expect(early.transition!.event).toBe("LICENCE_CONDITION_WITHDRAWN");
      expect(late.licenceConditionRequest).toMatchObject({ status: "WITHDRAWN", version: 3, forwardedOn: today() });
      expect((await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation!.licenceConditions).toEqual([
        { kind: "NO_CONTACT", outcome: "PENDING", endsMonth: null, reasonNotAdopted: null },
      ]);
      expect(
        (await query<CaseConditions>(CASE_CONDITIONS, caseId)).licenceConditionRequests.map(
          (request: { id: string; status: string }) => [request.id, request.status],
        ),
      ).toEqual([
        [kept.id, "REQUESTED"],
        [withdrawnEarly.id, "WITHDRAWN"],
        [withdrawnLate.id, "WITHDRAWN"],
      ]);
    });

    it("should refuse forbidden transitions with TRANSITION_NOT_ALLOWED and write nothing", async () => {
      const { caseId } = await activeCase();
      const fresh = await requested(caseId);
      const sent = await forwarded(caseId);
      const decided = await forwarded(caseId);
      await step(DECIDE, { requestId: decided.id, adopted: true, endsOn: "2027-01-14" });
      const withdrawn = await requested(caseId);
      await step(WITHDRAW, { requestId: withdrawn.id });

      await expectRefused(
        caseId,
        DECIDE,
        { requestId: fresh.id, adopted: true, endsOn: "2027-01-14" },
        "TRANSITION_NOT_ALLOWED",
      );
      await expectRefused(caseId, FORWARD, { requestId: sent.id }, "TRANSITION_NOT_ALLOWED");
      await expectRefused(caseId, WITHDRAW, { requestId: decided.id }, "TRANSITION_NOT_ALLOWED");
      await expectRefused(
        caseId,
        DECIDE,
        { requestId: decided.id, adopted: false, reason: "Changed our minds." },
        "TRANSITION_NOT_ALLOWED",
      );
      const error = await expectRefused(caseId, FORWARD, { requestId: withdrawn.id }, "TRANSITION_NOT_ALLOWED");

      expect(error.field).toEqual(["input", "requestId"]);
    });

    // Issue 11 §6: the SDS (36 months from 15 January 2024) has its licence end on 14 January 2027.
    it("should refuse an adopted condition that outlasts the licence with INVALID_INPUT on endsOn, writing nothing", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);

      const error = await expectRefused(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: true, endsOn: "2027-01-15" },
        "INVALID_INPUT",
      );

      expect(error.field).toEqual(["input", "endsOn"]);
      expect(error.message).toContain("2027-01-14");
      const onTheLastDay = await run(DECIDE, { requestId: request.id, adopted: true, endsOn: "2027-01-14" });
      expect(onTheLastDay.userErrors).toEqual([]);
    });

    it("should refuse a stale expectedVersion of the request with STALE_VERSION", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);

      const error = await expectRefused(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: true, endsOn: "2027-01-14", expectedVersion: 1 },
        "STALE_VERSION",
      );

      expect(error.field).toEqual(["input", "expectedVersion"]);
    });

    it("should refuse a request on a case that has not opted in with TRANSITION_NOT_ALLOWED", async () => {
      const offender = await createOffender(h, {}, SDS);
      const referred = await referCase(h, offender.id);

      await expectRefused(
        referred.id,
        REQUEST,
        { caseId: referred.id, kind: "NO_CONTACT", description: "No contact.", decisionPoint: "LICENCE_RELEASE" },
        "TRANSITION_NOT_ALLOWED",
      );
    });

    it("should replay a request sent twice with the same idempotency key without a second row", async () => {
      const { caseId } = await activeCase();
      const input = {
        caseId,
        kind: "NO_CONTACT",
        description: "No contact with me.",
        decisionPoint: "LICENCE_RELEASE",
        idempotencyKey: "licence-request-once",
      };

      const first = await run(REQUEST, input);
      const afterFirst = await footprint(caseId);
      const replay = await run(REQUEST, input);

      expect(first.userErrors).toEqual([]);
      expect(replay).toEqual(first);
      expect(await footprint(caseId)).toEqual(afterFirst);
    });
  });

  describe("input", () => {
    it.each([
      ["one address", "12 Acacia Avenue, Gateshead"],
      ["one address with a comma after the number", "12, Acacia Avenue, Leeds"],
      ["a named house", "Around Rose Cottage, Main Street, Otley"],
      ["a full postcode", "Anywhere within NE8 4QT"],
    ])(
      "should refuse an exclusion zone described as %s with DISCLOSURE_RISK, without echoing it",
      async (_label, description) => {
        const { caseId } = await activeCase();

        const error = await expectRefused(
          caseId,
          REQUEST,
          { caseId, kind: "EXCLUSION_ZONE", description, decisionPoint: "LICENCE_RELEASE" },
          "DISCLOSURE_RISK",
        );

        expect(error.field).toEqual(["input", "description"]);
        expect(error.message).toMatch(/a street address|a full postcode/);
        expect(JSON.stringify(error)).not.toContain("Acacia");
        expect(JSON.stringify(error)).not.toContain("Rose");
        expect(JSON.stringify(error)).not.toContain("NE8");
      },
    );

    it.each([
      "Leeds city centre and the LS6 postcode district",
      "A town in West Yorkshire",
      "Headingley, north of the ring road",
    ])("should accept an exclusion zone described by area: %s", async (description) => {
      const { caseId } = await activeCase();
      const payload = await run(REQUEST, {
        caseId,
        kind: "EXCLUSION_ZONE",
        description,
        decisionPoint: "LICENCE_RELEASE",
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.licenceConditionRequest).toMatchObject({ status: "REQUESTED" });
    });

    // The worked examples: each was accepted and told to the victim word for word before the check.
    it.each([
      [
        "Refused because he lives at 12, Acacia Avenue and is released on the 26th from Full Sutton.",
        ['"26th"', '"Full Sutton"', "a street address"],
      ],
      ["Not needed: he is out on Thursday 26 and will live near Rampton.", ['"Thursday 26"', '"Rampton"']],
      ["Not needed after the twenty-sixth of March.", ['"the twenty-sixth of March"']],
      ["From 3/26 he lives at Rose Cottage, Main Street, Otley.", ['"3/26"', "a street address"]],
      ["Release is due 26.3.27.", ['"26.3.27"']],
      ["Release reference 20270326.", ['"20270326"']],
      ["He will live at number 5 the High Street.", ["a street address"]],
      ["He is moving to North Sea Camp first.", ['"North Sea Camp"']],
    ])("should refuse the reason %p with DISCLOSURE_RISK naming what it would tell", async (reason, named) => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);

      const error = await expectRefused(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: false, reason },
        "DISCLOSURE_RISK",
      );

      expect(error.field).toEqual(["input", "reason"]);
      for (const words of named) expect(error.message).toContain(words);
      const [told] = (await query<VictimView>(VICTIM_VIEW, caseId)).releaseInformation!.licenceConditions;
      expect(told.outcome).toBe("PENDING");
    });

    it("should refuse an empty description with BAD_USER_INPUT", async () => {
      const { caseId } = await activeCase();
      await expectInvalid(
        caseId,
        REQUEST,
        { caseId, kind: "NO_CONTACT", description: "", decisionPoint: "LICENCE_RELEASE" },
        ["input", "description"],
        "isNotEmpty",
      );
    });

    it("should refuse a decision not to adopt without a reason, and an adoption without an end date, with BAD_USER_INPUT", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);

      // Missing or empty: either way the victim would be told nothing.
      await expectInvalid(caseId, DECIDE, { requestId: request.id, adopted: false }, ["input", "reason"]);
      await expectInvalid(caseId, DECIDE, { requestId: request.id, adopted: false, reason: null }, ["input", "reason"]);
      await expectInvalid(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: false, reason: "" },
        ["input", "reason"],
        "isNotEmpty",
      );
      await expectInvalid(caseId, DECIDE, { requestId: request.id, adopted: true }, ["input", "endsOn"], "isDefined");
      // A field for the other outcome is refused, never silently dropped.
      await expectInvalid(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: true, endsOn: "2030-01-31", reason: "Adopted as asked." },
        ["input", "reason"],
        "isOnlyGivenWhen",
      );
      await expectInvalid(
        caseId,
        DECIDE,
        { requestId: request.id, adopted: false, reason: "Not needed.", endsOn: "2030-01-31" },
        ["input", "endsOn"],
        "isOnlyGivenWhen",
      );
      await expectInvalid(
        caseId,
        REQUEST,
        {
          caseId,
          kind: "NO_CONTACT",
          description: "No contact.",
          decisionPoint: "LICENCE_RELEASE",
          paroleReviewId: request.id,
        },
        ["input", "paroleReviewId"],
        "isOnlyGivenWhen",
      );
      expect((await query<CaseConditions>(CASE_CONDITIONS, caseId)).licenceConditionRequests[0]).toMatchObject({
        status: "FORWARDED",
        version: 2,
      });
    });

    it.each([
      ["an unknown", UNKNOWN_REQUEST_ID],
      ["a malformed", "not-a-request-id"],
      ["another type's", globalId("VictimCase", "00000000-0000-0000-0000-000000000000")],
    ])("should answer NOT_FOUND for %s request id", async (_label, requestId) => {
      const { caseId } = await activeCase();
      await requested(caseId);

      const error = await expectRefused(caseId, FORWARD, { requestId }, "NOT_FOUND");
      await expectRefused(caseId, WITHDRAW, { requestId }, "NOT_FOUND");

      expect(error.field).toEqual(["input", "requestId"]);
    });

    it("should refuse a parole-review request that names no review with INVALID_INPUT", async () => {
      const { caseId } = await activeCase(EDS);
      const error = await expectRefused(
        caseId,
        REQUEST,
        { caseId, kind: "NO_CONTACT", description: "No contact.", decisionPoint: "PAROLE_REVIEW" },
        "INVALID_INPUT",
      );
      expect(error.field).toEqual(["input", "paroleReviewId"]);
    });
  });

  describe("requests at a parole review", () => {
    async function underReview(): Promise<{ offenderId: string; caseId: string; reviewId: string }> {
      const { offenderId, caseId } = await activeCase(EDS);
      const referral = await run<Payload>(RECORD_CUSTODY_EVENT, {
        offenderId,
        type: "REFERRED_TO_PAROLE_BOARD",
        occurredOn: daysFromToday(-10),
      });
      expect(referral.userErrors).toEqual([]);
      const result = await h.run<{ offender: { paroleReviews: { id: string; status: string }[] } | null }>(REVIEWS, {
        id: offenderId,
      });
      return { offenderId, caseId, reviewId: result.data!.offender!.paroleReviews[0].id };
    }

    it("should send a request made at an open review to the Parole Board", async () => {
      const { caseId, reviewId } = await underReview();

      const made = await run(REQUEST, {
        caseId,
        kind: "NO_CONTACT",
        description: "No contact with me.",
        decisionPoint: "PAROLE_REVIEW",
        paroleReviewId: reviewId,
      });

      expect(made.userErrors).toEqual([]);
      expect(made.licenceConditionRequest).toMatchObject({
        decisionPoint: "PAROLE_REVIEW",
        decisionMaker: "PAROLE_BOARD",
        status: "REQUESTED",
        paroleReview: { id: reviewId },
      });
      expect(made.transition).toMatchObject({
        event: "LICENCE_CONDITION_REQUESTED",
        fromStatus: "PAROLE",
        toStatus: "PAROLE",
      });
    });

    it("should refuse a request for a review the Board has decided with DEADLINE_PASSED, writing nothing", async () => {
      const { caseId, reviewId } = await underReview();
      const decision = await run<Payload>(PAROLE_DECISION, {
        paroleReviewId: reviewId,
        outcome: "NO_RELEASE",
        issuedOn: today(),
      });
      expect(decision.userErrors).toEqual([]);

      const error = await expectRefused(
        caseId,
        REQUEST,
        {
          caseId,
          kind: "NO_CONTACT",
          description: "No contact with me.",
          decisionPoint: "PAROLE_REVIEW",
          paroleReviewId: reviewId,
        },
        "DEADLINE_PASSED",
      );

      expect(error.field).toEqual(["input", "paroleReviewId"]);
    });

    it("should answer NOT_FOUND for a review of another offender or an unknown one", async () => {
      const mine = await underReview();
      const theirs = await underReview();

      await expectRefused(
        mine.caseId,
        REQUEST,
        {
          caseId: mine.caseId,
          kind: "NO_CONTACT",
          description: "No contact.",
          decisionPoint: "PAROLE_REVIEW",
          paroleReviewId: theirs.reviewId,
        },
        "NOT_FOUND",
      );
      await expectRefused(
        mine.caseId,
        REQUEST,
        {
          caseId: mine.caseId,
          kind: "NO_CONTACT",
          description: "No contact.",
          decisionPoint: "PAROLE_REVIEW",
          paroleReviewId: globalId("ParoleReview", "00000000-0000-0000-0000-000000000000"),
        },
        "NOT_FOUND",
      );
    });
  });

  describe("what the victim is told of the outcome (DVCVA 2004 s.35(7))", () => {
    const NOTIFICATIONS = `query ($id: ID!) { victimCase(id: $id) { notifications { kind channel body } } }`;
    type Told = { kind: string; channel: string; body: string };

    async function toldOf(caseId: string, kind: string, as?: Parameters<Harness["run"]>[2]): Promise<Told[]> {
      const victimCase = await query<{ notifications: Told[] }>(NOTIFICATIONS, caseId, as);
      return victimCase.notifications.filter((notification) => notification.kind === kind);
    }

    /** An ACTIVE case whose victim chose only the month of release, by letter. */
    async function monthOnlyCase(offenderId?: string): Promise<{ offenderId: string; caseId: string }> {
      const offender = offenderId ?? (await createOffender(h, {}, SDS)).id;
      const victimCase = await optedInCase(h, offender);
      const plan = await run<Payload>(AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["LETTER"],
      });
      expect(plan.userErrors).toEqual([]);
      return { offenderId: offender, caseId: victimCase.id };
    }

    it("should tell a month-only victim each decision: the month an adopted condition ends, and why one was not adopted", async () => {
      const { caseId } = await monthOnlyCase();
      const zone = await forwarded(caseId);
      const contact = await forwarded(caseId, { kind: "NO_CONTACT", description: "No contact with me." });
      expect(await toldOf(caseId, "LICENCE_CONDITION_DECISION")).toEqual([]);

      await step(DECIDE, { requestId: zone.id, adopted: true, endsOn: "2027-01-14" });
      await step(DECIDE, { requestId: contact.id, adopted: false, reason: "The area is too large to enforce." });

      const told = await toldOf(caseId, "LICENCE_CONDITION_DECISION");
      expect(told.map(({ kind, channel }) => ({ kind, channel }))).toEqual([
        { kind: "LICENCE_CONDITION_DECISION", channel: "LETTER" },
        { kind: "LICENCE_CONDITION_DECISION", channel: "LETTER" },
      ]);
      // Newest first: the refusal, then the adoption; each letter tells only its own decision.
      expect(told[1].body).toContain(
        "An exclusion zone (an area the offender must not go into): this is a condition of the licence until January 2027.",
      );
      expect(told[1].body).not.toContain("No contact with you");
      expect(told[0].body).toContain(
        "No contact with you: this was not made a condition of the licence. The reason given was: The area is too large to enforce.",
      );
      expect(told[0].body).not.toContain("exclusion zone");
      expect(JSON.stringify(told)).not.toMatch(/\b14\b|2027-01/);
      // The facts kept with the notification are not sealed, so they never hold the reason.
      const rows = await h.dataSource.query(
        `SELECT "facts"::text AS "facts" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'LICENCE_CONDITION_DECISION'`,
        [databaseId(caseId)],
      );
      expect(rows).toHaveLength(2);
      expect(rows.map((row: { facts: string }) => row.facts).join()).not.toContain("too large");
    });

    it("should quote the reason only to a reader of personal data, logging each read, and withhold it from an analyst", async () => {
      const { caseId } = await monthOnlyCase();
      const request = await forwarded(caseId);
      await step(DECIDE, { requestId: request.id, adopted: false, reason: "The area is too large to enforce." });
      const before = (await accessLog(caseId)).length;

      const analystView = await toldOf(caseId, "LICENCE_CONDITION_DECISION", ANALYST);
      expect((await accessLog(caseId)).length).toBe(before);
      const officerView = await toldOf(caseId, "LICENCE_CONDITION_DECISION", "licence.reader");

      expect(analystView[0].body).toContain("The reason given was: [reason withheld");
      expect(analystView[0].body).not.toContain("too large");
      expect(officerView[0].body).toContain("The reason given was: The area is too large to enforce.");
      const [read] = await accessLog(caseId);
      expect(read).toEqual({
        actor: "licence.reader",
        action: "READ",
        operation: "victimCase",
        fields: ["notification.body.reasonNotAdopted"],
      });
    });

    it("should tell nothing of a forwarded or withdrawn request, nor of any decision to a victim who has opted out", async () => {
      const { caseId } = await monthOnlyCase();
      const withdrawn = await forwarded(caseId);
      await step(WITHDRAW, { requestId: withdrawn.id });
      const request = await forwarded(caseId, { kind: "NO_CONTACT", description: "No contact with me." });
      expect((await run<Payload>(RECORD_OPT_OUT, { caseId })).userErrors).toEqual([]);

      await step(DECIDE, { requestId: request.id, adopted: true, endsOn: "2027-01-14" });

      expect(await toldOf(caseId, "LICENCE_CONDITION_DECISION")).toEqual([]);
    });

    it("should list in each release letter the conditions that victim asked for, read for every case in one statement", async () => {
      const first = await monthOnlyCase();
      const second = await monthOnlyCase(first.offenderId);
      const zone = await forwarded(first.caseId);
      await step(DECIDE, { requestId: zone.id, adopted: true, endsOn: "2027-01-14" });
      const refused = await forwarded(first.caseId, { kind: "NO_CONTACT", description: "No contact with me." });
      await step(DECIDE, { requestId: refused.id, adopted: false, reason: "The area is too large to enforce." });
      await requested(second.caseId, { kind: "NON_ASSOCIATION", description: "No contact with my brother." });

      h.statements.reset();
      const released = await run<Payload>(RECORD_CUSTODY_EVENT, {
        offenderId: first.offenderId,
        type: "RELEASED_ON_LICENCE",
        occurredOn: daysFromToday(-1),
      });
      const conditionReads = h.statements.statements.filter((sql) => sql.includes(`FROM "licence_condition_request"`));

      expect(released.userErrors).toEqual([]);
      expect(conditionReads).toHaveLength(1);
      const [firstLetter] = await toldOf(first.caseId, "RELEASE", "licence.reader");
      const [secondLetter] = await toldOf(second.caseId, "RELEASE", "licence.reader");
      expect(firstLetter.body).toContain(
        [
          "These are the licence conditions you asked for, and what was decided:",
          "* An exclusion zone (an area the offender must not go into): this is a condition of the licence until January 2027.",
          "* No contact with you: this was not made a condition of the licence. The reason given was: The area is too large to enforce.",
        ].join("\n"),
      );
      expect(firstLetter.body).not.toContain("certain named people");
      expect(secondLetter.body).toContain(
        "* No contact with certain named people: a decision has not been made yet. We will tell you when it has.",
      );
      expect(secondLetter.body).not.toContain("exclusion zone");
    });
  });

  describe("who may see and change requests", () => {
    it("should answer NOT_FOUND to a VLO of another region, for the case and for its request, and change nothing", async () => {
      const { caseId } = await activeCase();
      const request = await requested(caseId);

      await expectRefused(caseId, FORWARD, { requestId: request.id }, "NOT_FOUND", LONDON_VLO);
      await expectRefused(caseId, WITHDRAW, { requestId: request.id }, "NOT_FOUND", LONDON_VLO);
      const made = await expectRefused(
        caseId,
        REQUEST,
        { caseId, kind: "NO_CONTACT", description: "No contact.", decisionPoint: "LICENCE_RELEASE" },
        "NOT_FOUND",
        LONDON_VLO,
      );

      expect(made.field).toEqual(["input", "caseId"]);
      const node = await h.run(`query ($id: ID!) { node(id: $id) { id } }`, { id: request.id }, LONDON_VLO);
      expect(node.data!.node).toBeNull();
    });

    it("should give an analyst FORBIDDEN and null for the description and the victim-facing reason, log no read, and refuse changes", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);
      await step(DECIDE, { requestId: request.id, adopted: false, reason: "The area is too large to enforce." });
      const logBefore = await accessLog(caseId);

      const officerView = await h.run<{ victimCase: OfficerView | null }>(OFFICER_VIEW, { id: caseId }, ANALYST);
      const victimView = await h.run<{ victimCase: VictimView | null }>(VICTIM_VIEW, { id: caseId }, ANALYST);
      const change = await h.run(WITHDRAW, { input: { requestId: request.id } }, ANALYST);

      expect(officerView.data!.victimCase!.licenceConditionRequests).toEqual([
        { kind: "EXCLUSION_ZONE", status: "NOT_ADOPTED", description: null, reasonNotAdopted: null },
      ]);
      expect(officerView.errors!.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(victimView.data!.victimCase!.releaseInformation!.licenceConditions).toEqual([
        { kind: "EXCLUSION_ZONE", outcome: "NOT_ADOPTED", endsMonth: null, reasonNotAdopted: null },
      ]);
      expect(victimView.errors!.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(JSON.stringify([officerView, victimView])).not.toContain("Ring Road");
      expect(JSON.stringify([officerView, victimView])).not.toContain("too large");
      expect(change.errors![0].extensions?.code).toBe("FORBIDDEN");
      expect(await accessLog(caseId)).toEqual(logBefore);
    });

    it("should keep the description sealed at rest and log each read of it and of the reason", async () => {
      const { caseId } = await activeCase();
      const request = await forwarded(caseId);
      await step(DECIDE, { requestId: request.id, adopted: false, reason: "The area is too large to enforce." });
      const before = (await accessLog(caseId)).length;

      const officerView = await query<OfficerView>(OFFICER_VIEW, caseId, "licence.reader");
      const victimView = await query<VictimView>(VICTIM_VIEW, caseId, "licence.reader");

      expect(officerView.licenceConditionRequests[0]).toMatchObject({
        description: AREA,
        reasonNotAdopted: "The area is too large to enforce.",
      });
      expect(victimView.releaseInformation!.licenceConditions[0].reasonNotAdopted).toBe(
        "The area is too large to enforce.",
      );
      const log = await accessLog(caseId);
      // Newest first: the rows written since `before`.
      const reads = log.slice(0, log.length - before);
      expect(reads.flatMap((row) => row.fields).sort()).toEqual([
        "licenceConditionRequest.description",
        "licenceConditionRequest.reasonNotAdopted",
        "releaseInformation.licenceConditions.reasonNotAdopted",
      ]);
      expect(
        reads.every((row) => row.actor === "licence.reader" && row.action === "READ" && row.operation === "victimCase"),
      ).toBe(true);
      const [row] = await h.dataSource.query(
        `SELECT "description", "reason_not_adopted" FROM "licence_condition_request" WHERE "id" = $1`,
        [databaseId(request.id)],
      );
      expect(row.description).toMatch(/^v1\./);
      expect(row.description).not.toContain("Ring Road");
      expect(row.reason_not_adopted).toMatch(/^v1\./);
    });

    it("should null the description when the case's personal data is erased", async () => {
      const { caseId } = await activeCase();
      await requested(caseId);

      expect((await run<Payload>(ERASE, { caseId, requestReference: "ER-2026-0202" })).userErrors).toEqual([]);

      expect((await query<OfficerView>(OFFICER_VIEW, caseId)).licenceConditionRequests).toEqual([
        { kind: "EXCLUSION_ZONE", status: "REQUESTED", description: null, reasonNotAdopted: null },
      ]);
    });
  });
});
