import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromASTUntyped,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../services/paging/pagination";
import { statelessPlugin } from "./stateless-plugin";

/*
 * Limits on the size and shape of a GraphQL document, checked before anything is executed.
 *
 * Error scheme: every refusal here answers HTTP 400 with `extensions.code = "QUERY_TOO_COMPLEX"`,
 * `extensions.limit` naming the limit ("tokens", "comments", "depth", "aliases", "directives",
 * "rootFields", "operations", "stringLiteral" or "cost") and `extensions.maximum`, and no `data`.
 * The limits are not secret: a first-party client that hits one needs to know which, and the
 * numbers are in this file.
 *
 * Where each limit is enforced:
 * - tokens and comments: by the graphql-js parser (`queryParseOptions`), so an oversized document is
 *   never fully parsed (parsing can go quadratic, graphql-js #3684). Apollo reports these as
 *   GRAPHQL_PARSE_FAILED; `formatLimitError` gives them the code above.
 * - depth, aliases, directives: GraphQL Armor's validation rules, whose own rejections (worded
 *   "Syntax Error: …", code BAD_USER_INPUT in armor's Apollo wrapper) are never sent: `reportAs`
 *   reports ours instead.
 * - root fields, operations per document, string literal size: validation rules here (armor has
 *   none for them). Apollo caches a document once it validates, so the rules run once per
 *   distinct document.
 * - cost: an Apollo plugin at `didResolveOperation` (`queryCostPlugin`), still before execution.
 *   Cost depends on `first`, which clients usually send as a variable, and validation runs before
 *   variables are known (armor's cost rule reads literal `first` only, so a variable page counts 1).
 *
 * Introspection (development and ENABLE_SANDBOX only; off in production) passes the same rules:
 * `__schema` is not counted towards depth, and `__schema`/`__type` cost nothing (they are answered
 * from memory, not the database).
 */

const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";

export const QUERY_LIMITS = {
  /**
   * Lexical tokens in one document (punctuation and names; comments are counted separately).
   * Not 2,000: graphql-js's parser recurses once per nesting level and overflows the stack at about
   * 2,000 levels (measured: 2,019 nested list brackets), which a 2,000-token document can reach.
   * The introspection query is under 200 tokens.
   */
  maxTokens: 1_000,
  maxComments: 200,
  /** Nested fields, counted through fragments. The deepest query the schema needs is about 10. */
  maxDepth: 12,
  /** Aliased fields in an operation, counted through fragments. */
  maxAliases: 30,
  /** Directives (`@include`, `@skip`…) in an operation, counted through fragments. */
  maxDirectives: 50,
  /** Fields at the top of an operation (each mutation field is one change). */
  maxRootFields: 10,
  /** Operation definitions in one document: only one runs per request, the rest are only parsed and validated. */
  maxOperations: 5,
  /** UTF-8 bytes of one string literal in the document; long text belongs in variables. */
  maxStringLiteralBytes: 10 * 1024,
  /** Estimated fields resolved: see `estimateQueryCost`. */
  maxCost: 5_000,
} as const;

type QueryLimits = typeof QUERY_LIMITS;
type QueryLimitName =
  | "tokens"
  | "comments"
  | "depth"
  | "aliases"
  | "directives"
  | "rootFields"
  | "operations"
  | "stringLiteral"
  | "cost";

export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limit: QueryLimitName,
    readonly maximum: number,
    message: string,
    nodes?: ASTNode | readonly ASTNode[],
  ) {
    super(message, { nodes, extensions: { code: QUERY_TOO_COMPLEX, limit, maximum, http: { status: 400 } } });
  }
}

/** Apollo `parseOptions`: the parser gives up past these counts instead of building the whole tree. */
export function queryParseOptions(limits: Pick<QueryLimits, "maxTokens" | "maxComments"> = QUERY_LIMITS): ParseOptions {
  return { maxLexicalTokens: limits.maxTokens, maxComments: limits.maxComments };
}

