import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { CaseContactEntity } from "../entities/case-contact.entity";
import { CaseTransitionEntity } from "../entities/case-transition.entity";
import { ContactPlanEntity } from "../entities/contact-plan.entity";
import { OffenderEntity } from "../entities/offender.entity";
import { SentenceEntity } from "../entities/sentence.entity";
import { VictimCaseEntity } from "../entities/victim-case.entity";

// One batch query per relation per request, so a page of cases costs the same number of
// statements whatever its size.
export function createLoaders(dataSource: DataSource) {
  const manager = dataSource.manager;
  const byKey = <T, K>(rows: T[], key: (row: T) => K) => new Map(rows.map((row) => [key(row), row]));
  return {
    victimCase: new DataLoader<string, VictimCaseEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(VictimCaseEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    offender: new DataLoader<string, OffenderEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(OffenderEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    sentenceByOffender: new DataLoader<string, SentenceEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(SentenceEntity, { offenderId: In([...ids]) }), (row) => row.offenderId);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    contactsByCase: new DataLoader<string, CaseContactEntity[]>(async (ids) => {
      const rows = await manager.find(CaseContactEntity, { where: { caseId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } });
      return ids.map((id) => rows.filter((row) => row.caseId === id));
    }),
    contactPlanByCase: new DataLoader<string, ContactPlanEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(ContactPlanEntity, { caseId: In([...ids]) }), (row) => row.caseId);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    caseTransition: new DataLoader<string, CaseTransitionEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(CaseTransitionEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
    contact: new DataLoader<string, CaseContactEntity | null>(async (ids) => {
      const rows = byKey(await manager.findBy(CaseContactEntity, { id: In([...ids]) }), (row) => row.id);
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
