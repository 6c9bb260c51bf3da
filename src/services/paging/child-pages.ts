import type { DataSource } from "typeorm";
import type { CaseStatus, EligibilityRoute } from "../../domain/cases/case.enums";
import type { Region } from "../../domain/security/region.enum";
import type { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { CaseContext } from "../../machines/machine-events";
import { scopeCondition, type CaseScope } from "../security/access-control";
import type { Page } from "./pagination";
import { selectRows } from "../platform/sql";

// Pages of children for many parents at once (each case's history, each offender's cases), so a
// list that shows them costs two statements per relation instead of two per parent.

interface Counted {
  parent: string;
  n: string | number;
}

async function countByParent(
  dataSource: DataSource,
  table: string,
  parentColumn: string,
  parents: string[],
  condition: { sql: string; values: unknown[] } = { sql: "TRUE", values: [] },
): Promise<Map<string, number>> {
  const rows = await selectRows<Counted>(
    dataSource,
    `SELECT "${parentColumn}" AS "parent", count(*) AS "n" FROM "${table}" WHERE "${parentColumn}" = ANY($1::uuid[]) AND ${condition.sql} GROUP BY "${parentColumn}"`,
    [parents, ...condition.values],
  );
  return new Map(rows.map((row) => [row.parent, Number(row.n)]));
}

function toPages<T>(
  parents: string[],
  rows: (T & { parent: string })[],
  counts: Map<string, number>,
  limit: number,
  hasPrevious: boolean,
  cursorOf: (row: T) => string,
): Map<string, Page<T>> {
  const grouped = new Map<string, T[]>(parents.map((parent) => [parent, []]));
  for (const row of rows) grouped.get(row.parent)?.push(row);
  return new Map(
    parents.map((parent) => {
      const children = grouped.get(parent)!;
      const onPage = children.slice(0, limit);
      return [
        parent,
        {
          items: onPage.map((row) => ({ cursor: cursorOf(row), row })),
          hasNextPage: children.length > limit,
          hasPreviousPage: hasPrevious,
          totalCount: counts.get(parent) ?? 0,
        },
      ];
    }),
  );
}

export async function historyPages(
  dataSource: DataSource,
  caseIds: string[],
  limit: number,
  afterSequence: number | null,
  cursorOf: (row: CaseTransitionEntity) => string,
) {
  const rows = await selectRows<CaseTransitionEntity & { parent: string }>(
    dataSource,
    `SELECT * FROM (
       SELECT t."case_id" AS "parent", t."id", t."case_id" AS "caseId", t."sequence", t."event", t."from_status" AS "fromStatus", t."to_status" AS "toStatus",
              t."actor", t."reason", t."payload", t."occurred_at" AS "occurredAt",
              row_number() OVER (PARTITION BY t."case_id" ORDER BY t."sequence") AS "position"
         FROM "case_transition" t WHERE t."case_id" = ANY($1::uuid[]) AND t."sequence" > $2
     ) page WHERE page."position" <= $3 ORDER BY page."parent", page."sequence"`,
    [caseIds, afterSequence ?? 0, limit + 1],
  );
  const counts = await countByParent(dataSource, "case_transition", "case_id", caseIds);
  return toPages(caseIds, rows, counts, limit, afterSequence !== null, cursorOf);
}

interface VictimCaseRow {
  parent: string;
  id: string;
  reference: string;
  offenderId: string;
  officerId: string | null;
  region: Region | null;
  status: CaseStatus;
  context: CaseContext;
  machineVersion: number;
  version: number;
  eligibilityRoute: EligibilityRoute;
  discretionaryReason: string | null;
  referredOn: string;
  createdAt: Date;
  updatedAt: Date;
}

export async function offenderCasePages(
  dataSource: DataSource,
  offenderIds: string[],
  limit: number,
  afterReference: string | null,
  scope: CaseScope,
  cursorOf: (row: VictimCaseEntity) => string,
) {
  const inScope = scopeCondition(scope, `c."region"`, 4);
  const rows = await selectRows<VictimCaseRow>(
    dataSource,
    `SELECT * FROM (
       SELECT c."offender_id" AS "parent", c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion",
              c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_reason" AS "discretionaryReason", c."referred_on"::text AS "referredOn",
              c."created_at" AS "createdAt", c."updated_at" AS "updatedAt",
              row_number() OVER (PARTITION BY c."offender_id" ORDER BY c."reference") AS "position"
         FROM "victim_case" c WHERE c."offender_id" = ANY($1::uuid[]) AND c."reference" > $2 AND ${inScope.sql}
     ) page WHERE page."position" <= $3 ORDER BY page."parent", page."reference"`,
    [offenderIds, afterReference ?? "", limit + 1, ...inScope.values],
  );
  const counts = await countByParent(
    dataSource,
    "victim_case",
    "offender_id",
    offenderIds,
    scopeCondition(scope, `"region"`, 2),
  );
  return toPages(
    offenderIds,
    rows as (VictimCaseEntity & { parent: string })[],
    counts,
    limit,
    afterReference !== null,
    cursorOf,
  );
}