/** The validation-time limits, for Apollo's `validationRules` and the WebSocket server's `validate`. */
export function queryLimitRules(
  limits: Pick<
    QueryLimits,
    "maxDepth" | "maxAliases" | "maxDirectives" | "maxRootFields" | "maxOperations" | "maxStringLiteralBytes"
  > = QUERY_LIMITS,
): ValidationRule[] {
  const { maxDepth, maxAliases, maxDirectives } = limits;
  return [
    // Fragments and inline fragments are not a level of nesting; only fields are.
    maxDepthRule({
      n: maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...reportAs("depth", maxDepth, `The query is nested too deep: at most ${maxDepth} levels of fields are allowed.`),
    }),
    // Armor lets `__typename` aliases through by default; here every alias counts.
    maxAliasesRule({
      n: maxAliases,
      allowList: [],
      ...reportAs("aliases", maxAliases, `The query uses too many aliases: at most ${maxAliases} are allowed.`),
    }),
    maxDirectivesRule({
      n: maxDirectives,
      ...reportAs(
        "directives",
        maxDirectives,
        `The query uses too many directives: at most ${maxDirectives} are allowed.`,
      ),
    }),
    rootFieldLimitRule(limits.maxRootFields),
    operationCountRule(limits.maxOperations),
    stringLiteralRule(limits.maxStringLiteralBytes),
  ];
}

type ArmorOptions = NonNullable<Parameters<typeof maxDepthRule>[0]>;

// Armor's rules build their own error ("Syntax Error: Query depth limit of 12 exceeded, found 13.");
// it is dropped, and ours reported in its place, so every limit reads and codes the same.
function reportAs(
  limit: QueryLimitName,
  maximum: number,
  message: string,
): Pick<ArmorOptions, "propagateOnRejection" | "onReject"> {
  return {
    propagateOnRejection: false,
    onReject: [(context) => context?.reportError(new QueryLimitError(limit, maximum, message))],
  };
}

// Fragment results are memoised per document: a fragment spread many times (or spreading others
// that do) is measured once, so a small document cannot make the measuring itself exponential.
// A fragment met again while it is being measured is a cycle, which graphql-js's own
// NoFragmentCyclesRule reports; here it counts as empty so the walk always ends.
function fragmentMeasure<T>(
  measure: (fragment: FragmentDefinitionNode) => T,
  empty: T,
): (name: string, lookup: (name: string) => FragmentDefinitionNode | undefined) => T {
  const memo = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name, lookup) => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = lookup(name);
    if (!fragment || inProgress.has(name)) return empty;
    inProgress.add(name);
    const result = measure(fragment);
    inProgress.delete(name);
    memo.set(name, result);
    return result;
  };
}

function rootFieldLimitRule(maxRootFields: number): ValidationRule {
  return (context) => {
    const lookup = (name: string) => context.getFragment(name) ?? undefined;
    return {
      OperationDefinition(operation) {
        const count = countRootFields(operation, lookup);
        if (count > maxRootFields)
          context.reportError(
            new QueryLimitError(
              "rootFields",
              maxRootFields,
              `The ${operation.operation} asks for ${count} top-level fields; at most ${maxRootFields} are allowed.`,
              operation,
            ),
          );
        return false;
      },
      FragmentDefinition: () => false,
    };
  };
}

// Only one operation runs per request, but every one in the document is validated (and each is
// measured by the rules above), so a document of many operations is work for nothing.
function operationCountRule(maxOperations: number): ValidationRule {
  return (context) => ({
    Document(document) {
      const count = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
      if (count > maxOperations)
        context.reportError(
          new QueryLimitError(
            "operations",
            maxOperations,
            `The document holds ${count} operations; at most ${maxOperations} are allowed. Send one operation per request.`,
          ),
        );
      return false;
    },
  });
}

