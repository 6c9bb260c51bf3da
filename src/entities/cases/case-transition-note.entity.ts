import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from "typeorm";
import { encryptedString } from "../field-encryption.transformer";
import type { CaseTransitionEntity } from "./case-transition.entity";
import type { VictimCaseEntity } from "./victim-case.entity";

// An officer's own words given with a history row (why a task was completed by hand or cancelled, why
// a referral is not a duplicate). They may tell of the victim, so they are personal data: sealed,
// read only through CaseTransition.note (gated, logged), erased with the contacts' details. Kept
// beside the history, which is append-only and so could never be erased.
@Entity({ name: "case_transition_note" })
@Index("idx_case_transition_note_case", ["caseId"])
export class CaseTransitionNoteEntity {
  @PrimaryColumn({ name: "transition_id", type: "uuid" })
  transitionId: string;

  @OneToOne("CaseTransitionEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "transition_id" })
  transition?: CaseTransitionEntity;

  @Column({ name: "case_id", type: "uuid" })
  caseId: string;

  @ManyToOne("VictimCaseEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "case_id" })
  victimCase?: VictimCaseEntity;

  // Null once erased.
  @Column({ type: "text", nullable: true, transformer: encryptedString })
  note: string | null;

  @Column({ name: "erased_at", type: "timestamptz", nullable: true })
  erasedAt: Date | null;
}
