import type { EntityManager } from "typeorm";
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from "xstate";
import { initialTransitionOf, transitionOf } from "../../machines/pure-transition";
import { BoundedMemo } from "../../domain/bounded-memo";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import {
  SqlExpression,
  type ColumnValues,
  type HistoryTable,
  type StatefulRecord,
  type VersionedRow,
} from "./stateful-record";
import { changeRows, selectRows } from "../platform/sql";
import { statementOf, writeLater, writeLaterAndRead } from "../platform/trailing-writes";

// The one module that writes a status column, for every machine (DESIGN §4). Each function runs in
// the caller's transaction on rows the caller has locked (the case first, then its records: the
// one lock order); the version predicate repeats the lock's guarantee, so a missed lock can never
// lose an update.

export interface ApplyOptions {
  /** The version the caller last read; another is STALE_VERSION. */
  expectedVersion?: number | null;
  /** Columns this change writes besides those its record always writes (given the new snapshot). */
  columns?: ColumnValues | ((next: AnyMachineSnapshot) => ColumnValues);
  /** The history row's own columns (the owner, sequence and statuses are filled in). */
  history?: ColumnValues;
  /**
   * Given with `history`, the change may wait to be sent with the command's trailing writes
   * (trailing-writes.ts): this receives the history row as written, and AppliedEvent has none.
   */
  written?: (history: Record<string, unknown>) => void;
}

export interface AppliedEvent {
  from: string;
  to: string;
  next: AnyMachineSnapshot;
  /** The version after the change. */
  version: number;
  /** The history row appended with it, as written, when the record keeps one. */
  history?: Record<string, unknown>;
}

/** Collects bound values, numbering them for PostgreSQL. */
class Parameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A plain value is bound; an expression is inlined with its own values bound. */
  expression(value: unknown): string {
    if (!(value instanceof SqlExpression)) return this.bind(value);
    let index = 0;
    return value.text.replace(/\?/g, () => this.bind(value.values[index++]));
  }

  assignments(columns: ColumnValues): string[] {
    return Object.entries(columns).map(([column, value]) => `${quoted(column)} = ${this.expression(value)}`);
  }
}

function quoted(column: string): string {
  return `"${column}"`;
}

type AnyRecord<TRow extends VersionedRow, TEvent extends EventObject> = StatefulRecord<TRow, TEvent>;

/** The machine's snapshot of a stored row. */
function snapshotOf<TRow extends VersionedRow, TEvent extends EventObject>(
  record: AnyRecord<TRow, TEvent>,
  row: TRow,
): AnyMachineSnapshot {
  return record.machine.resolveState(record.stateOf(row));
}

/**
 * The record's typed error for an event its machine does not accept now, or null when it accepts it:
 * what the pipeline throws, and what a blocked action lists.
 */
export function refusalOf<TRow extends VersionedRow, TEvent extends EventObject>(
  record: AnyRecord<TRow, TEvent>,
  row: TRow,
  event: TEvent,
): DomainError | null {
  const code = record.explain(snapshotOf(record, row), event);
  return code ? record.refuse(row, code, event) : null;
}

/** Refuses, with the record's typed error, an event its machine does not accept now; else the snapshot. */
export function requireAccepted<TRow extends VersionedRow, TEvent extends EventObject>(
  record: AnyRecord<TRow, TEvent>,
  row: TRow,
  event: TEvent,
): AnyMachineSnapshot {
  const refusal = refusalOf(record, row, event);
  if (refusal) throw refusal;
  return snapshotOf(record, row);
}

