import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import {
  CLOSE_CASE,
  contactInput,
  createOffender,
  getCase,
  mutate,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  REFER,
  referCase,
  type CasePayload,
  type CustodyPayload,
  type Payload,
  type TransitionRow,
  type UserError,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Parole reviews through GraphQL: the review machine, the victim's deadlines (checked against the
// server's today, so hearings and decisions are placed relative to it), and the case records.

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysFromToday = (days: number) => addDays(today(), days);
// Calendar months, a missing day becoming the month's last (an independent reckoning of the rule).
function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)))
    .toISOString()
    .slice(0, 10);
}
const monthsFromToday = (months: number) => addMonths(today(), months);

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const databaseId = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":")[1];
const UNKNOWN_REVIEW_ID = globalId("ParoleReview", "00000000-0000-0000-0000-000000000000");

// The demo's extended sentence (a Parole Board sentence: reconsideration applies).
const EDS = {
  type: "EDS",
  sentenceDate: "2021-09-03",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "SEXUAL",
};
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };

const REVIEW = `id status version referredOn targetHearingDate hearingType statementDueOn applicationsDueOn outcome decisionIssuedOn reconsiderationEligible reconsiderationClosesOn decisionSummaryClosesOn`;
const OFFENDER = `query ($id: ID!) { offender(id: $id) { id custodyPhase version paroleReviews { ${REVIEW} } } }`;
const ERRORS = `userErrors { code message field }`;
const SCHEDULE = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { paroleReview { ${REVIEW} } affectedCaseCount ${ERRORS} } }`;
const DECIDE = `mutation ($input: RecordParoleDecisionInput!) {
  recordParoleDecision(input: $input) { paroleReview { ${REVIEW} } offender { id custodyPhase } affectedCases { id status version } affectedCaseCount ${ERRORS} }
}`;
const STEP_PAYLOAD = `transition { id event fromStatus toStatus actor } victimCase { id status version } ${ERRORS}`;
const STATEMENT = `personalStatement { status invitedOn submittedOn format paroleReview { id } } ${STEP_PAYLOAD}`;
const INVITE = `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { ${STATEMENT} } }`;
const SUBMIT = `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { ${STATEMENT} } }`;
const REQUEST = `paroleRequest { kind requestedOn paroleReview { id } } ${STEP_PAYLOAD}`;
const OBSERVE = `mutation ($input: ApplyToObserveParoleHearingInput!) { applyToObserveParoleHearing(input: $input) { ${REQUEST} } }`;
const PUBLIC = `mutation ($input: ApplyForPublicParoleHearingInput!) { applyForPublicParoleHearing(input: $input) { ${REQUEST} } }`;
const RECONSIDER = `mutation ($input: RequestParoleReconsiderationInput!) { requestParoleReconsideration(input: $input) { ${REQUEST} } }`;
const SUMMARY = `mutation ($input: RequestParoleDecisionSummaryInput!) { requestParoleDecisionSummary(input: $input) { ${REQUEST} } }`;
const CASE_PAROLE = `query ($id: ID!) {
  victimCase(id: $id) {
    id status version closeReason
    personalStatements { status invitedOn submittedOn format text paroleReview { id } }
    paroleRequests { kind requestedOn paroleReview { id } }
    history(first: 100) { totalCount nodes { event fromStatus toStatus actor reason } }
  }
}`;
const STATEMENT_TEXT = `query ($id: ID!) { victimCase(id: $id) { personalStatements { status text } } }`;
const ACCESS_LOG = `query ($caseId: ID!) { accessLog(filter: { caseId: $caseId }, first: 100) { nodes { actor action operation fields } } }`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { victimCase { id status } userErrors { code } } }`;

/** A review as REVIEW reads it. */
interface ReviewView {
  id: string;
  status: string;
  version: number;
  referredOn: string;
  targetHearingDate: string | null;
  hearingType: string | null;
  statementDueOn: string | null;
  applicationsDueOn: string | null;
  outcome: string | null;
  decisionIssuedOn: string | null;
  reconsiderationEligible: boolean;
  reconsiderationClosesOn: string | null;
  decisionSummaryClosesOn: string | null;
}
interface SchedulePayload extends Payload {
  paroleReview: ReviewView | null;
  affectedCaseCount: number;
}
interface DecidePayload extends SchedulePayload {
  offender: { id: string; custodyPhase: string } | null;
  affectedCases: { id: string; status: string; version: number }[];
}
/** STEP_PAYLOAD. */
interface StepPayload extends Payload {
  transition: (Omit<TransitionRow, "reason"> & { id: string }) | null;
  victimCase: { id: string; status: string; version: number } | null;
}
interface StatementPayload extends StepPayload {
  personalStatement: {
    status: string;
    invitedOn: string | null;
    submittedOn: string | null;
    format: string | null;
    paroleReview: { id: string };
  } | null;
}
interface RequestPayload extends StepPayload {
  paroleRequest: { kind: string; requestedOn: string; paroleReview: { id: string } } | null;
}
/** CASE_PAROLE's case. */
interface CaseParole {
  id: string;
  status: string;
  version: number;
  closeReason: string | null;
  personalStatements: {
    status: string;
    invitedOn: string | null;
    submittedOn: string | null;
    format: string | null;
    text: string | null;
    paroleReview: { id: string };
  }[];
  paroleRequests: { kind: string; requestedOn: string; paroleReview: { id: string } }[];
  history: { totalCount: number; nodes: TransitionRow[] };
}
/** STATEMENT_TEXT. */
interface StatementText {
  victimCase: { personalStatements: { status: string; text: string | null }[] } | null;
}

const AUDITOR = asUser("parole.auditor", [Role.AUDITOR], null);
const ANALYST = asUser("parole.analyst", [Role.ANALYST], null);
const LONDON_VLO = asUser("london.vlo", [Role.VLO], Region.LONDON);

const STATEMENT_WORDS = "Since the attack I have not been able to walk home alone after dark.";

