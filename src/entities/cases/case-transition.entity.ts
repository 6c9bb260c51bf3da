import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { CaseStatus } from "../../domain/cases/case.enums";
import type { VictimCaseEntity } from "./victim-case.entity";

// Append-only history of every event applied to a case. Never updated or deleted.
@Entity({ name: "case_transition" })
@Index("uq_case_transition_seq", ["caseId", "sequence"], { unique: true })
// Partial covering indexes for the scheme's statistics, made by migration StatisticsAtScale.
@Index("idx_case_transition_stay", { synchronize: false })
@Index("idx_case_transition_funnel", { synchronize: false })
@Index("idx_case_transition_first_contact", { synchronize: false })
export class CaseTransitionEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId: string;

  @ManyToOne("VictimCaseEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "case_id" })
  victimCase?: VictimCaseEntity;

  @Column({ type: "integer" })
  sequence: number;

  @Column({ type: "varchar", length: 64 })
  event: string;

  @Column({ name: "from_status", type: "varchar", length: 32, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ name: "to_status", type: "varchar", length: 32 })
  toStatus: CaseStatus;

  @Column({ type: "varchar", length: 200 })
  actor: string;

  @Column({ type: "text", nullable: true })
  reason: string | null;

  // The event's parameters (never personal data: contact details live in case_contact).
  @Column({ type: "jsonb", default: {} })
  payload: Record<string, unknown>;

  // When it was recorded; effective_on is the day it took effect (a backdated referral, a custody
  // event reported late, a timer that fired after its day), which can be earlier.
  @Column({ name: "occurred_at", type: "timestamptz", default: () => "now()" })
  occurredAt: Date;

  @Column({ name: "effective_on", type: "date" })
  effectiveOn: string;

  // On a row that changes the status, the day the case entered from_status (the effective day of
  // the status change before), so a stay in a status is one row; otherwise null.
  @Column({ name: "from_status_since", type: "date", nullable: true })
  fromStatusSince: string | null;
}
