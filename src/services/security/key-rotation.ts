import type { DataSource, EntityManager, EntityMetadata, ValueTransformer } from "typeorm";
import {
  currentKeyId,
  decryptField,
  encryptField,
  encryptedJson,
  encryptedString,
  sealedKeyId,
} from "../../entities/field-encryption.transformer";
import { selectRows } from "../platform/sql";

export interface RotationOptions {
  /** Rows locked and resealed in one transaction. */
  batchSize: number;
  /** Told where each value that could not be resealed is: never the value itself. */
  onFailure?: (failure: RotationFailure) => void;
}

export interface RotationFailure {
  table: string;
  column: string;
  /** The row's primary key. */
  id: string;
  /** The key the value names, or null when the stored text is not a sealed value at all. */
  keyId: string | null;
}

/** Counts of sealed (non-null) values: every one examined, those moved to the current key, those left as they were. */
export interface RotationResult {
  examined: number;
  resealed: number;
  failed: number;
}

/** A table holding sealed columns, as the rotation needs it. */
export interface SealedTable {
  table: string;
  primaryKey: string;
  columns: string[];
}

const SEALING_TRANSFORMERS: ValueTransformer[] = [encryptedString, encryptedJson];

// Found from the entity metadata rather than listed, so an entity that gains a sealed column later
// is rotated without anyone remembering to add it here.
export function sealedTables(dataSource: DataSource): SealedTable[] {
  const byTable = new Map<string, SealedTable>();
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === "view") continue;
    const columns = metadata.columns.filter((column) => {
      const transformers = Array.isArray(column.transformer)
        ? column.transformer
        : column.transformer
          ? [column.transformer]
          : [];
      return transformers.some((transformer) => SEALING_TRANSFORMERS.includes(transformer));
    });
    if (columns.length === 0) continue;
    const primaryKey = singlePrimaryKey(metadata);
    const table = metadata.schema ? `${metadata.schema}.${metadata.tableName}` : metadata.tableName;
    // Entities sharing a table (single-table inheritance) contribute to one entry.
    const entry = byTable.get(table) ?? { table, primaryKey, columns: [] };
    for (const column of columns)
      if (!entry.columns.includes(column.databaseName)) entry.columns.push(column.databaseName);
    byTable.set(table, entry);
  }
  return [...byTable.values()];
}

function singlePrimaryKey(metadata: EntityMetadata): string {
  // Keyset pagination walks one ordered key.
  if (metadata.primaryColumns.length !== 1)
    throw new Error(`key rotation needs a single-column primary key on ${metadata.tableName}`);
  return metadata.primaryColumns[0].databaseName;
}

/**
 * Reseals with the current key every sealed value that names another key. Each batch of rows is
 * locked (FOR UPDATE) and rewritten in its own transaction, so a crash leaves every value readable
 * (old or new key) and a rerun carries on; values already under the current key are left alone.
 */
export async function rotateEncryptionKeys(dataSource: DataSource, options: RotationOptions): Promise<RotationResult> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("batchSize must be a whole number of at least 1");
  // Read once: the target must not change halfway through a run.
  const target = currentKeyId();
  const total: RotationResult = { examined: 0, resealed: 0, failed: 0 };
  for (const table of sealedTables(dataSource)) {
    let after: string | null = null;
    for (;;) {
      const batch = await dataSource.transaction((manager) =>
        rotateBatch(manager, dataSource, table, target, after, options),
      );
      total.examined += batch.examined;
      total.resealed += batch.resealed;
      total.failed += batch.failed;
      if (batch.rows < batchSize || batch.last === null) break;
      after = batch.last;
    }
  }
  return total;
}

interface BatchResult extends RotationResult {
  rows: number;
  last: string | null;
}

async function rotateBatch(
  manager: EntityManager,
  dataSource: DataSource,
  { table, primaryKey, columns }: SealedTable,
  target: string,
  after: string | null,
  { batchSize, onFailure }: RotationOptions,
): Promise<BatchResult> {
  const q = (name: string) => dataSource.driver.escape(name);
  const tablePath = table.split(".").map(q).join(".");
  const selected = columns.map((column, index) => `${q(column)} AS "c${index}"`).join(", ");
  const params: unknown[] = after === null ? [batchSize] : [batchSize, after];
  // Only rows holding a sealed value: most cases have no discretionary reason, erased contacts none.
  const holding = `(${columns.map((column) => `${q(column)} IS NOT NULL`).join(" OR ")})`;
  const rows = await selectRows<Record<string, string | null>>(
    manager,
    `SELECT ${q(primaryKey)}::text AS "id", ${selected} FROM ${tablePath} WHERE ${holding} ${after === null ? "" : `AND ${q(primaryKey)} > $2`} ORDER BY ${q(primaryKey)} LIMIT $1 FOR UPDATE`,
    params,
  );

  const result: BatchResult = { examined: 0, resealed: 0, failed: 0, rows: rows.length, last: rows.at(-1)?.id ?? null };
  for (const row of rows) {
    const id = row.id!;
    const changes: [string, string][] = [];
    columns.forEach((column, index) => {
      const stored = row[`c${index}`];
      if (stored == null) return;
      result.examined += 1;
      const keyId = sealedKeyId(stored);
      if (keyId === target) return;
      try {
        if (keyId === null) throw new Error("not a sealed value");
        // The plaintext is resealed as it was (JSON text stays the same text), never parsed or kept.
        changes.push([column, encryptField(decryptField(stored))]);
      } catch {
        // Left untouched: still as readable (or not) as before; the rest of the batch carries on.
        result.failed += 1;
        onFailure?.({ table, column, id, keyId });
      }
    });
    if (changes.length === 0) continue;
    // Plain SQL, not the entity: resealing is not a change to the record, so updated_at stays.
    const assignments = changes.map(([column], index) => `${q(column)} = $${index + 2}`).join(", ");
    await manager.query(`UPDATE ${tablePath} SET ${assignments} WHERE ${q(primaryKey)} = $1`, [
      id,
      ...changes.map(([, sealed]) => sealed),
    ]);
    result.resealed += changes.length;
  }
  return result;
}
