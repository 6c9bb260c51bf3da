import type { Pool } from "pg";
import type { OfficerRow } from "./request-context";

/**
 * Whether the baseline keeps each officer record for the life of the process. The service keeps
 * the officer records it has read per instance (src/services/security/officer-directory.ts,
 * forgetting one when an officer change is announced, which the bench never makes), so after a
 * user's first request there is no officer lookup; the baseline does the same. A user with no
 * record is looked up every time, in both.
 */
export const CACHE_OFFICER_PER_PROCESS = true;

// The statement TypeORM sends for findOneBy(OfficerEntity, { username }), as captured.
const OFFICER_BY_USERNAME = `SELECT "OfficerEntity"."id" AS "OfficerEntity_id", "OfficerEntity"."username" AS "OfficerEntity_username", "OfficerEntity"."name" AS "OfficerEntity_name", "OfficerEntity"."region" AS "OfficerEntity_region", "OfficerEntity"."team" AS "OfficerEntity_team", "OfficerEntity"."created_at" AS "OfficerEntity_created_at" FROM "officer" "OfficerEntity" WHERE (("OfficerEntity"."username" = $1)) LIMIT 1`;

const known = new Map<string, OfficerRow>();

/** The officer a user token names, or null when there is no such officer. */
export async function findOfficer(pool: Pool, username: string): Promise<OfficerRow | null> {
  const kept = CACHE_OFFICER_PER_PROCESS ? known.get(username) : undefined;
  if (kept) return kept;
  const { rows } = await pool.query<Record<string, string>>(OFFICER_BY_USERNAME, [username]);
  if (rows.length === 0) return null;
  const officer = {
    id: rows[0].OfficerEntity_id,
    username: rows[0].OfficerEntity_username,
    region: rows[0].OfficerEntity_region,
  };
  if (CACHE_OFFICER_PER_PROCESS) known.set(username, officer);
  return officer;
}
