import { Role } from "./role.enum";

// Who may do what (issue "Security", DESIGN §7). The code and the authorisation tests both read
// this table; nothing else grants access.
export enum Permission {
  /** Case fields without personal data: status, dates, history. */
  READ_CASES = "READ_CASES",
  /** Victims' contact details and needs. */
  READ_PERSONAL_DATA = "READ_PERSONAL_DATA",
  /** Refer, invite, record answers and plans: every case transition but closing. */
  CHANGE_CASES = "CHANGE_CASES",
  CLOSE_CASES = "CLOSE_CASES",
  ASSIGN_CASES = "ASSIGN_CASES",
  ERASE_PERSONAL_DATA = "ERASE_PERSONAL_DATA",
  READ_OFFENDERS = "READ_OFFENDERS",
  /** createOffender, recordCustodyEvent (and key dates later). */
  RECORD_CUSTODY = "RECORD_CUSTODY",
  /** Parole reviews: set the hearing, record the Board's decision (which moves the custody phase of every region's cases, so only the feed). */
  RECORD_PAROLE = "RECORD_PAROLE",
  READ_ACCESS_LOG = "READ_ACCESS_LOG",
  MANAGE_OFFICERS = "MANAGE_OFFICERS",
  /** Move a held test clock forward (advanceClock); there is none to move in production. */
  ADVANCE_CLOCK = "ADVANCE_CLOCK",
}

/** OWN_REGION: only cases of the caller's region (a SQL predicate). ALL: every region. */
export type Scope = "OWN_REGION" | "ALL";

export interface RolePolicy {
  description: string;
  /** A user token, or a client-credentials (system) token. */
  caller: "USER" | "SYSTEM";
  grants: Partial<Record<Permission, Scope>>;
}

const CASE_WORK = {
  [Permission.READ_CASES]: "OWN_REGION",
  [Permission.READ_PERSONAL_DATA]: "OWN_REGION",
  [Permission.CHANGE_CASES]: "OWN_REGION",
  [Permission.READ_OFFENDERS]: "ALL",
} as const;

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  [Role.VLO]: {
    description: "Victim Liaison Officer: works on the cases of their own region, contact details included.",
    caller: "USER",
    grants: { ...CASE_WORK },
  },
  [Role.MANAGER]: {
    description: "Manager: what a VLO may, plus assigning, closing and erasing, in their region.",
    caller: "USER",
    grants: {
      ...CASE_WORK,
      [Permission.ASSIGN_CASES]: "OWN_REGION",
      [Permission.CLOSE_CASES]: "OWN_REGION",
      [Permission.ERASE_PERSONAL_DATA]: "OWN_REGION",
    },
  },
  [Role.ANALYST]: {
    description: "Analyst: case fields without personal data, all regions; no changes.",
    caller: "USER",
    grants: { [Permission.READ_CASES]: "ALL", [Permission.READ_OFFENDERS]: "ALL" },
  },
  [Role.AUDITOR]: {
    description: "Auditor: reads the access log.",
    caller: "USER",
    grants: { [Permission.READ_ACCESS_LOG]: "ALL" },
  },
  [Role.ADMIN]: {
    description:
      "Administrator: manages officers and reference data, and moves a test clock outside production; no case data.",
    caller: "USER",
    grants: { [Permission.MANAGE_OFFICERS]: "ALL", [Permission.ADVANCE_CLOCK]: "ALL" },
  },
  [Role.CUSTODY_FEED]: {
    description: "The custody feed (a system): records offenders, custody events and parole reviews only.",
    caller: "SYSTEM",
    grants: { [Permission.RECORD_CUSTODY]: "ALL", [Permission.RECORD_PAROLE]: "ALL" },
  },
};

/** Who presents a token: a person (a user token) or a system (a client-credentials token). */
export type CallerKind = RolePolicy["caller"];

/**
 * The widest scope any of the roles grants a caller of this kind for a permission, or null when
 * none does. A role counts only for the kind of caller the table names: a user token carrying the
 * feed's role is not the feed, and a system carrying a person's role is not that person.
 */
export function scopeOf(roles: readonly Role[], permission: Permission, kind: CallerKind): Scope | null {
  let widest: Scope | null = null;
  for (const role of roles) {
    const policy = POLICY[role];
    if (policy?.caller !== kind) continue;
    const scope = policy.grants[permission];
    if (scope === "ALL") return "ALL";
    if (scope) widest = scope;
  }
  return widest;
}

/** The roles of the table that are for the other kind of caller, and so grant this caller nothing. */
export function mismatchedRoles(roles: readonly Role[], kind: CallerKind): Role[] {
  return roles.filter((role) => POLICY[role] && POLICY[role].caller !== kind);
}

const KIND_TEXT: Record<CallerKind, { roleFor: string; token: string }> = {
  USER: { roleFor: "a role for people (user tokens)", token: "this token is a system's (client-credentials)" },
  SYSTEM: { roleFor: "a role for systems (client-credentials tokens)", token: "this token is a user's" },
};

/** Why a role grants this caller nothing, for people to read. */
export function mismatchExplanation(role: Role): string {
  const { roleFor, token } = KIND_TEXT[POLICY[role].caller];
  return `${role} is ${roleFor}; ${token}, so the role grants nothing.`;
}
