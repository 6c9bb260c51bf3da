import type { EligibilityRoute } from "../../domain/cases/case.enums";
import type { Region } from "../../domain/security/region.enum";
import type { SentenceType } from "../../domain/sentences/sentence.enums";
import { scopeCondition, type CaseScope } from "../security/access-control";

/** Text compared by its bytes: grouping needs equal values together, not the language's order. */
export const C_ORDER = `COLLATE "C"`;

/** What the scheme's statistics count: the cases the caller may see that meet the filter. */
export interface StatisticsCriteria {
  scope: CaseScope;
  regions?: Region[] | null;
  officerId?: string | null;
  routes?: EligibilityRoute[] | null;
  sentenceTypes?: SentenceType[] | null;
  /** Each measure's own day (a referral's, an invitation's, a notification's due day…) from and to, inclusive. */
  from?: string | null;
  to?: string | null;
  /** England and Wales's today, for "overdue now". */
  today: string;
}

export type StatisticsDimension = "REGION" | "MONTH";

/** One group's keys: null where the statistics are not grouped by that dimension. */
export interface GroupKeys {
  region: Region | null;
  month: string | null;
}

/**
 * One statement's SQL under construction: the values it binds, the cases it counts (alias `c`,
 * the victim_case row) and how its rows are grouped.
 */
export class StatisticsSql {
  readonly values: unknown[] = [];

  constructor(
    private readonly criteria: StatisticsCriteria,
    private readonly dimensions: readonly StatisticsDimension[],
  ) {}

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The conditions on the case `c`: the caller's scope and the filter's case fields. */
  caseConditions(): string {
    const { criteria } = this;
    const scope = scopeCondition(criteria.scope, `c."region"`, this.values.length + 1);
    this.values.push(...scope.values);
    const conditions = [scope.sql];
    if (criteria.regions?.length) conditions.push(`c."region" = ANY(${this.bind(criteria.regions)}::text[])`);
    if (criteria.officerId) conditions.push(`c."officer_id" = ${this.bind(criteria.officerId)}::uuid`);
    if (criteria.routes?.length) conditions.push(`c."eligibility_route" = ANY(${this.bind(criteria.routes)}::text[])`);
    if (criteria.sentenceTypes?.length)
      conditions.push(
        `EXISTS (SELECT 1 FROM "sentence" s WHERE s."offender_id" = c."offender_id" AND s."type" = ANY(${this.bind(criteria.sentenceTypes)}::text[]))`,
      );
    return conditions.join(" AND ");
  }

  /** The filter's date range on one measure's own day, which must be there (write it only here: the planner counts a repeated condition twice). */
  within(day: string): string {
    const conditions = [`${day} IS NOT NULL`];
    if (this.criteria.from) conditions.push(`${day} >= ${this.bind(this.criteria.from)}::date`);
    if (this.criteria.to) conditions.push(`${day} <= ${this.bind(this.criteria.to)}::date`);
    return conditions.join(" AND ");
  }

  /**
   * The group columns, selected as "region" and "month" (null when not grouped by it). Rows are
   * grouped by the month's first day and the region's bytes, which sort far faster than the month's
   * text and the region in the database's collation; the month is written once per group.
   */
  keys(day: string, region = `c."region"`): { select: string; groupBy: string } {
    const regionKey = this.dimensions.includes("REGION") ? `${region} ${C_ORDER}` : "NULL::text";
    const byMonth = this.dimensions.includes("MONTH");
    const month = `date_trunc('month', ${day}::timestamp)`;
    return {
      select: `${regionKey} AS "region", ${byMonth ? `to_char(${month}, 'YYYY-MM')` : "NULL::text"} AS "month"`,
      // The month first: a sort compares the month's 8 bytes and reaches the region's text only on a tie.
      groupBy: byMonth ? `${month}, 1` : "1, 2",
    };
  }

  today(): string {
    return `${this.bind(this.criteria.today)}::date`;
  }
}
