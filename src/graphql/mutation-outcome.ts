import type { MiddlewareFn } from "type-graphql";
import { ClientError } from "../domain/errors/client-error";
import { isConnectionError } from "../services/platform/connection-errors";

/**
 * A mutation that lost its database connection after the retries (issue 13 §4) may have been
 * written: the connection can go during COMMIT, or while the answer is read after it. So it never
 * answers INTERNAL_SERVER_ERROR, which means nothing was written, but OUTCOME_UNKNOWN: sent again
 * with the same idempotencyKey, it answers what was written, or writes it now.
 */
export const reportUnknownOutcomes: MiddlewareFn = async ({ info }, next) => {
  if (info.parentType.name !== "Mutation") return next();
  try {
    return await next();
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    throw new ClientError(
      "The database connection was lost while this change was being made, so it may or may not have been saved. Send the same request again with the same idempotencyKey: it answers what was saved, or saves it now.",
      { code: "OUTCOME_UNKNOWN", http: { status: 503 } },
    );
  }
};
