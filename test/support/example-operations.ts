import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import type { GraphQLResult } from "./harness";

/*
 * The example operations of docs/operations (see its README.md), read and run the way the docs say:
 * `<name>.graphql` holds one named operation, and an optional `<name>.json` beside it says who runs it
 * (`as`, default alice.vlo) and with which `variables`. A variable may instead be a reference,
 * `{ "from": "<query example>", "path": "a.b.0.c", "variables": { … } }`: that query is run first
 * (as its own user, with its own variables and these on top) and the value at `path` of its `data` is
 * used. Only queries may be referred to, so resolving a reference never changes anything.
 */

export const OPERATIONS_FOLDER = join(__dirname, "..", "..", "docs", "operations");

/** Who runs an example whose .json does not say. */
const DEFAULT_EXAMPLE_USER = "alice.vlo";

/** A variable taken from another example's answer. */
export interface VariableReference {
  from: string;
  path: string;
  variables?: Record<string, unknown>;
}

export interface ExampleOperation {
  /** The file name without `.graphql`, e.g. my-caseload. */
  name: string;
  text: string;
  /** Every operation defined in the file (the convention is exactly one). */
  operations: readonly OperationDefinitionNode[];
  /** Its .json, if there is one. */
  settings: { as?: unknown; variables?: Record<string, unknown> } | null;
  /** The demo user it runs as. */
  as: string;
  variables: Record<string, unknown>;
}

export function isReference(value: unknown): value is VariableReference {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { from?: unknown }).from === "string" &&
    typeof (value as { path?: unknown }).path === "string"
  );
}

/** Every `<name>.graphql` of the folder: queries first, then mutations, each in name order. */
export function readExampleOperations(folder: string = OPERATIONS_FOLDER): ExampleOperation[] {
  const examples = readdirSync(folder)
    .filter((file) => file.endsWith(".graphql"))
    .map((file): ExampleOperation => {
      const name = file.slice(0, -".graphql".length);
      const text = readFileSync(join(folder, file), "utf8");
      const operations = parse(text).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      const json = join(folder, `${name}.json`);
      const settings = existsSync(json)
        ? (JSON.parse(readFileSync(json, "utf8")) as NonNullable<ExampleOperation["settings"]>)
        : null;
      return {
        name,
        text,
        operations,
        settings,
        // Anything but a user name fails the spec's check that it names a demo user.
        as: settings?.as === undefined ? DEFAULT_EXAMPLE_USER : String(settings.as),
        variables: settings?.variables ?? {},
      };
    });
  const rank = (example: ExampleOperation) => (example.operations[0]?.operation === "query" ? 0 : 1);
  return examples.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Runs one example as its user with the given variables (the spec's harness, or a client). */
export type ExecuteExample = (example: ExampleOperation, variables: Record<string, unknown>) => Promise<GraphQLResult>;

/** The example's variables, with each reference replaced by the value it points at. */
async function resolveVariables(
  example: ExampleOperation,
  examples: ReadonlyMap<string, ExampleOperation>,
  execute: ExecuteExample,
  chain: readonly string[] = [],
): Promise<Record<string, unknown>> {
  if (chain.includes(example.name))
    throw new Error(`example references go round: ${[...chain, example.name].join(" → ")}`);
  // One run per referenced query and variables: an id and a version from one finder come from one answer.
  const answers = new Map<string, Promise<unknown>>();
  const resolved: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(example.variables)) {
    if (!isReference(value)) {
      resolved[variable] = value;
      continue;
    }
    const source = examples.get(value.from);
    if (!source) throw new Error(`${example.name}: $${variable} refers to ${value.from}, which is not an example`);
    if (source.operations[0]?.operation !== "query")
      throw new Error(`${example.name}: $${variable} refers to ${value.from}, which is not a query`);
    const key = JSON.stringify([value.from, value.variables ?? {}]);
    if (!answers.has(key)) {
      answers.set(
        key,
        (async () => {
          const own = await resolveVariables(source, examples, execute, [...chain, example.name]);
          const result = await execute(source, { ...own, ...value.variables });
          if (result.errors?.length || !result.data)
            throw new Error(`${example.name}: ${value.from} failed: ${JSON.stringify(result.errors ?? result)}`);
          return result.data;
        })(),
      );
    }
    const found = valueAt(await answers.get(key), value.path);
    if (found === undefined || found === null)
      throw new Error(`${example.name}: $${variable}: ${value.from} gave nothing at ${value.path}`);
    resolved[variable] = found;
  }
  return resolved;
}

/** Resolves the example's references, then runs it. */
export async function runExample(
  example: ExampleOperation,
  examples: ReadonlyMap<string, ExampleOperation>,
  execute: ExecuteExample,
): Promise<GraphQLResult> {
  return execute(example, await resolveVariables(example, examples, execute));
}

/** The value at a dotted path (`victimCases.nodes.0.id`; numbers index lists), or undefined. */
function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const segment of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
