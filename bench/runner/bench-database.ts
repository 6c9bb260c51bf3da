import { Client } from "pg";
import { BenchFailure } from "./bench-failure";
import type { SeededCases } from "./seed";

/** The PostgreSQL server the bench makes its database on: a role that may create databases. */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of another database on the same server, as the same role. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One connection for `work`, closed after it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<void> {
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
}

export async function dropDatabase(name: string): Promise<void> {
  await withClient(ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function serverVersion(): Promise<string> {
  return withClient(ADMIN_URL, async (client) => (await client.query("SHOW server_version")).rows[0].server_version);
}

/**
 * Runs `work` while another transaction holds a victim case's row lock, as a W4 winner holds it
 * mid-change: what a W4 loser meets. The lock is let go when `work` ends, or after `timeoutMs`,
 * when the bench fails: a server that waited for the lock instead of refusing at once.
 */
export async function whileCaseLocked<T>(
  name: string,
  caseId: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  return withClient(databaseUrl(name), async (client) => {
    await client.query("START TRANSACTION");
    await client.query(`SELECT 1 FROM "victim_case" WHERE "id" = $1 FOR UPDATE`, [caseId]);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new BenchFailure(`no answer within ${timeoutMs} ms while the case's row was locked`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await client.query("ROLLBACK");
    }
  });
}

/** What W3's pgbench script is given: the page the officer's first 50 cases make. */
export interface CaseloadPageIds {
  caseIds: string[];
  offenderIds: string[];
}

/**
 * The tables of case ids the pgbench scripts pick from (bench_read_case, bench_transition_case,
 * numbered from 1), and W3's page, in the service's order. `toDatabaseId` turns a global id into
 * the row's id.
 */
export async function writeCaseIdTables(
  name: string,
  cases: SeededCases,
  toDatabaseId: (globalId: string) => string,
): Promise<CaseloadPageIds> {
  return withClient(databaseUrl(name), async (client) => {
    for (const [table, ids] of [
      ["bench_read_case", cases.read],
      ["bench_transition_case", cases.transition],
    ] as const) {
      await client.query(`CREATE TABLE "${table}" ("n" integer PRIMARY KEY, "id" uuid NOT NULL)`);
      await client.query(
        `INSERT INTO "${table}" ("n", "id") SELECT n, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [ids.map(toDatabaseId)],
      );
    }
    const page = await client.query<{ id: string; offender_id: string }>(
      `SELECT "id", "offender_id" FROM "victim_case" WHERE "region" = 'NORTH_EAST' ORDER BY "reference", "id" LIMIT 50`,
    );
    await client.query("ANALYZE");
    return {
      caseIds: page.rows.map((row) => row.id),
      offenderIds: [...new Set(page.rows.map((row) => row.offender_id))],
    };
  });
}
