import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_OFFICERS, loadDemoData } from "../../src/services/platform/demo-data";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";
import {
  isReference,
  OPERATIONS_FOLDER,
  readExampleOperations,
  runExample,
  type ExampleOperation,
} from "../support/example-operations";

// docs/operations: every example operation runs against the demo data as its demo user, without an
// error or a userError, queries first and then mutations (each on its own case, its ids found by
// the queries it refers to). A file added to the folder is run without editing this spec.
const examples = readExampleOperations();
const byName = new Map(examples.map((example) => [example.name, example]));
const callers = new Map<string, TestCaller>(
  DEMO_OFFICERS.map((officer) => [officer.username, asUser(officer.username, officer.roles, officer.region)]),
);

const pascalCase = (name: string) =>
  name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/** The paths in `data` of every userErrors list that is not empty. */
function nonEmptyUserErrors(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => nonEmptyUserErrors(item, [...path, String(index)]));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === "userErrors" && Array.isArray(child) && child.length > 0
      ? [`${[...path, key].join(".")}: ${JSON.stringify(child)}`]
      : nonEmptyUserErrors(child, [...path, key]),
  );
}

describe("the example operations of docs/operations", () => {
  it("should hold at least the landing operation and the examples the docs promise", () => {
    expect(examples.map((example) => example.name)).toEqual(
      expect.arrayContaining(["my-caseload", "case-page", "work-queue", "case-statistics", "send-invitation"]),
    );
  });

  it.each(examples.map((example) => example.name))(
    "%s should be one named query or mutation, named after its file, under a comment saying who uses it",
    (name) => {
      const example = byName.get(name)!;
      expect(example.operations).toHaveLength(1);
      const [operation] = example.operations;
      expect(["query", "mutation"]).toContain(operation.operation);
      expect(operation.name?.value).toBe(pascalCase(name));
      const header = example.text.split("\n").findIndex((line) => !line.startsWith("#"));
      expect(header).toBeGreaterThanOrEqual(1);
      expect(header).toBeLessThanOrEqual(3);
    },
  );

  it.each(examples.map((example) => example.name))(
    "%s should run as a demo user, with only variables it declares, referring only to queries that exist",
    (name) => {
      const example = byName.get(name)!;
      for (const key of Object.keys(example.settings ?? {})) expect(["as", "variables"]).toContain(key);
      expect(callers.has(example.as)).toBe(true);
      const declared = (example.operations[0].variableDefinitions ?? []).map(
        (definition) => definition.variable.name.value,
      );
      for (const [variable, value] of Object.entries(example.variables)) {
        expect(declared).toContain(variable);
        if (!isReference(value)) continue;
        const source = byName.get(value.from);
        expect(source?.name).toBe(value.from);
        expect(source!.operations[0].operation).toBe("query");
        const sourceDeclares = (source!.operations[0].variableDefinitions ?? []).map(
          (definition) => definition.variable.name.value,
        );
        for (const override of Object.keys(value.variables ?? {})) expect(sourceDeclares).toContain(override);
      }
    },
  );

  it("should have a .graphql beside every .json", () => {
    const settingsFiles = readdirSync(OPERATIONS_FOLDER).filter((file) => file.endsWith(".json"));
    for (const file of settingsFiles) expect(byName.has(file.slice(0, -".json".length))).toBe(true);
  });

  it("should list every example in the folder's README.md, with the user it runs as, and no other", () => {
    const readme = readFileSync(join(OPERATIONS_FOLDER, "README.md"), "utf8");
    for (const example of examples) {
      const row = readme.split("\n").find((line) => line.startsWith("|") && line.includes(`(${example.name}.graphql)`));
      expect({ example: example.name, row }).toEqual({
        example: example.name,
        row: expect.stringContaining(example.as),
      });
    }
    const listed = [...readme.matchAll(/\]\(([\w-]+)\.graphql\)/g)].map((match) => match[1]);
    expect([...new Set(listed)].sort()).toEqual(examples.map((example) => example.name).sort());
  });
});

describe.each(ENGINES)("the example operations against the demo data (%s)", (engine) => {
  let h: Harness;
  const execute = (example: ExampleOperation, variables: Record<string, unknown>) =>
    h.run(example.text, variables, callers.get(example.as)!);

  beforeAll(async () => {
    h = await startHarness(engine);
    // Before any request: the harness would otherwise register its callers as officers first.
    await loadDemoData(h.dataSource);
  });
  afterAll(() => h.close());

  const expectToSucceed = async (example: ExampleOperation) => {
    const result = await runExample(example, byName, execute);
    expect({ example: example.name, errors: result.errors }).toEqual({ example: example.name, errors: undefined });
    expect(result.data).toBeTruthy();
    expect({ example: example.name, userErrors: nonEmptyUserErrors(result.data) }).toEqual({
      example: example.name,
      userErrors: [],
    });
  };

  it.each(examples.map((example) => example.name))("%s should run without an error", (name) =>
    expectToSucceed(byName.get(name)!),
  );

  it("should still run every query after the mutations ran", async () => {
    for (const example of examples.filter((candidate) => candidate.operations[0].operation === "query"))
      await expectToSucceed(example);
  });
});
