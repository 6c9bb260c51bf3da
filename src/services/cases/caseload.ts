import type { DataSource } from "typeorm";
import { isCalendarDate } from "../../domain/calendar/calendar";
import type { CaseStatus } from "../../domain/cases/case.enums";
import { CaseOrderField, SortDirection } from "../../domain/cases/caseload-order.enums";
import type { InformationLevel } from "../../domain/cases/contact.enums";
import { badUserInput } from "../../domain/errors/client-error";
import type { Region } from "../../domain/security/region.enum";
import { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import { OffenderEntity } from "../../entities/custody/offender.entity";
import { entityColumns, entityFromRow } from "../platform/entity-rows";
import { scopeCondition, type CaseScope } from "../security/access-control";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../paging/pagination";
import { selectRows } from "../platform/sql";
import { readConnection } from "../platform/read-connection";
import { casesWithOpenWorkDue, nextDueOnSql } from "../work/open-work";
import { victimCaseColumns, type VictimCaseRow } from "./victim-case-columns";

/** Which cases a caseload lists. For the ids, `null` means "an id that matched nothing": the list is empty. */
export interface CaseloadCriteria {
  /** Which cases the caller may see at all. */
  scope: CaseScope;
  statuses?: CaseStatus[] | null;
  offenderId?: string | null;
  officerId?: string | null;
  regions?: Region[] | null;
  informationLevels?: InformationLevel[] | null;
  /** With `today`: true, only cases with open work due before today; false, only cases without. */
  overdue?: boolean | null;
  today: string;
  dueBy?: string | null;
  referredFrom?: string | null;
  referredTo?: string | null;
  reference?: string | null;
  prisonNumber?: string | null;
  crn?: string | null;
  /** Blind indexes of a contact's name or postcode (never the values themselves). */
  nameIndex?: string | null;
  postcodeIndex?: string | null;
}

export interface CaseloadOrder {
  field: CaseOrderField;
  direction: SortDirection;
}

/**
 * A case of a caseload page, with its next due date (null when nothing is open): the statement's
 * row itself, which names the case's columns as the entity's properties. The row's other columns
 * (the count, the sort values, the relations') ride along unread: copying 50 rows into entities was
 * a tenth of the page's own work (issue 15 §4).
 */
type CaseloadCase = VictimCaseRow & {
  nextDueOn: string | null;
  /** The case's sort value as text, which its cursor is written from when asked for. */
  cursorValue: string;
};

/** What is read with the page's cases, in the same statement, because the caller will show it. */
export interface CaseloadRelations {
  offender?: boolean;
  /** Each case's newest history entry. */
  lastTransition?: boolean;
}

/** A caseload page, with the relations asked for of its cases (empty when not asked for). */
export type CaseloadPage = Page<CaseloadCase> & {
  offenders: OffenderEntity[];
  lastTransitions: CaseTransitionEntity[];
};

const OFFENDER = "offender.";
const LAST_TRANSITION = "lastTransition.";
const OFFENDER_ID = `${OFFENDER}id`;

// How each order sorts, and what its cursor holds: the sort value as text the database reads back
// exactly (a timestamp keeps its microseconds), then the id that breaks ties.
const ORDERS: Record<CaseOrderField, { value: string; cursorText: string; cast: string; pattern: RegExp }> = {
  [CaseOrderField.REFERENCE]: {
    value: `c."reference"`,
    cursorText: `c."reference"`,
    cast: "text",
    pattern: /^VCS-\d{4}-\d{6,}$/,
  },
  [CaseOrderField.REFERRED_ON]: {
    value: `c."referred_on"`,
    cursorText: `c."referred_on"::text`,
    cast: "date",
    pattern: /^\d{4}-\d{2}-\d{2}$/,
  },
  // Cases with nothing open sort last either way: 'infinity' ascending, '-infinity' descending.
  [CaseOrderField.NEXT_DUE]: {
    value: `coalesce(${nextDueOnSql(`c."id"`)}, 'infinity'::date)`,
    cursorText: `coalesce(${nextDueOnSql(`c."id"`)}, 'infinity'::date)::text`,
    cast: "date",
    pattern: /^(\d{4}-\d{2}-\d{2}|-?infinity)$/,
  },
  [CaseOrderField.UPDATED_AT]: {
    value: `c."updated_at"`,
    cursorText: `to_char(c."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: "timestamptz",
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  },
};

const DEFAULT_ORDER: CaseloadOrder = { field: CaseOrderField.REFERENCE, direction: SortDirection.ASC };

/**
 * One page of a caseload in one statement, whatever the page size: the count of every matching
 * case and the page itself (each case with its next due date, and the relations asked for), read
 * past the cursor in the order asked for.
 */
export async function listCaseload(
  dataSource: DataSource,
  criteria: CaseloadCriteria,
  page: PageRequest,
  order: CaseloadOrder = DEFAULT_ORDER,
  relations: CaseloadRelations = {},
): Promise<CaseloadPage> {
  const limit = pageSize(page.first);
  const after = parseCursor(order, decodeCursor("VictimCase", page.after));
  const values: unknown[] = [];
  const bind = binder(values);
  const where = conditions(criteria, values);
  const sort = ORDERS[order.field];
  const descending = order.direction === SortDirection.DESC;
  const value = descending ? sort.value.replace("'infinity'", "'-infinity'") : sort.value;
  const cursorText = descending ? sort.cursorText.replace("'infinity'", "'-infinity'") : sort.cursorText;
  const direction = descending ? "DESC" : "ASC";
  const comparison = descending ? "<" : ">";
  let position = "TRUE";
  if (after?.id)
    position = `(${value}, c."id") ${comparison} (${bind(after.value)}::${sort.cast}, ${bind(after.id)}::uuid)`;
  else if (after) position = `${value} ${comparison} ${bind(after.value)}::${sort.cast}`;
  // Joined to the page once it is cut, so they are read for its cases alone.
  const related: string[] = [];
  const joins: string[] = [];
  if (relations.offender) {
    related.push(entityColumns(dataSource, OffenderEntity, "o", OFFENDER));
    joins.push(`LEFT JOIN "offender" o ON o."id" = p."offenderId"`);
  }
  if (relations.lastTransition) {
    related.push(`h.*`);
    joins.push(`LEFT JOIN LATERAL (
       SELECT ${entityColumns(dataSource, CaseTransitionEntity, "h", LAST_TRANSITION)} FROM "case_transition" h
        WHERE h."case_id" = p."id" ORDER BY h."sequence" DESC LIMIT 1
     ) h ON TRUE`);
  }
  // The count beside the page: with no case past the cursor there is still its one row.
  const rows = await selectRows<CaseloadRow>(
    readConnection(dataSource),
    `SELECT t."totalCount", p.*${related.map((columns) => `, ${columns}`).join("")}
       FROM (SELECT count(*)::int AS "totalCount" FROM "victim_case" c WHERE ${where}) t
     LEFT JOIN LATERAL (
       SELECT ${victimCaseColumns("c")}, ${nextDueOnSql(`c."id"`)}::text AS "nextDueOn",
              ${value} AS "orderValue", ${cursorText} AS "cursorValue"
         FROM "victim_case" c WHERE ${where} AND ${position}
        ORDER BY ${value} ${direction}, c."id" ${direction} LIMIT ${bind(limit + 1)}
     ) p ON TRUE
     ${joins.join("\n     ")}
     ORDER BY p."orderValue" ${direction}, p."id" ${direction}`,
    values,
  );
  const offenders = new Map<string, OffenderEntity>();
  const lastTransitions: CaseTransitionEntity[] = [];
  const cases: CaseloadCase[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    // Several cases of a page share an offender: it is read from the first of its rows only.
    if (relations.offender && !offenders.has(row[OFFENDER_ID] as string)) {
      const offender = entityFromRow(dataSource, OffenderEntity, row, OFFENDER);
      if (offender) offenders.set(offender.id, offender);
    }
    const transition =
      relations.lastTransition && entityFromRow(dataSource, CaseTransitionEntity, row, LAST_TRANSITION);
    if (transition) lastTransitions.push(transition);
    cases.push(row);
  }
  const cursorOf = (row: CaseloadCase) => cursorFor(order, row.cursorValue, row.id, row.reference);
  const result = toPage(cases, limit, cursorOf, rows[0]?.totalCount ?? 0, after !== null);
  // The row past the page only says there is a next one: what was read with it is left out too.
  const onPage = new Set(result.items.map((item) => item.row.id));
  return {
    ...result,
    offenders: [...offenders.values()],
    lastTransitions: lastTransitions.filter((transition) => onPage.has(transition.caseId)),
  };
}

type CaseloadRow = VictimCaseRow & {
  totalCount: number;
  nextDueOn: string | null;
  orderValue: unknown;
  cursorValue: string;
  /** The relations' columns, named with their prefixes. */
  [related: string]: unknown;
};

const binder = (values: unknown[]) => (value: unknown) => {
  values.push(value);
  return `$${values.length}`;
};

/** Case counts per status and region of a caseload (the same filter as its list): one grouped statement. */
export async function countCaseload(
  dataSource: DataSource,
  criteria: CaseloadCriteria,
): Promise<{ status: CaseStatus; region: Region | null; count: number }[]> {
  const values: unknown[] = [];
  return selectRows(
    readConnection(dataSource),
    `SELECT c."status", c."region", count(*)::int AS "count" FROM "victim_case" c
      WHERE ${conditions(criteria, values)} GROUP BY c."status", c."region"`,
    values,
  );
}

// The conditions of the filter, on the case aliased `c`; each value is bound, never spliced.
function conditions(criteria: CaseloadCriteria, values: unknown[]): string {
  const bind = binder(values);
  const inScope = scopeCondition(criteria.scope, `c."region"`, values.length + 1);
  values.push(...inScope.values);
  const all = [inScope.sql];
  const equal = (column: string, value: unknown) => all.push(`${column} = ${bind(value)}`);
  if (criteria.statuses?.length) all.push(`c."status" = ANY(${bind(criteria.statuses)})`);
  if (criteria.regions?.length) all.push(`c."region" = ANY(${bind(criteria.regions)})`);
  if (criteria.offenderId !== undefined) equal(`c."offender_id"`, criteria.offenderId);
  if (criteria.officerId !== undefined) equal(`c."officer_id"`, criteria.officerId);
  if (criteria.reference) equal(`c."reference"`, criteria.reference);
  if (criteria.referredFrom) all.push(`c."referred_on" >= ${bind(criteria.referredFrom)}::date`);
  if (criteria.referredTo) all.push(`c."referred_on" <= ${bind(criteria.referredTo)}::date`);
  if (criteria.informationLevels?.length)
    all.push(
      `EXISTS (SELECT 1 FROM "contact_plan" cp WHERE cp."case_id" = c."id" AND cp."information_level" = ANY(${bind(criteria.informationLevels)}))`,
    );
  if (criteria.overdue != null) {
    const overdue = `c."id" IN ${casesWithOpenWorkDue("<", `${bind(criteria.today)}::date`)}`;
    all.push(criteria.overdue ? overdue : `NOT ${overdue}`);
  }
  if (criteria.dueBy) all.push(`c."id" IN ${casesWithOpenWorkDue("<=", `${bind(criteria.dueBy)}::date`)}`);
  if (criteria.prisonNumber)
    all.push(
      `c."offender_id" IN (SELECT o."id" FROM "offender" o WHERE o."prison_number" = ${bind(criteria.prisonNumber)})`,
    );
  if (criteria.crn)
    all.push(`c."offender_id" IN (SELECT o."id" FROM "offender" o WHERE o."crn" = ${bind(criteria.crn)})`);
  for (const [column, index] of [
    [`k."name_index"`, criteria.nameIndex],
    [`k."postcode_index"`, criteria.postcodeIndex],
  ] as const) {
    if (index)
      all.push(
        `EXISTS (SELECT 1 FROM "case_contact" k WHERE k."case_id" = c."id" AND k."erased_at" IS NULL AND ${column} = ${bind(index)})`,
      );
  }
  return all.join(" AND ");
}

// The default order keeps the plain reference cursor (the one Offender.victimCases uses too);
// other orders name themselves, so a cursor is refused in an order it was not made in.
function cursorFor(order: CaseloadOrder, value: string, id: string, reference: string): string {
  if (order.field === DEFAULT_ORDER.field && order.direction === DEFAULT_ORDER.direction)
    return encodeCursor("VictimCase", reference);
  return encodeCursor("VictimCase", `${order.field}:${order.direction}|${value}|${id}`);
}

function parseCursor(order: CaseloadOrder, position: string | null): { value: string; id: string | null } | null {
  if (position === null) return null;
  const isDefault = order.field === DEFAULT_ORDER.field && order.direction === DEFAULT_ORDER.direction;
  if (isDefault) {
    if (position.includes("|")) throw badUserInput("after is a cursor of another order of this list.", ["after"]);
    return { value: position, id: null };
  }
  const [name, value, id] = position.split("|");
  const pattern = ORDERS[order.field].pattern;
  if (name !== `${order.field}:${order.direction}` || !value || !id)
    throw badUserInput("after is a cursor of another order of this list.", ["after"]);
  if (!pattern.test(value) || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !isCalendarDate(value)))
    throw badUserInput("after is not a cursor from this list.", ["after"]);
  return { value, id };
}
