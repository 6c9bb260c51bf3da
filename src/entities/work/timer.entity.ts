import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { TimerKind, TimerStatus } from "../../domain/work/timer.enums";
import { sqlList } from "../sql-list";

// A deadline as a row, written in the same transaction as the event that set it, so it survives
// restarts; fired once, under a row lock, in the same transaction as what it does.
@Entity({ name: "timer" })
@Check("chk_timer_kind", `"kind" IN (${sqlList(Object.values(TimerKind))})`)
@Check("chk_timer_status", `"status" IN (${sqlList(Object.values(TimerStatus))})`)
@Index("idx_timer_due", ["status", "dueOn"])
@Index("uq_timer", ["kind", "subjectId", "dueOn"], { unique: true })
export class TimerEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 32 })
  kind: TimerKind;

  /** The case (invitation, annual letter), notification (acknowledgement) or offender (release confirmation) it is about. */
  @Column({ name: "subject_id", type: "uuid" })
  subjectId: string;

  /** The England-and-Wales day it fires on. */
  @Column({ name: "due_on", type: "date" })
  dueOn: string;

  @Column({ type: "varchar", length: 16, default: TimerStatus.PENDING })
  status: TimerStatus;

  // An unexpected failure is tried again the next day, so it cannot hold up the others.
  @Column({ type: "integer", default: 0 })
  attempts: number;

  @Column({ name: "not_before", type: "date", nullable: true })
  notBefore: string | null;

  @Column({ name: "fired_at", type: "timestamptz", nullable: true })
  firedAt: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
