import { isCalendarDate } from "../../domain/calendar/calendar";
import { badUserInput } from "../../domain/errors/client-error";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 0 to ${MAX_PAGE_SIZE}.`, ["first"]);
  }
  return first;
}

export function encodeCursor(kind: string, position: string | number): string {
  return Buffer.from(`${kind}|${position}`, "utf8").toString("base64url");
}

// What a position looks like in each list, so a damaged cursor is refused rather than read as "start".
const POSITIONS: Record<string, RegExp> = {
  // A reference (the default order), or an order with its sort value and the case id.
  VictimCase:
    /^(VCS-\d{4}-\d{6,}|[A-Z_]{1,20}:(ASC|DESC)\|[0-9A-Za-z:.-]{1,40}\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
  Offender: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  CaseTransition: /^[1-9]\d{0,9}$/,
  Officer: /^[A-Za-z0-9._-]{2,100}$/,
  AccessLogEntry: /^[1-9]\d{0,18}$/,
  WorkItem: /^\d{4}-\d{2}-\d{2}\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // The day it happened, then its place in the offender's history.
  CustodyEvent: /^\d{4}-\d{2}-\d{2}\|[1-9]\d{0,9}$/,
  // The day it took effect, the microsecond it was recorded, its rank within that moment, its id.
  TimelineEntry:
    /^\d{4}-\d{2}-\d{2}\|\d{1,17}\|[1-3]\|\d{1,9}\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

// The lists whose positions start with a day, which must be a real one for the database to compare.
const DATED: ReadonlySet<string> = new Set(["WorkItem", "CustodyEvent", "TimelineEntry"]);

/** The position a cursor points at, or a BAD_USER_INPUT error for a cursor of another list or a malformed one. */
export function decodeCursor(kind: string, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const separator = decoded.indexOf("|");
  const position = decoded.slice(separator + 1);
  const realDate = !DATED.has(kind) || isCalendarDate(position.slice(0, 10));
  if (
    separator < 0 ||
    decoded.slice(0, separator) !== kind ||
    !(POSITIONS[kind]?.test(position) ?? position.length > 0) ||
    !realDate
  ) {
    throw badUserInput("after is not a cursor from this list.", ["after"]);
  }
  return decoded.slice(separator + 1);
}

/**
 * A row of a page and its cursor, written only when read: most lists are read by `nodes`, without
 * cursors, and writing one per row was a tenth of a caseload page's own work (issue 15 §4).
 */
export class PageItem<T> {
  constructor(
    readonly row: T,
    private readonly cursorOf: (row: T) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.row);
  }
}

/** One page of a list: its rows with their cursors, and where it stands in the whole. */
export interface Page<T> {
  items: PageItem<T>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/** The page from up to `limit + 1` rows fetched past the cursor: the extra row only says there is a next page. */
export function toPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
  totalCount: number,
  hasPreviousPage: boolean,
): Page<T> {
  const pageRows = rows.slice(0, limit);
  return {
    items: pageRows.map((row) => new PageItem(row, cursorOf)),
    hasNextPage: rows.length > limit,
    hasPreviousPage,
    totalCount,
  };
}
