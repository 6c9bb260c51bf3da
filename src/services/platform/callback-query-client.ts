import { Client } from "pg";

/*
 * node-postgres's Client with its promise form, `query(sql, values)` (the one TypeORM uses), run
 * through its callback form. The promise form makes the Query first and gives it a callback
 * afterwards, inside a promise. On Node 20's V8 that leads the allocation-site pretenuring to place
 * the query's objects straight in the old generation, and everything they point to (the rows, their
 * strings and dates) then survives the young generation's collections: a caseload page promoted
 * about 1.4 MB per collection where the baseline, on `pool.query`'s callback form, promoted 1 KB
 * (issue 15). The answers and errors are node-postgres's own either way.
 */

type QueryMethod = (this: Client, config: unknown, values?: unknown, callback?: unknown) => unknown;

const clientQuery = Client.prototype.query as QueryMethod;

function queryThroughCallback(this: Client, config: unknown, values?: unknown, callback?: unknown): unknown {
  // A callback, or a Query object of the caller's own: node-postgres's own handling, unchanged.
  const submittable = typeof (config as { submit?: unknown } | null)?.submit === "function";
  if (typeof callback === "function" || typeof values === "function" || submittable)
    return clientQuery.call(this, config, values, callback);
  return new Promise((resolve, reject) => {
    clientQuery.call(this, config, values, (error: Error | null, result: unknown) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** The Client the pools of the PostgreSQL engine make (TypeORM's `extra.Client`). */
export class CallbackQueryClient extends Client {}

Object.defineProperty(CallbackQueryClient.prototype, "query", {
  value: queryThroughCallback,
  writable: true,
  configurable: true,
});
