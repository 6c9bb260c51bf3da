// A refusal sent as a top-level error (not a payload's userErrors). GraphQL copies an error's
// `extensions` onto the error it sends, so the code reaches the client without this layer
// importing GraphQL; `http` sets the response status, as Apollo reads it.
export class ClientError extends Error {
  constructor(
    message: string,
    readonly extensions: { code: string; field?: string[]; http?: { status: number } },
  ) {
    super(message);
    this.name = "ClientError";
  }
}

/** Malformed input the schema could not catch (a page size, a cursor). */
export function badUserInput(message: string, field: string[]): ClientError {
  return new ClientError(message, { code: "BAD_USER_INPUT", field });
}

/**
 * The caller's role or region does not allow this. No HTTP status: a refused field sits beside
 * data, and a response with data is always 200 (GraphQL over HTTP).
 */
export function forbidden(message: string): ClientError {
  return new ClientError(message, { code: "FORBIDDEN" });
}
