import { UserErrorCode } from "./user-error-code.enum";

// Thrown inside a command to roll its transaction back; the resolver turns it into a userError.
export class DomainError extends Error {
  override name = "DomainError";

  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
  ) {
    super(message);
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
