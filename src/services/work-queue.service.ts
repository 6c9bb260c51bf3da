import type { DataSource } from "typeorm";
import type { NotificationKind } from "../domain/notification.enums";
import { NotificationStatus } from "../domain/notification.enums";
import { NotificationEntity } from "../entities/notification.entity";
import { scopePredicate, type CaseScope } from "./access-control";
import { toPage, type Page } from "./case-queries";
import { decodeCursor, encodeCursor, pageSize, type PageRequest } from "./pagination";

export interface WorkQueueCriteria {
  scope: CaseScope;
  /** Only the cases of this officer. */
  officerId?: string | null;
  kinds?: NotificationKind[] | null;
  /** Only what is past its due date on this day. */
  overdueOn?: string | null;
}

/** What still has to be done: notifications to send and calls to make, escalations to resolve. */
export const OPEN_WORK: readonly NotificationStatus[] = [NotificationStatus.DUE, NotificationStatus.FAILED, NotificationStatus.ESCALATED];

// Oldest due first, then by id, so a page boundary is stable while items are added.
export async function listWorkQueue(dataSource: DataSource, criteria: WorkQueueCriteria, page: PageRequest): Promise<Page<NotificationEntity>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("WorkItem", page.after);
  const inScope = scopePredicate(criteria.scope, "c", "scopeRegion");
  const query = dataSource.manager
    .createQueryBuilder(NotificationEntity, "n")
    .innerJoin("n.victimCase", "c")
    .where(inScope.sql, inScope.parameters)
    .andWhere("n.status IN (:...open)", { open: OPEN_WORK });
  if (criteria.officerId !== undefined && criteria.officerId !== null) query.andWhere("c.officerId = :officerId", { officerId: criteria.officerId });
  if (criteria.kinds?.length) query.andWhere("n.kind IN (:...kinds)", { kinds: criteria.kinds });
  if (criteria.overdueOn) query.andWhere("n.dueOn < :overdueOn", { overdueOn: criteria.overdueOn });
  const totalCount = await query.clone().getCount();
  if (after) {
    const [dueOn, id] = after.split("|");
    query.andWhere("(n.dueOn, n.id) > (:afterDue, :afterId)", { afterDue: dueOn, afterId: id });
  }
  const rows = await query.orderBy("n.dueOn", "ASC").addOrderBy("n.id", "ASC").take(limit + 1).getMany();
  return toPage(rows, limit, (row) => encodeCursor("WorkItem", `${row.dueOn}|${row.id}`), totalCount, after !== null);
}
