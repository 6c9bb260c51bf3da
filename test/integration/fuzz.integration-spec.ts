import fc from "fast-check";
import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
} from "graphql";
import { Role } from "../../src/domain/security/role.enum";
import { buildAppSchema } from "../../src/graphql/build-schema";
import { createRequestContext } from "../../src/server";
import type { Caller } from "../../src/services/security/identity";
import { CREATE_OFFENDER, type CreateOffenderPayload, offenderInput, referCase } from "../support/api";
import { asSystem, asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// Schema-aware fuzzing: operations for every root Query and Mutation field, with arguments drawn
// from their input types, valid-ish and hostile (NUL characters, unpaired surrogates, huge and
// negative numbers, unknown enum values, long strings, forged ids and cursors, impossible dates,
// nulls where values are required, more bad list items than graphql-js lists). Whatever is sent,
// the answer must never be a 5xx nor INTERNAL_SERVER_ERROR: a client's bad input is its own error.
//
// Replay a failure with FUZZ_SEED=<the seed printed at the start>.

const SEED = Number(process.env.FUZZ_SEED ?? 13_052_026);
/** Per root type and per engine: 2 × 1,000 = 2,000 requests per run per engine. */
const RUNS_PER_ROOT_TYPE = 1_000;

const CALLERS: Record<string, TestCaller> = {
  broad: asUser("fuzz.broad", [Role.VLO, Role.MANAGER, Role.ADMIN, Role.AUDITOR]),
  analyst: asUser("fuzz.analyst", [Role.ANALYST], null),
  feed: asSystem("fuzz-feed", [Role.CUSTODY_FEED]),
};

const FEED_FIELDS = new Set(["createOffender", "recordCustodyEvent"]);

interface Request {
  field: string;
  query: string;
  variables: Record<string, unknown>;
  caller: keyof typeof CALLERS;
}

const NUL_TEXT = ["\u0000", "a\u0000b", "Ann\u0000Smith", "\u0000\u0000"];
const ODD_TEXT = [
  "",
  " ",
  "\ud800",
  "x\udc00y",
  "'; DROP TABLE victim_case; --",
  "%_\\",
  "Zoë 😀 O'Brien",
  "\u202e\u200b",
  "null",
  "2026-13-45",
  "n".repeat(5_000),
];
const BAD_IDS = [
  "",
  "not-an-id",
  "VmljdGltQ2FzZTpub3QtYS11dWlk", // "VictimCase:not-a-uuid"
  Buffer.from("VictimCase:00000000-0000-0000-0000-000000000000").toString("base64url"),
  Buffer.from("Offender:").toString("base64url"),
  Buffer.from("Nope:1").toString("base64url"),
  Buffer.from("VictimCase:\u0000").toString("base64url"),
  "%%%",
  "=".repeat(50),
];
const BAD_CURSORS = [
  "",
  "bm90IGpzb24=",
  Buffer.from(JSON.stringify({ id: "x", key: [null] })).toString("base64url"),
  Buffer.from('{"o":"REFERENCE","k":["\\u0000"]}').toString("base64url"),
  Buffer.from(JSON.stringify([1e308, -1, "💥"])).toString("base64url"),
  "A".repeat(2_000),
];
const DATES = [
  "2026-01-10",
  "2024-02-29",
  "1900-01-01",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31",
  "10000-01-01",
  "26-1-1",
];
const DATE_TIMES = [
  "2026-01-10T12:00:00Z",
  "2026-01-10T12:00:00.123+01:00",
  "1970-01-01T00:00:00Z",
  "2026-01-10",
  "2026-01-10T25:61:61Z",
  "+275760-09-13T00:00:00Z",
  "9999-12-31T23:59:59Z",
];

function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 2, arbitrary: fc.constantFrom(...NUL_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
    },
  );
}

// Plausible text for a clean request: names, emails, postcodes, phone numbers, identifiers.
const PLAUSIBLE_TEXT = [
  "Jane Doe",
  "jane.doe@example.org",
  "SW1A 1AA",
  "07700 900123",
  "A1234BC",
  "X123456",
  "Victim asked for letters only",
  "CASE_WORK",
];

/** A clean request's scalar: the right kind, mostly plausible, so it gets past validation to the resolvers. */
function cleanScalar(name: string, ids: string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case "ID":
      return fc.constantFrom(...ids);
    case "Int":
      return fc.integer({ min: 0, max: 60 });
    case "Float":
      return fc.double({ min: 0, max: 100, noNaN: true });
    case "Boolean":
      return fc.boolean();
    case "Date":
      return fc.constantFrom("2026-01-10", "2025-06-30", "2024-02-29", "1980-05-17");
    case "DateTime":
      return fc.constantFrom("2026-01-10T12:00:00Z", "2025-06-30T08:30:00.000Z");
    default:
      return fc.oneof(fc.constantFrom(...PLAUSIBLE_TEXT), fc.string({ minLength: 1, maxLength: 20 }));
  }
}

