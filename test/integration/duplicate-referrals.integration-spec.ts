import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { CLOSE_CASE, contactInput, createOffender, mutate, REFER, referCase, type CasePayload } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// The same victim referred twice on one offender is caught (issue 12 §3): by name and date of
// birth, email or phone, matched on keyed blind indexes, never by decrypting the contacts.

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
const REFER_WITH_REFERENCE = `mutation ($input: ReferVictimCaseInput!) {
  referVictimCase(input: $input) { victimCase { id reference history(first: 10) { nodes { event } } } userErrors { code message field } }
}`;
const LONDON_VLO = asUser("duplicates.london.vlo", [Role.VLO], Region.LONDON);

interface ReferPayload {
  victimCase: { id: string; reference: string } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
}

describe.each(ENGINES)("duplicate referrals (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function refer(
    offenderId: string,
    contact: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    as?: TestCaller,
  ) {
    const result = await h.run<{ referVictimCase: ReferPayload }>(
      REFER_WITH_REFERENCE,
      { input: { offenderId, referredOn: "2026-01-10", contact, ...extra } },
      as,
    );
    return result;
  }

  async function casesOf(offenderId: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "victim_case" WHERE "offender_id" = $1`, [
      databaseId(offenderId),
    ]);
    return row.n;
  }

  /** A first referral of a victim; the second must be refused naming the first, and write nothing. */
  async function expectDuplicate(first: Record<string, unknown>, second: Record<string, unknown>, matchedBy: string) {
    const offender = await createOffender(h);
    const existing = (await refer(offender.id, first)).data!.referVictimCase.victimCase!;
    const logged = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "access_log"`);

    const refused = (await refer(offender.id, second)).data!.referVictimCase;

    expect(refused.victimCase).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        code: "DUPLICATE_REFERRAL",
        message: expect.stringContaining(`case ${existing.reference} (${matchedBy})`),
        field: ["input", "contact"],
      },
    ]);
    expect(await casesOf(offender.id)).toBe(1);
    expect(await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "access_log"`)).toEqual(logged);
  }

  it("should refuse the same name and date of birth, whatever the spacing, case or accents", async () => {
    const first = contactInput({ name: "Zoë Ann-Marie O'Neill", dateOfBirth: "1984-02-29" });
    const second = contactInput({ name: "  zoe ann marie oneill ", dateOfBirth: "1984-02-29" });
    await expectDuplicate(first, second, "the same name and date of birth");
  });

  it("should refuse the same email address in another case, and the same phone number written another way", async () => {
    const first = contactInput({ name: "First Person" });
    await expectDuplicate(
      first,
      contactInput({ name: "Other Name", email: String(first.email).toUpperCase() }),
      "the same email address",
    );
    const byPhone = contactInput({ name: "Third Person", phone: "07700 911222" });
    await expectDuplicate(
      byPhone,
      contactInput({ name: "Fourth Person", phone: "+44 7700 911 222" }),
      "the same telephone number",
    );
  });

  it("should not name a case the caller may not see", async () => {
    const offender = await createOffender(h);
    const contact = contactInput();
    const existing = (await refer(offender.id, contact)).data!.referVictimCase.victimCase!;

    const refused = (await refer(offender.id, contact, {}, LONDON_VLO)).data!.referVictimCase;

    expect(refused.userErrors[0].code).toBe("DUPLICATE_REFERRAL");
    expect(refused.userErrors[0].message).toContain("a case in another region");
    expect(refused.userErrors[0].message).not.toContain(existing.reference);
  });

  it("should refer a different person with the same details when the referrer confirms it, keeping the reason as the referral's sealed note", async () => {
    const offender = await createOffender(h);
    const contact = contactInput({ name: "Twin Sister", dateOfBirth: "1990-05-05" });
    await refer(offender.id, contact);
    const reason = "Twin sisters: same date of birth, different people.";

    const confirmed = (
      await refer(offender.id, contactInput({ name: "Twin Sister", dateOfBirth: "1990-05-05" }), {
        confirmNotDuplicate: true,
        notDuplicateReason: reason,
      })
    ).data!.referVictimCase;

    expect(confirmed.userErrors).toEqual([]);
    const [history] = await h.dataSource.query(
      `SELECT "payload" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'REFERRED'`,
      [databaseId(confirmed.victimCase!.id)],
    );
    expect(history.payload).toMatchObject({ notDuplicate: true });
    expect(JSON.stringify(history.payload)).not.toContain("Twin");
    const read = await h.run<{ victimCase: { history: { nodes: { event: string; note: string | null }[] } } }>(
      `query ($id: ID!) { victimCase(id: $id) { history(first: 1) { nodes { event note } } } }`,
      { id: confirmed.victimCase!.id },
    );
    expect(read.data!.victimCase.history.nodes).toEqual([{ event: "REFERRED", note: reason }]);
    expect(await casesOf(offender.id)).toBe(2);
  });

  it("should refuse confirmNotDuplicate without a reason, and a reason without it, as BAD_USER_INPUT", async () => {
    const offender = await createOffender(h);
    for (const [extra, field] of [
      [{ confirmNotDuplicate: true }, "notDuplicateReason"],
      [{ confirmNotDuplicate: true, notDuplicateReason: "" }, "notDuplicateReason"],
      [{ notDuplicateReason: "a reason" }, "notDuplicateReason"],
    ] as const) {
      const result = await refer(offender.id, contactInput(), extra);
      expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      expect((result.errors![0].extensions!.fields as { field: string[] }[]).map((entry) => entry.field)).toEqual([
        ["input", field],
      ]);
    }
    expect(await casesOf(offender.id)).toBe(0);
  });

  it("should accept the same victim on another offender, or again once the first case is closed", async () => {
    const first = await createOffender(h);
    const second = await createOffender(h);
    const contact = contactInput();
    const closing = await referCase(h, first.id, { contact });

    expect((await refer(second.id, contact)).data!.referVictimCase.userErrors).toEqual([]);
    await mutate(h, CLOSE_CASE, { caseId: closing.id, reason: "OTHER" });
    expect(
      (await mutate<CasePayload>(h, REFER, { offenderId: first.id, referredOn: "2026-01-10", contact })).userErrors,
    ).toEqual([]);
  });

  it("should store only keyed indexes beside the sealed details, never the normalised values", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id, {
      contact: contactInput({
        email: "plain.index.check@example.org",
        address: { line1: "1 Road", town: "Leeds", postcode: "LS6 2AB" },
      }),
    });
    const [row] = await h.dataSource.query(
      `SELECT "name_index", "identity_index", "email_index", "phone_index", "postcode_index" FROM "case_contact" WHERE "case_id" = $1`,
      [databaseId(victimCase.id)],
    );
    for (const value of Object.values(row)) expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toMatch(/plain|LS62AB|zephyrine/i);
  });
});
