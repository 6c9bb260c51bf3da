import { AGREE_CONTACT_PLAN, createOffender, getCase, mutate, optedInCase, type Payload } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 11 §12: a restricted hospital order (MHA 1983 s.37/41) through the API. Its patient may be
// given leave, moved between hospitals, conditionally discharged (with conditions the victim may
// ask for), recalled to hospital and absolutely discharged (DVCVA 2004 ss.36-44). A prison's
// stages are refused, and where the patient is treated is never told.

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];

const HOSPITAL_ORDER = { type: "HOSPITAL_ORDER", sentenceDate: "2024-01-15", offenceCategory: "VIOLENT" };
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };

const CUSTODY_PAYLOAD = `offender { custodyPhase version } userErrors { code field }`;
const REQUEST = `mutation ($input: RequestLicenceConditionInput!) {
  requestLicenceCondition(input: $input) { licenceConditionRequest { id decisionPoint decisionMaker } userErrors { code field } }
}`;
const FORWARD = `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { userErrors { code } } }`;
const DECIDE = `mutation ($input: RecordLicenceConditionDecisionInput!) { recordLicenceConditionDecision(input: $input) { userErrors { code } } }`;
const TOLD = `query ($id: ID!) {
  victimCase(id: $id) { status closeReason notifications { kind body } history(first: 100) { nodes { event reason } } }
}`;

interface CustodyResult extends Payload {
  offender: { custodyPhase: string; version: number } | null;
}
interface RequestResult extends Payload {
  licenceConditionRequest: { id: string; decisionPoint: string; decisionMaker: string } | null;
}
interface CaseTold {
  status: string;
  closeReason: string | null;
  notifications: { kind: string; body: string }[];
  history: { nodes: { event: string; reason: string | null }[] };
}