/** Checks the event against the record's machine and writes the change: one statement, history included. */
export async function applyEvent<TRow extends VersionedRow, TEvent extends EventObject>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  row: TRow,
  event: TEvent,
  options: ApplyOptions = {},
): Promise<AppliedEvent> {
  const version = row.version ?? 0;
  if (!record.unversioned) requireCurrentVersion(options.expectedVersion, version, record.noun);
  const snapshot = requireAccepted(record, row, event);
  const from = String(snapshot.value);
  const [next] = transitionOf(record.machine, snapshot, event);
  const to = String(next.value);

  const parameters = new Parameters();
  const id = parameters.bind(row.id);
  const assignments = parameters.assignments({
    [record.statusColumn]: to,
    ...(record.contextColumn ? { [record.contextColumn]: JSON.stringify(next.context) } : {}),
    ...(record.columns?.(next, row, event) ?? {}),
    ...(typeof options.columns === "function" ? options.columns(next) : (options.columns ?? {})),
  });
  let predicate = `"id" = ${id}`;
  if (!record.unversioned) {
    predicate += ` AND "version" = ${parameters.bind(version)}`;
    assignments.push(`"version" = "version" + 1`);
  }
  if (record.updatedAt) assignments.push(`"updated_at" = now()`);
  const update = `UPDATE ${quoted(record.table)} SET ${assignments.join(", ")} WHERE ${predicate} RETURNING "id"`;

  if (record.history && options.history) {
    const { table, owner, from: fromColumn, to: toColumn, fromSince } = record.history;
    const values: ColumnValues = { ...options.history, [fromColumn]: from, [toColumn]: to };
    if (fromSince && from !== to) values[fromSince] = sinceLastChange(record.history, row.id);
    const columns = Object.keys(values);
    const selected = columns.map((column) => parameters.expression(values[column]));
    // The owner's row is locked, so the next sequence number cannot be taken twice; the history
    // row is written only if the update was.
    const write = {
      steps: [{ name: "updated", sql: update }],
      sql:
        `INSERT INTO ${quoted(table)} (${quoted(owner)}, "sequence", ${columns.map(quoted).join(", ")}) ` +
        `SELECT "updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM ${quoted(table)} WHERE ${quoted(owner)} = ${id}), ${selected.join(", ")} FROM "updated" ` +
        `RETURNING *`,
      values: parameters.values,
      tables: [record.table, table],
    };
    const applied = { from, to, next, version: version + 1 };
    if (options.written) {
      const written = options.written;
      await writeLaterAndRead<Record<string, unknown>>(manager, write, ([appended]) => {
        if (!appended) throw changedMeanwhile(record.noun);
        written(appended);
      });
      return applied;
    }
    const [appended] = await selectRows<Record<string, unknown>>(manager, statementOf(write), write.values);
    if (!appended) throw changedMeanwhile(record.noun);
    return { ...applied, history: appended };
  }
  const { rows } = await changeRows<{ id: string }>(manager, update, parameters.values);
  if (rows.length === 0) throw changedMeanwhile(record.noun);
  return { from, to, next, version: version + 1 };
}

/** The effective day of the record's last status change: the day it entered its present status. */
function sinceLastChange(history: HistoryTable, id: string): SqlExpression {
  const { table, owner, from, to } = history;
  return new SqlExpression(
    `(SELECT h."effective_on" FROM ${quoted(table)} h WHERE h.${quoted(owner)} = ? AND h.${quoted(from)} IS DISTINCT FROM h.${quoted(to)} ORDER BY h."sequence" DESC LIMIT 1)`,
    [id],
  );
}

function changedMeanwhile(noun: string): DomainError {
  return new DomainError(
    UserErrorCode.STALE_VERSION,
    `The ${noun} was changed by another request; reload it and try again.`,
    ["input", "expectedVersion"],
  );
}

export interface BulkMatch {
  /** The statuses the rows may be in now. */
  from: readonly string[];
  /** A column whose value the machine's context depends on, with the values to consider. */
  by?: { column: string; values: readonly string[] };
  /** The context the machine sees for a status and `by` value. */
  contextOf(status: string, byValue: string | undefined): unknown;
  /** Narrows the rows; `?` stands for each of its values in turn. */
  where: SqlExpression;
  /** Columns written besides the status and version. */
  columns?: ColumnValues;
}

/**
 * Applies one event to every row that matches, one statement per target the machine gives: the
 * status (and `by`) predicate guarantees each row is where the machine was asked about. Rows whose
 * state refuses the event are left alone. Answers how many changed.
 */
