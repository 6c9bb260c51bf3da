import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from "xstate";
import type { DomainError } from "../../domain/errors/domain-error";

/** What every stateful row has: an id and the version its writes are predicated on. */
export interface VersionedRow {
  id: string;
  version?: number;
}

/** An SQL expression for a column, `?` standing for each value in turn (e.g. `COALESCE(?, "x")`). */
export class SqlExpression {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[] = [],
  ) {}
}

/** The column's value is the transaction's time. */
export const NOW = new SqlExpression("now()");

/** Columns to write: plain values are bound, expressions are inlined with their values bound. */
export type ColumnValues = Record<string, unknown>;

/** A history table with a per-owner sequence, appended in the same statement as the change. */
export interface HistoryTable {
  table: string;
  /** The column naming the record the history belongs to (`case_id`, `offender_id`). */
  owner: string;
  /** The columns that take the status before and after. */
  from: string;
  to: string;
  /**
   * On a row that changes the status, the column that takes the day the record entered the status
   * it leaves: the `effective_on` of the last row that changed it (so a stay is one row, and its
   * length needs no window over the history).
   */
  fromSince?: string;
}

/**
 * How the one pipeline (apply-event.ts) reads, checks and writes one kind of stateful record: its
 * table, its machine, how a stored row becomes a snapshot, the columns a change writes besides its
 * status, and what a refusal says. Each record is described once, beside its service.
 */
export interface StatefulRecord<TRow extends VersionedRow, TEvent extends EventObject> {
  /** What messages call it: "case", "task", "notification"… */
  noun: string;
  table: string;
  /** The column holding the machine's state. */
  statusColumn: string;
  machine: AnyStateMachine;
  /** The snapshot's value and context, from the stored row. */
  stateOf(row: TRow): { value: string; context: unknown };
  /** Why the machine refuses the event (a typed code), or null when it accepts it. */
  explain(snapshot: AnyMachineSnapshot, event: TEvent): string | null;
  /** The refusal: a typed code, with a message that names the current status and the action. */
  refuse(row: TRow, code: string, event: TEvent): DomainError;
  /** Columns written with the new status (besides it, the version and the context column). */
  columns?(next: AnyMachineSnapshot, row: TRow, event: TEvent): ColumnValues;
  /** The row has an `updated_at` that each change moves. */
  updatedAt: boolean;
  /** The row has no version: it is only ever changed under its row lock (a timer). */
  unversioned?: boolean;
  /** The machine's context is stored whole in this jsonb column. */
  contextColumn?: string;
  /** Each change appends a row here, in the same statement. */
  history?: HistoryTable;
}
