import type { DataSource } from "typeorm";
import type { SqlExecutor } from "./sql";

/**
 * Where reads that may be a little behind run (issue 15 §6): on the read replica when
 * DATABASE_READ_URL is set, else on the primary, as before. Only for reads made straight on the
 * DataSource, outside any transaction; a mutation's reads, and anything read to decide a write,
 * stay on the primary, and writes (the access log among them) never come here: a replica
 * refuses them.
 */
export function readConnection(dataSource: DataSource): SqlExecutor {
  if (!dataSource.driver.isReplicated) return dataSource;
  return {
    async query(sql, parameters) {
      // A connection of the replica's pool for this one statement, given back at once.
      const replica = dataSource.createQueryRunner("slave");
      try {
        return await replica.query(sql, parameters as unknown[] | undefined);
      } finally {
        await replica.release();
      }
    },
  };
}
