import { ObjectType } from "type-graphql";
import type { Page, PageItem } from "../services/paging/pagination";
import { AccessLogEntry } from "../schema/security/access-log-entry.type";
import { CaseTransition } from "../schema/cases/case-transition.type";
import { ConnectionType, type Connection } from "../schema/common/connection";
import { CustodyEvent } from "../schema/custody/custody-event.type";
import { TimelineEntryConnection, TimelineEntryEdge, type TimelineEntry } from "../schema/cases/timeline-entry.type";
import { Offender } from "../schema/custody/offender.type";
import { Officer } from "../schema/security/officer.type";
import { VictimCase } from "../schema/cases/victim-case.type";
import { WorkItem } from "../schema/work/work-item.type";

@ObjectType("VictimCaseConnection", { description: "A page of victim cases." })
export class VictimCaseConnection extends ConnectionType(VictimCase, "VictimCase") {}

@ObjectType("OffenderConnection", { description: "A page of offenders." })
export class OffenderConnection extends ConnectionType(Offender, "Offender") {}

@ObjectType("CaseTransitionConnection", { description: "A page of a case's history, oldest first." })
export class CaseTransitionConnection extends ConnectionType(CaseTransition, "CaseTransition") {}

@ObjectType("CustodyEventConnection", { description: "A page of an offender's custody history, newest first." })
export class CustodyEventConnection extends ConnectionType(CustodyEvent, "CustodyEvent") {}

@ObjectType("OfficerConnection", { description: "A page of officers." })
export class OfficerConnection extends ConnectionType(Officer, "Officer") {}

@ObjectType("AccessLogEntryConnection", { description: "A page of the access log, newest first." })
export class AccessLogEntryConnection extends ConnectionType(AccessLogEntry, "AccessLogEntry") {}

@ObjectType("WorkItemConnection", { description: "A page of the work queue, oldest due first." })
export class WorkItemConnection extends ConnectionType(WorkItem, "WorkItem") {}

/** An edge of a connection: its node, and its item's cursor when a client asks for it. */
class ConnectionEdge<Row, Node> {
  constructor(
    private readonly item: PageItem<Row>,
    readonly node: Node,
  ) {}

  get cursor(): string {
    return this.item.cursor;
  }
}

/**
 * Where a page stands in its list, its cursors written only when read. A class, not a literal with
 * getters, which would keep the page alive through young-generation collections (PostedRequest in
 * posted-operations.ts says more).
 */
class PageInfoOfPage<Row> {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;

  constructor(private readonly page: Page<Row>) {
    this.hasNextPage = page.hasNextPage;
    this.hasPreviousPage = page.hasPreviousPage;
  }

  get startCursor(): string | null {
    return this.page.items[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.page.items.at(-1)?.cursor ?? null;
  }
}

export function toConnection<Row, Node>(page: Page<Row>, map: (row: Row) => Node): Connection<Node> {
  const edges = page.items.map((item) => new ConnectionEdge(item, map(item.row)));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    totalCount: page.totalCount,
    pageInfo: new PageInfoOfPage(page),
  };
}

/** A page of a timeline: each edge also carries the two times the entries are ordered by. */
export function toTimelineConnection<Row extends { effectiveOn: string; recordedAt: Date }>(
  page: Page<Row>,
  map: (row: Row) => TimelineEntry,
): TimelineEntryConnection {
  const connection = toConnection(page, map);
  const edges = connection.edges.map((edge, index) =>
    Object.assign(new TimelineEntryEdge(), {
      cursor: edge.cursor,
      node: edge.node,
      effectiveOn: page.items[index].row.effectiveOn,
      recordedAt: page.items[index].row.recordedAt,
    }),
  );
  return Object.assign(new TimelineEntryConnection(), { ...connection, edges });
}
