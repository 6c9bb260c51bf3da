import type { AuthChecker } from "type-graphql";
import type { Region } from "../domain/security/region.enum";
import type { Permission } from "../domain/security/policy";
import type { RequestContext } from "./context";

/**
 * `@Authorized(Permission.X)`: on an operation, the caller must hold X somewhere; on a field of a
 * record that carries `scopeRegion`, X must reach that record's region. A denied field is null with
 * a FORBIDDEN error on its path, never its value.
 */
export const authChecker: AuthChecker<RequestContext, Permission> = ({ root, context }, permissions) => {
  const scoped = root !== null && typeof root === "object" && "scopeRegion" in root;
  // A record that should carry its region but does not is denied, never waved through.
  const region = scoped ? ((root as { scopeRegion?: Region | null }).scopeRegion ?? null) : undefined;
  for (const permission of permissions) {
    if (region === undefined) context.access.require(permission);
    else context.access.requireFor(permission, region);
  }
  return true;
};
