import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { toGlobalId } from "../../src/domain/ids/global-id";
import { CLOSE_CASE, contactInput, createOffender, mutate, referCase, type UserError } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// addCaseContact: what it refuses (bad input, a case the caller cannot reach, a closed case, a
// stale version, a reused idempotency key) without writing anything, what it replays, and the
// added person's details sealed at rest and erased with the case's others.

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];

const CONTACT_FIELDS = `id role name dateOfBirth email phone address { line1 line2 town postcode } needs { interpreterLanguage accessibility } erasedAt`;
const ADD_CONTACT = `mutation ($input: AddCaseContactInput!) {
  addCaseContact(input: $input) { victimCase { id version contacts { ${CONTACT_FIELDS} } } transition { event reason } userErrors { code message field } }
}`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { victimCase { status contacts { ${CONTACT_FIELDS} } } userErrors { code } } }`;
/** A contact as CONTACT_FIELDS reads it. */
interface ContactView {
  id: string;
  role: string;
  name: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  address: { line1: string; line2: string | null; town: string; postcode: string } | null;
  needs: { interpreterLanguage: string | null; accessibility: string | null } | null;
  erasedAt: string | null;
}
interface ContactPayload {
  victimCase: { id: string; version: number; contacts: ContactView[] } | null;
  transition: { event: string; reason: string | null } | null;
  userErrors: UserError[];
}
interface ErasePayload {
  victimCase: { status: string; contacts: ContactView[] } | null;
  userErrors: { code: string }[];
}
const MISSING_CASE_ID = toGlobalId("VictimCase", "00000000-0000-0000-0000-000000000000");
const LONDON_VLO = asUser("contacts.london.vlo", [Role.VLO], Region.LONDON);

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The child victim, added to a case their parent was referred on: 18 in 2030, so a timer is set. */
const CHILD = {
  role: "VICTIM",
  name: "Ottoline Marchbanks",
  dateOfBirth: "2012-09-17",
  email: "ottoline.marchbanks@example.org",
  phone: "07700 900789",
  address: { line1: "4 Quillon Row", line2: "Flat B", town: "Haverbrook", postcode: "HB2 9QZ" },
  needs: { interpreterLanguage: "Cornish", accessibility: "Braille" },
};
const CHILD_SECRETS = [
  "Ottoline",
  "Marchbanks",
  "2012-09-17",
  "ottoline.marchbanks",
  "900789",
  "Quillon",
  // Whole, with its space: a three-letter fragment can turn up in random ciphertext by chance.
  "HB2 9QZ",
  "Haverbrook",
  "Cornish",
  "Braille",
];

describe.each(ENGINES)("adding a contact to a case (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  /** A case whose parent was referred: adding the child victim would add a contact, a history row and a coming-of-age timer. */
  async function guardianCase(): Promise<string> {
    const offender = await createOffender(h);
    return (
      await referCase(h, offender.id, { contact: contactInput({ role: "PARENT_GUARDIAN", dateOfBirth: "1979-04-02" }) })
    ).id;
  }

  /** Everything a refused addCaseContact must leave as it was. */
  async function footprint(caseId: string) {
    const [row] = await h.dataSource.query(
      `SELECT c."version",
              (SELECT json_agg(k."role" ORDER BY k."created_at", k."id") FROM "case_contact" k WHERE k."case_id" = c."id") AS "contacts",
              (SELECT json_agg(t."event" ORDER BY t."sequence") FROM "case_transition" t WHERE t."case_id" = c."id") AS "history",
              (SELECT json_agg(json_build_object('kind', k."kind", 'status', k."status") ORDER BY k."id") FROM "task" k WHERE k."case_id" = c."id") AS "tasks",
              (SELECT count(*)::int FROM "timer" m WHERE m."subject_id" = c."id") AS "timers",
              (SELECT count(*)::int FROM "access_log") AS "logged", (SELECT count(*)::int FROM "idempotency_key") AS "keys"
         FROM "victim_case" c WHERE c."id" = $1`,
      [databaseId(caseId)],
    );
    return row;
  }

  /** A business refusal: one userError, no case or transition, nothing written. */
  async function expectRefused(
    caseId: string,
    input: Record<string, unknown>,
    code: string,
    as?: TestCaller,
  ): Promise<ContactPayload> {
    const before = await footprint(caseId);
    const result = await h.run<{ addCaseContact: ContactPayload }>(ADD_CONTACT, { input }, as);
    expect(result.errors).toBeUndefined();
    const payload = result.data!.addCaseContact;
    expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(payload).toMatchObject({ victimCase: null, transition: null });
    expect(await footprint(caseId)).toEqual(before);
    return payload;
  }

  /** Malformed input: BAD_USER_INPUT naming the field, before anything runs, nothing written. */
  async function expectInvalid(
    caseId: string,
    contact: Record<string, unknown>,
    field: string[],
    constraint: string,
  ): Promise<void> {
    const before = await footprint(caseId);
    const result = await h.run(ADD_CONTACT, { input: { caseId, contact: { ...CHILD, ...contact } } });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0];
    expect(error.extensions!.code).toBe("BAD_USER_INPUT");
    expect(error.extensions!.fields).toEqual([expect.objectContaining({ field, constraints: [constraint] })]);
    // The refused value is not echoed back.
    for (const value of Object.values(contact))
      expect(JSON.stringify(result)).not.toContain(typeof value === "string" ? value : JSON.stringify(value));
    expect(await footprint(caseId)).toEqual(before);
  }

  describe("refusals", () => {
    it.each([
      [
        "a date of birth in the future",
        { dateOfBirth: isoDate(366) },
        ["input", "contact", "dateOfBirth"],
        "isNotInFuture",
      ],
      [
        "an email that is not an email address",
        { email: "ottoline@@example" },
        ["input", "contact", "email"],
        "isEmail",
      ],
      [
        "a postcode that is not a UK postcode",
        { address: { line1: "4 Quillon Row", town: "Haverbrook", postcode: "99999" } },
        ["input", "contact", "address", "postcode"],
        "matches",
      ],
    ])("should refuse %s with BAD_USER_INPUT and write nothing", async (_label, contact, field, constraint) => {
      const caseId = await guardianCase();

      await expectInvalid(caseId, contact, field as string[], constraint);
    });

    it("should answer NOT_FOUND for an unknown, malformed or other-type case id, and write nothing", async () => {
      const caseId = await guardianCase();
      const offender = await createOffender(h);
      for (const id of [MISSING_CASE_ID, "not-an-id", offender.id]) {
        const payload = await expectRefused(caseId, { caseId: id, contact: CHILD }, "NOT_FOUND");
        expect(payload.userErrors[0].field).toEqual(["input", "caseId"]);
      }
    });

    it("should answer another region's case exactly as a missing one, and write nothing", async () => {
      const caseId = await guardianCase();

      const theirs = await expectRefused(caseId, { caseId, contact: CHILD }, "NOT_FOUND", LONDON_VLO);
      const missing = await h.run<{ addCaseContact: ContactPayload }>(
        ADD_CONTACT,
        { input: { caseId: MISSING_CASE_ID, contact: CHILD } },
        LONDON_VLO,
      );

      expect(theirs).toEqual(missing.data!.addCaseContact);
    });

    it("should refuse a closed case with TRANSITION_NOT_ALLOWED and write nothing", async () => {
      const caseId = await guardianCase();
      await mutate(h, CLOSE_CASE, { caseId, reason: "OTHER" });

      const payload = await expectRefused(caseId, { caseId, contact: CHILD }, "TRANSITION_NOT_ALLOWED");

      expect(payload.userErrors[0].field).toEqual(["input", "caseId"]);
    });

    it("should refuse a stale expectedVersion with STALE_VERSION and write nothing, and take the current one", async () => {
      const caseId = await guardianCase();
      const [{ version: seen }] = await h.dataSource.query(`SELECT "version" FROM "victim_case" WHERE "id" = $1`, [
        databaseId(caseId),
      ]);
      // Someone else adds a carer after the officer looked at the case.
      expect(
        (
          await mutate<ContactPayload>(h, ADD_CONTACT, {
            caseId,
            contact: { role: "CARER", name: "A Carer" },
            expectedVersion: seen,
          })
        ).userErrors,
      ).toEqual([]);

      await expectRefused(caseId, { caseId, contact: CHILD, expectedVersion: seen }, "STALE_VERSION");
      await expectRefused(caseId, { caseId, contact: CHILD, expectedVersion: seen + 2 }, "STALE_VERSION");

      const added = await mutate<ContactPayload>(h, ADD_CONTACT, { caseId, contact: CHILD, expectedVersion: seen + 1 });
      expect(added.userErrors).toEqual([]);
      expect(added.victimCase!.version).toBe(seen + 2);
    });
  });

  describe("idempotency", () => {
    it("should replay the same request with the same key without adding the contact twice, and refuse the key for another request", async () => {
      const caseId = await guardianCase();
      const input = { caseId, contact: CHILD, idempotencyKey: `add-child-${caseId}` };
      const first = await mutate<ContactPayload>(h, ADD_CONTACT, input);
      expect(first.userErrors).toEqual([]);
      const afterFirst = await footprint(caseId);
      expect(afterFirst).toMatchObject({
        contacts: ["PARENT_GUARDIAN", "VICTIM"],
        history: ["REFERRED", "CONTACT_ADDED"],
        timers: 1,
      });

      const again = await mutate<ContactPayload>(h, ADD_CONTACT, input);

      expect(again).toEqual(first);
      const afterReplay = await footprint(caseId);
      // Only the replayed payload's own read of the contacts is logged again: no second change, and no second look at the date of birth.
      expect({ ...afterReplay, logged: null }).toEqual({ ...afterFirst, logged: null });
      const logged = await h.dataSource.query(
        `SELECT "action", "purpose" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'addCaseContact' AND ("action" = 'CHANGE' OR "purpose" = 'COMING_OF_AGE') ORDER BY "sequence"`,
        [databaseId(caseId)],
      );
      expect(logged).toEqual([
        { action: "READ", purpose: "COMING_OF_AGE" },
        { action: "CHANGE", purpose: "CASE_WORK" },
      ]);

      await expectRefused(caseId, { ...input, contact: { ...CHILD, name: "Someone Else" } }, "IDEMPOTENCY_KEY_REUSED");
    });
  });

  describe("the added person's details", () => {
    it("should store every personal field sealed, and give each one back through the API", async () => {
      const caseId = await guardianCase();

      const added = await mutate<ContactPayload>(h, ADD_CONTACT, { caseId, contact: CHILD });

      const [raw] = (await h.dataSource.query(
        `SELECT "name", "date_of_birth", "email", "phone", "address", "needs" FROM "case_contact" WHERE "case_id" = $1 AND "role" = 'VICTIM'`,
        [databaseId(caseId)],
      )) as Record<string, string>[];
      const stored = JSON.stringify(raw);
      for (const secret of CHILD_SECRETS) expect(stored).not.toContain(secret);
      for (const value of Object.values(raw)) expect(value).toMatch(/^v1\.[0-9a-f]{8}\./);
      const { role: _role, ...details } = CHILD;
      expect(added.victimCase!.contacts[1]).toEqual({
        id: expect.any(String),
        role: "VICTIM",
        ...details,
        erasedAt: null,
      });
    });

    it("should be erased with the case's other contacts by eraseCaseContactData", async () => {
      const caseId = await guardianCase();
      await mutate<ContactPayload>(h, ADD_CONTACT, { caseId, contact: CHILD });

      const erased = await mutate<ErasePayload>(h, ERASE, { caseId, requestReference: "ER-2026-0101" });

      expect(erased.userErrors).toEqual([]);
      expect(erased.victimCase!.status).toBe("CLOSED");
      const gone = {
        name: null,
        dateOfBirth: null,
        email: null,
        phone: null,
        address: null,
        needs: null,
        erasedAt: expect.any(String),
      };
      expect(erased.victimCase!.contacts).toEqual([
        { id: expect.any(String), role: "PARENT_GUARDIAN", ...gone },
        { id: expect.any(String), role: "VICTIM", ...gone },
      ]);
      const raw = await h.dataSource.query(
        `SELECT "role", "name", "date_of_birth", "email", "phone", "address", "needs", "erased_at" IS NOT NULL AS "erased" FROM "case_contact" WHERE "case_id" = $1 ORDER BY "created_at", "id"`,
        [databaseId(caseId)],
      );
      const blank = {
        name: null,
        date_of_birth: null,
        email: null,
        phone: null,
        address: null,
        needs: null,
        erased: true,
      };
      expect(raw).toEqual([
        { role: "PARENT_GUARDIAN", ...blank },
        { role: "VICTIM", ...blank },
      ]);
      // And nothing more can be added to the erased, closed case.
      await expectRefused(caseId, { caseId, contact: CHILD }, "TRANSITION_NOT_ALLOWED");
    });
  });
});
