import { Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { ContactChannel, InformationLevel } from "../../domain/cases/contact.enums";
import type { VictimCaseEntity } from "./victim-case.entity";

// The victim's current choices. Written by the pipeline with AGREE_CONTACT_PLAN; every change
// is also in the case history, so earlier plans stay auditable.
@Entity({ name: "contact_plan" })
export class ContactPlanEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId: string;

  @OneToOne("VictimCaseEntity", "contactPlan", { onDelete: "CASCADE" })
  @JoinColumn({ name: "case_id" })
  victimCase?: VictimCaseEntity;

  @Column({ name: "information_level", type: "varchar", length: 32 })
  informationLevel: InformationLevel;

  // In the victim's order of preference.
  @Column({ type: "jsonb" })
  channels: ContactChannel[];

  @Column({ name: "agreed_on", type: "date" })
  agreedOn: string;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
