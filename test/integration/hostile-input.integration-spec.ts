import type { GraphQLFormattedError } from "graphql";
import { Role } from "../../src/domain/security/role.enum";
import { createLogger } from "../../src/services/platform/logger";
import { contactInput, CREATE_OFFENDER, type CreateOffenderPayload, offenderInput, REFER } from "../support/api";
import { asSystem, asUser, ENGINES, startHarness, type GraphQLResult, type Harness } from "../support/harness";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed, type HttpTestServer } from "../support/http-test-server";

// Input a client can send that the database cannot store (a NUL character, half a surrogate pair),
// and variables with more bad values than graphql-js will list: each is the client's mistake, so
// BAD_USER_INPUT before anything runs, and never an error-level log line.

const CUSTODY_FEED = asSystem("custody-feed", [Role.CUSTODY_FEED]);
const AUDITOR = asUser("audrey.auditor", [Role.AUDITOR], null);
const ACCESS_LOG = `query ($filter: AccessLogFilter) { accessLog(filter: $filter, first: 5) { totalCount } }`;
const BY_STATUS = `query ($status: [CaseStatus!]) { victimCases(filter: { status: $status }) { totalCount } }`;

describe.each(ENGINES)("hostile input (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    const created = await h.run<{ createOffender: CreateOffenderPayload }>(
      CREATE_OFFENDER,
      { input: offenderInput() },
      CUSTODY_FEED,
    );
    offenderId = created.data!.createOffender.offender!.id;
  });
  afterAll(() => h.close());

  const errorLogLines = () => h.logLines.map((line) => JSON.parse(line)).filter((line) => line.level === "error");

  async function caseCount(): Promise<number> {
    return (await h.dataSource.query(`SELECT count(*)::int AS n FROM "victim_case"`))[0].n;
  }

  function expectRefused(result: GraphQLResult, ...mentions: string[]): GraphQLFormattedError {
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    for (const mention of mentions) expect(error.message).toContain(mention);
    return error;
  }

  it.each([
    ["discretionaryReason", { discretionaryReason: "because\u0000" }, "input.discretionaryReason"],
    ["the contact's name", { contact: contactInput({ name: "Ann\u0000Smith" }) }, "input.contact.name"],
  ])(
    "should refuse a NUL character in %s in variables naming the field, and write nothing",
    async (_label, overrides, path) => {
      const before = await caseCount();
      const errorsBefore = errorLogLines().length;
      const result = await h.run(REFER, {
        input: {
          offenderId,
          referredOn: "2026-01-10",
          contact: contactInput(),
          route: "DISCRETIONARY",
          discretionaryGround: "OTHER",
          ...overrides,
        },
      });
      expectRefused(result, path, "must not contain a NUL character");
      expect(await caseCount()).toBe(before);
      expect(errorLogLines()).toHaveLength(errorsBefore);
    },
  );

  it("should refuse a NUL character in an offender's details (createOffender)", async () => {
    const result = await h.run(CREATE_OFFENDER, { input: offenderInput({ name: "Joe\u0000Bloggs" }) }, CUSTODY_FEED);
    expectRefused(result, "input.name", "must not contain a NUL character");
  });

  it("should refuse a NUL character in accessLog(filter.actor), in variables and as a literal", async () => {
    expectRefused(
      await h.run(ACCESS_LOG, { filter: { actor: "someone\u0000" } }, AUDITOR),
      "filter.actor",
      "must not contain a NUL character",
    );
    expectRefused(
      await h.run(`{ accessLog(filter: { actor: "x\\u0000y" }, first: 5) { totalCount } }`, {}, AUDITOR),
      `"accessLog"`,
      "filter.actor",
      "must not contain a NUL character",
    );
  });

  it("should refuse a NUL character in an ID and in a list of ids", async () => {
    expectRefused(await h.run(`query ($id: ID!) { node(id: $id) { id } }`, { id: "abc\u0000" }), "$id");
    expectRefused(
      await h.run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["a", "b\u0000"] }),
      "$ids[1]",
      "must not contain a NUL character",
    );
  });

  it("should refuse an unpaired surrogate, which PostgreSQL's UTF-8 cannot hold", async () => {
    expectRefused(
      await h.run(`query ($filter: OffenderFilter) { offenders(filter: $filter) { totalCount } }`, {
        filter: { name: "abc\ud800" },
      }),
      "filter.name",
      "unpaired surrogate",
    );
  });

  it("should still accept ordinary text, accents and emoji included", async () => {
    const result = await h.run(`query ($filter: OffenderFilter) { offenders(filter: $filter) { totalCount } }`, {
      filter: { name: "Zoë 😀 O'Brien" },
    });
    expect(result.errors).toBeUndefined();
  });

  it("should answer more than 50 bad list items in variables as one BAD_USER_INPUT, logged below error level", async () => {
    const errorsBefore = errorLogLines().length;
    const result = await h.run(BY_STATUS, {
      status: Array.from({ length: 60 }, (_, index) => `NOT_A_STATUS_${index}`),
    });
    expect(result.data ?? null).toBeNull();
    expect(result.errors!.length).toBeGreaterThan(0);
    for (const error of result.errors!) expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors!.map((error) => error.message).join(" ")).toContain("$status");
    expect(errorLogLines()).toHaveLength(errorsBefore);
  });
});

describe("hostile input over HTTP", () => {
  let bed: HttpTestBed;
  let server: HttpTestServer;
  let token: string;
  const lines: string[] = [];
  beforeAll(async () => {
    bed = await startHttpTestBed();
    server = await bed.listen({ logger: createLogger("debug", (line) => lines.push(line)) });
    token = await bed.tokenFor("alice.vlo");
  });
  afterAll(() => bed.close());

  async function post(query: string, variables: Record<string, unknown>): Promise<[number, GraphQLBody]> {
    const response = await fetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return [response.status, (await response.json()) as GraphQLBody];
  }

  it.each([
    ["a NUL character", `query ($id: ID!) { victimCase(id: $id) { id } }`, { id: "\u0000" }],
    ["60 bad enum values", BY_STATUS, { status: Array.from({ length: 60 }, () => "NOPE") }],
  ])("should answer %s with 400 BAD_USER_INPUT and no error-level log line", async (_label, query, variables) => {
    lines.length = 0;
    const [status, body] = await post(query, variables);
    expect(status).toBe(400);
    for (const error of body.errors!) {
      expect(error.extensions.code).toBe("BAD_USER_INPUT");
      expect(error.extensions.correlationId).toEqual(expect.any(String));
    }
    // The request line is written when the response closes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.filter((line) => line.level === "error")).toEqual([]);
    expect(logged.some((line) => line.message === "request" || line.msg === "request")).toBe(true);
  });
});
