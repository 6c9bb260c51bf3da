import { createOffender, getCase, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

describe.each(ENGINES)("unexpected failures (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  it("should answer INTERNAL_SERVER_ERROR with a correlation id and no SQL, stack or message, write nothing, and log the cause under that id", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id, {
      contact: { role: "VICTIM", name: "Secret Person", email: "secret.person@example.org" },
    });
    // Break the history table so the pipeline fails half-way through its transaction.
    await (await h.owner()).query(`ALTER TABLE "case_transition" RENAME TO "case_transition_broken"`);
    try {
      const result = await h.run(
        `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { id } userErrors { code } } }`,
        {
          input: { caseId: victimCase.id, channel: "EMAIL" },
        },
      );

      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error.message).toBe("Internal server error");
      expect(error.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.extensions?.correlationId).toEqual(expect.any(String));
      const response = JSON.stringify(result);
      for (const leak of [
        "case_transition",
        "INSERT",
        "SELECT",
        "does not exist",
        "QueryFailedError",
        "at ",
        ".ts:",
        "Secret",
        "secret.person",
      ])
        expect(response).not.toContain(leak);

      const logged = h.logLines
        .map((line) => JSON.parse(line))
        .filter((line) => line.correlationId === error.extensions?.correlationId);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: "error", errorClass: "QueryFailedError", databaseCode: "42P01" });
      expect(JSON.stringify(logged)).not.toMatch(/INSERT|Secret|secret\.person/);
      // No stack trace reaches a log: not even its frames.
      expect(JSON.stringify(logged)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
    } finally {
      await (await h.owner()).query(`ALTER TABLE "case_transition_broken" RENAME TO "case_transition"`);
    }
    const after = (await getCase(h, victimCase.id))!;
    expect(after.status).toBe("REFERRED");
    expect(after.version).toBe(1);
  });
});
