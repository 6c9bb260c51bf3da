import type { DataSource } from "typeorm";
import { Role } from "../../src/domain/security/role.enum";
import {
  createOffender,
  mutate,
  RECORD_CUSTODY_EVENT,
  referCase,
  successfulStep,
  type CustodyPayload,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";
import { loadDemoData } from "../../src/services/platform/demo-data";

// When it happened, not only when it was typed: a custody event's day and details on the
// offender's history, each case history row's effective day, and the case's timeline of every kind
// of entry, newest first.

const DAY_MS = 86_400_000;
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const today = () => LONDON_DAY.format(new Date());
const daysFromToday = (days: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const EDS = {
  type: "EDS",
  sentenceDate: "2021-09-03",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "SEXUAL",
};
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };
const ANALYST = asUser("timeline.analyst", [Role.ANALYST], null);
const REFERRAL_NOTE = "Referred after a review on the healthcare wing";
const DECISION_NOTE = "Panel noted the offender's progress on the ward";

const ERRORS = `userErrors { code message field }`;
const SCHEDULE = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { ${ERRORS} } }`;
const INVITE = `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { ${ERRORS} } }`;
const REQUEST_CONDITION = `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } ${ERRORS} } }`;
const FORWARD_CONDITION = `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { ${ERRORS} } }`;
const REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id status } } }`;

const CUSTODY_EVENTS = `query ($id: ID!, $first: Int, $after: String) {
  offender(id: $id) {
    custodyEvents(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { id sequence type fromPhase toPhase occurredOn recordedAt actor paroleOutcome temporaryReleaseType details } }
    }
  }
}`;
const OFFENDERS_WITH_EVENTS = `query ($first: Int!) {
  offenders(first: $first) { nodes { id custodyEvents(first: 2) { totalCount nodes { type occurredOn } } } }
}`;
const HISTORY = `query ($id: ID!) { victimCase(id: $id) { history(first: 100) { nodes { event reason effectiveOn occurredAt } } } }`;
const TIMELINE = `query ($id: ID!, $first: Int, $after: String) {
  victimCase(id: $id) {
    timeline(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges {
        cursor effectiveOn recordedAt
        node {
          __typename
          ... on CaseTransition { id event reason effectiveOn occurredAt }
          ... on Notification { id kind }
          ... on CustodyEvent { id type occurredOn details }
          ... on ParoleReviewStep { paroleStep transition { id event effectiveOn } paroleReview { id status } }
          ... on LicenceConditionStep { conditionStep transition { id event } request { id status } }
        }
      }
    }
  }
}`;
const NODE = `query ($id: ID!) { node(id: $id) { __typename ... on CustodyEvent { type occurredOn } } }`;

interface CustodyEventView {
  id: string;
  sequence: number;
  type: string;
  fromPhase: string;
  toPhase: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  paroleOutcome: string | null;
  temporaryReleaseType: string | null;
  details: string | null;
}
interface Paged<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: T[];
}
interface TimelineEdge {
  cursor: string;
  effectiveOn: string;
  recordedAt: string;
  node: {
    __typename: string;
    id?: string;
    event?: string;
    reason?: string | null;
    kind?: string;
    type?: string;
    occurredOn?: string;
    details?: string | null;
    paroleStep?: string;
    conditionStep?: string;
    transition?: { id: string; event: string; effectiveOn?: string };
    paroleReview?: { id: string; status: string } | null;
    request?: { id: string; status: string } | null;
  };
}
interface HistoryRow {
  event: string;
  reason: string | null;
  effectiveOn: string;
  occurredAt: string;
}

