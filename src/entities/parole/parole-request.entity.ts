import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ParoleRequestKind } from "../../domain/parole/parole.enums";
import { sqlList } from "../sql-list";
import { CaseOwnedRow } from "../case-owned-row";
import type { ParoleReviewEntity } from "./parole-review.entity";

// What a victim asked for around a review, through their VLO: at most one of each kind per review.
@Entity({ name: "parole_request" })
@Check("chk_parole_request_kind", `"kind" IN (${sqlList(Object.values(ParoleRequestKind))})`)
@Index("uq_parole_request", ["paroleReviewId", "caseId", "kind"], { unique: true })
@Index("idx_parole_request_case", ["caseId"])
export class ParoleRequestEntity extends CaseOwnedRow {
  @Column({ name: "parole_review_id", type: "uuid" })
  paroleReviewId: string;

  @ManyToOne("ParoleReviewEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "parole_review_id" })
  paroleReview?: ParoleReviewEntity;

  @Column({ type: "varchar", length: 32 })
  kind: ParoleRequestKind;

  @Column({ name: "requested_on", type: "date" })
  requestedOn: string;

  @Column({ type: "varchar", length: 200 })
  actor: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
