import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  type DocumentNode,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  isInputObjectType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";
import { statelessPlugin } from "./stateless-plugin";

/**
 * Input a client may send that must be refused as BAD_USER_INPUT before anything runs, checked in
 * one place for every operation (an Apollo plugin), never in resolvers:
 *
 * - text PostgreSQL cannot store: a NUL character (U+0000, which `text` refuses outright) or half
 *   a UTF-16 surrogate pair (which the driver's UTF-8 encoding silently turns into U+FFFD), in any
 *   string of the variables or any string literal of the document, whatever its type (String, ID,
 *   Date, DateTime…);
 * - variables with more invalid values than graphql-js lists: past 50 it gives up with an error
 *   that has no code, which Apollo would answer (and log) as an internal error.
 */

/** graphql-js's own limit (`execute` passes `maxErrors: 50` to variable coercion). */
const MAX_VARIABLE_ERRORS = 50;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
function unstorableTextReason(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain a NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain an unpaired surrogate (not valid Unicode text)";
  return null;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

// A JSON value from the request's variables: the first string that cannot be stored, with its path.
function inVariable(value: unknown, path: string): [path: string, reason: string] | null {
  if (typeof value === "string") {
    const reason = unstorableTextReason(value);
    return reason ? [path, reason] : null;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = inVariable(value[index], `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = inVariable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

// A literal of the document: the first string that cannot be stored, with its path.
function inLiteral(node: ValueNode, path: string): [path: string, reason: string] | null {
  if (node.kind === Kind.STRING) {
    const reason = unstorableTextReason(node.value);
    return reason ? [path, reason] : null;
  }
  if (node.kind === Kind.LIST) {
    for (let index = 0; index < node.values.length; index++) {
      const found = inLiteral(node.values[index], `${path}[${index}]`);
      if (found) return found;
    }
  } else if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) {
      const found = inLiteral(field.value, `${path}.${field.name.value}`);
      if (found) return found;
    }
  }
  return null;
}

function inSelections(selectionSet: SelectionSetNode | undefined): string | null {
  for (const selection of selectionSet?.selections ?? []) {
    const owner = selection.kind === Kind.FIELD ? `field "${selection.name.value}"` : "a fragment";
    for (const directive of selection.directives ?? [])
      for (const argument of directive.arguments ?? []) {
        const found = inLiteral(argument.value, argument.name.value);
        if (found) return `Argument "${found[0]}" of directive "@${directive.name.value}" ${found[1]}.`;
      }
    if (selection.kind === Kind.FIELD)
      for (const argument of selection.arguments ?? []) {
        const found = inLiteral(argument.value, argument.name.value);
        if (found) return `Argument "${found[0]}" of ${owner} ${found[1]}.`;
      }
    if (selection.kind !== Kind.FRAGMENT_SPREAD) {
      const found = inSelections(selection.selectionSet);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The refusal for the first string PostgreSQL cannot store in the operation's variables or in any
 * literal of the document (every fragment included), or null when there is none.
 */
export function unstorableTextError(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const given = Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined;
    const found =
      given !== undefined
        ? inVariable(given, `$${name}`)
        : definition.defaultValue
          ? inLiteral(definition.defaultValue, `$${name}`)
          : null;
    if (found) return badInput(`The value at "${found[0]}" ${found[1]}.`);
  }
  const found = inDocumentLiterals(document);
  return found ? badInput(found) : null;
}

// Apollo keeps each document it has parsed, so a client's repeated operation is the same node every
// time: its literals, which no variable changes, are looked through once (issue 15 §4).
const literalsByDocument = new WeakMap<DocumentNode, string | null>();

function inDocumentLiterals(document: DocumentNode): string | null {
  const known = literalsByDocument.get(document);
  if (known !== undefined) return known;
  let found: string | null = null;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    found = inSelections(definition.selectionSet);
    if (found) break;
  }
  literalsByDocument.set(document, found);
  return found;
}

// graphql-js's coercion reports at most one error for each variable definition (missing, or null
// for a non-null type) and for each value sent (wrong type, unknown field, null for non-null), and
// for each input object as many more as its type has required fields (left out) plus two (@oneOf).
// Counting the values is far cheaper than coercing them a second time, and most requests' variables
// are too few to pass the limit however wrong they are: those skip the coercion (issue 15 §4).
const requiredFieldsBySchema = new WeakMap<GraphQLSchema, number>();

/** The most required fields (non-null, no default) of any input object type of the schema. */
function mostRequiredFields(schema: GraphQLSchema): number {
  let most = requiredFieldsBySchema.get(schema);
  if (most !== undefined) return most;
  most = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    const fields = Object.values(type.getFields());
    const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    most = Math.max(most, required.length);
  }
  requiredFieldsBySchema.set(schema, most);
  return most;
}

/** Whether coercing these variables could report more errors than graphql-js's limit. */
function mayExceedErrorLimit(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Record<string, unknown>,
): boolean {
  const perObject = mostRequiredFields(schema) + 2;
  let bound = definitions.length;
  const pending: unknown[] = [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (Object.prototype.hasOwnProperty.call(variables, name)) pending.push(variables[name]);
  }
  while (pending.length > 0) {
    const value = pending.pop();
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    const items: unknown[] = Array.isArray(value) ? value : isObject ? Object.values(value) : [];
    bound += isObject ? 1 + perObject : 1;
    // Each item is a value too: a long list is known to be over the limit before it is walked (and
    // what is pushed is never more than the limit).
    if (bound + items.length > MAX_VARIABLE_ERRORS) return true;
    pending.push(...items);
  }
  return false;
}

/**
 * The refusal for variables with more invalid values than graphql-js reports, or null. Below the
 * limit graphql-js's own per-value errors (BAD_USER_INPUT) are clearer, so they are left to it.
 */
function tooManyVariableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  const definitions = operation.variableDefinitions ?? [];
  if (!mayExceedErrorLimit(schema, definitions, variables)) return null;
  const coerced = getVariableValues(schema, definitions, variables, { maxErrors: MAX_VARIABLE_ERRORS });
  if (!coerced.errors || coerced.errors.length <= MAX_VARIABLE_ERRORS) return null;
  const first = coerced.errors[0].nodes?.[0];
  const where = first?.kind === Kind.VARIABLE_DEFINITION ? `, starting with "$${first.variable.name.value}"` : "";
  return badInput(
    `More than ${MAX_VARIABLE_ERRORS} values in the variables are invalid${where}; correct them and send the request again.`,
  );
}

/** Refuses both kinds of bad input once the operation is known, before it executes. */
export function inputTextGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return statelessPlugin<TContext>({
    async didResolveOperation({ schema, document, operation, request }) {
      if (!operation) return;
      const variables = request.variables ?? {};
      const refusal =
        unstorableTextError(document, operation, variables) ?? tooManyVariableErrors(schema, operation, variables);
      if (refusal)
        throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
    },
  });
}