function scalarValue(name: string, ids: string[], clean: boolean): fc.Arbitrary<unknown> {
  if (clean) return cleanScalar(name, ids);
  const wrongKind = fc.constantFrom<unknown>(true, 42, -1.5, {}, [], "x");
  switch (name) {
    case "ID":
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ids) },
        { weight: 2, arbitrary: fc.constantFrom(...BAD_IDS) },
        { weight: 2, arbitrary: hostileText() },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((text) => Buffer.from(text).toString("base64url")) },
        { weight: 1, arbitrary: fc.integer() },
      );
    case "Int":
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -5, max: 120 }) },
        { weight: 2, arbitrary: fc.constantFrom(0, -1, 100, 101, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, -1e21) },
        { weight: 1, arbitrary: fc.integer() },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(1.5, "10", NaN) },
      );
    case "Float":
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom<unknown>(1e308, -0, "1.5"));
    case "Boolean":
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrongKind });
    case "Date":
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...DATES) },
        { weight: 1, arbitrary: hostileText() },
        { weight: 1, arbitrary: wrongKind },
      );
    case "DateTime":
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...DATE_TIMES) },
        { weight: 1, arbitrary: fc.date().map((date) => (Number.isNaN(date.getTime()) ? "x" : date.toISOString())) },
        { weight: 1, arbitrary: hostileText() },
        { weight: 1, arbitrary: wrongKind },
      );
    default:
      // String and any other scalar: text, cursors and the odd wrong kind.
      return fc.oneof(
        { weight: 6, arbitrary: hostileText() },
        { weight: 2, arbitrary: fc.constantFrom(...BAD_CURSORS) },
        { weight: 1, arbitrary: wrongKind },
      );
  }
}

/** A value for `type`: mostly the right shape, sometimes the wrong one. */
function inputValue(type: GraphQLInputType, ids: string[], depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (isNonNullType(type))
    return clean
      ? nonNullValue(type.ofType, ids, depth, clean)
      : fc.oneof(
          { weight: 12, arbitrary: nonNullValue(type.ofType, ids, depth, clean) },
          { weight: 1, arbitrary: fc.constant(null) },
        );
  return fc.oneof(
    { weight: 8, arbitrary: nonNullValue(type, ids, depth, clean) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function nonNullValue(type: GraphQLInputType, ids: string[], depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = inputValue(type.ofType, ids, depth + 1, clean);
    if (clean) return fc.array(item, { minLength: 1, maxLength: 3 });
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) },
      // More invalid items than graphql-js lists before it gives up.
      { weight: 1, arbitrary: fc.constant(Array.from({ length: 60 }, (_, index) => ({ bad: index }))) },
      { weight: 1, arbitrary: item },
    );
  }
  if (isEnumType(type)) {
    const names = type.getValues().map((value) => value.name);
    if (clean) return fc.constantFrom(...names);
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...names) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("NOT_A_VALUE", "", names[0].toLowerCase(), 1) },
      { weight: 1, arbitrary: hostileText() },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const entries = fields.map((field) => {
      const entry = inputValue(field.type, ids, depth + 1, clean).map((value) => [field.name, value] as const);
      if (isNonNullType(field.type))
        return clean ? entry : fc.oneof({ weight: 12, arbitrary: entry }, { weight: 1, arbitrary: fc.constant(null) });
      return fc.option(entry, { freq: clean ? 3 : 2 });
    });
    return fc.tuple(fc.tuple(...entries), fc.boolean(), fc.nat(20)).map(([chosen, addUnknown, roll]) => {
      const object: Record<string, unknown> = {};
      for (const entry of chosen) if (entry) object[entry[0]] = entry[1];
      if (!clean && addUnknown && roll === 0) object.notAField = "x";
      return object;
    });
  }
  if (isScalarType(type)) return scalarValue(type.name, ids, clean);
  return fc.constant(null);
}

