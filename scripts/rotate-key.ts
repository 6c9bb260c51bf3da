import "reflect-metadata";
import { existsSync } from "node:fs";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/services/platform/database";
import { inMemory } from "../src/services/platform/pglite-instance";
import { configureFieldEncryption, currentKeyId } from "../src/entities/field-encryption.transformer";
import { rotateEncryptionKeys } from "../src/services/security/key-rotation";
import { reindexContacts } from "../src/services/cases/contact-reindex";
import { sealPlaintextPersonalData } from "../src/services/cases/plaintext-sealing";

// Reseals victims' personal data with DATA_ENCRYPTION_KEY. Procedure:
//   1. Set DATA_ENCRYPTION_PREVIOUS_KEYS=<old> and DATA_ENCRYPTION_KEY=<new> everywhere the service
//      runs, and restart it. New writes use the new key; values under the old key stay readable.
//      (On a rolling restart, instances still on the old settings cannot read new-key values; to
//      avoid that window, first roll out DATA_ENCRYPTION_PREVIOUS_KEYS=<new> with the old key still
//      current, then swap.)
//   2. Run `npm run rotate-key` with those same settings (optionally `-- --batch-size N`, default
//      500). It is safe to run while the service is up, to interrupt, and to run again.
//   3. When it reports 0 not resealed, remove the old key from DATA_ENCRYPTION_PREVIOUS_KEYS.
// A value the configured keys cannot open is left as it was and reported by table, column and row
// id (never its contents); the exit status is then 1.
const DEFAULT_BATCH_SIZE = 500;
const MAX_REPORTED_FAILURES = 20;

async function main(): Promise<void> {
  const batchSize = parseBatchSize(process.argv.slice(2));
  const config = loadConfig();
  // A mistyped PGLITE_DIR would otherwise create an empty database and report nothing to do,
  // inviting the old key's removal while the real data still needs it.
  if (!config.databaseUrl && !inMemory(config.pgliteDir) && !existsSync(config.pgliteDir)) {
    console.error(`no embedded database at ${config.pgliteDir} (set PGLITE_DIR or DATABASE_URL)`);
    process.exit(2);
  }
  configureFieldEncryption(config.dataEncryptionKey, config.previousEncryptionKeys);
  const dataSource = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    pgliteDir: config.pgliteDir,
  });
  try {
    const started = Date.now();
    // Plain-text values (discretionary reasons and history notes from before they were sealed) are sealed first, under the new key.
    const sealed = await sealPlaintextPersonalData(dataSource, batchSize);
    if (sealed > 0) process.stdout.write(`values sealed from plain text: ${sealed}\n`);
    let reported = 0;
    const result = await rotateEncryptionKeys(dataSource, {
      batchSize,
      onFailure: ({ table, column, id, keyId }) => {
        // Enough to find the cause; a missing key would otherwise print a line per value.
        if (++reported > MAX_REPORTED_FAILURES) return;
        console.error(
          `not resealed: ${table}.${column} id ${id} (${keyId ? `sealed with key ${keyId}, which is not configured or does not open it` : "not a sealed value"})`,
        );
      },
    });
    if (reported > MAX_REPORTED_FAILURES) console.error(`… and ${reported - MAX_REPORTED_FAILURES} more not resealed`);
    process.stdout.write(
      `key rotation to key ${currentKeyId()}: examined ${result.examined} sealed values, resealed ${result.resealed}, ${result.failed} not resealed (${Date.now() - started} ms)\n`,
    );
    // The blind indexes follow the current key too.
    const reindexed = await reindexContacts(dataSource, batchSize);
    process.stdout.write(`contacts' blind indexes remade under key ${currentKeyId()}: ${reindexed}\n`);
    if (result.failed > 0) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

function parseBatchSize(argv: string[]): number {
  if (argv.length === 0) return DEFAULT_BATCH_SIZE;
  const size = Number(argv[1]);
  if (argv.length !== 2 || argv[0] !== "--batch-size" || !Number.isInteger(size) || size < 1) {
    console.error("usage: npm run rotate-key [-- --batch-size N]");
    process.exit(2);
  }
  return size;
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
