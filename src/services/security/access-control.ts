import type { Region } from "../../domain/security/region.enum";
import type { Role } from "../../domain/security/role.enum";
import type { OfficerEntity } from "../../entities/security/officer.entity";
import type { Caller } from "./identity";
import { mismatchedRoles, mismatchExplanation, Permission, POLICY, scopeOf } from "../../domain/security/policy";
import { forbidden } from "../../domain/errors/client-error";

/** Which cases a permission reaches: all, one region's, or none. Applied as a SQL predicate. */
export type CaseScope = { kind: "ALL" } | { kind: "REGION"; region: Region } | { kind: "NONE" };

// The caller's rights for one request, from the policy table and their officer record. Every
// permission check and every scope predicate goes through scope(), which counts a role only for
// the kind of caller (USER or SYSTEM) the table names.
export class AccessControl {
  constructor(
    readonly caller: Caller,
    readonly officer: OfficerEntity | null,
  ) {}

  get roles(): readonly Role[] {
    return this.caller.roles;
  }

  scope(permission: Permission): CaseScope {
    const scope = scopeOf(this.caller.roles, permission, this.caller.kind);
    if (scope === "ALL") return { kind: "ALL" };
    // A regional grant without a registered region reaches nothing.
    if (scope === "OWN_REGION" && this.officer?.region) return { kind: "REGION", region: this.officer.region };
    return { kind: "NONE" };
  }

  /** May the caller use this permission at all (on some region)? */
  has(permission: Permission): boolean {
    return this.scope(permission).kind !== "NONE";
  }

  /** May the caller use this permission on a record of this region? */
  allows(permission: Permission, region: Region | null): boolean {
    const scope = this.scope(permission);
    return scope.kind === "ALL" || (scope.kind === "REGION" && scope.region === region);
  }

  /** Refuses, naming the permission, unless it reaches a record of this region. */
  requireFor(permission: Permission, region: Region | null): void {
    const refusal = this.refusalFor(permission, region);
    if (refusal) throw forbidden(refusal);
  }

  require(permission: Permission): void {
    const refusal = this.refusalFor(permission, undefined);
    if (refusal) throw forbidden(refusal);
  }

  /**
   * Why the permission does not reach a record of this region (or, with no region, any record),
   * naming the permission; null when it does.
   */
  refusalFor(permission: Permission, region: Region | null | undefined): string | null {
    if (region === undefined ? this.has(permission) : this.allows(permission, region)) return null;
    if (this.has(permission))
      return `${permission} reaches only the records of your own region; this one is in another.`;
    if (scopeOf(this.caller.roles, permission, this.caller.kind) === "OWN_REGION")
      return `${permission} reaches only your own region, and you are not registered as an officer in a region; ask an administrator to register you.`;
    return [
      `This needs the permission ${permission}, which none of your roles grants.`,
      ...this.mismatchNotes([permission]),
    ].join(" ");
  }

  /**
   * For each role the token carries that would grant one of these permissions but is for the other
   * kind of caller (USER or SYSTEM), why it grants nothing: so the token can be fixed.
   */
  mismatchNotes(permissions: readonly Permission[]): string[] {
    return mismatchedRoles(this.caller.roles, this.caller.kind)
      .filter((role) => permissions.some((permission) => POLICY[role].grants[permission] !== undefined))
      .map(mismatchExplanation);
  }
}

/** SQL for "the case row aliased `alias` is in scope", with its parameter. */
export function scopePredicate(
  scope: CaseScope,
  alias: string,
  parameter: string,
): { sql: string; parameters: Record<string, unknown> } {
  if (scope.kind === "ALL") return { sql: "TRUE", parameters: {} };
  if (scope.kind === "NONE") return { sql: "FALSE", parameters: {} };
  return { sql: `${alias}."region" = :${parameter}`, parameters: { [parameter]: scope.region } };
}

/** The same predicate for raw SQL with positional parameters: returns the SQL and the value to bind at `$index`. */
export function scopeCondition(scope: CaseScope, column: string, index: number): { sql: string; values: unknown[] } {
  if (scope.kind === "ALL") return { sql: "TRUE", values: [] };
  if (scope.kind === "NONE") return { sql: "FALSE", values: [] };
  return { sql: `${column} = $${index}`, values: [scope.region] };
}
