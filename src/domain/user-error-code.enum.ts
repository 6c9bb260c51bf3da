// Expected business failures, returned in `userErrors`; clients branch on these, never on messages.
export enum UserErrorCode {
  NOT_FOUND = "NOT_FOUND",
  NOT_ELIGIBLE = "NOT_ELIGIBLE",
  TRANSITION_NOT_ALLOWED = "TRANSITION_NOT_ALLOWED",
  STALE_VERSION = "STALE_VERSION",
  IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED",
  INVALID_INPUT = "INVALID_INPUT",
  SENTENCE_ENDED = "SENTENCE_ENDED",
  FORBIDDEN = "FORBIDDEN",
}
