import { Column, Entity, Index } from "typeorm";
import { OffenderOwnedRow } from "../offender-owned-row";
import { CustodyEventType, CustodyPhase } from "../../domain/custody/custody.enums";

// Append-only history of the offender's custody machine.
@Entity({ name: "custody_event" })
@Index("uq_custody_event_seq", ["offenderId", "sequence"], { unique: true })
export class CustodyEventEntity extends OffenderOwnedRow {
  @Column({ type: "integer" })
  sequence: number;

  @Column({ type: "varchar", length: 64 })
  type: CustodyEventType;

  @Column({ name: "from_phase", type: "varchar", length: 32 })
  fromPhase: CustodyPhase;

  @Column({ name: "to_phase", type: "varchar", length: 32 })
  toPhase: CustodyPhase;

  @Column({ name: "occurred_on", type: "date" })
  occurredOn: string;

  @Column({ type: "jsonb", default: {} })
  details: Record<string, unknown>;

  @Column({ type: "varchar", length: 200 })
  actor: string;

  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}
