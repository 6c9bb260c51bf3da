import { UserErrorCode } from "./user-error-code.enum";

// Thrown inside a command to roll its transaction back; the resolver turns it into a userError.
// A refusal is an answer, not a fault: it carries no stack, whose capture (async frames included)
// cost 2 % of a contended follow-up that is refused (issue 15 §4).
export class DomainError extends Error {
  override name = "DomainError";

  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
  ) {
    const stackFrames = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackFrames;
  }
}

export function notFound(field: string[], what: string): DomainError {
  return new DomainError(UserErrorCode.NOT_FOUND, `No ${what} has that id.`, field);
}

/** The optimistic check every command makes: the version the caller last read must still be current. */
export function requireCurrentVersion(expected: number | null | undefined, current: number, what: string): void {
  if (expected != null && expected !== current) {
    throw new DomainError(
      UserErrorCode.STALE_VERSION,
      `The ${what} has changed since version ${expected}; it is now at version ${current}.`,
      ["input", "expectedVersion"],
    );
  }
}
