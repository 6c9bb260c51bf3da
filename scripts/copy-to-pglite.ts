import "reflect-metadata";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { openDatabase } from "../src/services/platform/database";
import { inMemory } from "../src/services/platform/pglite-instance";

// Copies a filled PostgreSQL database (DATABASE_URL) into an empty embedded one (PGLITE_DIR), row
// for row: the embedded database then holds the same history, e.g. to benchmark the statistics
// on PGlite at a scale its own `npm run seed` would take hours to write (one transaction at a
// time). The copy is made by the tables' own values; nothing is decrypted, so the same
// DATA_ENCRYPTION_KEY reads it.
//   DATABASE_URL=postgresql://… PGLITE_DIR=.data/pglite-100k npm run copy-to-pglite
const BATCH_ROWS = 5000;

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const pgliteDir = process.env.PGLITE_DIR;
  if (!databaseUrl || !pgliteDir || inMemory(pgliteDir)) {
    console.error("usage: DATABASE_URL=postgresql://… PGLITE_DIR=<a directory> npm run copy-to-pglite");
    process.exit(2);
  }
  // The embedded database gets the same migrations first, and must have no cases yet.
  const migrated = await openDatabase({ pgliteDir });
  const [{ cases }] = (await migrated.query(`SELECT count(*)::int AS "cases" FROM "victim_case"`)) as {
    cases: number;
  }[];
  await migrated.destroy();
  if (cases > 0) {
    console.error(`copy refused: ${pgliteDir} already has ${cases} cases`);
    process.exit(1);
  }

  const source = new Client({ connectionString: databaseUrl });
  await source.connect();
  const target = await PGlite.create(pgliteDir);
  const started = performance.now();
  try {
    await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await copyableTables(source);
    // Rows arrive table by table, so foreign keys and the histories' append-only triggers wait:
    // the rows were checked when they were first written.
    await target.exec("SET session_replication_role = replica");
    // Emptied together first: truncating one table by itself would cascade to those already copied.
    await target.exec(`TRUNCATE ${tables.map(({ table }) => `"${table}"`).join(", ")}`);
    for (const { table, columns } of tables) {
      const list = columns.map((column) => `"${column}"`).join(", ");
      await source.query(
        `DECLARE rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS "row" FROM (SELECT ${list} FROM "${table}") r`,
      );
      let copied = 0;
      for (;;) {
        const batch = await source.query<{ row: string }>(`FETCH ${BATCH_ROWS} FROM rows`);
        if (batch.rows.length === 0) break;
        await target.query(
          `INSERT INTO "${table}" (${list}) OVERRIDING SYSTEM VALUE
           SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
          [`[${batch.rows.map(({ row }) => row).join(",")}]`],
        );
        copied += batch.rows.length;
      }
      await source.query("CLOSE rows");
      process.stdout.write(`${table}: ${copied} rows\n`);
    }
    const sequences = await source.query<{ name: string; value: string }>(
      `SELECT sequencename AS "name", last_value::text AS "value" FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL`,
    );
    for (const { name, value } of sequences.rows) await target.query(`SELECT setval($1, $2::bigint)`, [name, value]);
    await target.exec("SET session_replication_role = DEFAULT; ANALYZE");
    await source.query("COMMIT");
  } finally {
    await source.end();
    await target.close();
  }
  process.stdout.write(`copied in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Every table but the migrations' own record, with the columns a row is written with. */
async function copyableTables(source: Client): Promise<{ table: string; columns: string[] }[]> {
  const { rows } = await source.query<{ table: string; columns: string[] }>(
    `SELECT c.table_name AS "table", array_agg(c.column_name::text ORDER BY c.ordinal_position) AS "columns"
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
        AND c.table_name <> 'migrations'
      GROUP BY c.table_name ORDER BY c.table_name`,
  );
  return rows;
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
