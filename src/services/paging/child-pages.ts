import type { DataSource } from "typeorm";
import type { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import type { CustodyEventEntity } from "../../entities/custody/custody-event.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { scopeCondition, type CaseScope } from "../security/access-control";
import { PageItem, type Page } from "./pagination";
import { selectRows } from "../platform/sql";
import { victimCaseColumns, type VictimCaseRow } from "../cases/victim-case-columns";

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
          items: onPage.map((row) => new PageItem(row, cursorOf)),
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
              t."actor", t."reason", t."payload", t."occurred_at" AS "occurredAt", t."effective_on"::text AS "effectiveOn",
              row_number() OVER (PARTITION BY t."case_id" ORDER BY t."sequence") AS "position"
         FROM "case_transition" t WHERE t."case_id" = ANY($1::uuid[]) AND t."sequence" > $2
     ) page WHERE page."position" <= $3 ORDER BY page."parent", page."sequence"`,
    [caseIds, afterSequence ?? 0, limit + 1],
  );
  const counts = await countByParent(dataSource, "case_transition", "case_id", caseIds);
  return toPages(caseIds, rows, counts, limit, afterSequence !== null, cursorOf);
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
  const rows = await selectRows<VictimCaseRow & { parent: string }>(
    dataSource,
    `SELECT * FROM (
       SELECT c."offender_id" AS "parent", ${victimCaseColumns("c")},
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

/**
 * Each offender's custody history, newest first: by the day each event happened, then by the order
 * it was recorded. `after` is the position `<occurredOn>|<sequence>` of the last event seen.
 */
export async function custodyEventPages(
  dataSource: DataSource,
  offenderIds: string[],
  limit: number,
  after: string | null,
  cursorOf: (row: CustodyEventEntity) => string,
) {
  const [afterOn, afterSequence] = after === null ? [null, null] : after.split("|");
  const rows = await selectRows<CustodyEventEntity & { parent: string }>(
    dataSource,
    `SELECT * FROM (
       SELECT e."offender_id" AS "parent", e."id", e."offender_id" AS "offenderId", e."sequence", e."type", e."from_phase" AS "fromPhase", e."to_phase" AS "toPhase",
              e."occurred_on"::text AS "occurredOn", e."details", e."actor", e."recorded_at" AS "recordedAt",
              row_number() OVER (PARTITION BY e."offender_id" ORDER BY e."occurred_on" DESC, e."sequence" DESC) AS "position"
         FROM "custody_event" e
        WHERE e."offender_id" = ANY($1::uuid[]) AND ($2::date IS NULL OR (e."occurred_on", e."sequence") < ($2::date, $3::bigint))
     ) page WHERE page."position" <= $4 ORDER BY page."parent", page."occurredOn" DESC, page."sequence" DESC`,
    [offenderIds, afterOn, afterSequence, limit + 1],
  );
  const counts = await countByParent(dataSource, "custody_event", "offender_id", offenderIds);
  return toPages(offenderIds, rows, counts, limit, after !== null, cursorOf);
}
