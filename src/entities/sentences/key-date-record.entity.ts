import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { OffenderEntity } from "../custody/offender.entity";

export interface StoredKeyDate {
  type: string;
  date: string;
  unadjustedDate?: string | null;
}

// Every set of key dates an offender has had: the forecast from the rules, then each recording
// from HMPPS's own calculation (which always wins). Append-only, so earlier values stay on record.
@Entity({ name: "key_date_record" })
@Index("uq_key_date_record_seq", ["offenderId", "sequence"], { unique: true })
export class KeyDateRecordEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "offender_id", type: "uuid" })
  offenderId: string;

  @ManyToOne("OffenderEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "offender_id" })
  offender?: OffenderEntity;

  @Column({ type: "integer" })
  sequence: number;

  @Column({ type: "varchar", length: 16 })
  source: "CALCULATED" | "RECORDED";

  @Column({ type: "jsonb" })
  dates: StoredKeyDate[];

  // The month a victim is told after this record ("YYYY-MM"), to notice when it changes.
  @Column({ name: "release_month", type: "varchar", length: 7, nullable: true })
  releaseMonth: string | null;

  @Column({ type: "varchar", length: 200 })
  actor: string;

  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}
