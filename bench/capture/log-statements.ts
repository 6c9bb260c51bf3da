import { appendFileSync } from "node:fs";
import { Client } from "pg";

/*
 * Preloaded (`node -r`) into a server under test to write every statement it sends to PostgreSQL,
 * one JSON string a line, to BENCH_STATEMENT_LOG: the bench counts each workload's statements in
 * the service and in the baseline with it. Synchronous writes, so never loaded for a timed run.
 */
const file = process.env.BENCH_STATEMENT_LOG;
if (file) {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: typeof query }).query = function (this: Client, ...args: unknown[]) {
    const [first] = args;
    const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    if (text) appendFileSync(file, `${JSON.stringify(text.replace(/\s+/g, " ").trim())}\n`);
    return query.apply(this, args);
  };
}
