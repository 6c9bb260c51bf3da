import { createOffender, getCase, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

describe.each(ENGINES)("personal data at rest (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  const contact = {
    role: "VICTIM",
    name: "Persephone Quill",
    dateOfBirth: "1975-04-03",
    email: "persephone.quill@example.org",
    phone: "07700 900456",
    address: { line1: "17 Lantern Mews", line2: "Upper Flat", town: "Oxbridge", postcode: "OX4 1AB" },
    needs: { interpreterLanguage: "Welsh", accessibility: "Large print" },
  };

  it("should store no contact detail in plain text, and give every one back through the API", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id, { contact });

    const [raw] = (await h.dataSource.query(
      `SELECT "name", "date_of_birth", "email", "phone", "address", "needs" FROM "case_contact" c JOIN "victim_case" v ON v."id" = c."case_id" WHERE v."reference" = $1`,
      [(await getCase(h, victimCase.id))!.reference],
    )) as Record<string, string>[];
    const stored = JSON.stringify(raw);
    for (const secret of [
      "Persephone",
      "Quill",
      "1975-04-03",
      "persephone.quill",
      "900456",
      "Lantern",
      "OX4",
      "Oxbridge",
      "Welsh",
      "Large print",
    ]) {
      expect(stored).not.toContain(secret);
    }
    for (const value of Object.values(raw)) expect(value).toMatch(/^v1\.[0-9a-f]{8}\./);

    const read = await h.run<{ victimCase: { contacts: Record<string, unknown>[] } | null }>(
      `query ($id: ID!) { victimCase(id: $id) { contacts { name dateOfBirth email phone address { line1 line2 town postcode } needs { interpreterLanguage accessibility } } } }`,
      { id: victimCase.id },
    );
    expect(read.data!.victimCase!.contacts).toEqual(
      [{ ...contact, role: undefined }].map(({ role: _role, ...rest }) => rest),
    );
  });

  it("should seal the same value differently each time, so equal values cannot be matched in the table", async () => {
    const offender = await createOffender(h);
    await referCase(h, offender.id, { contact: { ...contact, name: "Same Name" } });
    // The same details twice on purpose: the referrer confirms it is not a duplicate.
    await referCase(h, offender.id, {
      contact: { ...contact, name: "Same Name" },
      confirmNotDuplicate: true,
      notDuplicateReason: "Two people with the same details.",
    });
    const rows = (await h.dataSource.query(
      `SELECT c."name" FROM "case_contact" c ORDER BY c."created_at" DESC, c."id" LIMIT 2`,
    )) as { name: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[0].name).not.toBe(rows[1].name);
  });
});
