// Relay global ids: opaque base64url of `<Type>:<uuid>`. Clients must not decode them.
const NODE_TYPES = [
  "Offender",
  "VictimCase",
  "CaseTransition",
  "CaseContact",
  "Officer",
  "ParoleReview",
  "LicenceConditionRequest",
  "Notification",
  "Task",
  "CustodyEvent",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function parseGlobalId(globalId: string): { type: NodeType; id: string } | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return null;
  const type = decoded.slice(0, separator) as NodeType;
  const id = decoded.slice(separator + 1);
  if (!UUID.test(id) || !NODE_TYPES.includes(type)) return null;
  return { type, id };
}

/** The database id behind a global id of the expected type, or null (unknown, malformed or of another type). */
export function fromGlobalId(globalId: string, expected: NodeType): string | null {
  const parsed = parseGlobalId(globalId);
  return parsed && parsed.type === expected ? parsed.id : null;
}
