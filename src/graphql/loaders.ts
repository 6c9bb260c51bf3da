import DataLoader from "dataloader";
import { In, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import type { Region } from "../domain/security/region.enum";
import { scopePredicate, type AccessControl, type CaseScope } from "../services/security/access-control";
import { createReadLogLoader } from "../services/security/access-log.service";
import { Permission } from "../domain/security/policy";
import { CaseContactEntity } from "../entities/cases/case-contact.entity";
import { CaseTransitionEntity } from "../entities/cases/case-transition.entity";
import { CustodyEventEntity } from "../entities/custody/custody-event.entity";
import { ContactPlanEntity } from "../entities/cases/contact-plan.entity";
import { KeyDateRecordEntity } from "../entities/sentences/key-date-record.entity";
import { LicenceConditionRequestEntity } from "../entities/licence-conditions/licence-condition-request.entity";
import { ParoleRequestEntity } from "../entities/parole/parole-request.entity";
import { ParoleReviewEntity } from "../entities/parole/parole-review.entity";
import { VictimPersonalStatementEntity } from "../entities/parole/victim-personal-statement.entity";
import { NotificationEntity } from "../entities/notifications/notification.entity";
import { OffenderEntity } from "../entities/custody/offender.entity";
import { OfficerEntity } from "../entities/security/officer.entity";
import { SentenceEntity } from "../entities/sentences/sentence.entity";
import { TaskEntity } from "../entities/work/task.entity";
import { VictimCaseEntity } from "../entities/cases/victim-case.entity";
import type { Page } from "../services/paging/pagination";
import { custodyEventPages, historyPages, offenderCasePages } from "../services/paging/child-pages";
import { loadCaseHistoryFacts, type CaseHistoryFacts } from "../services/work/deadline-facts";
import { caseTimelinePages, type TimelineRow } from "../services/cases/case-timeline";
import { casesHoldingPersonalData } from "../services/cases/erasure.service";
import { readDiscretionaryReasons } from "../services/cases/discretionary-reasons";
import { readTransitionNotes, type SealedTransitionNote } from "../services/cases/transition-notes";
import { encodeCursor } from "../services/paging/pagination";
import { selectRows } from "../services/platform/sql";
import { entityColumns, entityFromRow } from "../services/platform/entity-rows";
import { nextDueOnSql } from "../services/work/open-work";
import { retryOnConnectionError } from "../services/platform/connection-errors";

/** What a request's loaders read with: its database, and the caller's scope over cases. */
interface LoaderScope {
  dataSource: DataSource;
  manager: EntityManager;
  caseScope: CaseScope;
  /** Narrows a query to the cases (aliased `caseAlias`) the caller may see. */
  inScope: <T extends ObjectLiteral>(query: SelectQueryBuilder<T>, caseAlias: string) => SelectQueryBuilder<T>;
}

const byKey = <T, K>(rows: T[], key: (row: T) => K) => new Map(rows.map((row) => [key(row), row]));

// One batch query per relation per request, so a page of cases costs the same number of
// statements whatever its size. Every lookup that can reach a case carries the caller's scope, so
// a case outside it loads exactly as a case that does not exist.
const LOADERS = {
  readLog: ({ dataSource }: LoaderScope) => createReadLogLoader(dataSource),
  victimCase: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, VictimCaseEntity | null>(async (ids) => {
      const query = manager.createQueryBuilder(VictimCaseEntity, "c").where("c.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  offender: ({ manager }: LoaderScope) =>
    readLoader<string, OffenderEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(OffenderEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  sentenceByOffender: ({ manager }: LoaderScope) =>
    readLoader<string, SentenceEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(SentenceEntity, { offenderId: In([...ids]) }), (row) => row.offenderId);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  contactsByCase: ({ manager }: LoaderScope) =>
    readLoader<string, CaseContactEntity[]>(async (ids) => {
      const rows = await manager.find(CaseContactEntity, {
        where: { caseId: In([...ids]) },
        order: { createdAt: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  // The case is the parent, already in scope, and the field's permission is checked: opened only now.
  discretionaryReasonByCase: ({ manager }: LoaderScope) =>
    readLoader<string, string | null>(async (ids) => {
      const reasons = await readDiscretionaryReasons(manager, ids);
      return ids.map((id) => reasons.get(id) ?? null);
    }),
  // Sealed, with the case's region: CaseTransition.note checks the permission before opening one.
  transitionNote: ({ manager }: LoaderScope) =>
    readLoader<string, SealedTransitionNote | null>(async (ids) => {
      const notes = await readTransitionNotes(manager, ids);
      return ids.map((id) => notes.get(id) ?? null);
    }),
  // Whether anything of the case's personal data is left to erase (eraseCaseContactData).
  holdsPersonalData: ({ manager }: LoaderScope) =>
    readLoader<string, boolean>(async (ids) => {
      const held = await casesHoldingPersonalData(manager, ids);
      return ids.map((id) => held.has(id));
    }),
  paroleReview: ({ manager }: LoaderScope) =>
    readLoader<string, ParoleReviewEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(ParoleReviewEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  paroleReviewsByOffender: ({ manager }: LoaderScope) =>
    readLoader<string, ParoleReviewEntity[]>(async (ids) => {
      const rows = await manager.find(ParoleReviewEntity, {
        where: { offenderId: In([...ids]) },
        order: { referredOn: "DESC", createdAt: "DESC" },
      });
      return ids.map((id) => rows.filter((row) => row.offenderId === id));
    }),
  // The case is the parent and already in scope; these are its own records.
  statementsByCase: ({ manager }: LoaderScope) =>
    readLoader<string, VictimPersonalStatementEntity[]>(async (ids) => {
      const rows = await manager.find(VictimPersonalStatementEntity, {
        where: { caseId: In([...ids]) },
        order: { createdAt: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  paroleRequestsByCase: ({ manager }: LoaderScope) =>
    readLoader<string, ParoleRequestEntity[]>(async (ids) => {
      const rows = await manager.find(ParoleRequestEntity, {
        where: { caseId: In([...ids]) },
        order: { createdAt: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  licenceRequestsByCase: ({ manager }: LoaderScope) =>
    readLoader<string, LicenceConditionRequestEntity[]>(async (ids) => {
      const rows = await manager.find(LicenceConditionRequestEntity, {
        where: { caseId: In([...ids]) },
        order: { createdAt: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  notificationsByCase: ({ manager }: LoaderScope) =>
    readLoader<string, NotificationEntity[]>(async (ids) => {
      const rows = await manager.find(NotificationEntity, {
        where: { caseId: In([...ids]) },
        order: { createdAt: "DESC", id: "DESC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  notification: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, NotificationEntity | null>(async (ids) => {
      const query = manager
        .createQueryBuilder(NotificationEntity, "n")
        .innerJoin("n.victimCase", "c")
        .where("n.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  // The case is the parent and already in scope. Oldest due first, as on the work queue.
  tasksByCase: ({ manager }: LoaderScope) =>
    readLoader<string, TaskEntity[]>(async (ids) => {
      const rows = await manager.find(TaskEntity, {
        where: { caseId: In([...ids]) },
        order: { dueOn: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
  task: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, TaskEntity | null>(async (ids) => {
      const query = manager
        .createQueryBuilder(TaskEntity, "t")
        .innerJoin("t.victimCase", "c")
        .where("t.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  licenceRequest: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, { request: LicenceConditionRequestEntity; region: Region | null } | null>(async (ids) => {
      const query = manager
        .createQueryBuilder(LicenceConditionRequestEntity, "r")
        .innerJoinAndSelect("r.victimCase", "c")
        .where("r.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => {
        const row = rows.get(id);
        return row ? { request: row, region: row.victimCase?.region ?? null } : null;
      });
    }),
  contactPlanByCase: ({ manager }: LoaderScope) =>
    readLoader<string, ContactPlanEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(ContactPlanEntity, { caseId: In([...ids]) }), (row) => row.caseId);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  officer: ({ manager }: LoaderScope) =>
    readLoader<string, OfficerEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(OfficerEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  // The case is the parent and already in scope; every case has its REFERRED entry at least.
  lastTransitionByCase: ({ dataSource }: LoaderScope) =>
    readLoader<string, CaseTransitionEntity | null>(async (ids) => {
      const rows = await selectRows<Record<string, unknown>>(
        dataSource,
        `SELECT ${entityColumns(dataSource, CaseTransitionEntity, "h")} FROM unnest($1::uuid[]) AS c("id")
           CROSS JOIN LATERAL (
             SELECT * FROM "case_transition" t WHERE t."case_id" = c."id" ORDER BY t."sequence" DESC LIMIT 1
           ) h`,
        [ids],
      );
      const byCase = byKey(
        rows.map((row) => entityFromRow(dataSource, CaseTransitionEntity, row)!),
        (row) => row.caseId,
      );
      return ids.map((id) => byCase.get(id) ?? null);
    }),
  caseTransition: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, CaseTransitionEntity | null>(async (ids) => {
      const query = manager
        .createQueryBuilder(CaseTransitionEntity, "t")
        .innerJoin("t.victimCase", "c")
        .where("t.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  /** A contact with its case's region, which decides who may read its personal fields. */
  contact: ({ manager, inScope }: LoaderScope) =>
    readLoader<string, { contact: CaseContactEntity; region: Region | null } | null>(async (ids) => {
      const query = manager
        .createQueryBuilder(CaseContactEntity, "k")
        .innerJoinAndSelect("k.victimCase", "c")
        .where("k.id IN (:...ids)", { ids: [...ids] });
      const rows = byKey(await inScope(query, "c").getMany(), (row) => row.id);
      return ids.map((id) => {
        const row = rows.get(id);
        return row ? { contact: row, region: row.victimCase!.region } : null;
      });
    }),
  /** The latest key-date record of each offender (one statement per batch). */
  latestKeyDates: ({ manager }: LoaderScope) =>
    readLoader<string, KeyDateRecordEntity | null>(async (ids) => {
      const rows = await manager
        .createQueryBuilder(KeyDateRecordEntity, "k")
        .distinctOn(["k.offenderId"])
        .where("k.offenderId IN (:...ids)", { ids: [...ids] })
        .orderBy("k.offenderId")
        .addOrderBy("k.sequence", "DESC")
        .getMany();
      const byOffender = byKey(rows, (row) => row.offenderId);
      return ids.map((id) => byOffender.get(id) ?? null);
    }),
  keyDateHistory: ({ manager }: LoaderScope) =>
    readLoader<string, KeyDateRecordEntity[]>(async (ids) => {
      const rows = await manager.find(KeyDateRecordEntity, {
        where: { offenderId: In([...ids]) },
        order: { sequence: "ASC" },
      });
      return ids.map((id) => rows.filter((row) => row.offenderId === id));
    }),
  // The case is the parent and already in scope.
  nextDueOnByCase: ({ dataSource }: LoaderScope) =>
    readLoader<string, string | null>(async (ids) => {
      const rows = await selectRows<{ id: string; nextDueOn: string | null }>(
        dataSource,
        `SELECT c."id", ${nextDueOnSql(`c."id"`)}::text AS "nextDueOn" FROM unnest($1::uuid[]) AS c("id")`,
        [ids],
      );
      const byCase = byKey(rows, (row) => row.id);
      return ids.map((id) => byCase.get(id)?.nextDueOn ?? null);
    }),
  // The case is the parent and already in scope.
  caseHistoryFacts: ({ dataSource }: LoaderScope) =>
    readLoader<string, CaseHistoryFacts>(async (ids) => {
      const facts = await loadCaseHistoryFacts(dataSource, ids);
      return ids.map((id) => facts.get(id)!);
    }),
  historyPage: ({ dataSource }: LoaderScope) =>
    childPageLoader<Page<CaseTransitionEntity>>((caseIds, first, after) =>
      historyPages(dataSource, caseIds, first, after === null ? null : Number(after), (row) =>
        encodeCursor("CaseTransition", row.sequence),
      ),
    ),
  // The case is the parent and already in scope.
  timelinePage: ({ dataSource }: LoaderScope) =>
    childPageLoader<Page<TimelineRow>>((caseIds, first, after) => caseTimelinePages(dataSource, caseIds, first, after)),
  // The offender's own record: any caller who may read offenders may read it.
  custodyEvent: ({ manager }: LoaderScope) =>
    readLoader<string, CustodyEventEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(CustodyEventEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  custodyEventPage: ({ dataSource }: LoaderScope) =>
    childPageLoader<Page<CustodyEventEntity>>((offenderIds, first, after) =>
      custodyEventPages(dataSource, offenderIds, first, after, (row) =>
        encodeCursor("CustodyEvent", `${row.occurredOn}|${row.sequence}`),
      ),
    ),
  offenderCasesPage: ({ dataSource, caseScope }: LoaderScope) =>
    childPageLoader<Page<VictimCaseEntity>>((offenderIds, first, after) =>
      offenderCasePages(dataSource, offenderIds, first, after, caseScope, (row) =>
        encodeCursor("VictimCase", row.reference),
      ),
    ),
};

export type Loaders = { readonly [Name in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[Name]> };

// A request uses a few of its loaders: each is made on its first use, by a getter of the prototype
// that then keeps it on the request's object. Making all 32 for every request took about 8 µs and
// left their closures, maps and options as garbage, 1 % of a small request's time (issue 15 §4).
class RequestLoaders {
  constructor(readonly scope: LoaderScope) {}
}
for (const [name, make] of Object.entries(LOADERS) as [string, (scope: LoaderScope) => unknown][]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      const loader = make(this.scope);
      Object.defineProperty(this, name, { value: loader });
      return loader;
    },
  });
}

/** The loaders of one request for a caller. */
export function createLoaders(dataSource: DataSource, access: AccessControl): Loaders {
  const caseScope = access.scope(Permission.READ_CASES);
  const inScope = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>, caseAlias: string) => {
    const predicate = scopePredicate(caseScope, caseAlias, "scopeRegion");
    return query.andWhere(predicate.sql, predicate.parameters);
  };
  return new RequestLoaders({ dataSource, manager: dataSource.manager, caseScope, inScope }) as unknown as Loaders;
}

/**
 * A DataLoader whose batch is read again on a fresh connection when its connection was lost: a
 * mutation's payload is read after its COMMIT, and a lost connection then must not turn a change
 * that was made into an error (issue 13 §4).
 */
function readLoader<K, V, C = K>(batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>) {
  return new DataLoader<K, V, C>((keys) => retryOnConnectionError(() => Promise.resolve(batch(keys))), options);
}

interface ChildPageKey {
  parentId: string;
  first: number;
  /** The decoded cursor position, or null for the first page. */
  after: string | null;
}

/** Batches child pages that share `first` and `after` (the common case: the same field in a list). */
function childPageLoader<T>(load: (parents: string[], first: number, after: string | null) => Promise<Map<string, T>>) {
  return readLoader<ChildPageKey, T, string>(
    async (keys) => {
      const groups = new Map<string, ChildPageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after ?? ""}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, T>();
      for (const group of groups.values()) {
        const pages = await load([...new Set(group.map((key) => key.parentId))], group[0].first, group[0].after);
        for (const key of group) results.set(childPageCacheKey(key), pages.get(key.parentId)!);
      }
      return keys.map((key) => results.get(childPageCacheKey(key))!);
    },
    { cacheKeyFn: childPageCacheKey },
  );
}

function childPageCacheKey(key: ChildPageKey): string {
  return `${key.parentId}|${key.first}|${key.after ?? ""}`;
}
