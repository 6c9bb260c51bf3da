import type { EntityManager, QueryRunner } from "typeorm";
import { BoundedMemo } from "../../domain/bounded-memo";
import { selectRows } from "./sql";

// A command's writes whose results nothing in its transaction reads (the transition's update and
// history row, a task closed, a timer set, the access-log row) wait and go to the database
// together, as one statement of data-modifying CTEs: with the next statement the transaction sends,
// or at the end of the command. A transition is then two round trips inside its transaction, the
// row lock and everything else (issue 15 §2), and no caller changes its order of work:
// - any other statement first sends what waits, as its own statement, so it sees every earlier write;
// - a write that touches a table a waiting write touches first sends those, because the CTEs of
//   one statement share one snapshot and would not see each other's changes.

/**
 * One statement's worth of writing, with `$n` placeholders numbered from 1 for its own values; they
 * are renumbered in a batch, so its text holds no other `$` followed by digits (no dollar quoting).
 */
export interface TrailingWrite {
  /** CTEs the statement needs before its own, by names unique within it (quoted in `sql` as `"name"`). */
  steps?: readonly { name: string; sql: string }[];
  sql: string;
  values: readonly unknown[];
  /** Every table the statement reads or writes. */
  tables: readonly string[];
}

interface Waiting extends TrailingWrite {
  /** Receives the statement's RETURNING rows once it is sent. */
  read?: (rows: Record<string, unknown>[]) => void;
}

type Query = QueryRunner["query"];

class WaitingWrites {
  private waiting: Waiting[] = [];

  constructor(private readonly send: (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>) {}

  async add(write: Waiting): Promise<void> {
    const touched = new Set(write.tables);
    const clashes = this.waiting.some((earlier) => earlier.tables.some((table) => touched.has(table)));
    // One statement answers the rows of one write: a second reader waits for the first to be sent.
    if (clashes || (write.read && this.waiting.some((earlier) => earlier.read))) await this.flush();
    this.waiting.push(write);
  }

  async flush(): Promise<void> {
    if (this.waiting.length === 0) return;
    const writes = this.waiting;
    this.waiting = [];
    const values: unknown[] = [];
    const ctes: string[] = [];
    let reader: { name: string; read: NonNullable<Waiting["read"]> } | undefined;
    writes.forEach((write, index) => {
      const name = `w${index}`;
      const rename = (sql: string) => placed(sql, values.length, write.steps ?? [], name);
      for (const step of write.steps ?? []) ctes.push(`"${name}_${step.name}" AS (${rename(step.sql)})`);
      ctes.push(`"${name}" AS (${rename(write.sql)})`);
      values.push(...write.values);
      if (write.read) reader = { name, read: write.read };
    });
    // Data-modifying CTEs run to completion whether or not the query reads them.
    const rows = await this.send(
      `WITH ${ctes.join(", ")} ${reader ? `SELECT * FROM "${reader.name}"` : "SELECT NULL LIMIT 0"}`,
      values,
    );
    reader?.read(rows);
  }

  discard(): void {
    this.waiting = [];
  }
}

// A write's text at a place in a batch, worked out once: commands of one kind batch the same texts
// at the same places, and renumbering them each time was 2 % of a transition (issue 15 §4).
const PLACED = new BoundedMemo<string, string>(1_000);

function placed(sql: string, offset: number, steps: readonly { name: string }[], prefix: string): string {
  const key = `${offset} ${prefix} ${steps.map((step) => step.name).join(" ")}\u0000${sql}`;
  return PLACED.answer(key, () => renamed(renumbered(sql, offset), steps, prefix));
}

function renumbered(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)\b/g, (_, position: string) => `$${Number(position) + offset}`);
}

function renamed(sql: string, steps: readonly { name: string }[], prefix: string): string {
  return steps.reduce((text, step) => text.split(`"${step.name}"`).join(`"${prefix}_${step.name}"`), sql);
}

const installed = new WeakMap<QueryRunner, WaitingWrites>();

/**
 * Runs a command's work with its trailing writes batched, and sends what still waits before it
 * returns (so before COMMIT). A failure discards what waits: the transaction rolls back anyway.
 */
export async function batchingTrailingWrites<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner || installed.has(runner)) return work();
  const ownQuery = runner.query;
  const query = ownQuery.bind(runner) as (...args: unknown[]) => ReturnType<Query>;
  const writes = new WaitingWrites((sql, values) =>
    selectRows({ query: (text, bound) => query(text, bound) }, sql, values),
  );
  installed.set(runner, writes);
  // Every statement on the transaction passes through its query runner, TypeORM's own included:
  // that is where waiting writes go first. The own property shadows the prototype's method.
  const intercepted = async (...args: unknown[]) => {
    await writes.flush();
    return query(...args);
  };
  Object.assign(runner, { query: intercepted });
  try {
    const result = await work();
    await writes.flush();
    return result;
  } catch (error) {
    writes.discard();
    throw error;
  } finally {
    installed.delete(runner);
    // Put back, not deleted: a delete turns the runner's properties into a dictionary, slower to
    // read on every statement TypeORM sends after it (the COMMIT among them).
    Object.assign(runner, { query: ownQuery });
  }
}

/** Sends what waits now: before reading something a waiting write gives back. */
export async function sendTrailingWrites(manager: EntityManager): Promise<void> {
  await (manager.queryRunner && installed.get(manager.queryRunner))?.flush();
}

/** Sends the write now, or, in a command that batches its trailing writes, with the next statement. */
export async function writeLater(manager: EntityManager, write: TrailingWrite): Promise<void> {
  const writes = manager.queryRunner && installed.get(manager.queryRunner);
  if (writes) return writes.add(write);
  await manager.query(statementOf(write), [...write.values]);
}

/** The write as a statement of its own: its steps as CTEs before it. */
export function statementOf(write: TrailingWrite): string {
  const steps = write.steps ?? [];
  return steps.length
    ? `WITH ${steps.map((step) => `"${step.name}" AS (${step.sql})`).join(", ")} ${write.sql}`
    : write.sql;
}

/**
 * As writeLater, for a write whose RETURNING rows the caller needs only once it is sent (its
 * statement must have a RETURNING clause): `read` gets them then (at once, outside a batching
 * command). An error `read` throws fails the command.
 */
export async function writeLaterAndRead<Row>(
  manager: EntityManager,
  write: TrailingWrite,
  read: (rows: Row[]) => void,
): Promise<void> {
  const waiting = { ...write, read: read as (rows: Record<string, unknown>[]) => void };
  const writes = manager.queryRunner && installed.get(manager.queryRunner);
  if (writes) return writes.add(waiting);
  // Alone, in the same shape as in a batch, so its rows come back whatever its command.
  const alone = new WaitingWrites((sql, values) => selectRows(manager, sql, values));
  await alone.add(waiting);
  await alone.flush();
}
