import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { CustodyPhase } from "../../domain/custody/custody.enums";
import type { CustodyContext } from "../../machines/machine-events";
import { sqlList } from "../sql-list";
import { SentenceEntity } from "../sentences/sentence.entity";
import type { VictimCaseEntity } from "../cases/victim-case.entity";

// No victim data here: the offender side is shared with systems the victim must never reach.
@Entity({ name: "offender" })
@Check("chk_offender_custody_phase", `"custody_phase" IN (${sqlList(Object.values(CustodyPhase))})`)
// GIN over the words of the name (offender-name-words.ts), made by migration CaseloadIndexes.
@Index("idx_offender_name_words", { synchronize: false })
export class OffenderEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 200 })
  name: string;

  @Column({ name: "prison_number", type: "varchar", length: 7, nullable: true, unique: true })
  prisonNumber: string | null;

  @Column({ type: "varchar", length: 7, nullable: true, unique: true })
  crn: string | null;

  // Written only by the custody transition pipeline.
  @Column({ name: "custody_phase", type: "varchar", length: 32 })
  custodyPhase: CustodyPhase;

  @Column({ name: "custody_context", type: "jsonb" })
  custodyContext: CustodyContext;

  @Column({ type: "integer", default: 1 })
  version: number;

  @OneToOne(() => SentenceEntity, (sentence) => sentence.offender)
  sentence?: SentenceEntity;

  @OneToMany("VictimCaseEntity", "offender")
  victimCases?: VictimCaseEntity[];

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
