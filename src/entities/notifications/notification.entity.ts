import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from "typeorm";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { NotificationKind, NotificationStatus } from "../../domain/notifications/notification.enums";
import { sqlList } from "../sql-list";
import { CaseOwnedRow } from "../case-owned-row";
import type { DirectedRelease, NotifiedLicenceCondition } from "../../domain/disclosure/disclosure";

/** What a victim may be told at the time the notification fell due: months and outcomes only. */
export interface NotificationFactsSnapshot {
  expectedReleaseMonth: string | null;
  paroleEligibleFromMonth: string | null;
  automaticRelease: boolean;
  paroleEligible: boolean;
  basis: "CALCULATED" | "RECORDED";
  /** The Board's release direction, in months (absent in notifications written before it existed). */
  releaseDirection?: DirectedRelease | null;
  paroleOutcome: string | null;
  /** The reconsideration step a PAROLE_RECONSIDERATION tells (absent in older notifications). */
  reconsideration?: string | null;
  /** The victim's licence conditions a decision or release letter lists (absent where none is listed). */
  licenceConditions?: NotifiedLicenceCondition[];
}

// A letter, email or call owed to a victim, written in the same transaction as the event that
// caused it. Holds no personal data: the recipient is the case's contact, looked up at sending.
@Entity({ name: "notification" })
@Check("chk_notification_kind", `"kind" IN (${sqlList(Object.values(NotificationKind))})`)
@Check("chk_notification_status", `"status" IN (${sqlList(Object.values(NotificationStatus))})`)
@Check("chk_notification_channel", `"channel" IN (${sqlList(Object.values(ContactChannel))})`)
@Index("idx_notification_case", ["caseId", "createdAt"])
@Index("idx_notification_open", ["status", "dueOn"])
// Partial (open notifications only), made by migration CaseloadIndexes: a case's next due date.
@Index("idx_notification_case_open", { synchronize: false })
// Covering (due day, kind, channel, outcome), made by migration StatisticsAtScale: the scheme's statistics.
@Index("idx_notification_outcome", { synchronize: false })
@Index("uq_notification_trigger", ["caseId", "triggerId", "kind"], { unique: true })
@Index("idx_notification_status_check", ["nextStatusCheckAt"], { where: `"next_status_check_at" IS NOT NULL` })
export class NotificationEntity extends CaseOwnedRow {
  @Column({ type: "varchar", length: 32 })
  kind: NotificationKind;

  @Column({ type: "varchar", length: 16 })
  channel: ContactChannel;

  @Column({ type: "boolean", default: false })
  urgent: boolean;

  // Written only by the notification pipeline.
  @Column({ type: "varchar", length: 16 })
  status: NotificationStatus;

  @Column({ name: "due_on", type: "date" })
  dueOn: string;

  // The case history row (or other event) that caused it: the same event never notifies twice.
  @Column({ name: "trigger_id", type: "uuid" })
  triggerId: string;

  @Column({ type: "jsonb" })
  facts: NotificationFactsSnapshot | null;

  @Column({ type: "integer", default: 0 })
  attempts: number;

  @Column({ name: "sent_on", type: "date", nullable: true })
  sentOn: string | null;

  @Column({ name: "acknowledged_on", type: "date", nullable: true })
  acknowledgedOn: string | null;

  @Column({ name: "escalated_on", type: "date", nullable: true })
  escalatedOn: string | null;

  // A failure code (NO_ANSWER, RETURNED_MAIL, …), never a message.
  @Column({ name: "last_failure", type: "varchar", length: 32, nullable: true })
  lastFailure: string | null;

  // Sending through GOV.UK Notify: its id once sent, attempts so far, and when to try next (a
  // lease while a send is under way, then the backoff).
  @Column({ name: "notify_id", type: "varchar", length: 64, nullable: true })
  notifyId: string | null;

  @Column({ name: "dispatch_attempts", type: "integer", default: 0 })
  dispatchAttempts: number;

  @Column({ name: "next_dispatch_at", type: "timestamptz", nullable: true })
  nextDispatchAt: Date | null;

  // Reading back what became of it (notification-delivery.ts): when to ask Notify next (null: not
  // sent through Notify, or nothing more to ask), questions so far (the backoff, and a fence like
  // dispatch_attempts), and when Notify reported it delivered. Delivery is not acknowledgement.
  @Column({ name: "next_status_check_at", type: "timestamptz", nullable: true })
  nextStatusCheckAt: Date | null;

  @Column({ name: "status_checks", type: "integer", default: 0 })
  statusChecks: number;

  @Column({ name: "delivered_at", type: "timestamptz", nullable: true })
  deliveredAt: Date | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
