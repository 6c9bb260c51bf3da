import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn } from "typeorm";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import type { OffenderEntity } from "../custody/offender.entity";

@Entity({ name: "sentence" })
export class SentenceEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "offender_id", type: "uuid" })
  offenderId: string;

  @OneToOne("OffenderEntity", "sentence", { onDelete: "CASCADE" })
  @JoinColumn({ name: "offender_id" })
  offender?: OffenderEntity;

  @Column({ type: "varchar", length: 32 })
  type: SentenceType;

  @Column({ name: "sentence_date", type: "date" })
  sentenceDate: string;

  // Custodial term for determinate sentences; null for indeterminate ones and hospital orders.
  @Column({ name: "length_months", type: "integer", nullable: true })
  lengthMonths: number | null;

  @Column({ name: "extension_months", type: "integer", nullable: true })
  extensionMonths: number | null;

  @Column({ name: "tariff_months", type: "integer", nullable: true })
  tariffMonths: number | null;

  @Column({ name: "remand_days", type: "integer", default: 0 })
  remandDays: number;

  @Column({ name: "offence_category", type: "varchar", length: 32 })
  offenceCategory: OffenceCategory;

  // The court found the offence to involve domestic abuse: excluded from 40% release at any length.
  @Column({ name: "domestic_abuse", type: "boolean", default: false })
  domesticAbuse: boolean;

  // A life sentence with no minimum term: never forecast a release, never referred to the Board.
  @Column({ name: "whole_life_order", type: "boolean", default: false })
  wholeLifeOrder: boolean;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
