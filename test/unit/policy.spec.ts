import { Role } from "../../src/domain/security/role.enum";
import {
  mismatchedRoles,
  mismatchExplanation,
  Permission,
  POLICY,
  scopeOf,
  type CallerKind,
} from "../../src/domain/security/policy";

const ALL_ROLES = Object.values(Role);
const ALL_PERMISSIONS = Object.values(Permission);
const ALL_KINDS: CallerKind[] = ["USER", "SYSTEM"];
/** Every permission that changes something rather than reads it. */
const CHANGE_PERMISSIONS = ALL_PERMISSIONS.filter((permission) => !permission.startsWith("READ_"));

describe("policy table", () => {
  it("should have a row with a description and a caller kind when a role is defined", () => {
    expect(Object.keys(POLICY).sort()).toEqual([...ALL_ROLES].sort());
    for (const role of ALL_ROLES) {
      expect(POLICY[role].description.length).toBeGreaterThan(0);
      expect(["USER", "SYSTEM"]).toContain(POLICY[role].caller);
    }
  });

  it("should grant only known permissions with a known scope when any role is read", () => {
    for (const role of ALL_ROLES) {
      for (const [permission, scope] of Object.entries(POLICY[role].grants)) {
        expect(ALL_PERMISSIONS).toContain(permission);
        expect(["OWN_REGION", "ALL"]).toContain(scope);
      }
    }
  });

  it("should make the custody feed the only system caller when the caller kinds are compared", () => {
    expect(ALL_ROLES.filter((role) => POLICY[role].caller === "SYSTEM")).toEqual([Role.CUSTODY_FEED]);
  });

  it("should grant nothing but RECORD_CUSTODY and RECORD_PAROLE when the caller is the custody feed", () => {
    expect(POLICY[Role.CUSTODY_FEED].grants).toEqual({
      [Permission.RECORD_CUSTODY]: "ALL",
      [Permission.RECORD_PAROLE]: "ALL",
    });
    for (const permission of ALL_PERMISSIONS) {
      expect(scopeOf([Role.CUSTODY_FEED], permission, "SYSTEM")).toBe(
        permission === Permission.RECORD_CUSTODY || permission === Permission.RECORD_PAROLE ? "ALL" : null,
      );
    }
  });

  it("should give no personal data and no change permission when the caller is an analyst", () => {
    expect(scopeOf([Role.ANALYST], Permission.READ_PERSONAL_DATA, "USER")).toBeNull();
    for (const permission of CHANGE_PERMISSIONS) expect(scopeOf([Role.ANALYST], permission, "USER")).toBeNull();
    expect(scopeOf([Role.ANALYST], Permission.READ_CASES, "USER")).toBe("ALL");
  });

  it("should give a VLO case work in their own region only and never closing, assigning or erasing when the caller is a VLO", () => {
    for (const permission of [Permission.READ_CASES, Permission.READ_PERSONAL_DATA, Permission.CHANGE_CASES]) {
      expect(scopeOf([Role.VLO], permission, "USER")).toBe("OWN_REGION");
    }
    for (const permission of [
      Permission.CLOSE_CASES,
      Permission.ASSIGN_CASES,
      Permission.ERASE_PERSONAL_DATA,
      Permission.MANAGE_OFFICERS,
      Permission.RECORD_CUSTODY,
    ]) {
      expect(scopeOf([Role.VLO], permission, "USER")).toBeNull();
    }
  });

  it("should give a manager every VLO grant plus assigning, closing and erasing in their region when the caller is a manager", () => {
    for (const permission of ALL_PERMISSIONS) {
      const vlo = scopeOf([Role.VLO], permission, "USER");
      if (vlo) expect(scopeOf([Role.MANAGER], permission, "USER")).toBe(vlo);
    }
    for (const permission of [Permission.ASSIGN_CASES, Permission.CLOSE_CASES, Permission.ERASE_PERSONAL_DATA]) {
      expect(scopeOf([Role.MANAGER], permission, "USER")).toBe("OWN_REGION");
    }
  });

  it("should keep the administrator and the auditor away from case data when their roles are read", () => {
    for (const role of [Role.ADMIN, Role.AUDITOR]) {
      for (const permission of [
        Permission.READ_CASES,
        Permission.READ_PERSONAL_DATA,
        Permission.CHANGE_CASES,
        Permission.CLOSE_CASES,
      ]) {
        expect(scopeOf([role], permission, "USER")).toBeNull();
      }
    }
    expect(scopeOf([Role.ADMIN], Permission.MANAGE_OFFICERS, "USER")).toBe("ALL");
    expect(scopeOf([Role.AUDITOR], Permission.READ_ACCESS_LOG, "USER")).toBe("ALL");
  });
});

