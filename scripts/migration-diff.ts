import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { openDatabase } from "../src/services/platform/database";
import { configureFieldEncryption } from "../src/entities/field-encryption.transformer";

// Prints the SQL that would bring a database built by the migrations in line with the entities:
// paste it into a new migration. Prints nothing when they agree. Runs on a throwaway embedded
// database unless DATABASE_URL names an (empty) PostgreSQL database.
async function main(): Promise<void> {
  configureFieldEncryption(randomBytes(32));
  const dataSource = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: "memory://" });
  const log = await dataSource.driver.createSchemaBuilder().log();
  if (log.upQueries.length > 0) {
    console.log("-- up");
    for (const query of log.upQueries) console.log(`${query.query};`);
    console.log("-- down");
    for (const query of [...log.downQueries].reverse()) console.log(`${query.query};`);
  }
  await dataSource.destroy();
  process.exitCode = process.argv.includes("--check") && log.upQueries.length > 0 ? 1 : 0;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
