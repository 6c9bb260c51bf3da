import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { VictimCaseEntity } from "./cases/victim-case.entity";

// The first columns of every record a case owns (its tasks, notifications, parole requests,
// personal statements, licence-condition requests): an id, and the case, whose deletion takes them.
export abstract class CaseOwnedRow {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId: string;

  @ManyToOne("VictimCaseEntity", { onDelete: "CASCADE" })
  @JoinColumn({ name: "case_id" })
  victimCase?: VictimCaseEntity;
}
