import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from "typeorm";

// A claimed idempotency key and what the first request produced, so a replay gets the same answer.
// Kept for IDEMPOTENCY_KEY_RETENTION_DAYS: the expiry job takes the oldest first, by created_at.
@Entity({ name: "idempotency_key" })
@Index("idx_idempotency_key_created_at", ["createdAt"])
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
