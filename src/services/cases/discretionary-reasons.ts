import { decryptField } from "../../entities/field-encryption.transformer";
import { selectRows, type SqlExecutor } from "../platform/sql";

/**
 * The discretionary reasons of these cases, opened, by case id (a case without one is absent). Only
 * for a caller already allowed to read them: the reason is personal data, so it is never loaded with
 * the case and is opened here alone, once the field's permission and access log have been settled.
 */
export async function readDiscretionaryReasons(
  db: SqlExecutor,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: string; sealed: string }>(
    db,
    `SELECT "id", "discretionary_reason" AS "sealed" FROM "victim_case"
      WHERE "id" = ANY($1::uuid[]) AND "discretionary_reason" IS NOT NULL`,
    [caseIds],
  );
  return new Map(rows.map((row) => [row.id, decryptField(row.sealed)]));
}