describe.each(ENGINES)("parole reviews (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function custody(offenderId: string, input: Record<string, unknown>): Promise<CustodyPayload> {
    const result = await h.run<{ recordCustodyEvent: CustodyPayload }>(RECORD_CUSTODY_EVENT, {
      input: { offenderId, ...input },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.recordCustodyEvent;
  }

  async function reviewsOf(
    offenderId: string,
  ): Promise<{ custodyPhase: string; version: number; paroleReviews: ReviewView[] }> {
    const result = await h.run<{
      offender: { id: string; custodyPhase: string; version: number; paroleReviews: ReviewView[] } | null;
    }>(OFFENDER, { id: offenderId });
    expect(result.errors).toBeUndefined();
    return result.data!.offender!;
  }

  async function run<T extends Payload = Payload>(
    mutation: string,
    input: Record<string, unknown>,
    as?: Parameters<Harness["run"]>[2],
  ): Promise<T> {
    const result = await h.run<Record<string, T>>(mutation, { input }, as);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0];
  }

  async function caseParole(caseId: string): Promise<CaseParole> {
    const result = await h.run<{ victimCase: CaseParole | null }>(CASE_PAROLE, { id: caseId });
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase!;
  }

  /** An offender referred to the Board on `referredOn`, with one engaged case (ACTIVE, then PAROLE). */
  async function underReview(
    sentence: Record<string, unknown> = EDS,
    referredOn = daysFromToday(-10),
  ): Promise<{ offenderId: string; caseId: string; review: ReviewView }> {
    const offender = await createOffender(h, {}, sentence);
    const victimCase = await optedInCase(h, offender.id, true);
    const referral = await custody(offender.id, { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: referredOn });
    expect(referral.userErrors).toEqual([]);
    const [review] = (await reviewsOf(offender.id)).paroleReviews;
    return { offenderId: offender.id, caseId: victimCase.id, review };
  }

  async function releaseDirectionOf(caseId: string): Promise<Record<string, unknown> | null> {
    const result = await h.run<{
      victimCase: { releaseInformation: { releaseDirection: Record<string, unknown> | null } | null };
    }>(
      `query ($id: ID!) { victimCase(id: $id) { releaseInformation { releaseDirection { directedMonth reconsiderationPending finalFromMonth } } } }`,
      { id: caseId },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase.releaseInformation!.releaseDirection;
  }

  async function schedule(reviewId: string, targetHearingDate: string, hearingType = "ORAL"): Promise<ReviewView> {
    const payload = await run<SchedulePayload>(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate, hearingType });
    expect(payload.userErrors).toEqual([]);
    return payload.paroleReview!;
  }

  async function decide(reviewId: string, outcome: string, issuedOn: string): Promise<DecidePayload> {
    const payload = await run<DecidePayload>(DECIDE, { paroleReviewId: reviewId, outcome, issuedOn });
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  /** A case whose review was decided on `issuedOn` (referred a month before it). */
  async function decidedCase(
    outcome: string,
    issuedOn: string,
    sentence: Record<string, unknown> = EDS,
  ): Promise<{ offenderId: string; caseId: string; review: ReviewView }> {
    const setup = await underReview(sentence, addDays(issuedOn, -30));
    const decided = await decide(setup.review.id, outcome, issuedOn);
    return { ...setup, review: decided.paroleReview! };
  }

  async function count(table: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "${table}"`);
    return row.n;
  }

  /** What a refused step must leave as it was: the case's version and history, and every table a step writes. */
  async function footprint(caseId: string): Promise<Record<string, unknown>> {
    const victimCase = await caseParole(caseId);
    const tables = [
      "case_transition",
      "victim_personal_statement",
      "parole_request",
      "idempotency_key",
      "parole_review",
      "custody_event",
    ];
    const [{ changes }] = await h.dataSource.query(
      `SELECT count(*)::int AS "changes" FROM "access_log" WHERE "action" <> 'READ'`,
    );
    return {
      version: victimCase.version,
      history: victimCase.history.totalCount,
      statements: victimCase.personalStatements,
      requests: victimCase.paroleRequests,
      changes,
      ...Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)]))),
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
    const payload = await run<Payload & { victimCase?: unknown; transition?: unknown }>(mutation, input, as);
    expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(payload.victimCase ?? null).toBeNull();
    expect(payload.transition ?? null).toBeNull();
    expect(await footprint(caseId)).toEqual(before);
    return payload.userErrors[0];
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

  describe("opening and scheduling", () => {
    it("should open a REFERRED review with no deadlines when the offender is referred to the Parole Board", async () => {
      const referredOn = daysFromToday(-3);
      const { offenderId, caseId, review } = await underReview(EDS, referredOn);

      expect(review).toEqual({
        id: expect.any(String),
        status: "REFERRED",
        version: 1,
        referredOn,
        targetHearingDate: null,
        hearingType: null,
        statementDueOn: null,
        applicationsDueOn: null,
        outcome: null,
        decisionIssuedOn: null,
        reconsiderationEligible: false,
        reconsiderationClosesOn: null,
        decisionSummaryClosesOn: null,
      });
      expect((await reviewsOf(offenderId)).custodyPhase).toBe("PAROLE_REVIEW");
      expect((await getCase(h, caseId))!.status).toBe("PAROLE");
      const node = await h.run(
        `query ($id: ID!) { node(id: $id) { ... on ParoleReview { id status offender { id } } } }`,
        { id: review.id },
      );
      expect(node.data!.node).toEqual({ id: review.id, status: "REFERRED", offender: { id: offenderId } });
    });

    it("should open no review when the custody machine refuses the referral (an SDS prisoner in custody)", async () => {
      const offender = await createOffender(h, {}, SDS);
      const payload = await custody(offender.id, { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: daysFromToday(-1) });

      expect(payload.userErrors[0].code).toBe("NOT_ELIGIBLE");
      expect((await reviewsOf(offender.id)).paroleReviews).toEqual([]);
    });

    it("should open a review for a standard recall of a determinate sentence, of that sentence type", async () => {
      const offender = await createOffender(h, {}, SDS);
      await custody(offender.id, { type: "RELEASED_ON_LICENCE", occurredOn: daysFromToday(-60) });
      await custody(offender.id, { type: "RECALLED", recallType: "STANDARD", occurredOn: daysFromToday(-30) });
      const payload = await custody(offender.id, { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: daysFromToday(-20) });

      expect(payload.userErrors).toEqual([]);
      const { custodyPhase, paroleReviews } = await reviewsOf(offender.id);
      expect(custodyPhase).toBe("PAROLE_REVIEW");
      expect(paroleReviews).toHaveLength(1);
      expect(paroleReviews[0]).toMatchObject({ status: "REFERRED", referredOn: daysFromToday(-20) });
    });

    it("should set the hearing, compute the deadlines exactly and write PAROLE_HEARING_SCHEDULED on every open case of the offender", async () => {
      const { offenderId, caseId: engaged, review } = await underReview(EDS, "2026-06-01");
      const referred = (await referCase(h, offenderId)).id;
      const london = (
        await h.run<{ referVictimCase: CasePayload }>(
          REFER,
          { input: { offenderId, referredOn: "2026-01-10", contact: contactInput() } },
          LONDON_VLO,
        )
      ).data!.referVictimCase.victimCase!.id;
      const closed = (await referCase(h, offenderId)).id;
      await mutate(h, CLOSE_CASE, { caseId: closed, reason: "OTHER" });
      const before = await Promise.all([engaged, referred, closed].map((id) => getCase(h, id)));

      // 1 March 2027: the statement 28 days before (1 Feb), applications 12 weeks before (7 Dec 2026).
      const payload = await run<SchedulePayload>(SCHEDULE, {
        paroleReviewId: review.id,
        targetHearingDate: "2027-03-01",
        hearingType: "ORAL",
        expectedVersion: 1,
      });

      expect(payload.userErrors).toEqual([]);
      expect(payload.affectedCaseCount).toBe(3);
      expect(payload.paroleReview).toMatchObject({
        id: review.id,
        status: "HEARING_SCHEDULED",
        version: 2,
        targetHearingDate: "2027-03-01",
        hearingType: "ORAL",
        statementDueOn: "2027-02-01",
        applicationsDueOn: "2026-12-07",
        outcome: null,
      });
      const after = await Promise.all([engaged, referred, closed].map((id) => getCase(h, id)));
      for (const [index, status] of (["PAROLE", "REFERRED"] as const).entries()) {
        expect(after[index]!.version).toBe(before[index]!.version + 1);
        expect(after[index]!.history.nodes.at(-1)).toMatchObject({
          event: "PAROLE_HEARING_SCHEDULED",
          fromStatus: status,
          toStatus: status,
          actor: "system:custody-feed",
        });
      }
      const londonHistory = (await h.run<{ victimCase: CaseParole | null }>(CASE_PAROLE, { id: london }, LONDON_VLO))
        .data!.victimCase!.history.nodes;
      expect(londonHistory.at(-1)!.event).toBe("PAROLE_HEARING_SCHEDULED");
      // A closed case hears nothing more.
      expect(after[2]).toEqual(before[2]);
    });

    it("should move the hearing and its deadlines when it is scheduled again, and refuse a hearing before the referral", async () => {
      const { caseId, review } = await underReview(EDS, "2026-06-01");
      await schedule(review.id, "2027-03-01");

      // 2028 is a leap year: 29 February counts.
      const moved = await schedule(review.id, "2028-03-14", "PAPER");
      const early = await run<SchedulePayload>(SCHEDULE, {
        paroleReviewId: review.id,
        targetHearingDate: "2026-05-31",
        hearingType: "ORAL",
      });

      expect(moved).toMatchObject({
        status: "HEARING_SCHEDULED",
        version: 3,
        targetHearingDate: "2028-03-14",
        hearingType: "PAPER",
        statementDueOn: "2028-02-15",
        applicationsDueOn: "2027-12-21",
      });
      expect(early.userErrors).toEqual([
        {
          code: "INVALID_INPUT",
          message: expect.stringContaining("2026-06-01"),
          field: ["input", "targetHearingDate"],
        },
      ]);
      expect(early.paroleReview).toBeNull();
      expect((await reviewsOf((await getCase(h, caseId))!.offender.id)).paroleReviews[0]).toMatchObject({
        version: 3,
        targetHearingDate: "2028-03-14",
      });
      const events = (await getCase(h, caseId))!.history.nodes.map((row: { event: string }) => row.event);
      expect(events.filter((event: string) => event === "PAROLE_HEARING_SCHEDULED")).toHaveLength(2);
    });
  });

  describe("the victim personal statement", () => {
    it("should record the invitation and the statement on the case, bumping its version each time", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const start = (await getCase(h, caseId))!;

      const invited = await run<StatementPayload>(INVITE, {
        caseId,
        paroleReviewId: review.id,
        expectedVersion: start.version,
      });
      const submitted = await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_VICTIM",
        text: STATEMENT_WORDS,
        expectedVersion: start.version + 1,
      });

      expect(invited.userErrors).toEqual([]);
      expect(invited.personalStatement).toEqual({
        status: "INVITED",
        invitedOn: today(),
        submittedOn: null,
        format: null,
        paroleReview: { id: review.id },
      });
      expect(invited.transition).toMatchObject({
        event: "PERSONAL_STATEMENT_INVITED",
        fromStatus: "PAROLE",
        toStatus: "PAROLE",
        actor: "test.officer",
      });
      expect(invited.victimCase).toEqual({ id: caseId, status: "PAROLE", version: start.version + 1 });
      expect(submitted.userErrors).toEqual([]);
      expect(submitted.personalStatement).toEqual({
        status: "SUBMITTED",
        invitedOn: today(),
        submittedOn: today(),
        format: "READ_BY_VICTIM",
        paroleReview: { id: review.id },
      });
      expect(submitted.transition).toMatchObject({
        event: "PERSONAL_STATEMENT_SUBMITTED",
        fromStatus: "PAROLE",
        toStatus: "PAROLE",
      });
      expect(submitted.victimCase!.version).toBe(start.version + 2);
      const history = (await caseParole(caseId)).history;
      expect(history.totalCount).toBe(start.history.totalCount + 2);
      expect(history.nodes.slice(-2).map((row: { event: string }) => row.event)).toEqual([
        "PERSONAL_STATEMENT_INVITED",
        "PERSONAL_STATEMENT_SUBMITTED",
      ]);
    });

    it("should keep the statement text sealed at rest, show it to case workers and log every read of it", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
      });
      const readsBefore = (await accessLog(caseId)).filter((row) => row.action === "READ");

      const read = await h.run<StatementText>(STATEMENT_TEXT, { id: caseId }, "statement.reader");

      expect(read.errors).toBeUndefined();
      expect(read.data!.victimCase!.personalStatements).toEqual([{ status: "SUBMITTED", text: STATEMENT_WORDS }]);
      const reads = (await accessLog(caseId)).filter((row) => row.action === "READ");
      expect(reads).toHaveLength(readsBefore.length + 1);
      expect(reads[0]).toEqual({
        actor: "statement.reader",
        action: "READ",
        operation: "victimCase",
        fields: ["personalStatement.text"],
      });
      const [row] = await h.dataSource.query(`SELECT "text" FROM "victim_personal_statement" WHERE "case_id" = $1`, [
        databaseId(caseId),
      ]);
      expect(row.text).toMatch(/^v1\./);
      expect(row.text).not.toContain("walk home");
    });

    it("should give an analyst FORBIDDEN and null for the statement text, and log no read", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
      });
      const logBefore = await accessLog(caseId);

      const read = await h.run<StatementText>(STATEMENT_TEXT, { id: caseId }, ANALYST);

      expect(read.data!.victimCase!.personalStatements).toEqual([{ status: "SUBMITTED", text: null }]);
      expect(read.errors!.map((error) => [error.extensions?.code, error.path])).toEqual([
        ["FORBIDDEN", ["victimCase", "personalStatements", 0, "text"]],
      ]);
      expect(JSON.stringify(read)).not.toContain("walk home");
      expect(await accessLog(caseId)).toEqual(logBefore);
    });

    it("should accept a statement offered without an invitation, but refuse a second one with ALREADY_RECORDED", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const first = await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "RECORDED",
        text: STATEMENT_WORDS,
      });
      expect(first.personalStatement).toMatchObject({ status: "SUBMITTED", invitedOn: null, submittedOn: today() });

      const second = await expectRefused(
        caseId,
        SUBMIT,
        { caseId, paroleReviewId: review.id, format: "READ_BY_PANEL", text: "A different statement." },
        "ALREADY_RECORDED",
      );
      await expectRefused(caseId, INVITE, { caseId, paroleReviewId: review.id }, "ALREADY_RECORDED");

      expect(second.field).toEqual(["input", "paroleReviewId"]);
      expect((await h.run<StatementText>(STATEMENT_TEXT, { id: caseId })).data!.victimCase!.personalStatements).toEqual(
        [{ status: "SUBMITTED", text: STATEMENT_WORDS }],
      );
    });

    it("should refuse a second invitation with ALREADY_RECORDED", async () => {
      const { caseId, review } = await underReview();
      await run<StatementPayload>(INVITE, { caseId, paroleReviewId: review.id });
      await expectRefused(caseId, INVITE, { caseId, paroleReviewId: review.id }, "ALREADY_RECORDED");
    });

    it("should null the statement text when the case's personal data is erased", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
      });

      const erased = await run(ERASE, { caseId, requestReference: "ER-2026-0101" });

      expect(erased.userErrors).toEqual([]);
      expect((await h.run<StatementText>(STATEMENT_TEXT, { id: caseId })).data!.victimCase!.personalStatements).toEqual(
        [{ status: "SUBMITTED", text: null }],
      );
      const [row] = await h.dataSource.query(`SELECT "text" FROM "victim_personal_statement" WHERE "case_id" = $1`, [
        databaseId(caseId),
      ]);
      expect(row.text).toBeNull();
    });
  });

  describe("deadlines", () => {
    it("should refuse the statement with DEADLINE_PASSED once it is due less than 28 days before the hearing, and write nothing", async () => {
      const { caseId, review } = await underReview();
      const scheduled = await schedule(review.id, daysFromToday(20));
      expect(scheduled.statementDueOn).toBe(daysFromToday(-8));

      const invite = await expectRefused(caseId, INVITE, { caseId, paroleReviewId: review.id }, "DEADLINE_PASSED");
      const submit = await expectRefused(
        caseId,
        SUBMIT,
        { caseId, paroleReviewId: review.id, format: "READ_BY_PANEL", text: STATEMENT_WORDS },
        "DEADLINE_PASSED",
      );

      expect(invite.message).toContain(daysFromToday(-8));
      expect(submit.message).toContain(daysFromToday(-8));
      expect(submit.field).toEqual(["input", "paroleReviewId"]);
    });

    it("should refuse applications with DEADLINE_PASSED inside 12 weeks of the hearing while the statement is still open", async () => {
      const { caseId, review } = await underReview();
      const scheduled = await schedule(review.id, daysFromToday(60));
      expect(scheduled.applicationsDueOn).toBe(daysFromToday(-24));

      const observe = await expectRefused(caseId, OBSERVE, { caseId, paroleReviewId: review.id }, "DEADLINE_PASSED");
      await expectRefused(caseId, PUBLIC, { caseId, paroleReviewId: review.id }, "DEADLINE_PASSED");
      const submitted = await run<StatementPayload>(SUBMIT, {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
      });

      expect(observe.message).toContain(daysFromToday(-24));
      expect(submitted.userErrors).toEqual([]);
    });

    it("should keep each window open through its last day and closed the day after", async () => {
      const lastDay = await underReview();
      await schedule(lastDay.review.id, daysFromToday(84));
      const dayAfter = await underReview();
      await schedule(dayAfter.review.id, daysFromToday(83));

      // Applications are due exactly today for the first review, and were due yesterday for the second.
      expect(
        (await run<RequestPayload>(OBSERVE, { caseId: lastDay.caseId, paroleReviewId: lastDay.review.id })).userErrors,
      ).toEqual([]);
      expect(
        (await run<RequestPayload>(PUBLIC, { caseId: lastDay.caseId, paroleReviewId: lastDay.review.id })).userErrors,
      ).toEqual([]);
      await expectRefused(
        dayAfter.caseId,
        OBSERVE,
        { caseId: dayAfter.caseId, paroleReviewId: dayAfter.review.id },
        "DEADLINE_PASSED",
      );

      const statementLastDay = await underReview();
      await schedule(statementLastDay.review.id, daysFromToday(28));
      const statementDayAfter = await underReview();
      await schedule(statementDayAfter.review.id, daysFromToday(27));
      expect(
        (
          await run<StatementPayload>(SUBMIT, {
            caseId: statementLastDay.caseId,
            paroleReviewId: statementLastDay.review.id,
            format: "READ_BY_PANEL",
            text: STATEMENT_WORDS,
          })
        ).userErrors,
      ).toEqual([]);
      await expectRefused(
        statementDayAfter.caseId,
        INVITE,
        { caseId: statementDayAfter.caseId, paroleReviewId: statementDayAfter.review.id },
        "DEADLINE_PASSED",
      );

      const reconsiderLastDay = await decidedCase("NO_RELEASE", daysFromToday(-21));
      const reconsiderDayAfter = await decidedCase("NO_RELEASE", daysFromToday(-22));
      expect(reconsiderLastDay.review.reconsiderationClosesOn).toBe(today());
      expect(
        (
          await run<RequestPayload>(RECONSIDER, {
            caseId: reconsiderLastDay.caseId,
            paroleReviewId: reconsiderLastDay.review.id,
          })
        ).userErrors,
      ).toEqual([]);
      await expectRefused(
        reconsiderDayAfter.caseId,
        RECONSIDER,
        { caseId: reconsiderDayAfter.caseId, paroleReviewId: reconsiderDayAfter.review.id },
        "DEADLINE_PASSED",
      );
    });

    it("should refuse reconsideration with DEADLINE_PASSED more than 21 days after the decision, and write nothing", async () => {
      const { caseId, review } = await decidedCase("NO_RELEASE", daysFromToday(-30));
      expect(review.reconsiderationClosesOn).toBe(daysFromToday(-9));

      const error = await expectRefused(caseId, RECONSIDER, { caseId, paroleReviewId: review.id }, "DEADLINE_PASSED");

      expect(error.message).toContain(daysFromToday(-9));
    });

    it("should refuse a decision summary with DEADLINE_PASSED more than 6 months after the decision, and write nothing", async () => {
      const issuedOn = monthsFromToday(-7);
      const { caseId, review } = await decidedCase("NO_RELEASE", issuedOn);
      expect(review.decisionSummaryClosesOn).toBe(addMonths(issuedOn, 6));

      const error = await expectRefused(caseId, SUMMARY, { caseId, paroleReviewId: review.id }, "DEADLINE_PASSED");

      expect(error.message).toContain(addMonths(issuedOn, 6));
    });

    it("should count the summary window in calendar months, ending on the last day of a shorter month", async () => {
      const { review } = await decidedCase("RELEASE", "2026-08-31");
      expect(review).toMatchObject({
        decisionIssuedOn: "2026-08-31",
        reconsiderationClosesOn: "2026-09-21",
        decisionSummaryClosesOn: "2027-02-28",
      });
    });
  });

  describe("eligibility and duplicates", () => {
    it("should refuse to observe a paper review with NOT_ELIGIBLE, even after the application deadline", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(20), "PAPER");

      const error = await expectRefused(caseId, OBSERVE, { caseId, paroleReviewId: review.id }, "NOT_ELIGIBLE");

      expect(error.message).toMatch(/paper/i);
    });

    it("should refuse an application for a public hearing with NOT_ELIGIBLE when the hearing is already public", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120), "PUBLIC");
      await expectRefused(caseId, PUBLIC, { caseId, paroleReviewId: review.id }, "NOT_ELIGIBLE");
      expect((await run<RequestPayload>(OBSERVE, { caseId, paroleReviewId: review.id })).userErrors).toEqual([]);
    });

    it("should refuse reconsideration of an open-conditions recommendation with NOT_ELIGIBLE", async () => {
      const { caseId, review } = await decidedCase("OPEN_CONDITIONS_RECOMMENDED", daysFromToday(-2));
      expect(review).toMatchObject({
        outcome: "OPEN_CONDITIONS_RECOMMENDED",
        reconsiderationEligible: false,
        reconsiderationClosesOn: null,
      });

      await expectRefused(caseId, RECONSIDER, { caseId, paroleReviewId: review.id }, "NOT_ELIGIBLE");
    });

    it("should refuse reconsideration of a decision on a standard recall of a determinate sentence with NOT_ELIGIBLE", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id, true);
      await custody(offender.id, { type: "RELEASED_ON_LICENCE", occurredOn: daysFromToday(-90) });
      await custody(offender.id, { type: "RECALLED", recallType: "STANDARD", occurredOn: daysFromToday(-60) });
      await custody(offender.id, { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: daysFromToday(-30) });
      const [review] = (await reviewsOf(offender.id)).paroleReviews;

      const decided = await decide(review.id, "NO_RELEASE", daysFromToday(-1));

      expect(decided.offender!.custodyPhase).toBe("RECALLED");
      // The feed (a system) is shown no case; the case itself moved.
      expect(decided.affectedCaseCount).toBe(1);
      expect((await getCase(h, victimCase.id))!.status).toBe("RECALLED");
      expect(decided.paroleReview).toMatchObject({ reconsiderationEligible: false, reconsiderationClosesOn: null });
      await expectRefused(
        victimCase.id,
        RECONSIDER,
        { caseId: victimCase.id, paroleReviewId: review.id },
        "NOT_ELIGIBLE",
      );
    });

    it("should refuse a duplicate request with ALREADY_RECORDED", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const first = await run<RequestPayload>(OBSERVE, { caseId, paroleReviewId: review.id });
      expect(first.paroleRequest).toEqual({
        kind: "OBSERVE_HEARING",
        requestedOn: today(),
        paroleReview: { id: review.id },
      });

      await expectRefused(caseId, OBSERVE, { caseId, paroleReviewId: review.id }, "ALREADY_RECORDED");
    });

    it("should refuse every victim step while the case is not opted in, with TRANSITION_NOT_ALLOWED", async () => {
      const { offenderId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const referred = await referCase(h, offenderId);

      await expectRefused(
        referred.id,
        INVITE,
        { caseId: referred.id, paroleReviewId: review.id },
        "TRANSITION_NOT_ALLOWED",
      );
      await expectRefused(
        referred.id,
        OBSERVE,
        { caseId: referred.id, paroleReviewId: review.id },
        "TRANSITION_NOT_ALLOWED",
      );
    });

    it("should let an opted-in victim without a plan take the steps", async () => {
      const { offenderId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const optedIn = await optedInCase(h, offenderId);

      const invited = await run<StatementPayload>(INVITE, { caseId: optedIn.id, paroleReviewId: review.id });

      expect(invited.userErrors).toEqual([]);
      expect(invited.transition).toMatchObject({
        event: "PERSONAL_STATEMENT_INVITED",
        fromStatus: "OPTED_IN",
        toStatus: "OPTED_IN",
      });
    });

    it("should refuse the steps of the wrong stage with TRANSITION_NOT_ALLOWED: reconsideration before the decision, a statement after it", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      await expectRefused(caseId, RECONSIDER, { caseId, paroleReviewId: review.id }, "TRANSITION_NOT_ALLOWED");
      await expectRefused(caseId, SUMMARY, { caseId, paroleReviewId: review.id }, "TRANSITION_NOT_ALLOWED");

      await decide(review.id, "NO_RELEASE", today());

      await expectRefused(
        caseId,
        SUBMIT,
        { caseId, paroleReviewId: review.id, format: "READ_BY_PANEL", text: STATEMENT_WORDS },
        "TRANSITION_NOT_ALLOWED",
      );
      await expectRefused(caseId, OBSERVE, { caseId, paroleReviewId: review.id }, "TRANSITION_NOT_ALLOWED");
    });
  });

  describe("the Board's decision", () => {
    // Issue 11 §1: a direction is not a release (Parole Board Rules 2019 r.25, r.28).
    it("should decide the review and direct release, keeping the offender in custody and the engaged cases in PAROLE", async () => {
      const { offenderId, caseId, review } = await underReview();
      const optedIn = await optedInCase(h, offenderId);
      await schedule(review.id, daysFromToday(5));
      const issuedOn = daysFromToday(-1);

      const payload = await decide(review.id, "RELEASE", issuedOn);

      expect(payload.offender).toEqual({ id: offenderId, custodyPhase: "RELEASE_DIRECTED" });
      expect(payload.affectedCaseCount).toBe(2);
      expect(payload.paroleReview).toMatchObject({
        status: "DECIDED",
        version: 3,
        outcome: "RELEASE",
        decisionIssuedOn: issuedOn,
        reconsiderationEligible: true,
        reconsiderationClosesOn: addDays(issuedOn, 21),
        decisionSummaryClosesOn: addMonths(issuedOn, 6),
      });
      const engaged = (await getCase(h, caseId))!;
      expect(engaged.status).toBe("PAROLE");
      expect(engaged.history.nodes.at(-1)).toMatchObject({
        event: "CUSTODY_CHANGED",
        fromStatus: "PAROLE",
        toStatus: "PAROLE",
        reason: "PAROLE_DECISION",
      });
      const stillOptedIn = (await getCase(h, optedIn.id))!;
      expect(stillOptedIn.status).toBe("OPTED_IN");
      expect(stillOptedIn.offender.custodyPhase).toBe("RELEASE_DIRECTED");
      // The feed (a system) is shown none of the cases it moved.
      expect(payload.affectedCases).toEqual([]);
      // The victim may know the direction, in months: final in the month after the 21 days.
      expect(await releaseDirectionOf(caseId)).toEqual({
        directedMonth: issuedOn.slice(0, 7),
        reconsiderationPending: false,
        finalFromMonth: addDays(issuedOn, 22).slice(0, 7),
      });
    });

    it("should release only on the feed's RELEASED_ON_LICENCE once the 21-day window has closed, moving the engaged case to RELEASED", async () => {
      const issuedOn = daysFromToday(-30);
      const { offenderId, caseId } = await decidedCase("RELEASE", issuedOn);
      const lastDay = addDays(issuedOn, 21);

      const early = await custody(offenderId, { type: "RELEASED_ON_LICENCE", occurredOn: lastDay });
      expect(early.userErrors.map((error) => error.code)).toEqual(["DECISION_NOT_FINAL"]);
      expect((await reviewsOf(offenderId)).custodyPhase).toBe("RELEASE_DIRECTED");

      const released = await custody(offenderId, { type: "RELEASED_ON_LICENCE", occurredOn: addDays(lastDay, 1) });
      expect(released.userErrors).toEqual([]);
      expect((await reviewsOf(offenderId)).custodyPhase).toBe("RELEASED");
      expect((await getCase(h, caseId))!.status).toBe("RELEASED");
      expect(await releaseDirectionOf(caseId)).toBeNull();
    });

    it("should hold the release while an application for reconsideration waits, and release once the Board refuses it", async () => {
      const issuedOn = daysFromToday(-40);
      const { offenderId, caseId } = await decidedCase("RELEASE", issuedOn);

      const applied = await custody(offenderId, { type: "RECONSIDERATION_APPLIED", occurredOn: addDays(issuedOn, 20) });
      expect(applied.userErrors).toEqual([]);
      expect(await releaseDirectionOf(caseId)).toEqual({
        directedMonth: issuedOn.slice(0, 7),
        reconsiderationPending: true,
        finalFromMonth: null,
      });
      const held = await custody(offenderId, { type: "RELEASED_ON_LICENCE", occurredOn: addDays(issuedOn, 30) });
      expect(held.userErrors.map((error) => error.code)).toEqual(["DECISION_NOT_FINAL"]);
      const second = await custody(offenderId, { type: "RECONSIDERATION_APPLIED", occurredOn: addDays(issuedOn, 21) });
      expect(second.userErrors.map((error) => error.code)).toEqual(["NOT_ELIGIBLE"]);

      const refused = await custody(offenderId, { type: "RECONSIDERATION_REFUSED", occurredOn: addDays(issuedOn, 35) });
      expect(refused.userErrors).toEqual([]);
      expect(await releaseDirectionOf(caseId)).toEqual({
        directedMonth: issuedOn.slice(0, 7),
        reconsiderationPending: false,
        finalFromMonth: null,
      });
      const released = await custody(offenderId, { type: "RELEASED_ON_LICENCE", occurredOn: addDays(issuedOn, 36) });
      expect(released.userErrors).toEqual([]);
      expect((await getCase(h, caseId))!.status).toBe("RELEASED");
    });

    it("should return to a parole review when the Board sets its decision aside: the decided review ends and a new one opens", async () => {
      const issuedOn = daysFromToday(-40);
      const { offenderId, caseId, review } = await decidedCase("RELEASE", issuedOn);
      await custody(offenderId, { type: "RECONSIDERATION_APPLIED", occurredOn: addDays(issuedOn, 10) });

      const setAside = await custody(offenderId, { type: "DECISION_SET_ASIDE", occurredOn: addDays(issuedOn, 30) });

      expect(setAside.userErrors).toEqual([]);
      const { custodyPhase, paroleReviews } = await reviewsOf(offenderId);
      expect(custodyPhase).toBe("PAROLE_REVIEW");
      const [first, second] = [...paroleReviews].sort((a, b) => (a.id === review.id ? -1 : b.id === review.id ? 1 : 0));
      expect(first).toMatchObject({ id: review.id, status: "ENDED", outcome: "RELEASE" });
      expect(second).toMatchObject({ status: "REFERRED", outcome: null, referredOn: addDays(issuedOn, 30) });
      expect((await getCase(h, caseId))!.status).toBe("PAROLE");
      expect(await releaseDirectionOf(caseId)).toBeNull();
      // The new review is decided like any other.
      const again = await decide(second.id, "NO_RELEASE", addDays(issuedOn, 35));
      expect(again.offender!.custodyPhase).toBe("IN_CUSTODY");
    });

    it("should refuse reconsideration steps the direction does not allow, changing nothing", async () => {
      const issuedOn = daysFromToday(-40);
      const { offenderId } = await decidedCase("RELEASE", issuedOn);
      const before = await reviewsOf(offenderId);
      const refusals = [
        [{ type: "RECONSIDERATION_APPLIED", occurredOn: addDays(issuedOn, 22) }, "DEADLINE_PASSED"],
        [{ type: "RECONSIDERATION_REFUSED", occurredOn: addDays(issuedOn, 5) }, "NOT_ELIGIBLE"],
        [{ type: "DECISION_SET_ASIDE", occurredOn: addDays(issuedOn, 5) }, "NOT_ELIGIBLE"],
        [{ type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: addDays(issuedOn, 5) }, "TRANSITION_NOT_ALLOWED"],
      ] as const;
      for (const [event, code] of refusals) {
        const refused = await custody(offenderId, event);
        expect({ event: event.type, codes: refused.userErrors.map((error) => error.code) }).toEqual({
          event: event.type,
          codes: [code],
        });
      }
      expect(await reviewsOf(offenderId)).toEqual(before);
      // In custody, with no direction, there is nothing to reconsider.
      const { offenderId: other } = await underReview();
      const early = await custody(other, { type: "RECONSIDERATION_APPLIED", occurredOn: today() });
      expect(early.userErrors.map((error) => error.code)).toEqual(["TRANSITION_NOT_ALLOWED"]);
    });

    it("should make a release direction on a sentence no reconsideration covers final at once", async () => {
      // A standard recall of an SDS is reviewed by the Board, but r.28 does not cover it.
      const offender = await createOffender(h, {}, { type: "SDS", sentenceDate: "2022-01-10", lengthMonths: 48 });
      const victimCase = await optedInCase(h, offender.id, true);
      for (const event of [
        { type: "RELEASED_ON_LICENCE", occurredOn: daysFromToday(-200) },
        { type: "RECALLED", recallType: "STANDARD", occurredOn: daysFromToday(-100) },
        { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: daysFromToday(-90) },
      ])
        expect((await custody(offender.id, event)).userErrors).toEqual([]);
      const [review] = (await reviewsOf(offender.id)).paroleReviews.filter((item) => item.status === "REFERRED");
      await decide(review.id, "RELEASE", daysFromToday(-2));

      expect(await releaseDirectionOf(victimCase.id)).toEqual({
        directedMonth: daysFromToday(-2).slice(0, 7),
        reconsiderationPending: false,
        finalFromMonth: null,
      });
      const released = await custody(offender.id, { type: "RE_RELEASED", occurredOn: daysFromToday(-1) });
      expect(released.userErrors).toEqual([]);
    });

    it.each([["NO_RELEASE"], ["OPEN_CONDITIONS_RECOMMENDED"]])(
      "should send the offender back to custody and the case back to ACTIVE on %s",
      async (outcome) => {
        const { offenderId, caseId, review } = await underReview();

        const payload = await decide(review.id, outcome, today());

        expect(payload.offender!.custodyPhase).toBe("IN_CUSTODY");
        expect(payload.paroleReview).toMatchObject({ status: "DECIDED", outcome, decisionIssuedOn: today() });
        expect((await getCase(h, caseId))!.status).toBe("ACTIVE");
        expect((await reviewsOf(offenderId)).custodyPhase).toBe("IN_CUSTODY");
      },
    );

    it("should refuse a second decision, a decision before the referral and one in the future, changing nothing", async () => {
      const { offenderId, caseId, review } = await underReview(EDS, daysFromToday(-10));
      const beforeReferral = await run<DecidePayload>(DECIDE, {
        paroleReviewId: review.id,
        outcome: "RELEASE",
        issuedOn: daysFromToday(-11),
      });
      const future = await h.run<{ recordParoleDecision: DecidePayload }>(DECIDE, {
        input: { paroleReviewId: review.id, outcome: "RELEASE", issuedOn: daysFromToday(2) },
      });
      await decide(review.id, "NO_RELEASE", daysFromToday(-1));
      const offenderBefore = await reviewsOf(offenderId);
      const caseBefore = await footprint(caseId);

      const again = await run<DecidePayload>(DECIDE, {
        paroleReviewId: review.id,
        outcome: "RELEASE",
        issuedOn: today(),
      });

      expect(beforeReferral.userErrors).toEqual([
        { code: "INVALID_INPUT", message: expect.any(String), field: ["input", "issuedOn"] },
      ]);
      expect(future.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(again.userErrors.map((error: { code: string }) => error.code)).toEqual(["TRANSITION_NOT_ALLOWED"]);
      expect(again.paroleReview).toBeNull();
      expect(await reviewsOf(offenderId)).toEqual(offenderBefore);
      expect(await footprint(caseId)).toEqual(caseBefore);
    });

    it("should open a new review on a later referral and list it first", async () => {
      const { offenderId, review } = await underReview(EDS, daysFromToday(-40));
      await decide(review.id, "NO_RELEASE", daysFromToday(-30));

      await custody(offenderId, { type: "REFERRED_TO_PAROLE_BOARD", occurredOn: daysFromToday(-5) });

      const { paroleReviews } = await reviewsOf(offenderId);
      expect(paroleReviews.map((row) => [row.status, row.referredOn])).toEqual([
        ["REFERRED", daysFromToday(-5)],
        ["DECIDED", daysFromToday(-40)],
      ]);
    });

    it("should accept reconsideration within 21 days and a decision summary, recording each on the case", async () => {
      const { caseId, review } = await decidedCase("RELEASE", daysFromToday(-3));
      const before = (await getCase(h, caseId))!;

      const reconsideration = await run<RequestPayload>(RECONSIDER, { caseId, paroleReviewId: review.id });
      const summary = await run<RequestPayload>(SUMMARY, { caseId, paroleReviewId: review.id });

      expect(reconsideration.userErrors).toEqual([]);
      expect(reconsideration.paroleRequest).toEqual({
        kind: "RECONSIDERATION",
        requestedOn: today(),
        paroleReview: { id: review.id },
      });
      expect(reconsideration.transition).toMatchObject({
        event: "RECONSIDERATION_REQUESTED",
        fromStatus: "PAROLE",
        toStatus: "PAROLE",
      });
      expect(summary.userErrors).toEqual([]);
      expect(summary.paroleRequest!.kind).toBe("DECISION_SUMMARY");
      expect(summary.transition!.event).toBe("DECISION_SUMMARY_REQUESTED");
      expect(summary.victimCase!.version).toBe(before.version + 2);
      expect((await caseParole(caseId)).paroleRequests).toEqual([
        { kind: "RECONSIDERATION", requestedOn: today(), paroleReview: { id: review.id } },
        { kind: "DECISION_SUMMARY", requestedOn: today(), paroleReview: { id: review.id } },
      ]);
      await expectRefused(caseId, SUMMARY, { caseId, paroleReviewId: review.id }, "ALREADY_RECORDED");
    });

    it("should end the review when the offender dies during it, and close the engaged case", async () => {
      const { offenderId, caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));

      const died = await custody(offenderId, { type: "DIED", occurredOn: today() });

      expect(died.userErrors).toEqual([]);
      const { custodyPhase, paroleReviews } = await reviewsOf(offenderId);
      expect(custodyPhase).toBe("DECEASED");
      expect(paroleReviews[0]).toMatchObject({
        id: review.id,
        status: "ENDED",
        version: 3,
        outcome: null,
        decisionIssuedOn: null,
      });
      expect(await caseParole(caseId)).toMatchObject({ status: "CLOSED", closeReason: "OFFENDER_DIED" });
      const reschedule = await run<SchedulePayload>(SCHEDULE, {
        paroleReviewId: review.id,
        targetHearingDate: daysFromToday(150),
        hearingType: "ORAL",
      });
      const decision = await run<DecidePayload>(DECIDE, {
        paroleReviewId: review.id,
        outcome: "RELEASE",
        issuedOn: today(),
      });
      expect(reschedule.userErrors.map((error: { code: string }) => error.code)).toEqual(["TRANSITION_NOT_ALLOWED"]);
      expect(decision.userErrors.map((error: { code: string }) => error.code)).toEqual(["TRANSITION_NOT_ALLOWED"]);
      expect((await reviewsOf(offenderId)).paroleReviews[0].status).toBe("ENDED");
    });
  });

  describe("versions, ids, scope and retries", () => {
    it("should refuse a stale expectedVersion with STALE_VERSION for case steps, scheduling and the decision", async () => {
      const { offenderId, caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const current = (await getCase(h, caseId))!;

      await expectRefused(
        caseId,
        INVITE,
        { caseId, paroleReviewId: review.id, expectedVersion: current.version - 1 },
        "STALE_VERSION",
      );
      const staleSchedule = await run<SchedulePayload>(SCHEDULE, {
        paroleReviewId: review.id,
        targetHearingDate: daysFromToday(130),
        hearingType: "ORAL",
        expectedVersion: 1,
      });
      const staleDecision = await run<DecidePayload>(DECIDE, {
        paroleReviewId: review.id,
        outcome: "RELEASE",
        issuedOn: today(),
        expectedVersion: 1,
      });

      expect(staleSchedule.userErrors).toEqual([
        { code: "STALE_VERSION", message: expect.any(String), field: ["input", "expectedVersion"] },
      ]);
      expect(staleDecision.userErrors).toEqual([
        { code: "STALE_VERSION", message: expect.any(String), field: ["input", "expectedVersion"] },
      ]);
      const after = await reviewsOf(offenderId);
      expect(after.custodyPhase).toBe("PAROLE_REVIEW");
      expect(after.paroleReviews[0]).toMatchObject({
        status: "HEARING_SCHEDULED",
        version: 2,
        targetHearingDate: daysFromToday(120),
      });
      expect(
        (await run<StatementPayload>(INVITE, { caseId, paroleReviewId: review.id, expectedVersion: current.version }))
          .userErrors,
      ).toEqual([]);
    });

    it.each([
      ["unknown", UNKNOWN_REVIEW_ID],
      ["malformed", "not-a-review-id"],
      ["of another type", globalId("Offender", "00000000-0000-0000-0000-000000000001")],
    ])("should answer NOT_FOUND for an %s review id", async (_label, paroleReviewId) => {
      const { caseId } = await underReview();

      const error = await expectRefused(caseId, INVITE, { caseId, paroleReviewId }, "NOT_FOUND");
      const scheduled = await run<SchedulePayload>(SCHEDULE, {
        paroleReviewId,
        targetHearingDate: daysFromToday(120),
        hearingType: "ORAL",
      });
      const decided = await run<DecidePayload>(DECIDE, { paroleReviewId, outcome: "RELEASE", issuedOn: today() });

      expect(error.field).toEqual(["input", "paroleReviewId"]);
      expect(scheduled.userErrors.map((userError: { code: string }) => userError.code)).toEqual(["NOT_FOUND"]);
      expect(decided.userErrors.map((userError: { code: string }) => userError.code)).toEqual(["NOT_FOUND"]);
    });

    it("should answer NOT_FOUND for a review of another offender", async () => {
      const mine = await underReview();
      const theirs = await underReview();
      await schedule(theirs.review.id, daysFromToday(120));

      const error = await expectRefused(
        mine.caseId,
        SUBMIT,
        { caseId: mine.caseId, paroleReviewId: theirs.review.id, format: "READ_BY_PANEL", text: STATEMENT_WORDS },
        "NOT_FOUND",
      );

      expect(error.field).toEqual(["input", "paroleReviewId"]);
    });

    it("should answer NOT_FOUND to a VLO of another region and FORBIDDEN to an analyst, writing nothing", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));

      const error = await expectRefused(caseId, INVITE, { caseId, paroleReviewId: review.id }, "NOT_FOUND", LONDON_VLO);
      const before = await footprint(caseId);
      const analyst = await h.run(OBSERVE, { input: { caseId, paroleReviewId: review.id } }, ANALYST);

      expect(error.field).toEqual(["input", "caseId"]);
      expect(analyst.errors![0].extensions?.code).toBe("FORBIDDEN");
      expect(analyst.data).toBeNull();
      expect(await footprint(caseId)).toEqual(before);
    });

    it("should replay a statement sent twice with the same idempotency key without writing it twice", async () => {
      const { caseId, review } = await underReview();
      await schedule(review.id, daysFromToday(120));
      const input = {
        caseId,
        paroleReviewId: review.id,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
        idempotencyKey: "statement-once",
      };

      const first = await run<StatementPayload>(SUBMIT, input);
      const afterFirst = await footprint(caseId);
      const replay = await run<StatementPayload>(SUBMIT, input);

      expect(first.userErrors).toEqual([]);
      expect(replay).toEqual(first);
      expect(await footprint(caseId)).toEqual(afterFirst);
      const reused = await run<StatementPayload>(SUBMIT, { ...input, text: "Something else entirely." });
      expect(reused.userErrors.map((error: { code: string }) => error.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    });

    it("should replay a decision sent twice with the same idempotency key without a second custody event", async () => {
      const { offenderId, caseId, review } = await underReview();
      const input = {
        paroleReviewId: review.id,
        outcome: "RELEASE",
        issuedOn: today(),
        idempotencyKey: "decision-once",
      };

      const first = await run<DecidePayload>(DECIDE, input);
      const afterFirst = { offender: await reviewsOf(offenderId), victimCase: await footprint(caseId) };
      const replay = await run<DecidePayload>(DECIDE, input);

      expect(first.userErrors).toEqual([]);
      expect(replay).toEqual(first);
      expect({ offender: await reviewsOf(offenderId), victimCase: await footprint(caseId) }).toEqual(afterFirst);
    });

    it("should replay a scheduling sent twice with the same idempotency key without a second case entry", async () => {
      const { caseId, review } = await underReview();
      const input = {
        paroleReviewId: review.id,
        targetHearingDate: daysFromToday(120),
        hearingType: "ORAL",
        idempotencyKey: "schedule-once",
      };

      const first = await run<SchedulePayload>(SCHEDULE, input);
      const afterFirst = await footprint(caseId);
      const replay = await run<SchedulePayload>(SCHEDULE, input);

      expect(replay).toEqual(first);
      expect(replay.paroleReview!.version).toBe(2);
      expect(await footprint(caseId)).toEqual(afterFirst);
    });
  });
});
