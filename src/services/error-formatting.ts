import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { unwrapResolverError } from "@apollo/server/errors";

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
]);

export interface FieldProblem {
  field: string[];
  constraints: string[];
  messages: string[];
}

/** Flattens class-validator's tree into one entry per failing field, without the values sent. */
export function describeValidationErrors(errors: ValidationError[], prefix: string[]): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = [...prefix, error.property];
    const own: FieldProblem[] = error.constraints
      ? [{ field: path, constraints: Object.keys(error.constraints), messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

function argumentName(errors: ValidationError[]): string {
  return errors[0]?.target?.constructor?.name === "VictimCaseFilter" ? "filter" : "input";
}

/**
 * Apollo's formatError: validation failures become BAD_USER_INPUT naming each field; anything
 * unexpected becomes INTERNAL_SERVER_ERROR with no message, stack or SQL (the correlation id is
 * added to every error when the response is sent).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fields = describeValidationErrors(original.extensions.validationErrors, [argumentName(original.extensions.validationErrors)]);
    return {
      message: `Invalid input: ${fields.map((problem) => problem.field.join(".")).join(", ")}.`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", fields },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: "Internal server error", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

export function isUnexpected(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === "INTERNAL_SERVER_ERROR";
}
