import type { DataSource } from "typeorm";
import { AccessLogEntity } from "../../entities/security/access-log.entity";
import { OffenderEntity } from "../../entities/custody/offender.entity";
import type { Region } from "../../domain/security/region.enum";
import { OfficerEntity } from "../../entities/security/officer.entity";
import { OFFENDER_NAME_WORDS_SQL } from "../custody/offender-name-words";
import { scopePredicate, type CaseScope } from "../security/access-control";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../paging/pagination";

export interface OffenderCriteria {
  prisonNumber?: string | null;
  crn?: string | null;
  /** Whole words every matching name has (offenderNameWords). */
  nameWords?: string[] | null;
}

export async function listOffenders(
  dataSource: DataSource,
  criteria: OffenderCriteria,
  page: PageRequest,
): Promise<Page<OffenderEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("Offender", page.after);
  const query = dataSource.manager.createQueryBuilder(OffenderEntity, "o");
  if (criteria.prisonNumber) query.andWhere("o.prisonNumber = :prisonNumber", { prisonNumber: criteria.prisonNumber });
  if (criteria.crn) query.andWhere("o.crn = :crn", { crn: criteria.crn });
  if (criteria.nameWords?.length)
    query.andWhere(`${OFFENDER_NAME_WORDS_SQL.replace('"name"', 'o."name"')} @> CAST(:words AS text[])`, {
      words: criteria.nameWords,
    });
  const totalCount = await query.clone().getCount();
  if (after) {
    // Compared with the stored timestamp: PostgreSQL keeps microseconds that a JS Date would lose.
    query.andWhere(`(o.created_at, o.id) > (SELECT "created_at", "id" FROM "offender" WHERE "id" = :after)`, { after });
  }
  const rows = await query
    .orderBy("o.createdAt", "ASC")
    .addOrderBy("o.id", "ASC")
    .take(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => encodeCursor("Offender", row.id), totalCount, after !== null);
}

/** Officers by user name, those of the scope's region only (officers carry a region as cases do). */
export async function listOfficers(
  dataSource: DataSource,
  scope: CaseScope,
  region: Region | null,
  page: PageRequest,
): Promise<Page<OfficerEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("Officer", page.after);
  const inScope = scopePredicate(scope, "o", "scopeRegion");
  const query = dataSource.manager.createQueryBuilder(OfficerEntity, "o").where(inScope.sql, inScope.parameters);
  if (region) query.andWhere("o.region = :region", { region });
  const totalCount = await query.clone().getCount();
  if (after) query.andWhere("o.username > :after", { after });
  const rows = await query
    .orderBy("o.username", "ASC")
    .take(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => encodeCursor("Officer", row.username), totalCount, after !== null);
}

export interface AccessLogCriteria {
  actor?: string | null;
  caseId?: string;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export async function listAccessLog(
  dataSource: DataSource,
  criteria: AccessLogCriteria,
  page: PageRequest,
): Promise<Page<AccessLogEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("AccessLogEntry", page.after);
  const query = dataSource.manager.createQueryBuilder(AccessLogEntity, "l");
  if (criteria.actor) query.andWhere("l.actor = :actor", { actor: criteria.actor });
  if (criteria.caseId) query.andWhere("l.caseId = :caseId", { caseId: criteria.caseId });
  if (criteria.action) query.andWhere("l.action = :action", { action: criteria.action });
  if (criteria.from) query.andWhere("l.occurredAt >= :from", { from: criteria.from });
  if (criteria.to) query.andWhere("l.occurredAt < :to", { to: criteria.to });
  const totalCount = await query.clone().getCount();
  if (after) query.andWhere("l.sequence < :after", { after });
  const rows = await query
    .orderBy("l.sequence", "DESC")
    .take(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => encodeCursor("AccessLogEntry", row.sequence), totalCount, after !== null);
}
