import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { ContactRole } from "../../domain/cases/contact.enums";
import { encryptedJson, encryptedString } from "../field-encryption.transformer";
import type { VictimCaseEntity } from "./victim-case.entity";

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  town: string;
  postcode: string;
}

export interface ContactNeeds {
  interpreterLanguage?: string | null;
  accessibility?: string | null;
}

// Every personal field is sealed with AES-256-GCM before it reaches the database.
@Entity({ name: "case_contact" })
@Index("idx_case_contact_case", ["caseId"])
export class CaseContactEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId: string;

  @ManyToOne("VictimCaseEntity", "contacts", { onDelete: "CASCADE" })
  @JoinColumn({ name: "case_id" })
  victimCase?: VictimCaseEntity;

  @Column({ type: "varchar", length: 32 })
  role: ContactRole;

  // Null once erased (retention period passed, or a verified erasure request).
  @Column({ type: "text", nullable: true, transformer: encryptedString })
  name: string | null;

  @Column({ name: "date_of_birth", type: "text", nullable: true, transformer: encryptedString })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true, transformer: encryptedJson })
  address: PostalAddress | null;

  @Column({ type: "text", nullable: true, transformer: encryptedString })
  phone: string | null;

  @Column({ type: "text", nullable: true, transformer: encryptedString })
  email: string | null;

  @Column({ type: "text", nullable: true, transformer: encryptedJson })
  needs: ContactNeeds | null;

  @Column({ name: "erased_at", type: "timestamptz", nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
