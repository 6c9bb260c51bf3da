import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

// A claimed idempotency key and what the first request produced, so a replay gets the same answer.
@Entity({ name: "idempotency_key" })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: "varchar", length: 200 })
  key: string;

  @Column({ type: "varchar", length: 64 })
  operation: string;

  // sha-256 of the operation and its input: the same key with other input is refused.
  @Column({ name: "request_hash", type: "char", length: 64 })
  requestHash: string;

  @Column({ type: "jsonb", default: {} })
  result: Record<string, unknown>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
