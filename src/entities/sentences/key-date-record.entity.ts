import { Column, Entity, Index } from "typeorm";
import { OffenderOwnedRow } from "../offender-owned-row";

export interface StoredKeyDate {
  type: string;
  date: string;
  unadjustedDate?: string | null;
}

// Every set of key dates an offender has had: the forecast from the rules, then each recording
// from HMPPS's own calculation (which always wins). Append-only, so earlier values stay on record.
@Entity({ name: "key_date_record" })
@Index("uq_key_date_record_seq", ["offenderId", "sequence"], { unique: true })
export class KeyDateRecordEntity extends OffenderOwnedRow {
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
