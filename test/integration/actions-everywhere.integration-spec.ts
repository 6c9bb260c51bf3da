import { Role } from "../../src/domain/security/role.enum";
import {
  CLOSE_CASE,
  contactInput,
  createOffender,
  mutate,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  referCase,
  type Payload,
  type UserError,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// Actions everywhere (issue 12 §7): contacts, licence-condition requests and the victim's parole
// steps list availableActions and blockedActions like cases do. Every action listed as available
// succeeds; every blocked one is refused with exactly the reasons listed (FORBIDDEN as the
// mutation's top-level error, the others as its userErrors, the first one first).

const DAY_MS = 86_400_000;
const daysFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

// An SDS, whose licence ends on 14 January 2027; an EDS goes to the Board, and may be reconsidered.
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };
const EDS = {
  type: "EDS",
  sentenceDate: "2021-09-03",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "SEXUAL",
};
const AREA = "The streets north of the Ring Road in Gateshead town centre (NE8)";

const ACTIONS = `availableActions blockedActions { action reasons { code message field } }`;
const CONTACTS = `query ($id: ID!) { victimCase(id: $id) { id status contacts { id role ${ACTIONS} } } }`;
const REQUESTS = `query ($id: ID!) { victimCase(id: $id) { id status licenceConditionRequests { id status ${ACTIONS} } } }`;
const REVIEWS = `query ($id: ID!) { victimCase(id: $id) { id status paroleReviews { paroleReview { id status } ${ACTIONS} } } }`;

const ERRORS = `userErrors { code message field }`;
const mutation = (name: string, input: string) =>
  `mutation ($input: ${input}!) { ${name}(input: $input) { ${ERRORS} } }`;
