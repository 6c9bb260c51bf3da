import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";

/**
 * A victim case read by raw SQL: the entity's own properties, as `victimCaseColumns` selects them.
 * The sealed discretionary reason is never among them: it is read alone, by whoever may (discretionary-reasons.ts).
 */
export type VictimCaseRow = Omit<
  VictimCaseEntity,
  "offender" | "officer" | "contacts" | "contactPlan" | "discretionaryReason"
>;

/** The select list of a whole victim case from the table aliased `alias`, named as VictimCaseEntity's properties. */
export function victimCaseColumns(alias: string): string {
  return `${alias}."id", ${alias}."reference", ${alias}."offender_id" AS "offenderId", ${alias}."officer_id" AS "officerId",
          ${alias}."region", ${alias}."status", ${alias}."context", ${alias}."machine_version" AS "machineVersion",
          ${alias}."version", ${alias}."eligibility_route" AS "eligibilityRoute",
          ${alias}."discretionary_ground" AS "discretionaryGround", ${alias}."referred_on"::text AS "referredOn",
          ${alias}."created_at" AS "createdAt", ${alias}."updated_at" AS "updatedAt"`;
}
