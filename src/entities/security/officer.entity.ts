import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Region } from "../../domain/security/region.enum";
import { sqlList } from "../sql-list";

// A member of staff known to the service. Their region decides which cases they see.
@Entity({ name: "officer" })
@Check("chk_officer_region", `"region" IS NULL OR "region" IN (${sqlList(Object.values(Region))})`)
export class OfficerEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  // The `user_name` in their HMPPS Auth token.
  @Column({ type: "varchar", length: 100, unique: true })
  username: string;

  @Column({ type: "varchar", length: 200 })
  name: string;

  // Null for national roles (analysts, auditors, administrators).
  @Column({ type: "varchar", length: 32, nullable: true })
  region: Region | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  team: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
