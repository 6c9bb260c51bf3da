import { isConnectionError } from "../services/platform/connection-errors";
import { databaseUnavailable } from "./lost-connections";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "../schema/common/input-rules";
import { unwrapResolverError } from "@apollo/server/errors";
import { formatLimitError } from "./graphql-limits";
import { formatRateLimitError } from "./rate-limit";

// Codes whose messages are written for clients and may pass through unchanged.
const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  // Subscriptions answer an unknown case, and a connection with too many operations, at the top level.
  "NOT_FOUND",
  "TOO_MANY_SUBSCRIPTIONS",
  // A lost database connection: may have been written, or certainly not (lost-connections.ts).
  "OUTCOME_UNKNOWN",
  "DATABASE_UNAVAILABLE",
]);

interface FieldProblem {
  field: string[];
  constraints: string[];
  messages: string[];
}

/** Flattens class-validator's tree into one entry per failing field, without the values sent. */
function describeValidationErrors(errors: ValidationError[], prefix: string[]): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = [...prefix, error.property];
    const own: FieldProblem[] = error.constraints
      ? [{ field: path, constraints: Object.keys(error.constraints), messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

// Every argument whose type is a *Filter is called `filter`; every other validated argument `input`.
function argumentName(errors: ValidationError[]): string {
  return /Filter$/.test(errors[0]?.target?.constructor?.name ?? "") ? "filter" : "input";
}

/**
 * Apollo's formatError: validation failures become BAD_USER_INPUT naming each field; anything
 * unexpected becomes INTERNAL_SERVER_ERROR with no message, stack or SQL (the correlation id is
 * added to every error when the response is sent).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fields = describeValidationErrors(original.extensions.validationErrors, [
      argumentName(original.extensions.validationErrors),
    ]);
    return {
      message: `Invalid input: ${fields.map((problem) => problem.field.join(".")).join(", ")}.`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", fields },
    };
  }
  // A query's or a field's read that lost its connection after the retries wrote nothing (a
  // mutation's own answer is lost-connections.ts's).
  if (isConnectionError(original)) {
    const unavailable = databaseUnavailable();
    return {
      message: unavailable.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: unavailable.extensions.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

// Limit and rate-limit refusals keep their own codes; everything else goes through the allowlist,
// then loses any input value graphql-js quoted back (see withoutInputValues).
export function formatClientError(...args: Parameters<typeof formatError>): ReturnType<typeof formatError> {
  const formatted = formatLimitError(...args) ?? formatRateLimitError(...args) ?? formatError(...args);
  const message = withoutInputValues(formatted.message);
  return message === formatted.message ? formatted : { ...formatted, message };
}

// Reasons that name only schema elements, so they may follow a scrubbed message.
const SAFE_REASONS = [
  /^Field "[_A-Za-z][_0-9A-Za-z]*" is not defined by type "[_A-Za-z][_0-9A-Za-z]*"\.$/,
  /^Field "[_A-Za-z][_0-9A-Za-z.]*" of required type "[_A-Za-z0-9![\]]+" was not provided\.$/,
  /^Expected non-nullable type "[_A-Za-z0-9![\]]+" not to be null\.$/,
  // The fixed wording of this service's scalars, e.g. "A Date is a calendar date written YYYY-MM-DD."
  /^An? [A-Z]\w* is [^"':\d]*\.$/,
];

/**
 * graphql-js quotes a rejected input value in its message (`Variable "$input" got invalid value
 * { name: "…", email: "…" } at "input.contact"; …`). A contact's details would then travel in an
 * error, which clients log. Keep the variable, the path and a reason that names no value.
 */
function withoutInputValues(message: string): string {
  const variable =
    /^Variable "(\$[_A-Za-z][_0-9A-Za-z]*)" got invalid value [\s\S]*?(?: at "([_A-Za-z0-9.[\]]+)")?; ([\s\S]*)$/.exec(
      message,
    );
  if (variable) {
    const [, name, path, reason] = variable;
    const expected = /does not exist in "(\w+)" enum|^(\w+) cannot represent|^Expected (?:value of )?type "(\w+)"/.exec(
      reason,
    );
    const hint = expected ? `: expected ${expected[1] ?? expected[2] ?? expected[3]}` : "";
    const safeReason = SAFE_REASONS.some((pattern) => pattern.test(reason)) ? ` ${reason}` : "";
    return `Variable "${name}" has an invalid value${path ? ` at "${path}"` : ""}${hint}.${safeReason}`;
  }
  // The same echo for a literal in the document, e.g. `String cannot represent a non string value: 42`.
  const literal =
    /^(?:(\w+) cannot represent [^:]*: [\s\S]*|Expected value of type "([^"]+)", found [\s\S]*|Value [\s\S]* does not exist in "(\w+)" enum\.)$/.exec(
      message,
    );
  if (literal) return `A value is not a valid ${literal[1] ?? literal[2] ?? literal[3]}.`;
  return message;
}
