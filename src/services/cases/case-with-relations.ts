import type { DataSource } from "typeorm";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { OffenderEntity } from "../../entities/custody/offender.entity";
import { entityColumns, entityFromRow } from "../platform/entity-rows";
import { selectRows } from "../platform/sql";
import { scopeCondition, type CaseScope } from "../security/access-control";

/** The relations of a case to read with it. */
export interface CaseRelations {
  offender: boolean;
  contacts: boolean;
}

/** A case with the relations asked for (null when not asked for). */
export interface CaseWithRelations {
  victimCase: VictimCaseEntity;
  offender: OffenderEntity | null;
  /** Oldest first, as `contactsByCase` lists them. */
  contacts: CaseContactEntity[] | null;
}

/**
 * One case in the caller's scope with its offender and its contacts, as far as asked for, in one
 * statement (issue 15 §2: a case page's read is one round trip, not one per relation). A case out
 * of scope is read exactly as one that does not exist: null.
 */
export async function readCaseWithRelations(
  dataSource: DataSource,
  caseId: string,
  scope: CaseScope,
  relations: CaseRelations,
): Promise<CaseWithRelations | null> {
  const inScope = scopeCondition(scope, `c."region"`, 2);
  const columns = [entityColumns(dataSource, VictimCaseEntity, "c", "c_")];
  const joins: string[] = [];
  if (relations.offender) {
    columns.push(entityColumns(dataSource, OffenderEntity, "o", "o_"));
    joins.push(`LEFT JOIN "offender" o ON o."id" = c."offender_id"`);
  }
  if (relations.contacts) {
    columns.push(entityColumns(dataSource, CaseContactEntity, "k", "k_"));
    joins.push(`LEFT JOIN "case_contact" k ON k."case_id" = c."id"`);
  }
  // One row per contact (or one row with none); the case and offender repeat on each.
  const rows = await selectRows<Record<string, unknown>>(
    dataSource,
    `SELECT ${columns.join(", ")} FROM "victim_case" c ${joins.join(" ")}
      WHERE c."id" = $1 AND ${inScope.sql}${relations.contacts ? ` ORDER BY k."created_at", k."id"` : ""}`,
    [caseId, ...inScope.values],
  );
  if (rows.length === 0) return null;
  const contacts = rows.flatMap((row) => entityFromRow(dataSource, CaseContactEntity, row, "k_") ?? []);
  return {
    victimCase: entityFromRow(dataSource, VictimCaseEntity, rows[0], "c_")!,
    offender: relations.offender ? entityFromRow(dataSource, OffenderEntity, rows[0], "o_") : null,
    contacts: relations.contacts ? contacts : null,
  };
}
