// Raw SQL with typed rows. TypeORM's `query()` answers `any`: these two functions are the one
// place that answer is cast, so each call site names its row shape beside its SQL and no `any`
// reaches the code. The row type is the SQL's promise (its columns and aliases, as the driver
// returns them); nothing is checked at run time, and each call is exactly one statement.

/** What runs raw SQL: an EntityManager, a DataSource or a QueryRunner. */
export interface SqlExecutor {
  query(sql: string, parameters?: readonly unknown[]): Promise<unknown>;
}

/** The rows of a SELECT, or of an INSERT … RETURNING. */
export async function selectRows<Row>(db: SqlExecutor, sql: string, parameters?: readonly unknown[]): Promise<Row[]> {
  // For every command but UPDATE and DELETE, TypeORM's postgres driver answers the rows themselves.
  return (await db.query(sql, parameters)) as Row[];
}

/**
 * An UPDATE or DELETE: the rows of its RETURNING clause (none without one) and how many rows it
 * changed. Use it only for a statement whose command is UPDATE or DELETE (`WITH … UPDATE` is one).
 */
export async function changeRows<Row = never>(
  db: SqlExecutor,
  sql: string,
  parameters?: readonly unknown[],
): Promise<{ rows: Row[]; count: number }> {
  // For these two commands TypeORM's postgres driver answers `[rows, affected]` instead of the
  // rows; PGlite's pool (pglite-pool.ts) passes the command tag on, so both engines answer alike.
  const [rows, count] = (await db.query(sql, parameters)) as [Row[], number];
  return { rows, count };
}