// Strings typed into the document are kept by the parser, logged with the document and cached
// with it; text of any length belongs in variables, where input validation bounds each field.
function stringLiteralRule(maxBytes: number): ValidationRule {
  return (context) => {
    let reported = false;
    return {
      StringValue(node) {
        const bytes = Buffer.byteLength(node.value, "utf8");
        if (bytes <= maxBytes || reported) return;
        reported = true;
        context.reportError(
          new QueryLimitError(
            "stringLiteral",
            maxBytes,
            `A string in the document is ${bytes.toLocaleString("en-GB")} bytes long; at most ${maxBytes.toLocaleString("en-GB")} are allowed. Send long text in variables.`,
            node,
          ),
        );
      },
    };
  };
}

/** Top-level fields of an operation, through fragments (so each aliased mutation field counts). */
export function countRootFields(
  operation: OperationDefinitionNode,
  lookup: (name: string) => FragmentDefinitionNode | undefined,
): number {
  const fragmentFields = fragmentMeasure((fragment) => fieldsIn(fragment.selectionSet), 0);
  const fieldsIn = (selectionSet: SelectionSetNode): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) count += 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += fieldsIn(selection.selectionSet);
      else count += fragmentFields(selection.name.value, lookup);
    }
    return count;
  };
  return fieldsIn(operation.selectionSet);
}

/** Fragment definitions of a document by name. */
export function fragmentsOf(document: DocumentNode): (name: string) => FragmentDefinitionNode | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return (name) => fragments.get(name);
}

function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  field: FieldNode,
): { type: GraphQLNamedType; definition: GraphQLField<unknown, unknown> } | undefined {
  const name = field.name.value;
  let definition: GraphQLField<unknown, unknown> | undefined;
  if (name === "__typename") definition = TypeNameMetaFieldDef;
  else if (name === "__schema" && parent === schema.getQueryType()) definition = SchemaMetaFieldDef;
  else if (name === "__type" && parent === schema.getQueryType()) definition = TypeMetaFieldDef;
  else if (parent && (isObjectType(parent) || isInterfaceType(parent))) definition = parent.getFields()[name];
  return definition ? { type: getNamedType(definition.type), definition } : undefined;
}

/**
 * Estimated number of fields the operation resolves: each field counts 1, and everything below a
 * paged field counts once per item it may return, i.e. its `first` (20 when absent, at most 100),
 * or, for a lookup by a list of ids such as `nodes(ids:)`, the number of ids. Lists without either
 * (a case's contacts, a connection's `nodes`) are bounded by their parent and count once.
 * Deliberately pessimistic: `totalCount` under a page of 100 counts 100.
 */
export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  return measureQueryCost(schema, document, operation, variables).cost;
}

// The estimate, and whether any variable went into it: one that none did is the same for every request.
function measureQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { cost: number; readsVariables: boolean } {
  let readsVariables = false;
  const lookup = fragmentsOf(document);
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }
  const valueOf = (node: ValueNode): unknown => {
    // A literal list or object may hold variables too.
    if (node.kind === Kind.VARIABLE || node.kind === Kind.LIST || node.kind === Kind.OBJECT) readsVariables = true;
    if (node.kind !== Kind.VARIABLE) return valueFromASTUntyped(node, variables);
    const name = node.name.value;
    return Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : defaults.get(name);
  };
  const multiplier = (definition: GraphQLField<unknown, unknown>, field: FieldNode): number => {
    const given = (name: string) => {
      const argument = field.arguments?.find((candidate) => candidate.name.value === name);
      return argument ? valueOf(argument.value) : undefined;
    };
    if (definition.args.some((argument) => argument.name === "first")) {
      const first = given("first");
      if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
      // Out-of-range values are refused when the field runs; until then assume the largest page.
      return typeof first === "number" && Number.isInteger(first)
        ? Math.min(Math.max(first, 1), MAX_PAGE_SIZE)
        : MAX_PAGE_SIZE;
    }
    const idList = definition.args.find((argument) => {
      const type = getNullableType(argument.type);
      return isListType(type) && getNamedType(type).name === "ID";
    });
    if (idList) {
      const ids = given(idList.name);
      const count = Array.isArray(ids) ? ids.length : 1;
      return Math.min(Math.max(count, 1), MAX_PAGE_SIZE);
    }
    return 1;
  };

  const fragmentCost = fragmentMeasure(
    (fragment) => costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined),
    0,
  );
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === "__schema" || name === "__type") continue;
        const field = fieldOf(schema, parent, selection);
        cost += 1;
        if (selection.selectionSet && field)
          cost += multiplier(field.definition, selection) * costOf(selection.selectionSet, field.type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(
          selection.selectionSet,
          selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent,
        );
      } else {
        cost += fragmentCost(selection.name.value, lookup);
      }
    }
    return cost;
  };
  const cost = costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  return { cost, readsVariables };
}