/** A small selection: the scalar fields of the return type, `totalCount` of a connection, a payload's userErrors. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return "";
  if (isUnionType(type)) return "{ __typename }";
  const object = type as GraphQLObjectType;
  const fields = object.getFields();
  if (fields.totalCount) return "{ totalCount pageInfo { hasNextPage endCursor } }";
  const leaves = Object.values(fields)
    .filter((candidate) => isLeafType(getNamedType(candidate.type)))
    .filter((candidate) => candidate.args.every((argument) => !isNonNullType(argument.type)))
    .map((candidate) => candidate.name);
  if (fields.userErrors) leaves.push("userErrors { code field message }");
  if (isInterfaceType(type)) leaves.push("__typename");
  return `{ ${leaves.length > 0 ? leaves.join(" ") : "__typename"} }`;
}

function requestsFor(
  schema: GraphQLSchema,
  root: "query" | "mutation",
  ids: string[],
  callers: (keyof typeof CALLERS)[],
): fc.Arbitrary<Request> {
  const rootType = root === "query" ? schema.getQueryType()! : schema.getMutationType()!;
  // Half the requests are clean (plausible values of the right kinds, as the broad caller mostly),
  // to reach the resolvers and the database; the other half are hostile.
  const perField = Object.values(rootType.getFields()).flatMap((field) =>
    [true, false].map((clean) => {
      const args = field.args.map((argument) =>
        (clean && isNonNullType(argument.type)
          ? inputValue(argument.type, ids, 0, clean)
          : fc.option(inputValue(argument.type, ids, 0, clean), { freq: clean ? 2 : 5, nil: undefined })
        ).map((value) => ({ argument, value })),
      );
      // The custody feed's own mutations are a system's; everything else the broad user's.
      const preferred = FEED_FIELDS.has(field.name) ? "feed" : callers[0];
      const caller = clean
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constant(preferred) },
            { weight: 1, arbitrary: fc.constantFrom(...callers) },
          )
        : fc.constantFrom(...callers);
      return fc.tuple(fc.tuple(...args), caller).map(([chosen, caller]): Request => {
        const given = chosen.filter((entry) => entry.value !== undefined || isNonNullType(entry.argument.type));
        const definitions = given.map(({ argument }) => `$${argument.name}: ${String(argument.type)}`);
        const argumentList = given.map(({ argument }) => `${argument.name}: $${argument.name}`);
        const variables = Object.fromEntries(
          given.filter((entry) => entry.value !== undefined).map((entry) => [entry.argument.name, entry.value]),
        );
        const query =
          `${root} Fuzz${definitions.length ? `(${definitions.join(", ")})` : ""} ` +
          `{ ${field.name}${argumentList.length ? `(${argumentList.join(", ")})` : ""} ${selectionFor(field)} }`;
        return { field: field.name, query, variables, caller };
      });
    }),
  );
  return fc.oneof(...perField);
}

describe.each(ENGINES)("fuzzing every root field (%s)", (engine) => {
  let h: Harness;
  let schema: GraphQLSchema;
  let ids: string[];
  const callers = new Map<string, Caller>();
  beforeAll(async () => {
    console.log(`fuzz (${engine}): seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    h = await startHarness(engine);
    schema = await buildAppSchema();
    // Real ids to aim at, so requests get past "not found" now and then.
    const created = await h.run<{ createOffender: CreateOffenderPayload }>(
      CREATE_OFFENDER,
      { input: offenderInput() },
      CALLERS.feed,
    );
    const offenderId = created.data!.createOffender.offender!.id;
    const victimCase = await referCase(h, offenderId);
    const contacts = await h.run<{ victimCase: { contacts: { id: string }[] } }>(
      `query ($id: ID!) { victimCase(id: $id) { contacts { id } } }`,
      { id: victimCase.id },
    );
    ids = [offenderId, victimCase.id, ...contacts.data!.victimCase.contacts.map((contact) => contact.id)];
    // Registers each user as an officer (the harness does it on first use).
    for (const [name, as] of Object.entries(CALLERS)) {
      await h.run(`{ __typename }`, {}, as);
      if (typeof as !== "string") callers.set(name, as.caller);
    }
  });
  afterAll(() => h.close());

  const seen = new Set<string>();
  const answers = new Map<string, number>();

  async function send(request: Request): Promise<void> {
    seen.add(request.field);
    const contextValue = await createRequestContext(h.dataSource, callers.get(request.caller)!);
    const response = await h.server.executeOperation(
      { query: request.query, variables: request.variables },
      { contextValue },
    );
    const status = response.http.status ?? 200;
    const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
    const codes = errors.length === 0 ? ["OK"] : [...new Set(errors.map((error) => String(error.extensions?.code)))];
    for (const code of codes) answers.set(code, (answers.get(code) ?? 0) + 1);
    const internal = errors.filter((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR");
    if (status >= 500 || internal.length > 0) {
      const shown = JSON.stringify({ ...request, variables: request.variables }).slice(0, 2_000);
      throw new Error(`answered ${status} ${JSON.stringify(errors).slice(0, 1_000)} to ${shown}`);
    }
  }

  it.each(["query", "mutation"] as const)(
    `should answer ${RUNS_PER_ROOT_TYPE} generated %s requests without a 5xx or INTERNAL_SERVER_ERROR`,
    async (root) => {
      const rootType = root === "query" ? schema.getQueryType()! : schema.getMutationType()!;
      const allowed: (keyof typeof CALLERS)[] = ["broad", "analyst", "feed"];
      const started = performance.now();
      await fc.assert(fc.asyncProperty(requestsFor(schema, root, ids, allowed), send), {
        seed: SEED,
        numRuns: RUNS_PER_ROOT_TYPE,
        endOnFailure: true,
      });
      console.log(
        `fuzz (${engine}): ${RUNS_PER_ROOT_TYPE} ${root} requests in ${Math.round(performance.now() - started)} ms; ` +
          `answers so far by code: ${JSON.stringify(Object.fromEntries(answers))}`,
      );
      const missed = Object.keys(rootType.getFields()).filter((name) => !seen.has(name));
      expect(missed).toEqual([]);
    },
    300_000,
  );
});
