import { Role } from "../../src/domain/security/role.enum";
import { Permission, POLICY, scopeOf } from "../../src/domain/security/policy";

const ALL_ROLES = Object.values(Role);
const ALL_PERMISSIONS = Object.values(Permission);
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
      expect(scopeOf([Role.CUSTODY_FEED], permission)).toBe(
        permission === Permission.RECORD_CUSTODY || permission === Permission.RECORD_PAROLE ? "ALL" : null,
      );
    }
  });

  it("should give no personal data and no change permission when the caller is an analyst", () => {
    expect(scopeOf([Role.ANALYST], Permission.READ_PERSONAL_DATA)).toBeNull();
    for (const permission of CHANGE_PERMISSIONS) expect(scopeOf([Role.ANALYST], permission)).toBeNull();
    expect(scopeOf([Role.ANALYST], Permission.READ_CASES)).toBe("ALL");
  });

  it("should give a VLO case work in their own region only and never closing, assigning or erasing when the caller is a VLO", () => {
    for (const permission of [Permission.READ_CASES, Permission.READ_PERSONAL_DATA, Permission.CHANGE_CASES]) {
      expect(scopeOf([Role.VLO], permission)).toBe("OWN_REGION");
    }
    for (const permission of [
      Permission.CLOSE_CASES,
      Permission.ASSIGN_CASES,
      Permission.ERASE_PERSONAL_DATA,
      Permission.MANAGE_OFFICERS,
      Permission.RECORD_CUSTODY,
    ]) {
      expect(scopeOf([Role.VLO], permission)).toBeNull();
    }
  });

  it("should give a manager every VLO grant plus assigning, closing and erasing in their region when the caller is a manager", () => {
    for (const permission of ALL_PERMISSIONS) {
      const vlo = scopeOf([Role.VLO], permission);
      if (vlo) expect(scopeOf([Role.MANAGER], permission)).toBe(vlo);
    }
    for (const permission of [Permission.ASSIGN_CASES, Permission.CLOSE_CASES, Permission.ERASE_PERSONAL_DATA]) {
      expect(scopeOf([Role.MANAGER], permission)).toBe("OWN_REGION");
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
        expect(scopeOf([role], permission)).toBeNull();
      }
    }
    expect(scopeOf([Role.ADMIN], Permission.MANAGE_OFFICERS)).toBe("ALL");
    expect(scopeOf([Role.AUDITOR], Permission.READ_ACCESS_LOG)).toBe("ALL");
  });
});

describe("scopeOf", () => {
  it("should answer null when the caller has no roles", () => {
    for (const permission of ALL_PERMISSIONS) expect(scopeOf([], permission)).toBeNull();
  });

  it("should take the widest grant across several roles when they grant different scopes, in any order", () => {
    expect(scopeOf([Role.VLO, Role.ANALYST], Permission.READ_CASES)).toBe("ALL");
    expect(scopeOf([Role.ANALYST, Role.VLO], Permission.READ_CASES)).toBe("ALL");
    expect(scopeOf([Role.AUDITOR, Role.VLO], Permission.READ_CASES)).toBe("OWN_REGION");
    expect(scopeOf([Role.VLO, Role.AUDITOR], Permission.READ_CASES)).toBe("OWN_REGION");
  });

  it("should equal the widest single-role answer when any pair of roles is combined", () => {
    const rank = (scope: string | null) => (scope === "ALL" ? 2 : scope === "OWN_REGION" ? 1 : 0);
    for (const first of ALL_ROLES) {
      for (const second of ALL_ROLES) {
        for (const permission of ALL_PERMISSIONS) {
          const single = [scopeOf([first], permission), scopeOf([second], permission)];
          const widest = rank(single[0]) >= rank(single[1]) ? single[0] : single[1];
          expect(scopeOf([first, second], permission)).toBe(widest);
        }
      }
    }
  });

  it("should give READ_CASES everywhere but personal data only in the own region when the caller is a VLO and an analyst", () => {
    const roles = [Role.VLO, Role.ANALYST];
    expect(scopeOf(roles, Permission.READ_CASES)).toBe("ALL");
    expect(scopeOf(roles, Permission.READ_PERSONAL_DATA)).toBe("OWN_REGION");
    expect(scopeOf(roles, Permission.CHANGE_CASES)).toBe("OWN_REGION");
  });

  it("should ignore a role the table does not know when it is among the caller's roles", () => {
    const unknown = "ROLE_SOMETHING_ELSE" as Role;
    expect(scopeOf([unknown], Permission.READ_CASES)).toBeNull();
    expect(scopeOf([unknown, Role.VLO], Permission.READ_PERSONAL_DATA)).toBe("OWN_REGION");
  });
});