describe("scopeOf", () => {
  it("should answer null when the caller has no roles", () => {
    for (const permission of ALL_PERMISSIONS) expect(scopeOf([], permission, "USER")).toBeNull();
  });

  it("should take the widest grant across several roles when they grant different scopes, in any order", () => {
    expect(scopeOf([Role.VLO, Role.ANALYST], Permission.READ_CASES, "USER")).toBe("ALL");
    expect(scopeOf([Role.ANALYST, Role.VLO], Permission.READ_CASES, "USER")).toBe("ALL");
    expect(scopeOf([Role.AUDITOR, Role.VLO], Permission.READ_CASES, "USER")).toBe("OWN_REGION");
    expect(scopeOf([Role.VLO, Role.AUDITOR], Permission.READ_CASES, "USER")).toBe("OWN_REGION");
  });

  it("should equal the widest single-role answer when any pair of roles is combined", () => {
    const rank = (scope: string | null) => (scope === "ALL" ? 2 : scope === "OWN_REGION" ? 1 : 0);
    for (const kind of ALL_KINDS) {
      for (const first of ALL_ROLES) {
        for (const second of ALL_ROLES) {
          for (const permission of ALL_PERMISSIONS) {
            const single = [scopeOf([first], permission, kind), scopeOf([second], permission, kind)];
            const widest = rank(single[0]) >= rank(single[1]) ? single[0] : single[1];
            expect(scopeOf([first, second], permission, kind)).toBe(widest);
          }
        }
      }
    }
  });

  it("should give READ_CASES everywhere but personal data only in the own region when the caller is a VLO and an analyst", () => {
    const roles = [Role.VLO, Role.ANALYST];
    expect(scopeOf(roles, Permission.READ_CASES, "USER")).toBe("ALL");
    expect(scopeOf(roles, Permission.READ_PERSONAL_DATA, "USER")).toBe("OWN_REGION");
    expect(scopeOf(roles, Permission.CHANGE_CASES, "USER")).toBe("OWN_REGION");
  });

  it("should ignore a role the table does not know when it is among the caller's roles", () => {
    const unknown = "ROLE_SOMETHING_ELSE" as Role;
    expect(scopeOf([unknown], Permission.READ_CASES, "USER")).toBeNull();
    expect(scopeOf([unknown, Role.VLO], Permission.READ_PERSONAL_DATA, "USER")).toBe("OWN_REGION");
  });
});

describe("caller kind", () => {
  it("should grant nothing at all when a role is held by the other kind of caller than the table names", () => {
    for (const role of ALL_ROLES) {
      const other: CallerKind = POLICY[role].caller === "USER" ? "SYSTEM" : "USER";
      for (const permission of ALL_PERMISSIONS) expect(scopeOf([role], permission, other)).toBeNull();
      expect(mismatchedRoles([role], other)).toEqual([role]);
      expect(mismatchedRoles([role], POLICY[role].caller)).toEqual([]);
    }
  });

  it("should grant exactly the table's grants when a role is held by the kind of caller the table names", () => {
    for (const role of ALL_ROLES) {
      for (const permission of ALL_PERMISSIONS)
        expect(scopeOf([role], permission, POLICY[role].caller)).toBe(POLICY[role].grants[permission] ?? null);
    }
  });

  it("should keep a user's own roles when the user also carries the feed's role", () => {
    const roles = [Role.VLO, Role.CUSTODY_FEED];
    expect(scopeOf(roles, Permission.READ_CASES, "USER")).toBe("OWN_REGION");
    expect(scopeOf(roles, Permission.RECORD_CUSTODY, "USER")).toBeNull();
    expect(scopeOf(roles, Permission.RECORD_CUSTODY, "SYSTEM")).toBe("ALL");
    expect(scopeOf(roles, Permission.READ_CASES, "SYSTEM")).toBeNull();
  });

  it("should name the role and both kinds of caller when a mismatch is explained", () => {
    expect(mismatchExplanation(Role.CUSTODY_FEED)).toBe(
      "ROLE_VCS_CUSTODY_FEED is a role for systems (client-credentials tokens); this token is a user's, so the role grants nothing.",
    );
    expect(mismatchExplanation(Role.ANALYST)).toBe(
      "ROLE_VCS_ANALYST is a role for people (user tokens); this token is a system's (client-credentials), so the role grants nothing.",
    );
  });
});
