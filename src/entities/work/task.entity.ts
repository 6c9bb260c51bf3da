import { Check, Column, CreateDateColumn, Entity, Index } from "typeorm";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import { sqlList } from "../sql-list";
import { CaseOwnedRow } from "../case-owned-row";

// Work asked of the officer on a case, written in the same transaction as the event or timer that
// raised it. Holds no personal data. The subject says which occurrence it is (the case, a parole
// review, the victim's contact), so the same task is never open or done twice; one cancelled can
// be raised afresh when its work is needed again (a victim back in the scheme).
@Entity({ name: "task" })
@Check("chk_task_kind", `"kind" IN (${sqlList(Object.values(TaskKind))})`)
@Check("chk_task_status", `"status" IN (${sqlList(Object.values(TaskStatus))})`)
// Partial covering (FIRST_CONTACT tasks' due day), made by migration StatisticsAtScale: the statistics.
@Index("idx_task_first_contact", { synchronize: false })
@Index("uq_task_subject", ["caseId", "kind", "subjectId"], { unique: true, where: `"status" <> 'CANCELLED'` })
@Index("idx_task_open", ["status", "dueOn"])
@Index("idx_task_case", ["caseId", "dueOn"])
// Partial (open tasks only), made by migration CaseloadIndexes: a case's next due date.
@Index("idx_task_case_open", { synchronize: false })
export class TaskEntity extends CaseOwnedRow {
  @Column({ type: "varchar", length: 32 })
  kind: TaskKind;

  /** The case (first contact, follow-up), the parole review (statement) or the victim's contact (coming of age). */
  @Column({ name: "subject_id", type: "uuid" })
  subjectId: string;

  @Column({ name: "due_on", type: "date" })
  dueOn: string;

  // Written only by the task pipeline.
  @Column({ type: "varchar", length: 16 })
  status: TaskStatus;

  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  closedAt: Date | null;

  /** Who closed it: the officer, or the actor of the step that made it unnecessary. */
  @Column({ name: "closed_by", type: "varchar", length: 200, nullable: true })
  closedBy: string | null;

  /** What closed it: COMPLETED by the officer, or the event that did the work or made it moot. */
  @Column({ name: "closed_reason", type: "varchar", length: 64, nullable: true })
  closedReason: string | null;
}
