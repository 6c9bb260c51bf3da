/** Longest client correlation id kept (the column's width). */
const MAX_LENGTH = 64;

/**
 * What a client sent as x-correlation-id, as it may be kept beside the server's own id in the
 * access log and the request log: printable ASCII only (no control characters to forge log lines
 * with), trimmed and at most 64 characters; null when nothing is left. Never used as the request's
 * correlation id: the audit trail records the server's ids, not ones a client chose.
 */
export function clientCorrelationIdFrom(header: string | undefined): string | null {
  if (!header) return null;
  const printable = header.replace(/[^\x20-\x7e]/g, "").trim();
  return printable.slice(0, MAX_LENGTH).trim() || null;
}
