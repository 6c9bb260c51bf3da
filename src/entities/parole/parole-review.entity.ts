import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from "typeorm";
import { OffenderOwnedRow } from "../offender-owned-row";
import { ParoleOutcome } from "../../domain/custody/custody.enums";
import { HearingType, ParoleReviewStatus } from "../../domain/parole/parole.enums";
import type { SentenceType } from "../../domain/sentences/sentence.enums";
import { sqlList } from "../sql-list";

// One Parole Board review of an offender. Opened and decided by the custody pipeline, so the
// review and the custody phase cannot disagree; at most one review of an offender is open.
@Entity({ name: "parole_review" })
@Check("chk_parole_review_status", `"status" IN (${sqlList(Object.values(ParoleReviewStatus))})`)
@Check(
  "chk_parole_review_hearing_type",
  `"hearing_type" IS NULL OR "hearing_type" IN (${sqlList(Object.values(HearingType))})`,
)
@Check("chk_parole_review_outcome", `"outcome" IS NULL OR "outcome" IN (${sqlList(Object.values(ParoleOutcome))})`)
@Index("idx_parole_review_offender", ["offenderId", "referredOn"])
@Index("uq_parole_review_open", ["offenderId"], {
  unique: true,
  where: `"status" IN ('REFERRED', 'HEARING_SCHEDULED')`,
})
export class ParoleReviewEntity extends OffenderOwnedRow {
  // Written only by the parole review pipeline.
  @Column({ type: "varchar", length: 32 })
  status: ParoleReviewStatus;

  // The sentence when referred: decides whether a victim may seek reconsideration.
  @Column({ name: "sentence_type", type: "varchar", length: 32 })
  sentenceType: SentenceType;

  @Column({ name: "referred_on", type: "date" })
  referredOn: string;

  @Column({ name: "target_hearing_date", type: "date", nullable: true })
  targetHearingDate: string | null;

  @Column({ name: "hearing_type", type: "varchar", length: 16, nullable: true })
  hearingType: HearingType | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  outcome: ParoleOutcome | null;

  @Column({ name: "decision_issued_on", type: "date", nullable: true })
  decisionIssuedOn: string | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
