import type { DataSource } from "typeorm";
import { CaseStatus } from "../../domain/cases/case.enums";
import { AccessLogEntity } from "../../entities/security/access-log.entity";
import { OffenderEntity } from "../../entities/custody/offender.entity";
import { OfficerEntity } from "../../entities/security/officer.entity";
import { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { scopePredicate, type CaseScope } from "../security/access-control";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../paging/pagination";

export interface VictimCaseCriteria {
  /** Which cases the caller may see at all. */
  scope: CaseScope;
  statuses?: CaseStatus[] | null;
  /** Database id; `null` means an offender id that matched nothing, so the list is empty. */
  offenderId?: string | null;
}

// Keyset pages: each page is one indexed range query plus one count, whatever its position.
export async function listVictimCases(
  dataSource: DataSource,
  criteria: VictimCaseCriteria,
  page: PageRequest,
): Promise<Page<VictimCaseEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("VictimCase", page.after);
  const inScope = scopePredicate(criteria.scope, "c", "scopeRegion");
  const query = dataSource.manager.createQueryBuilder(VictimCaseEntity, "c").where(inScope.sql, inScope.parameters);
  if (criteria.statuses?.length) query.andWhere("c.status IN (:...statuses)", { statuses: criteria.statuses });
  if (criteria.offenderId !== undefined)
    query.andWhere("c.offenderId = :offenderId", { offenderId: criteria.offenderId });
  const totalCount = await query.clone().getCount();
  if (after) query.andWhere("c.reference > :after", { after });
  const rows = await query
    .orderBy("c.reference", "ASC")
    .take(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => encodeCursor("VictimCase", row.reference), totalCount, after !== null);
}

/** Case counts per status and region, within the caller's scope: one grouped statement. */
export async function countCases(
  dataSource: DataSource,
  criteria: VictimCaseCriteria,
): Promise<{ status: CaseStatus; region: string | null; count: number }[]> {
  const inScope = scopePredicate(criteria.scope, "c", "scopeRegion");
  const query = dataSource.manager
    .createQueryBuilder(VictimCaseEntity, "c")
    .select("c.status", "status")
    .addSelect("c.region", "region")
    .addSelect("count(*)", "count")
    .where(inScope.sql, inScope.parameters)
    .groupBy("c.status")
    .addGroupBy("c.region");
  if (criteria.statuses?.length) query.andWhere("c.status IN (:...statuses)", { statuses: criteria.statuses });
  if (criteria.offenderId !== undefined)
    query.andWhere("c.offenderId = :offenderId", { offenderId: criteria.offenderId });
  const rows = await query.getRawMany<{ status: CaseStatus; region: string | null; count: string | number }>();
  return rows.map((row) => ({ status: row.status, region: row.region, count: Number(row.count) }));
}

export async function listOffenders(dataSource: DataSource, page: PageRequest): Promise<Page<OffenderEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("Offender", page.after);
  const query = dataSource.manager.createQueryBuilder(OffenderEntity, "o");
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

export async function listOfficers(dataSource: DataSource, page: PageRequest): Promise<Page<OfficerEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("Officer", page.after);
  const query = dataSource.manager.createQueryBuilder(OfficerEntity, "o");
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