describe.each(ENGINES)("timeline and custody history (%s)", (engine) => {
  let h: Harness;
  // An EDS case taken through referral (backdated), engagement, a parole referral reported ten days
  // late, the hearing, a statement invitation, a licence condition, and the Board's decision today.
  let offenderId: string;
  let caseId: string;
  let reviewId: string;
  // An SDS offender whose key stages were recorded out of the order they happened.
  let sdsOffenderId: string;

  async function custody(offender: string, input: Record<string, unknown>): Promise<CustodyPayload> {
    const payload = await mutate<CustodyPayload>(h, RECORD_CUSTODY_EVENT, { offenderId: offender, ...input });
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  async function timelinePage(first: number, after?: string | null, as?: Parameters<Harness["run"]>[2]) {
    const result = await h.run<{ victimCase: { timeline: Paged<TimelineEdge> } }>(
      TIMELINE,
      { id: caseId, first, after },
      as,
    );
    return result;
  }

  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h, {}, EDS)).id;
    const referred = await referCase(h, offenderId, { referredOn: daysFromToday(-40) });
    caseId = referred.id;
    // The rest of the engagement is recorded today.
    await optedInCaseFrom(caseId);
    await custody(offenderId, {
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: daysFromToday(-10),
      details: REFERRAL_NOTE,
    });
    const reviews = await h.run<{ offender: { paroleReviews: { id: string; status: string }[] } }>(REVIEWS, {
      id: offenderId,
    });
    reviewId = reviews.data!.offender.paroleReviews[0].id;
    await successfulStep(h, SCHEDULE, {
      paroleReviewId: reviewId,
      targetHearingDate: daysFromToday(150),
      hearingType: "ORAL",
    });
    const requested = await successfulStep<{ licenceConditionRequest: { id: string } } & { userErrors: [] }>(
      h,
      REQUEST_CONDITION,
      {
        caseId,
        kind: "EXCLUSION_ZONE",
        description: "The streets north of the Ring Road in Gateshead town centre (NE8)",
        decisionPoint: "PAROLE_REVIEW",
        paroleReviewId: reviewId,
      },
    );
    await successfulStep(h, FORWARD_CONDITION, { requestId: requested.licenceConditionRequest.id });
    await successfulStep(h, INVITE, { caseId, paroleReviewId: reviewId });
    await custody(offenderId, {
      type: "PAROLE_DECISION",
      outcome: "NO_RELEASE",
      occurredOn: today(),
      details: DECISION_NOTE,
    });

    sdsOffenderId = (await createOffender(h, {}, SDS)).id;
    await custody(sdsOffenderId, { type: "CONSIDERED_FOR_OPEN_CONDITIONS", occurredOn: daysFromToday(-3) });
    await custody(sdsOffenderId, { type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: daysFromToday(-1) });
    // Reported last, but it happened first.
    await custody(sdsOffenderId, { type: "CONSIDERED_FOR_TEMPORARY_RELEASE", occurredOn: daysFromToday(-30) });
  });
  afterAll(() => h.close());

  // The referral was made by the test above; the invitation, opt-in and plan follow today.
  async function optedInCaseFrom(id: string): Promise<void> {
    await successfulStep(h, `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { ${ERRORS} } }`, {
      caseId: id,
      channel: "LETTER",
    });
    await successfulStep(h, `mutation ($input: RecordOptInInput!) { recordOptIn(input: $input) { ${ERRORS} } }`, {
      caseId: id,
    });
    await successfulStep(
      h,
      `mutation ($input: AgreeContactPlanInput!) { agreeContactPlan(input: $input) { ${ERRORS} } }`,
      { caseId: id, informationLevel: "KEY_STAGES", channels: ["LETTER", "EMAIL"] },
    );
  }

  describe("Offender.custodyEvents", () => {
    it("should list the offender's custody history newest first by the day each event happened, not the order it was recorded", async () => {
      const result = await h.run<{ offender: { custodyEvents: Paged<{ node: CustodyEventView }> } }>(CUSTODY_EVENTS, {
        id: sdsOffenderId,
        first: 10,
      });

      expect(result.errors).toBeUndefined();
      const events = result.data!.offender.custodyEvents;
      expect(events.totalCount).toBe(3);
      expect(events.edges.map(({ node }) => [node.type, node.occurredOn, node.sequence])).toEqual([
        ["MOVED_TO_OPEN_CONDITIONS", daysFromToday(-1), 2],
        ["CONSIDERED_FOR_OPEN_CONDITIONS", daysFromToday(-3), 1],
        ["CONSIDERED_FOR_TEMPORARY_RELEASE", daysFromToday(-30), 3],
      ]);
      // Recorded today, whatever day it happened.
      for (const { node } of events.edges) expect(LONDON_DAY.format(new Date(node.recordedAt))).toBe(today());
    });

    it("should page the custody history with cursors, without gaps or repeats", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const result = await h.run<{ offender: { custodyEvents: Paged<{ node: CustodyEventView }> } }>(CUSTODY_EVENTS, {
          id: sdsOffenderId,
          first: 1,
          after,
        });
        expect(result.errors).toBeUndefined();
        const events: Paged<{ node: CustodyEventView }> = result.data!.offender.custodyEvents;
        expect(events.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...events.edges.map(({ node }) => node.type));
        if (!events.pageInfo.hasNextPage) break;
        after = events.pageInfo.endCursor;
      }
      expect(seen).toEqual([
        "MOVED_TO_OPEN_CONDITIONS",
        "CONSIDERED_FOR_OPEN_CONDITIONS",
        "CONSIDERED_FOR_TEMPORARY_RELEASE",
      ]);
    });

    it("should show staff the details given with an event, and its parameters, and log the read", async () => {
      const result = await h.run<{ offender: { custodyEvents: Paged<{ node: CustodyEventView }> } }>(CUSTODY_EVENTS, {
        id: offenderId,
        first: 10,
      });

      expect(result.errors).toBeUndefined();
      const events = result.data!.offender.custodyEvents.edges.map(({ node }) => node);
      expect(events.map((event) => [event.type, event.occurredOn, event.paroleOutcome, event.details])).toEqual([
        ["PAROLE_DECISION", today(), "NO_RELEASE", DECISION_NOTE],
        ["REFERRED_TO_PAROLE_BOARD", daysFromToday(-10), null, REFERRAL_NOTE],
      ]);
      expect(events[1]).toMatchObject({
        fromPhase: "IN_CUSTODY",
        toPhase: "PAROLE_REVIEW",
        actor: "system:custody-feed",
      });
      const logged = (await h.dataSource.query(
        `SELECT "case_id", "fields" FROM "access_log" WHERE "actor" = 'test.officer' AND "fields" @> '["custodyEvent.details"]'::jsonb`,
      )) as { case_id: string | null; fields: string[] }[];
      expect(logged.length).toBeGreaterThanOrEqual(2);
      expect(logged.every((row) => row.case_id === null)).toBe(true);
    });

    it("should withhold an event's details from analysts, with FORBIDDEN on each, but show them the rest", async () => {
      const result = await h.run<{ offender: { custodyEvents: Paged<{ node: CustodyEventView }> } }>(
        CUSTODY_EVENTS,
        { id: offenderId, first: 10 },
        ANALYST,
      );

      const events = result.data!.offender.custodyEvents.edges.map(({ node }) => node);
      expect(events.map((event) => [event.type, event.occurredOn, event.details])).toEqual([
        ["PAROLE_DECISION", today(), null],
        ["REFERRED_TO_PAROLE_BOARD", daysFromToday(-10), null],
      ]);
      expect(result.errors?.map((error) => [error.extensions?.code, error.path?.at(-1)])).toEqual([
        ["FORBIDDEN", "details"],
        ["FORBIDDEN", "details"],
      ]);
      expect(JSON.stringify(result)).not.toContain(DECISION_NOTE);
    });

    it("should refetch a custody event by its global id", async () => {
      const listed = await h.run<{ offender: { custodyEvents: Paged<{ node: CustodyEventView }> } }>(CUSTODY_EVENTS, {
        id: sdsOffenderId,
        first: 1,
      });
      const event = listed.data!.offender.custodyEvents.edges[0].node;
      const result = await h.run<{ node: { __typename: string; type: string; occurredOn: string } }>(NODE, {
        id: event.id,
      });
      expect(result.data!.node).toEqual({
        __typename: "CustodyEvent",
        type: "MOVED_TO_OPEN_CONDITIONS",
        occurredOn: daysFromToday(-1),
      });
    });

    it("should read every offender's custody history in the same number of statements, however many offenders", async () => {
      const statementsFor = async (first: number) => {
        h.statements.reset();
        const result = await h.run<{ offenders: { nodes: unknown[] } }>(OFFENDERS_WITH_EVENTS, { first });
        expect(result.errors).toBeUndefined();
        expect(result.data!.offenders.nodes).toHaveLength(first);
        return h.statements.count;
      };
      expect(await statementsFor(2)).toBe(await statementsFor(1));
    });
  });

  describe("CaseTransition.effectiveOn", () => {
    it("should keep the day each history row took effect beside when it was recorded", async () => {
      const result = await h.run<{ victimCase: { history: { nodes: HistoryRow[] } } }>(HISTORY, { id: caseId });

      expect(result.errors).toBeUndefined();
      const rows = result.data!.victimCase.history.nodes;
      const referral = rows.find((row) => row.event === "REFERRED")!;
      const referredToBoard = rows.find((row) => row.reason === "REFERRED_TO_PAROLE_BOARD")!;
      const invitation = rows.find((row) => row.event === "SEND_INVITATION")!;
      // A backdated referral, and a custody event reported ten days late: recorded today, effective before.
      expect(referral.effectiveOn).toBe(daysFromToday(-40));
      expect(referredToBoard).toMatchObject({ event: "CUSTODY_CHANGED", effectiveOn: daysFromToday(-10) });
      for (const row of [referral, referredToBoard]) {
        expect(LONDON_DAY.format(new Date(row.occurredAt))).toBe(today());
        expect(row.effectiveOn < LONDON_DAY.format(new Date(row.occurredAt))).toBe(true);
      }
      // A step recorded as it happens took effect the day it was recorded.
      expect(invitation.effectiveOn).toBe(LONDON_DAY.format(new Date(invitation.occurredAt)));
    });
  });

  describe("VictimCase.timeline", () => {
    it("should list transitions, notifications, custody events, parole steps and licence-condition steps, newest first", async () => {
      const result = await timelinePage(100);

      expect(result.errors).toBeUndefined();
      const timeline = result.data!.victimCase.timeline;
      const edges = timeline.edges;
      expect(timeline.totalCount).toBe(edges.length);
      expect(timeline.pageInfo.hasNextPage).toBe(false);
      expect(new Set(edges.map((edge) => edge.node.__typename))).toEqual(
        new Set(["CaseTransition", "Notification", "CustodyEvent", "ParoleReviewStep", "LicenceConditionStep"]),
      );
      // Newest first: by the day it took effect, then when it was recorded.
      for (let index = 1; index < edges.length; index++) {
        const [newer, older] = [edges[index - 1], edges[index]];
        expect(
          newer.effectiveOn > older.effectiveOn ||
            (newer.effectiveOn === older.effectiveOn && newer.recordedAt >= older.recordedAt),
        ).toBe(true);
      }

      const label = (edge: TimelineEdge) => {
        const { node } = edge;
        switch (node.__typename) {
          case "CaseTransition":
            return `${node.event}${node.reason ? `:${node.reason}` : ""}`;
          case "Notification":
            return `notification:${node.kind}`;
          case "CustodyEvent":
            return `custody:${node.type}`;
          default:
            return `${node.__typename}:${node.paroleStep ?? node.conditionStep}`;
        }
      };
      const order = edges.map(label);
      // Today's decision: the letter it owes, the case's change, then the custody event behind both.
      expect(order.slice(0, 3)).toEqual([
        "notification:PAROLE_DECISION",
        "CUSTODY_CHANGED:PAROLE_DECISION",
        "custody:PAROLE_DECISION",
      ]);
      expect(order.slice(3, 6)).toEqual([
        "ParoleReviewStep:PERSONAL_STATEMENT_INVITED",
        "LicenceConditionStep:FORWARDED",
        "LicenceConditionStep:REQUESTED",
      ]);
      // The referral to the Board was recorded after the plan but took effect ten days ago: it sits
      // below everything that took effect today, and above the referral of forty days ago.
      const boardReferral = order.indexOf("custody:REFERRED_TO_PAROLE_BOARD");
      expect(order.indexOf("AGREE_CONTACT_PLAN")).toBeLessThan(
        order.indexOf("CUSTODY_CHANGED:REFERRED_TO_PAROLE_BOARD"),
      );
      expect(edges[boardReferral].effectiveOn).toBe(daysFromToday(-10));
      expect(order.at(-1)).toBe("REFERRED:STATUTORY");
      expect(edges.at(-1)!.effectiveOn).toBe(daysFromToday(-40));
      // The notification the referral owed takes the referral's day.
      const referralLetter = edges.find(
        (edge) => edge.node.__typename === "Notification" && edge.effectiveOn === daysFromToday(-10),
      );
      expect(referralLetter).toBeDefined();

      const hearing = edges.find((edge) => edge.node.paroleStep === "HEARING_SCHEDULED")!;
      expect(hearing.node.paroleReview).toEqual({ id: reviewId, status: "DECIDED" });
      expect(hearing.node.transition!.event).toBe("PAROLE_HEARING_SCHEDULED");
      const conditionRequested = edges.find((edge) => edge.node.conditionStep === "REQUESTED")!;
      expect(conditionRequested.node.request!.status).toBe("FORWARDED");
      // Each step once: its history row is not listed again as a plain transition.
      expect(order.filter((entry) => entry.startsWith("PAROLE_HEARING_SCHEDULED"))).toEqual([]);
      const staffDetails = edges.filter((edge) => edge.node.__typename === "CustodyEvent").map((e) => e.node.details);
      expect(staffDetails).toEqual([DECISION_NOTE, REFERRAL_NOTE]);
      const logged = (await h.dataSource.query(
        `SELECT count(*)::int AS "n" FROM "access_log" WHERE "case_id" = $1 AND "fields" @> '["custodyEvent.details"]'::jsonb`,
        [Buffer.from(caseId, "base64url").toString("utf8").split(":")[1]],
      )) as { n: number }[];
      expect(logged[0].n).toBeGreaterThanOrEqual(2);
    });

    it("should page the timeline with cursors, without gaps or repeats", async () => {
      const whole = (await timelinePage(100)).data!.victimCase.timeline.edges.map((edge) => edge.cursor);
      const walked: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const result = await timelinePage(4, after);
        expect(result.errors).toBeUndefined();
        const timeline: Paged<TimelineEdge> = result.data!.victimCase.timeline;
        expect(timeline.pageInfo.hasPreviousPage).toBe(after !== null);
        walked.push(...timeline.edges.map((edge) => edge.cursor));
        if (!timeline.pageInfo.hasNextPage) break;
        after = timeline.pageInfo.endCursor;
      }
      expect(walked).toEqual(whole);
      expect(new Set(walked).size).toBe(walked.length);
    });

    it("should show analysts the timeline without custody events' details", async () => {
      const result = await timelinePage(100, null, ANALYST);

      const edges = result.data!.victimCase.timeline.edges;
      const custodyEvents = edges.filter((edge) => edge.node.__typename === "CustodyEvent");
      expect(custodyEvents.map((edge) => [edge.node.type, edge.node.details])).toEqual([
        ["PAROLE_DECISION", null],
        ["REFERRED_TO_PAROLE_BOARD", null],
      ]);
      expect(new Set(result.errors?.map((error) => error.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
      expect(result.errors?.every((error) => error.path?.at(-1) === "details")).toBe(true);
      expect(JSON.stringify(result)).not.toContain(REFERRAL_NOTE);
    });

    it("should cost the same number of statements for a page of 5 as for a page of 50", async () => {
      const statementsFor = async (first: number) => {
        h.statements.reset();
        const result = await timelinePage(first);
        expect(result.errors).toBeUndefined();
        const edges = result.data!.victimCase.timeline.edges;
        // Every kind is on the first five, so both pages load the same relations.
        expect(new Set(edges.map((edge) => edge.node.__typename)).size).toBe(5);
        return { count: h.statements.count, items: edges.length };
      };
      const small = await statementsFor(5);
      const large = await statementsFor(50);

      expect(small.items).toBe(5);
      expect(large.items).toBeGreaterThanOrEqual(15);
      expect(large.count).toBe(small.count);
      // The officer, the case, the counts, the page of keys, history rows, notifications, custody
      // events, the parole review, the licence-condition request, and one access-log insert.
      expect(large.count).toBeLessThanOrEqual(10);
    });

    it("should refuse a cursor that is not from the timeline with BAD_USER_INPUT", async () => {
      const custodyCursor = (
        await h.run<{ offender: { custodyEvents: Paged<{ cursor: string }> } }>(CUSTODY_EVENTS, {
          id: offenderId,
          first: 1,
        })
      ).data!.offender.custodyEvents.edges[0].cursor;
      const forged = Buffer.from("TimelineEntry|2026-02-30|1|2|00000000-0000-0000-0000-000000000000").toString(
        "base64url",
      );
      for (const after of ["not-a-cursor", custodyCursor, forged]) {
        const result = await timelinePage(5, after);
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      }
      const offenderResult = await h.run(CUSTODY_EVENTS, { id: offenderId, first: 1, after: "bad" });
      expect(offenderResult.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    });
  });
});

describe.each(ENGINES)("effective days of history written before they were kept (%s)", (engine) => {
  let h: Harness;
  // Migrations are run, and undone, by the tables' owner (issue 13 §1).
  let owner: DataSource;
  beforeAll(async () => {
    h = await startHarness(engine);
    owner = await h.owner();
  });
  afterAll(() => h.close());

  it("should give older history rows the day they took effect when the migration runs", async () => {
    const offender = await createOffender(h, {}, SDS);
    const referred = await referCase(h, offender.id, { referredOn: daysFromToday(-40) });
    const reported = await mutate<CustodyPayload>(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "CONSIDERED_FOR_OPEN_CONDITIONS",
      occurredOn: daysFromToday(-10),
    });
    expect(reported.userErrors).toEqual([]);
    await successfulStep(h, `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { ${ERRORS} } }`, {
      caseId: referred.id,
      channel: "LETTER",
    });
    // Back to before the column existed (and every migration after it), then forward again.
    const applied = async () =>
      ((await owner.query(`SELECT "name" FROM "migrations"`)) as { name: string }[]).map((row) => row.name);
    while ((await applied()).includes("CaseTransitionEffectiveOn1766200000000")) await owner.undoLastMigration();
    await owner.runMigrations();

    const rows = (await owner.query(
      `SELECT "event", "effective_on"::text AS "effective_on" FROM "case_transition" WHERE "case_id" = $1 ORDER BY "sequence"`,
      [Buffer.from(referred.id, "base64url").toString("utf8").split(":")[1]],
    )) as { event: string; effective_on: string }[];
    expect(rows).toEqual([
      { event: "REFERRED", effective_on: daysFromToday(-40) },
      { event: "CUSTODY_CHANGED", effective_on: daysFromToday(-10) },
      { event: "SEND_INVITATION", effective_on: today() },
    ]);
  });
});

