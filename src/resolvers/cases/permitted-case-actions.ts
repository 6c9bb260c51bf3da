import { CaseAction } from "../../domain/cases/case.enums";
import { Permission } from "../../domain/security/policy";
import type { Region } from "../../domain/security/region.enum";
import type { AccessControl } from "../../services/security/access-control";
import { availableCaseActionsOf } from "../../machines/case.machine";
import type { VictimCase } from "../../schema/cases/victim-case.type";

/** The permission a case action needs: closing has its own, every other action is a change. */
export const permissionFor = (action: CaseAction): Permission =>
  action === CaseAction.CLOSE ? Permission.CLOSE_CASES : Permission.CHANGE_CASES;

// Per caller (an AccessControl is one request's, and never changes), then per list of actions the
// machine allows (availableCaseActionsOf answers the same frozen list for the same stored state),
// then per region: a page of 50 cases in a few states asked the policy 150 times (issue 15 §4).
const permittedByCaller = new WeakMap<
  AccessControl,
  Map<readonly CaseAction[], Map<Region | null, readonly CaseAction[]>>
>();

/** Those of `allowed` (a list availableCaseActionsOf answered) the caller may take on a case of `region`. */
export function permittedCaseActions(
  access: AccessControl,
  allowed: readonly CaseAction[],
  region: Region | null,
): readonly CaseAction[] {
  let byAllowed = permittedByCaller.get(access);
  if (!byAllowed) permittedByCaller.set(access, (byAllowed = new Map()));
  let byRegion = byAllowed.get(allowed);
  if (!byRegion) byAllowed.set(allowed, (byRegion = new Map()));
  let permitted = byRegion.get(region);
  if (!permitted) {
    permitted = Object.freeze(allowed.filter((action) => access.allows(permissionFor(action), region)));
    byRegion.set(region, permitted);
  }
  return permitted;
}

/** The actions the case's machine allows now and the caller may take: a case's availableActions. */
export function availableActionsOfCase(
  access: AccessControl,
  victimCase: Pick<VictimCase, "status" | "context" | "scopeRegion">,
): readonly CaseAction[] {
  return permittedCaseActions(
    access,
    availableCaseActionsOf(victimCase.status, victimCase.context),
    victimCase.scopeRegion,
  );
}
