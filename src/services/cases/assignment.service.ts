import type { EntityManager } from "typeorm";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { OfficerEntity } from "../../entities/security/officer.entity";
import type { AccessControl } from "../security/access-control";
import { appendCaseNote, lockCase, type AppliedTransition } from "./case-transition.service";
import { Permission } from "../../domain/security/policy";

// Moves a case to another officer (and so to their region). Not a status change: the case keeps
// its status, and the history records who took it over.
export async function assignVictimCase(
  manager: EntityManager,
  caseId: string,
  officerId: string,
  access: AccessControl,
  options: { actor: string; expectedVersion?: number | null },
): Promise<AppliedTransition> {
  const locked = await lockCase(manager, caseId, access.scope(Permission.ASSIGN_CASES));
  requireCurrentVersion(options.expectedVersion, locked.version, "case");
  const officer = await manager.findOneBy(OfficerEntity, { id: officerId });
  if (!officer) throw notFound(["input", "officerId"], "officer");
  if (!officer.region || !access.allows(Permission.ASSIGN_CASES, officer.region)) {
    throw new DomainError(UserErrorCode.FORBIDDEN, "Cases can only be assigned to officers of a region you manage.", [
      "input",
      "officerId",
    ]);
  }
  const transitionId = await appendCaseNote(
    manager,
    locked,
    {
      event: "ASSIGNED",
      actor: options.actor,
      reason: officer.username,
      payload: { officer: officer.username, region: officer.region },
    },
    { officerId: officer.id, region: officer.region },
  );
  return { caseId, transitionId };
}
