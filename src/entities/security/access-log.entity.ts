import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export type AccessAction = "READ" | "CHANGE" | "ERASE" | "SEARCH";

// Data Protection Act 2018 s.62: who consulted, changed or erased personal data, when, and why.
// Append-only in the database itself (a trigger refuses UPDATE, DELETE and TRUNCATE). Holds field
// names, never values.
@Entity({ name: "access_log" })
@Index("idx_access_log_case", ["caseId", "sequence"])
@Index("idx_access_log_actor", ["actor", "sequence"])
export class AccessLogEntity {
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  sequence: string;

  @Column({ name: "occurred_at", type: "timestamptz", default: () => "now()" })
  occurredAt: Date;

  @Column({ type: "varchar", length: 200 })
  actor: string;

  @Column({ type: "jsonb", default: [] })
  roles: string[];

  @Column({ type: "varchar", length: 16 })
  action: AccessAction;

  // The query or mutation that read or changed the data.
  @Column({ type: "varchar", length: 64 })
  operation: string;

  @Column({ name: "case_id", type: "uuid", nullable: true })
  caseId: string | null;

  @Column({ type: "jsonb", default: [] })
  fields: string[];

  @Column({ type: "varchar", length: 40 })
  purpose: string;

  // The server's own id for the request, never one a client chose.
  @Column({ name: "correlation_id", type: "varchar", length: 64 })
  correlationId: string;

  // What the client sent as x-correlation-id, sanitised (printable, at most 64 characters); null if nothing.
  @Column({ name: "client_correlation_id", type: "varchar", length: 64, nullable: true })
  clientCorrelationId: string | null;
}
