import type { DataSource } from "typeorm";
import { encryptField } from "../../entities/field-encryption.transformer";
import { changeRows, selectRows } from "../platform/sql";

// The shape of a sealed value (field-encryption.transformer.ts): anything else is plain text.
const SEALED = String.raw`^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`;

/** Columns that held plain text before they were treated as personal data (issue 13 §2). */
const ONCE_PLAIN = [
  { table: "victim_case", key: "id", column: "discretionary_reason" },
  // Moved out of the history by migration 1766900000000.
  { table: "case_transition_note", key: "transition_id", column: "note" },
] as const;

/**
 * Seals every value of those columns still in plain text (SQL cannot seal them: the key is the
 * application's). Batches of `batchSize`, each in its own transaction, rows locked by others
 * skipped, so it can run beside the service and be interrupted; the start and `npm run rotate-key`
 * run it. Answers how many it sealed.
 */
export async function sealPlaintextPersonalData(dataSource: DataSource, batchSize = 500): Promise<number> {
  let sealed = 0;
  for (const { table, key, column } of ONCE_PLAIN) {
    for (;;) {
      const done = await dataSource.transaction(async (manager) => {
        const rows = await selectRows<{ id: string; plain: string }>(
          manager,
          `SELECT "${key}" AS "id", "${column}" AS "plain" FROM "${table}"
            WHERE "${column}" IS NOT NULL AND "${column}" !~ $1
            ORDER BY "${key}" LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [SEALED, batchSize],
        );
        // Plain SQL: sealing changes nothing a reader sees, so versions and updated_at stay.
        for (const row of rows)
          await changeRows(manager, `UPDATE "${table}" SET "${column}" = $2 WHERE "${key}" = $1`, [
            row.id,
            encryptField(row.plain),
          ]);
        return rows.length;
      });
      sealed += done;
      if (done < batchSize) break;
    }
  }
  return sealed;
}