// Apollo keeps each document it has parsed, so a client's repeated operation is the same node every
// time: the estimate of one whose variables do not change it is worked out once (issue 15 §4).
const costsBySchema = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, number>>();

/** estimateQueryCost, remembered for an operation whose estimate no variable can change. */
export function rememberedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  let costs = costsBySchema.get(schema);
  if (!costs) costsBySchema.set(schema, (costs = new WeakMap()));
  const known = costs.get(operation);
  if (known !== undefined) return known;
  const { cost, readsVariables } = measureQueryCost(schema, document, operation, variables);
  if (!readsVariables) costs.set(operation, cost);
  return cost;
}

/** Refuses an operation whose estimated cost is over the limit, once its variables are known. */
export function queryCostPlugin<TContext extends BaseContext>(
  maxCost: number = QUERY_LIMITS.maxCost,
): ApolloServerPlugin<TContext> {
  return statelessPlugin<TContext>({
    async didResolveOperation({ schema, document, operation, request }) {
      if (!operation) return;
      const cost = rememberedQueryCost(schema, document, operation, request.variables ?? {});
      if (cost > maxCost) {
        throw new QueryLimitError(
          "cost",
          maxCost,
          `The query could resolve about ${Math.min(cost, 1e12).toLocaleString("en-GB")} fields; at most ${maxCost.toLocaleString("en-GB")} are allowed. Ask for smaller pages (first) or fewer nested lists.`,
          operation,
        );
      }
    },
  });
}

// graphql-js words it "more that" in 16.x; accept the corrected spelling too.
const PARSER_LIMIT = /Document contains more tha[nt] (\d+) (tokens|comments)/;

/**
 * The client-facing form of a limit refusal, or null when `error` is not one. Apollo re-codes
 * validation errors as GRAPHQL_VALIDATION_FAILED and parser aborts as GRAPHQL_PARSE_FAILED; this
 * gives them back the one code of this file's scheme.
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const limitError = findLimitError(error);
  if (limitError) {
    return {
      message: limitError.message,
      locations: formatted.locations,
      extensions: { code: QUERY_TOO_COMPLEX, limit: limitError.limit, maximum: limitError.maximum },
    };
  }
  const parserLimit =
    formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" ? PARSER_LIMIT.exec(formatted.message) : null;
  if (parserLimit) {
    const maximum = Number(parserLimit[1]);
    const limit: QueryLimitName = parserLimit[2] === "tokens" ? "tokens" : "comments";
    return {
      message: `The document has more than ${maximum} ${limit}; it was not parsed.`,
      extensions: { code: QUERY_TOO_COMPLEX, limit, maximum },
    };
  }
  return null;
}

function findLimitError(error: unknown): QueryLimitError | null {
  for (let current = error, hops = 0; current instanceof Error && hops < 5; hops++) {
    if (current instanceof QueryLimitError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return null;
}