const ADD_CONTACT = mutation("addCaseContact", "AddCaseContactInput");
const REQUEST_CONDITION = `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } ${ERRORS} } }`;
const SCHEDULE = mutation("scheduleParoleHearing", "ScheduleParoleHearingInput");
const DECIDE = mutation("recordParoleDecision", "RecordParoleDecisionInput");
const OFFENDER_REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id } } }`;

// Each action's mutation, and the input that asks for it.
const CONTACT_MUTATIONS: Record<string, (ids: { caseId: string; contactId: string }) => [string, object]> = {
  UPDATE: ({ contactId }) => [
    mutation("updateCaseContact", "UpdateCaseContactInput"),
    { contactId, set: { phone: "07700 900321" } },
  ],
  REMOVE: ({ contactId }) => [mutation("removeCaseContact", "RemoveCaseContactInput"), { contactId }],
  ERASE_CASE_DATA: ({ caseId }) => [
    mutation("eraseCaseContactData", "EraseCaseContactDataInput"),
    { caseId, requestReference: "ER-2026-0042" },
  ],
};
const REQUEST_MUTATIONS: Record<string, (requestId: string) => [string, object]> = {
  FORWARD: (requestId) => [
    mutation("forwardLicenceConditionRequest", "ForwardLicenceConditionRequestInput"),
    { requestId },
  ],
  RECORD_DECISION: (requestId) => [
    mutation("recordLicenceConditionDecision", "RecordLicenceConditionDecisionInput"),
    { requestId, adopted: true, endsOn: "2027-01-14" },
  ],
  WITHDRAW: (requestId) => [
    mutation("withdrawLicenceConditionRequest", "WithdrawLicenceConditionRequestInput"),
    { requestId },
  ],
};
const PAROLE_MUTATIONS: Record<string, [string, object]> = {
  INVITE_STATEMENT: [mutation("inviteVictimPersonalStatement", "InviteVictimPersonalStatementInput"), {}],
  SUBMIT_STATEMENT: [
    mutation("submitVictimPersonalStatement", "SubmitVictimPersonalStatementInput"),
    { format: "READ_BY_PANEL", text: "What the offence did to me and my family." },
  ],
  APPLY_TO_OBSERVE: [mutation("applyToObserveParoleHearing", "ApplyToObserveParoleHearingInput"), {}],
  APPLY_FOR_PUBLIC_HEARING: [mutation("applyForPublicParoleHearing", "ApplyForPublicParoleHearingInput"), {}],
  REQUEST_RECONSIDERATION: [mutation("requestParoleReconsideration", "RequestParoleReconsiderationInput"), {}],
  REQUEST_DECISION_SUMMARY: [mutation("requestParoleDecisionSummary", "RequestParoleDecisionSummaryInput"), {}],
};
const CONTACT_ACTIONS = ["ERASE_CASE_DATA", "REMOVE", "UPDATE"];
const REQUEST_ACTIONS = ["FORWARD", "RECORD_DECISION", "WITHDRAW"];
const PAROLE_STEPS = Object.keys(PAROLE_MUTATIONS).sort();

interface Blocked {
  action: string;
  reasons: UserError[];
}
interface Actions {
  availableActions: string[];
  blockedActions: Blocked[];
}
interface ContactView extends Actions {
  id: string;
  role: string;
}
interface RequestView extends Actions {
  id: string;
  status: string;
}
interface ReviewView extends Actions {
  paroleReview: { id: string; status: string };
}

const VLO = asUser("actions.vlo", [Role.VLO]);
const ANALYST = asUser("actions.analyst", [Role.ANALYST], null);

/** The blocked actions as a map, checking every action is listed exactly once, in one list or the other. */
function blockedOf(view: Actions, every: string[]): Map<string, UserError[]> {
  const blocked = new Map(view.blockedActions.map((entry) => [entry.action, entry.reasons]));
  expect([...view.availableActions, ...blocked.keys()].sort()).toEqual(every);
  for (const reasons of blocked.values()) expect(reasons.length).toBeGreaterThan(0);
  return blocked;
}

const forbidden = (permission: string) => ({
  code: "FORBIDDEN",
  message: `This needs the permission ${permission}, which none of your roles grants.`,
  field: null,
});

describe.each(ENGINES)("actions everywhere (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function view<T>(query: string, caseId: string, as?: TestCaller): Promise<T> {
    const result = await h.run<{ victimCase: T }>(query, { id: caseId }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase;
  }

  /** Runs a mutation that must succeed. */
  async function succeeds([text, input]: [string, object], as?: TestCaller): Promise<void> {
    const result = await h.run<Record<string, Payload>>(text, { input }, as);
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!)[0].userErrors).toEqual([]);
  }

  /**
   * Runs a blocked action's mutation: a FORBIDDEN reason is its top-level error, word for word;
   * otherwise it answers the first reason listed as its userError, code, message and field.
   */
  async function refusedAsListed(reasons: UserError[], [text, input]: [string, object], as?: TestCaller) {
    const result = await h.run<Record<string, Payload>>(text, { input }, as);
    const denied = reasons.find((reason) => reason.code === "FORBIDDEN");
    if (denied) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions!.code).toBe("FORBIDDEN");
      expect(result.errors![0].message).toBe(denied.message);
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!)[0].userErrors).toEqual([reasons[0]]);
  }

  describe("CaseContact", () => {
    const contactsOf = async (caseId: string, as?: TestCaller) =>
      (await view<{ contacts: ContactView[] }>(CONTACTS, caseId, as)).contacts;

    async function caseWithCarer(): Promise<{ caseId: string; victim: ContactView; carer: ContactView }> {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      await succeeds([
        ADD_CONTACT,
        { caseId: victimCase.id, contact: contactInput({ role: "CARER", name: "A Carer" }) },
      ]);
      const contacts = await contactsOf(victimCase.id);
      return {
        caseId: victimCase.id,
        victim: contacts.find((contact) => contact.role === "VICTIM")!,
        carer: contacts.find((contact) => contact.role === "CARER")!,
      };
    }

    it("should offer every step on a carer, and refuse removing the last VICTIM contact as listed", async () => {
      const { caseId, victim, carer } = await caseWithCarer();

      expect(carer.availableActions).toEqual(["UPDATE", "REMOVE", "ERASE_CASE_DATA"]);
      expect(carer.blockedActions).toEqual([]);
      expect(victim.availableActions).toEqual(["UPDATE", "ERASE_CASE_DATA"]);
      const blocked = blockedOf(victim, CONTACT_ACTIONS);
      expect(blocked.get("REMOVE")).toEqual([
        {
          code: "LAST_VICTIM_CONTACT",
          message:
            "This is the case's only VICTIM contact: add the victim's new contact first, or change this one with updateCaseContact.",
          field: ["input", "contactId"],
        },
      ]);

      await refusedAsListed(blocked.get("REMOVE")!, CONTACT_MUTATIONS.REMOVE({ caseId, contactId: victim.id }));
      await succeeds(CONTACT_MUTATIONS.UPDATE({ caseId, contactId: victim.id }));
      await succeeds(CONTACT_MUTATIONS.UPDATE({ caseId, contactId: carer.id }));
      await succeeds(CONTACT_MUTATIONS.REMOVE({ caseId, contactId: carer.id }));

      // Alone now, the victim is the case's only contact.
      const [alone] = await contactsOf(caseId);
      expect(blockedOf(alone, CONTACT_ACTIONS).get("REMOVE")![0].message).toBe(
        "This is the case's only contact: add who is to be told first, or close the case.",
      );
      expect(alone.availableActions).toContain("ERASE_CASE_DATA");
      await succeeds(CONTACT_MUTATIONS.ERASE_CASE_DATA({ caseId, contactId: alone.id }));
    });

    it("should list every reason once the case is closed and its data erased, each as its mutation answers", async () => {
      const { caseId, victim } = await caseWithCarer();
      await succeeds(CONTACT_MUTATIONS.ERASE_CASE_DATA({ caseId, contactId: victim.id }));

      const contacts = await contactsOf(caseId);
      for (const contact of contacts) {
        expect(contact.availableActions).toEqual([]);
        const blocked = blockedOf(contact, CONTACT_ACTIONS);
        const closed = {
          code: "TRANSITION_NOT_ALLOWED",
          message: expect.stringMatching(/^The case is CLOSED; changing its contacts/),
          field: ["input", "caseId"],
        };
        const erased = {
          code: "TRANSITION_NOT_ALLOWED",
          message: "This contact's details were erased; add the person again if they are to be told.",
          field: ["input", "contactId"],
        };
        expect(blocked.get("UPDATE")).toEqual([closed, erased]);
        expect(blocked.get("REMOVE")!.slice(0, 2)).toEqual([closed, erased]);
        expect(blocked.get("ERASE_CASE_DATA")).toEqual([
          {
            code: "TRANSITION_NOT_ALLOWED",
            message: "This case's contact data has already been erased.",
            field: ["input", "caseId"],
          },
        ]);
        for (const [action, reasons] of blocked)
          await refusedAsListed(reasons, CONTACT_MUTATIONS[action]({ caseId, contactId: contact.id }));
      }
      const carer = contacts.find((contact) => contact.role === "CARER")!;
      // The victim contact is still on the case: the carer's removal is refused for the case and its erasure only.
      expect(blockedOf(carer, CONTACT_ACTIONS).get("REMOVE")).toHaveLength(2);
    });

    it("should name the permission a VLO lacks to erase, and every permission an analyst lacks", async () => {
      const { caseId, victim, carer } = await caseWithCarer();

      const asVlo = await contactsOf(caseId, VLO);
      for (const contact of asVlo) {
        const blocked = blockedOf(contact, CONTACT_ACTIONS);
        expect(blocked.get("ERASE_CASE_DATA")).toEqual([forbidden("ERASE_PERSONAL_DATA")]);
        await refusedAsListed(
          blocked.get("ERASE_CASE_DATA")!,
          CONTACT_MUTATIONS.ERASE_CASE_DATA({ caseId, contactId: contact.id }),
          VLO,
        );
      }
      expect(asVlo.find((contact) => contact.id === carer.id)!.availableActions).toEqual(["UPDATE", "REMOVE"]);

      const asAnalyst = await contactsOf(caseId, ANALYST);
      for (const contact of asAnalyst) {
        expect(contact.availableActions).toEqual([]);
        const blocked = blockedOf(contact, CONTACT_ACTIONS);
        expect(blocked.get("UPDATE")).toEqual([forbidden("CHANGE_CASES")]);
        expect(blocked.get("ERASE_CASE_DATA")).toEqual([forbidden("ERASE_PERSONAL_DATA")]);
        expect(blocked.get("REMOVE")!.at(-1)).toEqual(forbidden("CHANGE_CASES"));
        for (const [action, reasons] of blocked)
          await refusedAsListed(reasons, CONTACT_MUTATIONS[action]({ caseId, contactId: contact.id }), ANALYST);
      }
      expect(asAnalyst.find((contact) => contact.id === victim.id)!.blockedActions[1]).toEqual({
        action: "REMOVE",
        reasons: [expect.objectContaining({ code: "LAST_VICTIM_CONTACT" }), forbidden("CHANGE_CASES")],
      });
    });
  });

  describe("LicenceConditionRequest", () => {
    const requestsOf = async (caseId: string, as?: TestCaller) =>
      (await view<{ licenceConditionRequests: RequestView[] }>(REQUESTS, caseId, as)).licenceConditionRequests;

    async function requestOn(caseId: string): Promise<string> {
      const result = await h.run<{
        requestLicenceCondition: Payload & { licenceConditionRequest: { id: string } | null };
      }>(REQUEST_CONDITION, {
        input: { caseId, kind: "EXCLUSION_ZONE", description: AREA, decisionPoint: "LICENCE_RELEASE" },
      });
      expect(result.data!.requestLicenceCondition.userErrors).toEqual([]);
      return result.data!.requestLicenceCondition.licenceConditionRequest!.id;
    }

    async function activeCase(): Promise<string> {
      const offender = await createOffender(h, {}, SDS);
      return (await optedInCase(h, offender.id, true)).id;
    }

    /** Checks the request's lists, refuses each blocked step as listed, and answers the request as it now is. */
    async function checked(caseId: string, requestId: string, available: string[], as?: TestCaller) {
      const request = (await requestsOf(caseId, as)).find((entry) => entry.id === requestId)!;
      expect(request.availableActions).toEqual(available);
      for (const [action, reasons] of blockedOf(request, REQUEST_ACTIONS))
        await refusedAsListed(reasons, REQUEST_MUTATIONS[action](requestId), as);
      return request;
    }

    it("should follow the request through its steps, each available one succeeding and each blocked one refused as listed", async () => {
      const caseId = await activeCase();
      const decided = await requestOn(caseId);

      const requested = await checked(caseId, decided, ["FORWARD", "WITHDRAW"]);
      expect(requested.blockedActions).toEqual([
        {
          action: "RECORD_DECISION",
          reasons: [
            {
              code: "TRANSITION_NOT_ALLOWED",
              message: "The request is REQUESTED: it cannot be decided now; that needs FORWARDED.",
              field: ["input", "requestId"],
            },
          ],
        },
      ]);
      await succeeds(REQUEST_MUTATIONS.FORWARD(decided));
      await checked(caseId, decided, ["RECORD_DECISION", "WITHDRAW"]);
      await succeeds(REQUEST_MUTATIONS.RECORD_DECISION(decided));
      expect((await checked(caseId, decided, [])).status).toBe("ADOPTED");

      const withdrawn = await requestOn(caseId);
      await succeeds(REQUEST_MUTATIONS.WITHDRAW(withdrawn));
      await checked(caseId, withdrawn, []);
      const forwarded = await requestOn(caseId);
      await succeeds(REQUEST_MUTATIONS.FORWARD(forwarded));
      await succeeds(REQUEST_MUTATIONS.WITHDRAW(forwarded));
    });

    it("should refuse every step of a closed case's request, the case first, then its status", async () => {
      const caseId = await activeCase();
      const requestId = await requestOn(caseId);
      await mutate(h, CLOSE_CASE, { caseId, reason: "OTHER" });

      const request = await checked(caseId, requestId, []);
      const closed = { code: "TRANSITION_NOT_ALLOWED", message: "The case is closed.", field: ["input", "requestId"] };
      expect(request.blockedActions).toEqual([
        { action: "FORWARD", reasons: [closed] },
        { action: "RECORD_DECISION", reasons: [closed, expect.objectContaining({ code: "TRANSITION_NOT_ALLOWED" })] },
        { action: "WITHDRAW", reasons: [closed] },
      ]);
    });

    it("should name CHANGE_CASES for an analyst, beside the status's own refusal", async () => {
      const caseId = await activeCase();
      const requestId = await requestOn(caseId);

      const request = await checked(caseId, requestId, [], ANALYST);
      expect(request.blockedActions).toEqual([
        { action: "FORWARD", reasons: [forbidden("CHANGE_CASES")] },
        {
          action: "RECORD_DECISION",
          reasons: [expect.objectContaining({ code: "TRANSITION_NOT_ALLOWED" }), forbidden("CHANGE_CASES")],
        },
        { action: "WITHDRAW", reasons: [forbidden("CHANGE_CASES")] },
      ]);
      // A VLO of the case's region may take the steps.
      expect((await requestsOf(caseId, VLO))[0].availableActions).toEqual(["FORWARD", "WITHDRAW"]);
    });
  });

  describe("CaseParoleReview", () => {
    async function reviewOf(caseId: string, as?: TestCaller): Promise<ReviewView> {
      const { paroleReviews } = await view<{ paroleReviews: ReviewView[] }>(REVIEWS, caseId, as);
      expect(paroleReviews).toHaveLength(1);
      return paroleReviews[0];
    }

    const stepOf = (step: string, caseId: string, paroleReviewId: string): [string, object] => [
      PAROLE_MUTATIONS[step][0],
      { caseId, paroleReviewId, ...PAROLE_MUTATIONS[step][1] },
    ];

    /** Checks the lists, refuses each blocked step as listed, and answers the review as the case now sees it. */
    async function checked(caseId: string, available: string[], as?: TestCaller): Promise<ReviewView> {
      const review = await reviewOf(caseId, as);
      expect(review.availableActions).toEqual(available);
      for (const [step, reasons] of blockedOf(review, PAROLE_STEPS))
        await refusedAsListed(reasons, stepOf(step, caseId, review.paroleReview.id), as);
      return review;
    }

    /** An engaged case of an EDS offender referred to the Board, with a second case not in the scheme. */
    async function underReview(referredOn = daysFromToday(-30)) {
      const offender = await createOffender(h, {}, EDS);
      const engaged = await optedInCase(h, offender.id, true);
      const referred = await referCase(h, offender.id);
      await mutate(h, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "REFERRED_TO_PAROLE_BOARD",
        occurredOn: referredOn,
      });
      const result = await h.run<{ offender: { paroleReviews: { id: string }[] } }>(OFFENDER_REVIEWS, {
        id: offender.id,
      });
      return { caseId: engaged.id, referredCaseId: referred.id, reviewId: result.data!.offender.paroleReviews[0].id };
    }

    it("should offer the steps before a decision, each succeeding once and then refused as already recorded", async () => {
      const { caseId, reviewId } = await underReview();
      const before = ["APPLY_FOR_PUBLIC_HEARING", "APPLY_TO_OBSERVE", "INVITE_STATEMENT", "SUBMIT_STATEMENT"];

      const review = await checked(caseId, [
        "INVITE_STATEMENT",
        "SUBMIT_STATEMENT",
        "APPLY_TO_OBSERVE",
        "APPLY_FOR_PUBLIC_HEARING",
      ]);
      expect(review.blockedActions.map((entry) => entry.reasons)).toEqual([
        [
          {
            code: "TRANSITION_NOT_ALLOWED",
            message: "The parole review (not yet decided) does not allow this step now.",
            field: ["input", "paroleReviewId"],
          },
        ],
        [expect.objectContaining({ code: "TRANSITION_NOT_ALLOWED" })],
      ]);
      for (const step of review.availableActions) await succeeds(stepOf(step, caseId, reviewId));

      const taken = await checked(caseId, []);
      const blocked = blockedOf(taken, PAROLE_STEPS);
      for (const step of before)
        expect(blocked.get(step)).toEqual([expect.objectContaining({ code: "ALREADY_RECORDED" })]);
      expect(blocked.get("INVITE_STATEMENT")![0].message).toBe(
        "The victim has already been invited to make a statement for this review.",
      );
      expect(blocked.get("SUBMIT_STATEMENT")![0].message).toBe(
        "A statement has already been sent to the Board for this review.",
      );
      expect(blocked.get("APPLY_TO_OBSERVE")![0].message).toBe(
        "This request has already been recorded for this case and review.",
      );
    });

    it("should refuse a paper hearing's observation and the passed deadlines with the review's own words", async () => {
      const { caseId, reviewId } = await underReview();
      await succeeds([
        SCHEDULE,
        { paroleReviewId: reviewId, targetHearingDate: daysFromToday(20), hearingType: "PAPER" },
      ]);

      const review = await checked(caseId, []);
      const blocked = blockedOf(review, PAROLE_STEPS);
      expect(blocked.get("INVITE_STATEMENT")).toEqual([
        {
          code: "DEADLINE_PASSED",
          message: expect.stringMatching(/^The personal statement was due by \d{4}-\d{2}-\d{2}, 28 days before/),
          field: ["input", "paroleReviewId"],
        },
      ]);
      expect(blocked.get("APPLY_TO_OBSERVE")).toEqual([
        {
          code: "NOT_ELIGIBLE",
          message: "The review is decided on the papers: there is no hearing to observe.",
          field: ["input", "paroleReviewId"],
        },
      ]);
      expect(blocked.get("APPLY_FOR_PUBLIC_HEARING")![0].code).toBe("DEADLINE_PASSED");
    });

    it("should offer reconsideration and the decision summary after a release decision, and refuse the rest", async () => {
      const { caseId, reviewId } = await underReview();
      await succeeds([DECIDE, { paroleReviewId: reviewId, outcome: "RELEASE", issuedOn: daysFromToday(-5) }]);

      const review = await checked(caseId, ["REQUEST_RECONSIDERATION", "REQUEST_DECISION_SUMMARY"]);
      expect(review.paroleReview.status).toBe("DECIDED");
      expect(blockedOf(review, PAROLE_STEPS).get("INVITE_STATEMENT")).toEqual([
        {
          code: "TRANSITION_NOT_ALLOWED",
          message: "The parole review (decided) does not allow this step now.",
          field: ["input", "paroleReviewId"],
        },
      ]);
      for (const step of review.availableActions) await succeeds(stepOf(step, caseId, reviewId));
      await checked(caseId, []);
    });

    it("should refuse every step of a victim not in the scheme, that first, and name CHANGE_CASES for an analyst", async () => {
      const { caseId, referredCaseId } = await underReview();

      const outside = await checked(referredCaseId, []);
      for (const entry of outside.blockedActions)
        expect(entry.reasons[0]).toEqual({
          code: "TRANSITION_NOT_ALLOWED",
          message: "Only a victim who has opted in to the scheme takes parole steps through it.",
          field: ["input", "caseId"],
        });

      const asAnalyst = await checked(caseId, [], ANALYST);
      const blocked = blockedOf(asAnalyst, PAROLE_STEPS);
      expect(blocked.get("INVITE_STATEMENT")).toEqual([forbidden("CHANGE_CASES")]);
      for (const reasons of blocked.values()) expect(reasons.at(-1)).toEqual(forbidden("CHANGE_CASES"));
      expect((await reviewOf(caseId, VLO)).availableActions).toHaveLength(4);
    });
  });
});

// A page of cases with their contacts, parole reviews and licence-condition requests, actions
// included, costs the same number of statements whatever its size.
describe.each(ENGINES)("statements for actions on a page of cases (%s)", (engine) => {
  let h: Harness;
  const PAGE = `query ($first: Int!) {
    victimCases(first: $first) {
      nodes {
        id
        contacts { id ${ACTIONS} }
        paroleReviews { paroleReview { id } ${ACTIONS} }
        licenceConditionRequests { id ${ACTIONS} }
      }
    }
  }`;

  beforeAll(async () => {
    h = await startHarness(engine);
    const offender = await createOffender(h, {}, EDS);
    for (let index = 0; index < 6; index++) {
      const victimCase = await optedInCase(h, offender.id, true);
      await mutate(h, ADD_CONTACT, {
        caseId: victimCase.id,
        contact: contactInput({ role: "CARER", name: "A Carer" }),
      });
      await mutate(h, REQUEST_CONDITION, {
        caseId: victimCase.id,
        kind: "NO_CONTACT",
        description: "No contact with the victim or their family",
        decisionPoint: "LICENCE_RELEASE",
      });
    }
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: daysFromToday(-30),
    });
  });
  afterAll(() => h.close());

  async function statementsFor(first: number): Promise<{ count: number; rows: number }> {
    h.statements.reset();
    const result = await h.run<{
      victimCases: { nodes: { contacts: Actions[]; paroleReviews: Actions[]; licenceConditionRequests: Actions[] }[] };
    }>(PAGE, { first });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.victimCases.nodes;
    const rows = nodes.flatMap((node) => [...node.contacts, ...node.paroleReviews, ...node.licenceConditionRequests]);
    for (const row of rows) expect(row.availableActions.length + row.blockedActions.length).toBeGreaterThan(0);
    return { count: h.statements.count, rows: rows.length };
  }

  it("should not grow with the number of contacts, reviews and requests listed", async () => {
    const small = await statementsFor(1);
    const large = await statementsFor(6);

    expect(small.rows).toBe(4);
    expect(large.rows).toBe(24);
    expect(large.count).toBe(small.count);
    // the page, then one batch each: contacts, whether the cases hold personal data to erase,
    // reviews, statements, parole requests and licence-condition requests (the caller's officer
    // record is kept by the instance)
    expect(large.count).toBeLessThanOrEqual(7);
  });
});
