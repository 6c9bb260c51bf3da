import type { DataSource } from "typeorm";

/** What the service's own database role could do to the append-only histories. */
export interface RuntimeRolePowers {
  role: string;
  /** A superuser can set session_replication_role and so skip every trigger. */
  superuser: boolean;
  /** The access log's owner (or a member of its role) can disable its triggers and truncate it. */
  ownsHistory: boolean;
}

/** Asks PostgreSQL what the connected role may do; one statement. */
export async function runtimeRolePowers(dataSource: DataSource): Promise<RuntimeRolePowers> {
  const [row] = (await dataSource.query(
    `SELECT current_user AS "role", "r"."rolsuper" AS "superuser",
            pg_has_role(current_user, "c"."relowner", 'MEMBER') AS "ownsHistory"
       FROM pg_roles "r", pg_class "c"
      WHERE "r"."rolname" = current_user AND "c"."oid" = 'access_log'::regclass`,
  )) as RuntimeRolePowers[];
  return row;
}

/** Why this role should not run the service, or null when it can only add to the histories. */
export function historyRewriteRisk(powers: RuntimeRolePowers): string | null {
  if (powers.superuser) return `the database role ${powers.role} is a superuser`;
  if (powers.ownsHistory) return `the database role ${powers.role} owns the tables`;
  return null;
}
