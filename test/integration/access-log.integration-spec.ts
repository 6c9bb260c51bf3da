import { CANARY_NAME } from "../support/canary";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { contactInput, createOffender, mutate, REFER, referCase, SEND_INVITATION } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

const AUDITOR = asUser("audrey.auditor", [Role.AUDITOR], null);
const ANALYST = asUser("ann.analyst", [Role.ANALYST], null);

const READ_CONTACTS = `query ($id: ID!) { victimCase(id: $id) { reference contacts { role name email address { postcode } } } }`;
const ACCESS_LOG = `query ($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { sequence actor roles action operation caseId fields purpose correlationId occurredAt }
  }
}`;

/** An access-log row as ACCESS_LOG reads it. */
interface AccessLogRow {
  sequence: string;
  actor: string;
  roles: string[];
  action: string;
  operation: string;
  caseId: string | null;
  fields: string[];
  purpose: string;
  correlationId: string;
  occurredAt: string;
}
interface AccessLogResult {
  accessLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: AccessLogRow[];
  };
}
/** READ_CONTACTS. */
interface ContactsResult {
  victimCase: {
    reference: string;
    contacts: { role: string; name: string | null; email: string | null; address: { postcode: string } | null }[];
  } | null;
}

// Data Protection Act 2018 s.62: every consultation and change of personal data is on record.
describe.each(ENGINES)("access log (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function logRows(caseId?: string): Promise<AccessLogRow[]> {
    const result = await h.run<AccessLogResult>(
      ACCESS_LOG,
      { filter: caseId ? { caseId } : null, first: 100 },
      AUDITOR,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.accessLog.nodes;
  }

  it("should log a read of contact details with the fields asked for, the operation and the purpose, before answering", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const before = (await logRows(victimCase.id)).length;

    const result = await h.run<ContactsResult>(READ_CONTACTS, { id: victimCase.id }, "reader.vlo");

    expect(result.data!.victimCase!.contacts[0].name).toBe(CANARY_NAME);
    const rows = await logRows(victimCase.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({
      actor: "reader.vlo",
      action: "READ",
      operation: "victimCase",
      caseId: victimCase.id,
      fields: ["address", "email", "name"],
      purpose: "CASE_WORK",
    });
    expect(rows[0].correlationId).toEqual(expect.any(String));
  });

  it("should log nothing when no personal field is asked for, or when the caller may not read them", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const before = (await logRows(victimCase.id)).length;

    await h.run(`query ($id: ID!) { victimCase(id: $id) { contacts { role } } }`, { id: victimCase.id });
    const denied = await h.run(READ_CONTACTS, { id: victimCase.id }, ANALYST);

    expect(denied.errors!.every((error) => error.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(JSON.stringify(denied.data)).not.toContain("Vicky");
    expect(await logRows(victimCase.id)).toHaveLength(before);
  });

  it("should log one row per case when a list shows contact details, and reads through node(id) too", async () => {
    const offender = await createOffender(h);
    const first = await referCase(h, offender.id);
    await referCase(h, offender.id);
    const list = await h.run<{
      offender: { victimCases: { nodes: { id: string; contacts: { id: string; phone: string | null }[] }[] } } | null;
    }>(
      `query ($id: ID!) { offender(id: $id) { victimCases(first: 10) { nodes { id contacts { id phone } } } } }`,
      { id: offender.id },
      "lister.vlo",
    );
    const contactId = list.data!.offender!.victimCases.nodes[0].contacts[0].id;
    await h.run(
      `query ($id: ID!) { node(id: $id) { ... on CaseContact { dateOfBirth } } }`,
      { id: contactId },
      "lister.vlo",
    );

    const rows = (await logRows()).filter((row) => row.actor === "lister.vlo");
    expect(rows.filter((row) => row.operation === "offender")).toHaveLength(2);
    expect(rows.find((row) => row.operation === "node")).toMatchObject({ caseId: first.id, fields: ["dateOfBirth"] });
  });

  it("should withhold the data when its read cannot be logged", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id, { contact: contactInput({ name: "Withheld Whitlock" }) });
    await (await h.owner()).query(`ALTER TABLE "access_log" RENAME TO "access_log_unavailable"`);
    try {
      const result = await h.run(READ_CONTACTS, { id: victimCase.id });
      expect(result.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(result)).not.toContain("Withheld");
    } finally {
      await (await h.owner()).query(`ALTER TABLE "access_log_unavailable" RENAME TO "access_log"`);
    }
  });

  it("should log every change with the fields set and never their values", async () => {
    const offender = await createOffender(h);
    const referred = await mutate(h, REFER, {
      offenderId: offender.id,
      referredOn: "2026-01-10",
      contact: contactInput({ name: "Changed Canary", email: "changed.canary@example.org" }),
    });
    const caseId = referred.victimCase!.id;
    await mutate(h, SEND_INVITATION, { caseId, channel: "LETTER", idempotencyKey: "log-invite" });

    const rows = (await logRows(caseId)).filter((row) => row.action === "CHANGE");
    expect(rows.map((row) => row.operation)).toEqual(["sendInvitation", "referVictimCase"]);
    expect(rows[1].fields).toEqual(
      expect.arrayContaining(["contact.name", "contact.email", "offenderId", "referredOn"]),
    );
    expect(rows[0].fields).toEqual(["channel"]);
    const raw = JSON.stringify(await h.dataSource.query(`SELECT * FROM "access_log"`));
    expect(raw).not.toContain("Changed Canary");
    expect(raw).not.toContain("changed.canary");
  });

  it.each([
    ["UPDATE the access log", `UPDATE "access_log" SET "actor" = 'someone else'`],
    ["DELETE from the access log", `DELETE FROM "access_log"`],
    ["TRUNCATE the access log", `TRUNCATE "access_log"`],
    ["UPDATE a case's history", `UPDATE "case_transition" SET "actor" = 'someone else'`],
    ["DELETE a case's history", `DELETE FROM "case_transition"`],
    ["DELETE custody history", `DELETE FROM "custody_event"`],
  ])("should refuse to %s in the database itself", async (_label, sql) => {
    const offender = await createOffender(h);
    await referCase(h, offender.id);
    await h.run(
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
      {
        input: { offenderId: offender.id, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-02-01" },
      },
    );
    // On PostgreSQL the service's role may not even try (no UPDATE, DELETE or TRUNCATE grant);
    // the triggers refuse everyone else, the owner included.
    await expect(h.dataSource.query(sql)).rejects.toThrow(
      h.engine === "postgres" ? /permission denied/ : /append-only/,
    );
    await expect((await h.owner()).query(sql)).rejects.toThrow(/append-only/);
  });

  it("should let auditors filter and page the log, and nobody else read it", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    for (let read = 0; read < 3; read++) await h.run(READ_CONTACTS, { id: victimCase.id }, "pager.vlo");

    const firstPage = await h.run<AccessLogResult>(
      ACCESS_LOG,
      { filter: { actor: "pager.vlo", action: "READ" }, first: 2 },
      AUDITOR,
    );
    const page = firstPage.data!.accessLog;
    const secondPage = (
      await h.run<AccessLogResult>(
        ACCESS_LOG,
        { filter: { actor: "pager.vlo", action: "READ" }, first: 2, after: page.pageInfo.endCursor },
        AUDITOR,
      )
    ).data!.accessLog;
    const denied = await h.run(ACCESS_LOG, { first: 1 }, "pager.vlo");

    expect(page.totalCount).toBe(3);
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(secondPage.nodes).toHaveLength(1);
    expect(Number(page.nodes[0].sequence)).toBeGreaterThan(Number(page.nodes[1].sequence));
    expect(Number(secondPage.nodes[0].sequence)).toBeLessThan(Number(page.nodes[1].sequence));
    expect(denied.errors![0].extensions?.code).toBe("FORBIDDEN");
    expect(denied.data).toBeNull();
  });

  it("should not show another region's contact details through an offender's case list to a caller who reads all cases but personal data only in their own region", async () => {
    const offender = await createOffender(h);
    await referCase(h, offender.id, { contact: contactInput({ name: "London Lark" }) });
    const london = asUser("london.vlo", [Role.VLO], Region.LONDON);
    await h.run(
      REFER,
      {
        input: {
          offenderId: offender.id,
          referredOn: "2026-01-10",
          contact: contactInput({ name: "Far Away Fenwick" }),
        },
      },
      london,
    );
    const mixed = asUser("mixed.vlo", [Role.VLO, Role.ANALYST]);

    const result = await h.run<{
      offender: { victimCases: { nodes: { region: string; contacts: { name: string | null }[] }[] } } | null;
    }>(
      `query ($id: ID!) { offender(id: $id) { victimCases(first: 10) { nodes { region contacts { name } } } } }`,
      { id: offender.id },
      mixed,
    );

    const cases = result.data!.offender!.victimCases.nodes;
    expect(cases.map((victimCase) => victimCase.region).sort()).toEqual(["LONDON", "NORTH_EAST"]);
    expect(cases.find((victimCase) => victimCase.region === "LONDON")!.contacts[0].name).toBeNull();
    expect(cases.find((victimCase) => victimCase.region === "NORTH_EAST")!.contacts[0].name).toBe("London Lark");
    expect(JSON.stringify(result)).not.toContain("Fenwick");
    expect(result.errors!.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