export async function applyEventToMatching<TRow extends VersionedRow, TEvent extends EventObject>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  event: TEvent,
  match: BulkMatch,
): Promise<number> {
  let changed = 0;
  for (const { sql, values } of matchingUpdates(record, event, match)) {
    changed += (await changeRows(manager, sql, values)).count;
  }
  return changed;
}

/** As applyEventToMatching, for a caller that needs no count: its statements may wait (trailing-writes.ts). */
export async function applyEventToMatchingLater<TRow extends VersionedRow, TEvent extends EventObject>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  event: TEvent,
  match: BulkMatch,
): Promise<void> {
  for (const update of matchingUpdates(record, event, match)) {
    await writeLater(manager, { ...update, tables: [record.table] });
  }
}

// Where each (machine, status, context, event) leads, worked out once: closing a case's open tasks
// asked the task machine about every kind on every transition (4 % of one, issue 15 §4). Machines
// are pure, so the answer never changes.
const TARGETS = new WeakMap<AnyStateMachine, BoundedMemo<string, string | null>>();

function targetOf(machine: AnyStateMachine, status: string, context: unknown, event: EventObject): string | null {
  let targets = TARGETS.get(machine);
  if (!targets) TARGETS.set(machine, (targets = new BoundedMemo(2_000)));
  return targets.answer(`${status}\u0000${JSON.stringify(context)}\u0000${JSON.stringify(event)}`, () => {
    const snapshot = machine.resolveState({ value: status, context });
    return snapshot.can(event) ? String(transitionOf(machine, snapshot, event)[0].value) : null;
  });
}

function matchingUpdates<TRow extends VersionedRow, TEvent extends EventObject>(
  record: AnyRecord<TRow, TEvent>,
  event: TEvent,
  match: BulkMatch,
): { sql: string; values: unknown[] }[] {
  const byTarget = new Map<string, { status: string; by?: string }[]>();
  for (const status of match.from) {
    for (const by of match.by ? match.by.values : [undefined]) {
      const target = targetOf(record.machine, status, match.contextOf(status, by), event);
      if (target === null) continue;
      byTarget.set(target, [...(byTarget.get(target) ?? []), { status, by }]);
    }
  }
  return [...byTarget].map(([target, sources]) => {
    const parameters = new Parameters();
    const assignments = parameters.assignments({ [record.statusColumn]: target, ...(match.columns ?? {}) });
    if (!record.unversioned) assignments.push(`"version" = "version" + 1`);
    if (record.updatedAt) assignments.push(`"updated_at" = now()`);
    const statuses = [...new Set(sources.map((source) => source.status))];
    const conditions = [`${quoted(record.statusColumn)} = ANY(${parameters.bind(statuses)})`];
    if (match.by)
      conditions.push(`${quoted(match.by.column)} = ANY(${parameters.bind(sources.map((source) => source.by))})`);
    conditions.push(parameters.expression(match.where));
    return {
      sql: `UPDATE ${quoted(record.table)} SET ${assignments.join(", ")} WHERE ${conditions.join(" AND ")}`,
      values: parameters.values,
    };
  });
}

/** The status a new record starts in: the machine's initial state for its input, or after a first event. */
function initialStatus(
  record: { machine: StatefulRecord<VersionedRow, EventObject>["machine"] },
  input?: unknown,
  event?: EventObject,
): string {
  return String(initialSnapshot(record.machine, input, event).value);
}

function initialSnapshot(
  machine: StatefulRecord<VersionedRow, EventObject>["machine"],
  input: unknown,
  event?: EventObject,
): AnyMachineSnapshot {
  const [initial] = initialTransitionOf(machine, input);
  return event ? transitionOf(machine, initial, event)[0] : initial;
}

export interface NewRecord {
  /** The columns besides the status (and the context column, filled from the machine). */
  values: ColumnValues;
  /** The machine's input, for its initial state and context. */
  input?: unknown;
}

