import { In, type DataSource } from "typeorm";
import {
  LICENCE_CONDITION_STEP_BY_EVENT,
  type LicenceConditionStepKind,
} from "../../domain/licence-conditions/licence-condition-step.enums";
import { PAROLE_REVIEW_STEP_BY_EVENT, type ParoleReviewStepKind } from "../../domain/parole/parole-review-step.enums";
import { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import { CustodyEventEntity } from "../../entities/custody/custody-event.entity";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import { encodeCursor, toPage, type Page } from "../paging/pagination";
import { selectRows } from "../platform/sql";

/** What an entry is, with the rows behind it. */
export type TimelineItem =
  | { kind: "TRANSITION"; transition: CaseTransitionEntity }
  | { kind: "PAROLE_REVIEW_STEP"; step: ParoleReviewStepKind; transition: CaseTransitionEntity }
  | { kind: "LICENCE_CONDITION_STEP"; step: LicenceConditionStepKind; transition: CaseTransitionEntity }
  | { kind: "NOTIFICATION"; notification: NotificationEntity }
  | { kind: "CUSTODY_EVENT"; custodyEvent: CustodyEventEntity };

/** One entry of a case's timeline, and where it sits. */
export interface TimelineRow {
  item: TimelineItem;
  /** The day it took effect. */
  effectiveOn: string;
  /** When it was recorded. */
  recordedAt: Date;
  /** Its keyset position, for its cursor. */
  position: string;
}

/** One entry's keys, as the page query answers them. */
interface Keys {
  parent: string;
  source: "TRANSITION" | "NOTIFICATION" | "CUSTODY_EVENT";
  id: string;
  on: string;
  /** Microseconds since the epoch, as text: the exact recorded time, which a JavaScript Date would round. */
  at: string;
  rank: number;
  /** The history row's or custody event's sequence number (0 for a notification). */
  seq: number;
}

// Everything that happened to a case, in one keyset order, newest first: the day it took effect,
// the moment it was recorded, then a rank so that within one transaction effect precedes cause
// (notification 3, history row 2, custody event 1), then the order the case's history (or the
// offender's custody history) was written in, then the id. The case's history rows that
// record a parole or licence-condition step are those steps; a notification takes the day of the
// event that owed it (its history row's, or its timer's day). Pages of many cases are read
// together, so a page costs at most five statements whatever its size or the number of cases:
// the counts, the page of keys, then the history rows, the notifications and the custody events.
const ENTRIES = `
  SELECT t."case_id" AS "parent", 'TRANSITION' AS "source", t."id", t."effective_on" AS "on", t."occurred_at" AS "at", 2 AS "rank", t."sequence" AS "seq"
    FROM "case_transition" t WHERE t."case_id" = ANY($1::uuid[])
  UNION ALL
  SELECT n."case_id", 'NOTIFICATION', n."id", COALESCE(w."effective_on", x."due_on", (n."created_at" AT TIME ZONE 'Europe/London')::date), n."created_at", 3, 0
    FROM "notification" n
    LEFT JOIN "case_transition" w ON w."id" = n."trigger_id"
    LEFT JOIN "timer" x ON x."id" = n."trigger_id"
   WHERE n."case_id" = ANY($1::uuid[])
  UNION ALL
  SELECT c."id", 'CUSTODY_EVENT', e."id", e."occurred_on", e."recorded_at", 1, e."sequence"
    FROM "custody_event" e JOIN "victim_case" c ON c."offender_id" = e."offender_id"
   WHERE c."id" = ANY($1::uuid[])`;

// The recorded time in whole microseconds, exactly as stored, so a cursor compares exactly.
const KEYED = `SELECT q."parent", q."source", q."id", q."on", (extract(epoch FROM q."at") * 1000000)::bigint AS "at", q."rank", q."seq" FROM (${ENTRIES}) q`;

/**
 * A page of each case's timeline, all after the same position (`<effectiveOn>|<micros>|<rank>|<seq>|<id>`)
 * or from the newest. The cases must already be ones the caller may see.
 */
export async function caseTimelinePages(
  dataSource: DataSource,
  caseIds: string[],
  limit: number,
  after: string | null,
): Promise<Map<string, Page<TimelineRow>>> {
  const counted = await selectRows<{ parent: string; count: number }>(
    dataSource,
    `SELECT q."parent", count(*)::int AS "count" FROM (${ENTRIES}) q GROUP BY q."parent"`,
    [caseIds],
  );
  const counts = new Map(counted.map((row) => [row.parent, row.count]));
  const values: unknown[] = [caseIds];
  let position = "";
  if (after) {
    values.push(...after.split("|"));
    position = `WHERE (k."on", k."at", k."rank", k."seq", k."id") < ($2::date, $3::bigint, $4::int, $5::int, $6::uuid)`;
  }
  values.push(limit + 1);
  const keys = await selectRows<Keys>(
    dataSource,
    `SELECT p."parent", p."source", p."id", p."on"::text AS "on", p."at"::text AS "at", p."rank", p."seq" FROM (
       SELECT k.*, row_number() OVER (PARTITION BY k."parent" ORDER BY k."on" DESC, k."at" DESC, k."rank" DESC, k."seq" DESC, k."id" DESC) AS "position"
         FROM (${KEYED}) k ${position}
     ) p WHERE p."position" <= $${values.length} ORDER BY p."parent", p."position"`,
    values,
  );

  const idsOf = (source: Keys["source"]) => [
    ...new Set(keys.filter((key) => key.source === source).map((key) => key.id)),
  ];
  const [transitions, notifications, custodyEvents] = await Promise.all([
    idsOf("TRANSITION").length ? dataSource.manager.findBy(CaseTransitionEntity, { id: In(idsOf("TRANSITION")) }) : [],
    idsOf("NOTIFICATION").length
      ? dataSource.manager.findBy(NotificationEntity, { id: In(idsOf("NOTIFICATION")) })
      : [],
    idsOf("CUSTODY_EVENT").length
      ? dataSource.manager.findBy(CustodyEventEntity, { id: In(idsOf("CUSTODY_EVENT")) })
      : [],
  ]);
  const loaded = {
    transitions: byId(transitions),
    notifications: byId(notifications),
    custodyEvents: byId(custodyEvents),
  };
  const rowsByCase = new Map<string, TimelineRow[]>(caseIds.map((id) => [id, []]));
  for (const key of keys) {
    // Rows go only with their keys: one gone between the two reads (its case deleted) is left out.
    const item = itemOf(key, loaded);
    if (!item) continue;
    const recordedAt = new Date(Math.floor(Number(key.at) / 1000));
    rowsByCase.get(key.parent)?.push({
      item,
      effectiveOn: key.on,
      recordedAt,
      position: `${key.on}|${key.at}|${key.rank}|${key.seq}|${key.id}`,
    });
  }
  return new Map(
    caseIds.map((id) => [
      id,
      toPage(
        rowsByCase.get(id) ?? [],
        limit,
        (row) => encodeCursor("TimelineEntry", row.position),
        counts.get(id) ?? 0,
        after !== null,
      ),
    ]),
  );
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

function itemOf(
  key: Keys,
  loaded: {
    transitions: Map<string, CaseTransitionEntity>;
    notifications: Map<string, NotificationEntity>;
    custodyEvents: Map<string, CustodyEventEntity>;
  },
): TimelineItem | null {
  if (key.source === "NOTIFICATION") {
    const notification = loaded.notifications.get(key.id);
    return notification ? { kind: "NOTIFICATION", notification } : null;
  }
  if (key.source === "CUSTODY_EVENT") {
    const custodyEvent = loaded.custodyEvents.get(key.id);
    return custodyEvent ? { kind: "CUSTODY_EVENT", custodyEvent } : null;
  }
  const transition = loaded.transitions.get(key.id);
  if (!transition) return null;
  const paroleStep = PAROLE_REVIEW_STEP_BY_EVENT[transition.event];
  if (paroleStep) return { kind: "PAROLE_REVIEW_STEP", step: paroleStep, transition };
  const licenceConditionStep = LICENCE_CONDITION_STEP_BY_EVENT[transition.event];
  if (licenceConditionStep) return { kind: "LICENCE_CONDITION_STEP", step: licenceConditionStep, transition };
  return { kind: "TRANSITION", transition };
}
