import { isObjectType, type GraphQLSchema } from "graphql";
import { ClientError } from "../domain/errors/client-error";
import { isConnectionError } from "../services/platform/connection-errors";
import { NothingWrittenError } from "../services/pipeline/command-runner";

/**
 * A mutation that lost its database connection after the retries (issue 13 §4) says what that
 * means for the caller. One that may have been written (the connection went during COMMIT, or
 * while its answer was read after it) answers OUTCOME_UNKNOWN: sent again with the same
 * idempotencyKey, it answers what was written, or writes it now. One that certainly wrote nothing
 * answers DATABASE_UNAVAILABLE, as a query or a field does (error-formatting.ts). Neither is an
 * INTERNAL_SERVER_ERROR. A field of the mutation's answer that loses its connection (the case's
 * history, read after COMMIT) answers OUTCOME_UNKNOWN too: its change was saved, so
 * DATABASE_UNAVAILABLE ("nothing was written") would be false; the chaos test found one.
 * Every resolved field of the built schema is wrapped, so a resolver added later is covered too.
 */
export function reportLostConnections(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const root = type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      // A plain field graphql-js reads itself (a type's simpleResolvers) reads no database.
      if (!field.resolve) continue;
      const resolve = field.resolve;
      // Queries (nearly every field resolved) pay one call and stay synchronous where the field is:
      // a type-graphql middleware made every field of every answer a promise.
      field.resolve = (source, args, context, info) => {
        if (info.operation.operation !== "mutation") return resolve(source, args, context, info);
        try {
          const value: unknown = resolve(source, args, context, info);
          return isPromise(value) ? value.catch((error: unknown) => reported(error, root)) : value;
        } catch (error) {
          return reported(error, root);
        }
      };
    }
  }
}

function reported(error: unknown, root: boolean): never {
  if (root && error instanceof NothingWrittenError) throw databaseUnavailable();
  if (!isConnectionError(error)) throw error;
  throw new ClientError(
    "The database connection was lost while this change was being made, so it may or may not have been saved. Send the same request again with the same idempotencyKey: it answers what was saved, or saves it now.",
    { code: "OUTCOME_UNKNOWN", http: { status: 503 } },
  );
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === "function";
}

/** Nothing was written, and trying again later is safe. */
export function databaseUnavailable(): ClientError {
  return new ClientError(
    "The database could not be reached, and nothing was written. Try again shortly (with the same idempotencyKey for a change).",
    { code: "DATABASE_UNAVAILABLE", http: { status: 503 } },
  );
}