describe.each(ENGINES)("restricted hospital orders (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function record(offenderId: string, type: string, extra: Record<string, unknown> = {}) {
    return mutate<CustodyResult>(
      h,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { ${CUSTODY_PAYLOAD} } }`,
      { offenderId, type, occurredOn: "2026-11-02", ...extra },
    );
  }

  async function told(caseId: string): Promise<CaseTold> {
    const result = await h.run<{ victimCase: CaseTold }>(TOLD, { id: caseId });
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase;
  }
  const kindsOf = async (caseId: string) => (await told(caseId)).notifications.map((n) => n.kind);

  /** A patient with a KEY_STAGES victim and a month-only victim, both engaged. */
  async function patient() {
    const offender = await createOffender(h, {}, HOSPITAL_ORDER);
    const keyStages = (await optedInCase(h, offender.id, true)).id;
    const monthOnly = (await optedInCase(h, offender.id)).id;
    const plan = await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: monthOnly,
      informationLevel: "RELEASE_MONTH_ONLY",
      channels: ["LETTER"],
    });
    expect(plan.userErrors).toEqual([]);
    return { offenderId: offender.id, keyStages, monthOnly };
  }

  it("should tell a KEY_STAGES victim of leave, record a move between hospitals without telling anyone, and refuse a prison's stages", async () => {
    const { offenderId, keyStages, monthOnly } = await patient();

    const leave = await record(offenderId, "HOSPITAL_LEAVE_GRANTED");
    const moved = await record(offenderId, "TRANSFERRED_BETWEEN_HOSPITALS");
    const before = await record(offenderId, "HOSPITAL_LEAVE_GRANTED").then(() => told(keyStages));
    const refused = [];
    for (const type of ["MOVED_TO_OPEN_CONDITIONS", "TEMPORARY_RELEASE", "CONSIDERED_FOR_TEMPORARY_RELEASE"])
      refused.push(
        await record(
          offenderId,
          type,
          type === "TEMPORARY_RELEASE" ? { temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE" } : {},
        ),
      );

    expect(leave.userErrors).toEqual([]);
    expect(leave.offender!.custodyPhase).toBe("IN_CUSTODY");
    expect(moved.userErrors).toEqual([]);
    expect(await kindsOf(keyStages)).toEqual(["HOSPITAL_LEAVE", "HOSPITAL_LEAVE"]);
    expect(await kindsOf(monthOnly)).toEqual([]);
    const history = (await told(keyStages)).history.nodes.map((row) => row.reason);
    expect(history).toContain("TRANSFERRED_BETWEEN_HOSPITALS");
    for (const payload of refused) {
      expect(payload.userErrors.map((error) => error.code)).toEqual(["NOT_ELIGIBLE"]);
      expect(payload.offender).toBeNull();
    }
    // Nothing was written by the refusals.
    expect(await told(keyStages)).toEqual(before);
  });

  it("should take the victim's conditions to the discharge authority, and tell every level of the conditional discharge with them, the recall and the absolute discharge", async () => {
    const { offenderId, keyStages, monthOnly } = await patient();
    const asked = await mutate<RequestResult>(h, REQUEST, {
      caseId: monthOnly,
      kind: "NO_CONTACT",
      description: "No contact with me or my family.",
      decisionPoint: "CONDITIONAL_DISCHARGE",
    });
    expect(asked.userErrors).toEqual([]);
    expect(asked.licenceConditionRequest).toMatchObject({
      decisionPoint: "CONDITIONAL_DISCHARGE",
      decisionMaker: "DISCHARGE_AUTHORITY",
    });
    const requestId = asked.licenceConditionRequest!.id;
    expect((await mutate(h, FORWARD, { requestId })).userErrors).toEqual([]);
    expect((await mutate(h, DECIDE, { requestId, adopted: true, endsOn: "2031-09-30" })).userErrors).toEqual([]);

    const discharged = await record(offenderId, "CONDITIONALLY_DISCHARGED");
    const dischargedStatus = (await getCase(h, monthOnly))!.status;
    const recalled = await record(offenderId, "RECALLED_TO_HOSPITAL");
    const recalledStatus = (await getCase(h, monthOnly))!.status;
    await record(offenderId, "CONDITIONALLY_DISCHARGED");
    const ended = await record(offenderId, "ABSOLUTELY_DISCHARGED");

    expect([discharged, recalled, ended].map((payload) => payload.offender!.custodyPhase)).toEqual([
      "RELEASED",
      "RECALLED",
      "SENTENCE_ENDED",
    ]);
    expect([dischargedStatus, recalledStatus]).toEqual(["RELEASED", "RECALLED"]);
    const monthOnlyView = await told(monthOnly);
    expect(monthOnlyView).toMatchObject({ status: "CLOSED", closeReason: "SENTENCE_ENDED" });
    // Newest first.
    expect(monthOnlyView.notifications.map((n) => n.kind)).toEqual([
      "ABSOLUTE_DISCHARGE",
      "CONDITIONAL_DISCHARGE",
      "RECALL_TO_HOSPITAL",
      "CONDITIONAL_DISCHARGE",
      "LICENCE_CONDITION_DECISION",
    ]);
    const [decision] = monthOnlyView.notifications.filter((n) => n.kind === "LICENCE_CONDITION_DECISION");
    expect(decision.body).toContain(
      "No contact with you: this is a condition of their discharge until September 2031.",
    );
    const [discharge] = monthOnlyView.notifications.filter((n) => n.kind === "CONDITIONAL_DISCHARGE");
    expect(discharge.body).toContain("discharged from hospital into the community on conditions");
    expect(discharge.body).toContain(
      "* No contact with you: this is a condition of their discharge until September 2031.",
    );
    expect(discharge.body).not.toMatch(/licence/i);
    // The other victim asked for nothing, so their letter lists nothing.
    const other = await told(keyStages);
    expect(other.notifications.filter((n) => n.kind === "CONDITIONAL_DISCHARGE")[0].body).not.toContain(
      "conditions you asked for",
    );
  });

  it("should refuse a licence condition for a hospital order, and a discharge condition for a prison sentence, with INVALID_INPUT", async () => {
    const { monthOnly } = await patient();
    const prisoner = await createOffender(h, {}, SDS);
    const prisonCase = (await optedInCase(h, prisoner.id, true)).id;

    const licence = await mutate<RequestResult>(h, REQUEST, {
      caseId: monthOnly,
      kind: "NO_CONTACT",
      description: "No contact with me.",
      decisionPoint: "LICENCE_RELEASE",
    });
    const discharge = await mutate<RequestResult>(h, REQUEST, {
      caseId: prisonCase,
      kind: "NO_CONTACT",
      description: "No contact with me.",
      decisionPoint: "CONDITIONAL_DISCHARGE",
    });

    for (const payload of [licence, discharge]) {
      expect(payload.userErrors).toEqual([{ code: "INVALID_INPUT", field: ["input", "decisionPoint"] }]);
      expect(payload.licenceConditionRequest).toBeNull();
    }
    const [{ n }] = await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "licence_condition_request" WHERE "case_id" = ANY($1::uuid[])`,
      [[databaseId(monthOnly), databaseId(prisonCase)]],
    );
    expect(n).toBe(0);
  });

  it("should refuse a hospital order's stages for a prison sentence with NOT_ELIGIBLE", async () => {
    const prisoner = await createOffender(h, {}, SDS);
    for (const type of ["HOSPITAL_LEAVE_GRANTED", "CONDITIONALLY_DISCHARGED", "ABSOLUTELY_DISCHARGED"]) {
      const payload = await record(prisoner.id, type);
      expect({ type, codes: payload.userErrors.map((error) => error.code) }).toEqual({ type, codes: ["NOT_ELIGIBLE"] });
    }
  });
});
