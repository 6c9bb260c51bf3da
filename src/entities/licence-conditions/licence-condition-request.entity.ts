import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from "typeorm";
import {
  LicenceConditionDecisionMaker,
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
  LicenceConditionRequestStatus,
} from "../../domain/licence-conditions/licence-condition.enums";
import { encryptedString } from "../field-encryption.transformer";
import { sqlList } from "../sql-list";
import { CaseOwnedRow } from "../case-owned-row";
import type { ParoleReviewEntity } from "../parole/parole-review.entity";

// A victim's request for a licence condition, and what the decision maker did with it. The
// description can point towards where the victim lives or works, so it is personal data.
@Entity({ name: "licence_condition_request" })
@Check("chk_lcr_kind", `"kind" IN (${sqlList(Object.values(LicenceConditionKind))})`)
@Check("chk_lcr_status", `"status" IN (${sqlList(Object.values(LicenceConditionRequestStatus))})`)
@Check("chk_lcr_decision_point", `"decision_point" IN (${sqlList(Object.values(LicenceConditionDecisionPoint))})`)
@Check("chk_lcr_decision_maker", `"decision_maker" IN (${sqlList(Object.values(LicenceConditionDecisionMaker))})`)
@Index("idx_lcr_case", ["caseId", "createdAt"])
export class LicenceConditionRequestEntity extends CaseOwnedRow {
  @Column({ type: "varchar", length: 32 })
  kind: LicenceConditionKind;

  // Null once erased.
  @Column({ type: "text", nullable: true, transformer: encryptedString })
  description: string | null;

  @Column({ name: "decision_point", type: "varchar", length: 32 })
  decisionPoint: LicenceConditionDecisionPoint;

  @Column({ name: "parole_review_id", type: "uuid", nullable: true })
  paroleReviewId: string | null;

  @ManyToOne("ParoleReviewEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "parole_review_id" })
  paroleReview?: ParoleReviewEntity;

  @Column({ name: "decision_maker", type: "varchar", length: 32 })
  decisionMaker: LicenceConditionDecisionMaker;

  // Written only by the licence-condition request pipeline.
  @Column({ type: "varchar", length: 32 })
  status: LicenceConditionRequestStatus;

  @Column({ name: "requested_on", type: "date" })
  requestedOn: string;

  @Column({ name: "forwarded_on", type: "date", nullable: true })
  forwardedOn: string | null;

  @Column({ name: "decided_on", type: "date", nullable: true })
  decidedOn: string | null;

  // Why the decision maker did not adopt it; the victim is told this.
  @Column({ name: "reason_not_adopted", type: "text", nullable: true, transformer: encryptedString })
  reasonNotAdopted: string | null;

  // An adopted condition lasts until this date (at the latest, the end of the licence).
  @Column({ name: "ends_on", type: "date", nullable: true })
  endsOn: string | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
