import type { DataSource } from "typeorm";
import { encryptField } from "../../entities/field-encryption.transformer";
import { changeRows, selectRows } from "../platform/sql";

// The shape of a sealed value (field-encryption.transformer.ts): anything else is plain text.
const SEALED = String.raw`^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`;

/**
 * Seals every discretionary reason still in plain text: those written before the reason was treated
 * as personal data (SQL cannot seal them: the key is the application's). Batches of `batchSize`,
 * each in its own transaction, rows locked by others skipped, so it can run beside the service and
 * be interrupted; the start and `npm run rotate-key` run it. Answers how many it sealed.
 */
export async function sealPlaintextDiscretionaryReasons(dataSource: DataSource, batchSize = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const rows = await selectRows<{ id: string; plain: string }>(
        manager,
        `SELECT "id", "discretionary_reason" AS "plain" FROM "victim_case"
          WHERE "discretionary_reason" IS NOT NULL AND "discretionary_reason" !~ $1
          ORDER BY "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [SEALED, batchSize],
      );
      // Plain SQL: sealing is not a change to the case, so updated_at and version stay.
      for (const row of rows)
        await changeRows(manager, `UPDATE "victim_case" SET "discretionary_reason" = $2 WHERE "id" = $1`, [
          row.id,
          encryptField(row.plain),
        ]);
      return rows.length;
    });
    sealed += done;
    if (done < batchSize) return sealed;
  }
}