describe.each(ENGINES)("timeline of steps recorded in one transaction (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    // The demo data takes each case's steps after its referral on one day, in one transaction: the same
    // day and recorded time.
    await loadDemoData(h.dataSource);
  });
  afterAll(() => h.close());

  it("should list a case's history rows of one moment newest first, in the order they were written", async () => {
    const found = await h.run<{ victimCases: { nodes: { id: string }[] } }>(
      `{ victimCases(first: 1, filter: { prisonNumber: "A1001AA", victimName: "Erin Example" }) { nodes { id } } }`,
      {},
      asUser("alice.vlo", [Role.VLO]),
    );
    const id = found.data!.victimCases.nodes[0].id;
    const timeline = await h.run<{
      victimCase: { timeline: { nodes: { __typename: string; sequence?: number; event?: string }[] } };
    }>(
      `query ($id: ID!) { victimCase(id: $id) { timeline(first: 50) { nodes { __typename ... on CaseTransition { sequence event } } } } }`,
      { id },
      asUser("alice.vlo", [Role.VLO]),
    );
    const events = timeline.data!.victimCase.timeline.nodes.filter((node) => node.__typename === "CaseTransition");
    expect(events.map((node) => node.event)).toEqual([
      "AGREE_CONTACT_PLAN",
      "RECORD_OPT_IN",
      "SEND_INVITATION",
      "REFERRED",
    ]);
    expect(events.map((node) => node.sequence)).toEqual([4, 3, 2, 1]);
  });
});
