import { Role } from "../../src/domain/security/role.enum";
import { purgeExpiredContactData } from "../../src/services/cases/erasure.service";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import {
  contactInput,
  createOffender,
  getCase,
  mutate,
  optedInCase,
  referCase,
  CLOSE_CASE,
  type Payload,
  type TransitionRow,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

const ERASE = `mutation ($input: EraseCaseContactDataInput!) {
  eraseCaseContactData(input: $input) {
    victimCase { id status closeReason version contacts { role name email phone address { postcode } erasedAt } history(first: 50) { nodes { event fromStatus toStatus reason } } }
    userErrors { code field }
  }
}`;
interface ErasePayload {
  victimCase: {
    id: string;
    status: string;
    closeReason: string | null;
    version: number;
    contacts: {
      role: string;
      name: string | null;
      email: string | null;
      phone: string | null;
      address: { postcode: string } | null;
      erasedAt: string | null;
    }[];
    history: { nodes: Omit<TransitionRow, "actor">[] };
  } | null;
  userErrors: { code: string; field: string[] | null }[];
}
const DAY = 24 * 3600 * 1000;

describe.each(ENGINES)("erasure and retention (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function rawContact(caseId: string): Promise<Record<string, unknown>> {
    const [row] = await h.dataSource.query(
      `SELECT k."name", k."date_of_birth", k."email", k."phone", k."address", k."needs", k."erased_at" FROM "case_contact" k JOIN "victim_case" c ON c."id" = k."case_id" WHERE c."reference" = $1`,
      [(await getCase(h, caseId))!.reference],
    );
    return row;
  }

  it("should close an open case, erase its contact details and keep its anonymous history when a manager erases it", async () => {
    const offender = await createOffender(h);
    const active = await optedInCase(h, offender.id, true);

    const payload = await mutate<ErasePayload>(h, ERASE, { caseId: active.id, requestReference: "ER-2026-0001" });

    expect(payload.userErrors).toEqual([]);
    expect(payload.victimCase!.status).toBe("CLOSED");
    expect(payload.victimCase!.closeReason).toBe("VICTIM_REQUEST");
    expect(payload.victimCase!.contacts).toEqual([
      { role: "VICTIM", name: null, email: null, phone: null, address: null, erasedAt: expect.any(String) },
    ]);
    expect(payload.victimCase!.history.nodes.slice(-2)).toEqual([
      { event: "CLOSE", fromStatus: "ACTIVE", toStatus: "CLOSED", reason: "VICTIM_REQUEST" },
      { event: "CONTACT_DATA_ERASED", fromStatus: "CLOSED", toStatus: "CLOSED", reason: "ER-2026-0001" },
    ]);
    expect(await rawContact(active.id)).toMatchObject({
      name: null,
      date_of_birth: null,
      email: null,
      phone: null,
      address: null,
      needs: null,
      erased_at: expect.any(Date),
    });
    const [logged] = await h.dataSource.query(
      `SELECT "action", "fields" FROM "access_log" WHERE "operation" = 'eraseCaseContactData' AND "action" = 'ERASE' ORDER BY "sequence" DESC LIMIT 1`,
    );
    expect(logged).toEqual({ action: "ERASE", fields: ["requestReference"] });
  });

  it("should erase the victim's personal statement and licence-condition wording with the contact details", async () => {
    const offender = await createOffender(
      h,
      {},
      { type: "LIFE", lengthMonths: null, tariffMonths: 120, sentenceDate: "2010-01-15" },
    );
    const active = await optedInCase(h, offender.id, true);
    const caseId = fromGlobalId(active.id, "VictimCase");
    await mutate<Payload>(
      h,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
      { offenderId: offender.id, type: "REFERRED_TO_PAROLE_BOARD", occurredOn: "2026-01-05" },
    );
    const [review] = await h.dataSource.query(`SELECT "id" FROM "parole_review" WHERE "offender_id" = $1`, [
      fromGlobalId(offender.id, "Offender"),
    ]);
    const submitted = await mutate<Payload>(
      h,
      `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { userErrors { code } } }`,
      {
        caseId: active.id,
        paroleReviewId: toGlobalId("ParoleReview", review.id),
        format: "READ_BY_PANEL",
        text: "Since that night I have not slept.",
      },
    );
    expect(submitted.userErrors).toEqual([]);
    const requested = await mutate<Payload & { licenceConditionRequest: { id: string } | null }>(
      h,
      `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } userErrors { code } } }`,
      {
        caseId: active.id,
        kind: "EXCLUSION_ZONE",
        description: "The streets around Harton village.",
        decisionPoint: "LICENCE_RELEASE",
      },
    );
    expect(requested.userErrors).toEqual([]);

    expect(
      (await mutate<ErasePayload>(h, ERASE, { caseId: active.id, requestReference: "ER-2026-0007" })).userErrors,
    ).toEqual([]);

    expect(
      await h.dataSource.query(`SELECT "text", "status" FROM "victim_personal_statement" WHERE "case_id" = $1`, [
        caseId,
      ]),
    ).toEqual([{ text: null, status: "SUBMITTED" }]);
    expect(
      await h.dataSource.query(`SELECT "description", "kind" FROM "licence_condition_request" WHERE "case_id" = $1`, [
        caseId,
      ]),
    ).toEqual([{ description: null, kind: "EXCLUSION_ZONE" }]);

    // The closed, erased case takes no new words from the victim, so erasure cannot be undone.
    const afterwards = await mutate<Payload>(
      h,
      `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { userErrors { code } } }`,
      {
        requestId: requested.licenceConditionRequest!.id,
      },
    );
    expect(afterwards.userErrors).toEqual([{ code: "TRANSITION_NOT_ALLOWED" }]);
  });

  it("should refuse a second erasure of the same case and change nothing", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate<ErasePayload>(h, ERASE, { caseId: victimCase.id, requestReference: "ER-2026-0002" });
    const before = await getCase(h, victimCase.id);

    const again = await mutate<ErasePayload>(h, ERASE, { caseId: victimCase.id, requestReference: "ER-2026-0002" });

    expect(again.userErrors).toEqual([{ code: "TRANSITION_NOT_ALLOWED", field: ["input", "caseId"] }]);
    expect(await getCase(h, victimCase.id)).toEqual(before);
  });

  it("should let only managers erase, and only in their region", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);

    const byVlo = await h.run(
      ERASE,
      { input: { caseId: victimCase.id, requestReference: "ER-1" } },
      asUser("plain.vlo", [Role.VLO]),
    );
    const byOtherRegion = await h.run<{ eraseCaseContactData: ErasePayload }>(
      ERASE,
      { input: { caseId: victimCase.id, requestReference: "ER-1" } },
      asUser("london.manager", [Role.MANAGER], "LONDON" as never),
    );

    expect(byVlo.errors![0].extensions?.code).toBe("FORBIDDEN");
    expect(byOtherRegion.data!.eraseCaseContactData.userErrors[0].code).toBe("NOT_FOUND");
    expect((await rawContact(victimCase.id)).name).not.toBeNull();
  });

  it("should erase the contact details of cases closed longer ago than the retention period, and no others", async () => {
    const offender = await createOffender(h);
    const closed = await referCase(h, offender.id, { contact: contactInput({ name: "Retained Rowe" }) });
    await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "VICTIM_REQUEST" });
    const open = await referCase(h, offender.id, { contact: contactInput({ name: "Open Oakes" }) });

    const now = Date.now();
    const tooEarly = await purgeExpiredContactData(h.dataSource, 30, new Date(now + 29 * DAY));
    const due = await purgeExpiredContactData(h.dataSource, 30, new Date(now + 31 * DAY));
    const again = await purgeExpiredContactData(h.dataSource, 30, new Date(now + 31 * DAY));

    expect(tooEarly).toBe(0);
    expect(due).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    expect((await rawContact(closed.id)).name).toBeNull();
    expect((await rawContact(open.id)).name).not.toBeNull();
    const erased = (await getCase(h, closed.id))!;
    expect(erased.history.nodes.at(-1)).toMatchObject({
      event: "CONTACT_DATA_ERASED",
      actor: "system:retention",
      reason: "RETENTION_PERIOD_ENDED",
    });
    const [logged] = await h.dataSource.query(
      `SELECT "actor", "action", "fields" FROM "access_log" WHERE "operation" = 'retention' AND "case_id" = (SELECT "id" FROM "victim_case" WHERE "reference" = $1)`,
      [erased.reference],
    );
    expect(logged).toEqual({
      actor: "system:retention",
      action: "ERASE",
      fields: [
        "address",
        "dateOfBirth",
        "email",
        "name",
        "needs",
        "phone",
        "personalStatement.text",
        "licenceConditionRequest.description",
        "licenceConditionRequest.reasonNotAdopted",
        "victimCase.discretionaryReason",
        "caseTransition.note",
      ],
    });
    expect(JSON.stringify(await h.dataSource.query(`SELECT * FROM "access_log"`))).not.toContain("Retained");
  });
});
