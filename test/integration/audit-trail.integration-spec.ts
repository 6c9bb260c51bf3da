import { createOffender, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";
import { createLogger } from "../../src/services/platform/logger";
import { fromGlobalId } from "../../src/domain/ids/global-id";

/** The access-log rows of one case, oldest first, as the database holds them. */
interface StoredRow {
  operation: string;
  action: string;
  fields: string[];
  correlation_id: string;
  client_correlation_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Issue 13 §6: the audit trail records what the server decided, not what the client typed.
describe.each(ENGINES)("audit trail (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  /** The READ rows a query writes for the case, as the database holds them. */
  async function readsOf(caseId: string, query: string, variables: Record<string, unknown> = {}) {
    const before = (await rowsOf(caseId)).length;
    const result = await h.run(query, { id: caseId, ...variables }, "audit.vlo");
    expect(result.errors).toBeUndefined();
    return (await rowsOf(caseId)).slice(before).filter((row) => row.action === "READ");
  }

  async function rowsOf(globalId: string): Promise<StoredRow[]> {
    return (await h.dataSource.query(
      `SELECT "operation", "action", "fields", "correlation_id", "client_correlation_id" FROM "access_log" WHERE "case_id" = $1 ORDER BY "sequence"`,
      [fromGlobalId(globalId, "VictimCase")],
    )) as StoredRow[];
  }

  let caseId: string;
  beforeAll(async () => {
    const offender = await createOffender(h);
    caseId = (await referCase(h, offender.id)).id;
  });

  it("should log the schema's root field name, not the client's alias, also when the root field comes through a fragment", async () => {
    const direct = await readsOf(caseId, `query ($id: ID!) { x: victimCase(id: $id) { contacts { name } } }`);
    const spread = await readsOf(
      caseId,
      `query ($id: ID!) { ...Root } fragment Root on Query { y: victimCase(id: $id) { contacts { name } } }`,
    );
    const inline = await readsOf(
      caseId,
      `query ($id: ID!) { ... on Query { z: victimCase(id: $id) { contacts { name } } } }`,
    );
    const node = await readsOf(
      caseId,
      `query ($id: ID!) { n: node(id: $id) { id } w: victimCase(id: $id) { contacts { name } } }`,
    );

    for (const rows of [direct, spread, inline, node]) {
      expect(rows.map((row) => row.operation)).toEqual(["victimCase"]);
      expect(rows[0].fields).toEqual(["name"]);
    }
  });

  it("should not log a field skipped by @skip or left out by @include as read", async () => {
    const skipped = await readsOf(
      caseId,
      `query ($id: ID!) { victimCase(id: $id) { contacts { name email @skip(if: true) } } }`,
    );
    const byVariable = await readsOf(
      caseId,
      `query ($id: ID!, $withEmail: Boolean!) { victimCase(id: $id) { contacts { name email @include(if: $withEmail) phone @skip(if: $withEmail) } } }`,
      { withEmail: false },
    );
    const included = await readsOf(
      caseId,
      `query ($id: ID!, $withEmail: Boolean!) { victimCase(id: $id) { contacts { name email @include(if: $withEmail) } } }`,
      { withEmail: true },
    );
    const noContacts = await readsOf(
      caseId,
      `query ($id: ID!) { victimCase(id: $id) { reference contacts @include(if: false) { name } } }`,
    );
    const skippedFragments = await readsOf(
      caseId,
      `query ($id: ID!) { victimCase(id: $id) { contacts { role ... on CaseContact @skip(if: true) { name } ...Personal @include(if: false) } } }
       fragment Personal on CaseContact { email }`,
    );

    expect(skipped.map((row) => row.fields)).toEqual([["name"]]);
    expect(byVariable.map((row) => row.fields)).toEqual([["name", "phone"]]);
    expect(included.map((row) => row.fields)).toEqual([["email", "name"]]);
    expect(noContacts).toEqual([]);
    expect(skippedFragments).toEqual([]);
  });

  it("should log the field's name under an alias inside, and through fragments and inline fragments", async () => {
    const aliased = await readsOf(caseId, `query ($id: ID!) { victimCase(id: $id) { contacts { n: name e: email } } }`);
    const fragments = await readsOf(
      caseId,
      `query ($id: ID!) { victimCase(id: $id) { contacts { ...Who ... on Node { ... on CaseContact { p: phone } } ... { dateOfBirth } } } }
       fragment Who on CaseContact { name }`,
    );
    const throughNode = await readsOf(caseId, `query ($id: ID!) { victimCase(id: $id) { contacts { id } } }`);

    expect(aliased.map((row) => row.fields)).toEqual([["email", "name"]]);
    expect(fragments.map((row) => row.fields)).toEqual([["dateOfBirth", "name", "phone"]]);
    expect(throughNode).toEqual([]);
  });
});

// The correlation id is the server's own; what a client sends is kept beside it, never in its place.
describe("audit trail: correlation ids over HTTP", () => {
  let bed: HttpTestBed;
  let base: string;
  let token: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    bed = await startHttpTestBed();
    token = await bed.tokenFor("alice.vlo");
    ({ base } = await bed.listen({ logger: createLogger("info", (line) => void logLines.push(line)) }));
  });
  afterAll(() => bed.close());

  const graphql = (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });

  async function aliceCaseId(): Promise<string> {
    const answer = await graphql(`
      {
        victimCases(first: 1) {
          nodes {
            id
          }
        }
      }
    `);
    const body = (await answer.json()) as GraphQLBody<{ victimCases: { nodes: { id: string }[] } }>;
    return body.data!.victimCases.nodes[0].id;
  }

  async function rowsUnder(correlationId: string): Promise<StoredRow[]> {
    return (await bed.dataSource.query(
      `SELECT "operation", "action", "fields", "correlation_id", "client_correlation_id" FROM "access_log" WHERE "correlation_id" = $1`,
      [correlationId],
    )) as StoredRow[];
  }

  async function requestLine(correlationId: string): Promise<Record<string, unknown> | undefined> {
    // The line is written when the response closes, just after the client has it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.message === "request" && entry.correlationId === correlationId);
  }

  it("should answer with a correlation id of its own, and keep the client's beside it in the access log and the request log", async () => {
    const id = await aliceCaseId();
    const answer = await graphql(
      `
        query ($id: ID!) {
          victimCase(id: $id) {
            contacts {
              name
            }
          }
        }
      `,
      { "x-correlation-id": "abc" },
      { id },
    );
    const correlationId = answer.headers.get("x-correlation-id")!;

    expect(answer.status).toBe(200);
    expect(correlationId).toMatch(UUID);
    expect(await rowsUnder(correlationId)).toEqual([
      {
        operation: "victimCase",
        action: "READ",
        fields: ["name"],
        correlation_id: correlationId,
        client_correlation_id: "abc",
      },
    ]);
    expect(await rowsUnder("abc")).toEqual([]);
    expect(await requestLine(correlationId)).toMatchObject({ status: 200, clientCorrelationId: "abc" });
  });

  it("should put its own id on errors even when the client sends a well-formed one", async () => {
    const clientId = "client-chosen-0123456789";
    const answer = await graphql(
      `
        {
          nope
        }
      `,
      { "x-correlation-id": clientId },
    );
    const body = (await answer.json()) as GraphQLBody;
    const correlationId = answer.headers.get("x-correlation-id")!;

    expect(correlationId).toMatch(UUID);
    expect(body.errors![0].extensions.correlationId).toBe(correlationId);
    expect(JSON.stringify(body)).not.toContain(clientId);
    expect(await requestLine(correlationId)).toMatchObject({ clientCorrelationId: clientId });
  });

  it("should keep a client's id bounded in length and printable only", async () => {
    const id = await aliceCaseId();
    const answer = await graphql(
      `
        query ($id: ID!) {
          victimCase(id: $id) {
            contacts {
              email
            }
          }
        }
      `,
      { "x-correlation-id": `  spaced\tid ${"é"}${"x".repeat(200)}` },
      { id },
    );
    const correlationId = answer.headers.get("x-correlation-id")!;
    const [row] = await rowsUnder(correlationId);

    expect(row.client_correlation_id).toMatch(/^[\x20-\x7e]{1,64}$/);
    expect(row.client_correlation_id!.startsWith("spaced")).toBe(true);
    const withoutHeader = await graphql(
      `
        query ($id: ID!) {
          victimCase(id: $id) {
            contacts {
              email
            }
          }
        }
      `,
      {},
      { id },
    );
    const [plain] = await rowsUnder(withoutHeader.headers.get("x-correlation-id")!);
    expect(plain.client_correlation_id).toBeNull();
  });

  it("should show auditors the client's id beside the server's", async () => {
    const id = await aliceCaseId();
    const read = await graphql(
      `
        query ($id: ID!) {
          victimCase(id: $id) {
            contacts {
              phone
            }
          }
        }
      `,
      { "x-correlation-id": "trace-77" },
      { id },
    );
    const correlationId = read.headers.get("x-correlation-id")!;
    const auditor = await bed.tokenFor("audrey.auditor");
    const answer = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${auditor}` },
      body: JSON.stringify({
        query: `{ accessLog(first: 100) { nodes { correlationId clientCorrelationId operation } } }`,
      }),
    });
    const body = (await answer.json()) as GraphQLBody<{
      accessLog: { nodes: { correlationId: string; clientCorrelationId: string | null; operation: string }[] };
    }>;

    expect(body.errors).toBeUndefined();
    expect(body.data!.accessLog.nodes.find((node) => node.correlationId === correlationId)).toEqual({
      correlationId,
      clientCorrelationId: "trace-77",
      operation: "victimCase",
    });
  });
});