export interface InsertOptions {
  /** A record that comes into being by an event (a statement offered or invited) takes the state after it. */
  event?: EventObject;
  /** Appended after VALUES (an ON CONFLICT … DO NOTHING clause); `?` stands for each of its values in turn. */
  onConflict?: SqlExpression;
  /**
   * An existing row on these conflict columns takes the same event instead: it moves to the state
   * the event gives and takes `columns` from the new row, if its machine accepts the event there.
   */
  upsert?: { conflict: readonly string[]; columns: readonly string[]; context?: unknown };
  returning?: string;
}

/** Inserts records, each in its machine's initial state (or the state after `event`); answers the RETURNING rows. */
export async function insertRecords<TRow extends VersionedRow, TEvent extends EventObject, TReturned = { id: string }>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  records: readonly NewRecord[],
  options: InsertOptions = {},
): Promise<TReturned[]> {
  if (records.length === 0) return [];
  const { sql, values } = insertStatement(record, records, options);
  return selectRows<TReturned>(manager, sql, values);
}

/** As insertRecords, for a caller that reads nothing back: the insert may wait (trailing-writes.ts). */
export async function insertRecordsLater<TRow extends VersionedRow, TEvent extends EventObject>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  records: readonly NewRecord[],
  options: Omit<InsertOptions, "returning"> = {},
): Promise<void> {
  if (records.length === 0) return;
  await writeLater(manager, { ...insertStatement(record, records, options), tables: [record.table] });
}

function insertStatement<TRow extends VersionedRow, TEvent extends EventObject>(
  record: AnyRecord<TRow, TEvent>,
  records: readonly NewRecord[],
  options: InsertOptions,
): { sql: string; values: unknown[] } {
  const parameters = new Parameters();
  let columns: string[] = [];
  const tuples = records.map((created) => {
    const initial = initialSnapshot(record.machine, created.input, options.event);
    const values: ColumnValues = {
      ...created.values,
      [record.statusColumn]: String(initial.value),
      ...(record.contextColumn ? { [record.contextColumn]: JSON.stringify(initial.context) } : {}),
    };
    columns = Object.keys(values);
    return `(${columns.map((column) => parameters.expression(values[column])).join(", ")})`;
  });
  let conflict = options.onConflict ? ` ${parameters.expression(options.onConflict)}` : "";
  if (options.upsert && options.event) {
    const event = options.event;
    // The stored states from which the machine takes the event: only those rows are changed.
    const accepting = Object.keys(record.machine.root.states).filter((state) =>
      record.machine.resolveState({ value: state, context: options.upsert!.context }).can(event),
    );
    const updated = [record.statusColumn, ...options.upsert.columns].map(
      (column) => `${quoted(column)} = EXCLUDED.${quoted(column)}`,
    );
    if (record.updatedAt) updated.push(`"updated_at" = now()`);
    if (!record.unversioned) updated.push(`"version" = ${quoted(record.table)}."version" + 1`);
    conflict =
      ` ON CONFLICT (${options.upsert.conflict.map(quoted).join(", ")}) DO UPDATE SET ${updated.join(", ")}` +
      ` WHERE ${quoted(record.table)}.${quoted(record.statusColumn)} = ANY(${parameters.bind(accepting)})`;
  }
  const returning = options.returning ? ` RETURNING ${options.returning}` : "";
  return {
    sql: `INSERT INTO ${quoted(record.table)} (${columns.map(quoted).join(", ")}) VALUES ${tuples.join(", ")}${conflict}${returning}`,
    values: parameters.values,
  };
}

/**
 * Inserts the rows a SELECT gives, each in the machine's initial state: `select` receives the
 * placeholder of that status, to select as the last column (and to compare in an ON CONFLICT).
 */
export async function insertSelected<TRow extends VersionedRow, TEvent extends EventObject>(
  manager: EntityManager,
  record: AnyRecord<TRow, TEvent>,
  columns: readonly string[],
  select: (initialStatusPlaceholder: string) => SqlExpression,
  input?: unknown,
): Promise<void> {
  const parameters = new Parameters();
  const status = parameters.bind(initialStatus(record, input));
  const statement = parameters.expression(select(status));
  await manager.query(
    `INSERT INTO ${quoted(record.table)} (${[...columns, record.statusColumn].map(quoted).join(", ")}) ${statement}`,
    parameters.values,
  );
}
