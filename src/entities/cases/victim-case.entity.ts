import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { CaseStatus, DiscretionaryGround, EligibilityRoute } from "../../domain/cases/case.enums";
import { encryptedString } from "../field-encryption.transformer";
import { sqlList } from "../sql-list";
import type { CaseContext } from "../../machines/machine-events";
import type { CaseContactEntity } from "./case-contact.entity";
import type { ContactPlanEntity } from "./contact-plan.entity";
import type { OffenderEntity } from "../custody/offender.entity";
import type { OfficerEntity } from "../security/officer.entity";
import type { Region } from "../../domain/security/region.enum";

@Entity({ name: "victim_case" })
// Covering (region and the statistics' filters), made by migration StatisticsAtScale.
@Index("idx_victim_case_statistics", { synchronize: false })
@Index("idx_victim_case_status", ["status"])
@Check("chk_victim_case_status", `"status" IN (${sqlList(Object.values(CaseStatus))})`)
@Check("chk_victim_case_route", `"eligibility_route" IN (${sqlList(Object.values(EligibilityRoute))})`)
@Check("chk_victim_case_ground", `"discretionary_ground" IN (${sqlList(Object.values(DiscretionaryGround))})`)
@Check(
  "chk_victim_case_discretionary_ground",
  `"eligibility_route" <> '${EligibilityRoute.DISCRETIONARY}' OR "discretionary_ground" IS NOT NULL`,
)
@Index("idx_victim_case_offender", ["offenderId"])
@Index("idx_victim_case_region_status", ["region", "status"])
@Index("idx_victim_case_officer", ["officerId", "reference"])
@Index("idx_victim_case_region_reference", ["region", "reference"])
@Index("idx_victim_case_referred_on", ["referredOn", "id"])
@Index("idx_victim_case_updated_at", ["updatedAt", "id"])
export class VictimCaseEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 20, unique: true })
  reference: string;

  @Column({ name: "offender_id", type: "uuid" })
  offenderId: string;

  @ManyToOne("OffenderEntity", "victimCases", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "offender_id" })
  offender?: OffenderEntity;

  // Written only by the case transition pipeline.
  @Column({ type: "varchar", length: 32 })
  status: CaseStatus;

  // The officer the case is assigned to, and their region: the region decides who may see it.
  @Column({ name: "officer_id", type: "uuid", nullable: true })
  officerId: string | null;

  @ManyToOne("OfficerEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "officer_id" })
  officer?: OfficerEntity;

  @Column({ type: "varchar", length: 32, nullable: true })
  region: Region | null;

  @Column({ type: "jsonb" })
  context: CaseContext;

  // Bumped when the machine's states or context change shape, so old rows can be migrated.
  @Column({ name: "machine_version", type: "integer", default: 1 })
  machineVersion: number;

  @Column({ type: "integer", default: 1 })
  version: number;

  @Column({ name: "eligibility_route", type: "varchar", length: 32 })
  eligibilityRoute: EligibilityRoute;

  // Personal data (it tells of the victim's circumstances): sealed like a contact's fields, never
  // loaded with the case (select: false), read only through its gated, logged field resolver.
  // Null once erased. Rows from before it was sealed are sealed at start (plaintext-sealing).
  @Column({
    name: "discretionary_reason",
    type: "text",
    nullable: true,
    select: false,
    transformer: encryptedString,
  })
  discretionaryReason?: string | null;

  // The category of a discretionary admission: not personal data, for analysts.
  @Column({ name: "discretionary_ground", type: "varchar", length: 32, nullable: true })
  discretionaryGround: DiscretionaryGround | null;

  @Column({ name: "referred_on", type: "date" })
  referredOn: string;

  @OneToMany("CaseContactEntity", "victimCase")
  contacts?: CaseContactEntity[];

  @OneToOne("ContactPlanEntity", "victimCase")
  contactPlan?: ContactPlanEntity | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
