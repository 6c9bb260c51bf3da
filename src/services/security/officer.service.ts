import type { EntityManager } from "typeorm";
import { DomainError } from "../../domain/errors/domain-error";
import type { Region } from "../../domain/security/region.enum";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { OfficerEntity } from "../../entities/security/officer.entity";

export interface NewOfficer {
  username: string;
  name: string;
  region?: Region | null;
  team?: string | null;
}

export async function createOfficer(manager: EntityManager, officer: NewOfficer): Promise<{ officerId: string }> {
  if (await manager.existsBy(OfficerEntity, { username: officer.username })) {
    throw new DomainError(UserErrorCode.INVALID_INPUT, "An officer already has this user name.", ["input", "username"]);
  }
  const created = await manager.save(
    OfficerEntity,
    manager.create(OfficerEntity, { ...officer, region: officer.region ?? null, team: officer.team ?? null }),
  );
  return { officerId: created.id };
}
