import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from "typeorm";
import { StatementFormat, StatementStatus } from "../../domain/parole/parole.enums";
import { encryptedString } from "../field-encryption.transformer";
import { sqlList } from "../sql-list";
import { CaseOwnedRow } from "../case-owned-row";
import type { ParoleReviewEntity } from "./parole-review.entity";

// A victim's personal statement for one review. The text is personal data: sealed at rest, read
// only by roles that may read personal data, and every read is logged.
@Entity({ name: "victim_personal_statement" })
@Check("chk_vps_status", `"status" IN (${sqlList(Object.values(StatementStatus))})`)
@Check("chk_vps_format", `"format" IS NULL OR "format" IN (${sqlList(Object.values(StatementFormat))})`)
@Index("uq_vps_review_case", ["paroleReviewId", "caseId"], { unique: true })
@Index("idx_vps_case", ["caseId"])
export class VictimPersonalStatementEntity extends CaseOwnedRow {
  @Column({ name: "parole_review_id", type: "uuid" })
  paroleReviewId: string;

  @ManyToOne("ParoleReviewEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "parole_review_id" })
  paroleReview?: ParoleReviewEntity;

  @Column({ type: "varchar", length: 16 })
  status: StatementStatus;

  @Column({ name: "invited_on", type: "date", nullable: true })
  invitedOn: string | null;

  @Column({ name: "submitted_on", type: "date", nullable: true })
  submittedOn: string | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  format: StatementFormat | null;

  // Null until submitted, and once erased.
  @Column({ type: "text", nullable: true, transformer: encryptedString })
  text: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
