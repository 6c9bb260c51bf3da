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

// Every personal field is sealed with AES-256-GCM before it reaches the database. Beside them,
// keyed blind indexes (contact-indexes.ts) let a duplicate referral or a search by name or postcode
// be found by exact match, without decrypting any row.
@Entity({ name: "case_contact" })
@Index("idx_case_contact_case", ["caseId"])
@Index("idx_case_contact_name_index", ["nameIndex"])
@Index("idx_case_contact_identity_index", ["identityIndex"])
@Index("idx_case_contact_email_index", ["emailIndex"])
@Index("idx_case_contact_phone_index", ["phoneIndex"])
@Index("idx_case_contact_postcode_index", ["postcodeIndex"])
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

  /** Blind index of the normalised name. */
  @Column({ name: "name_index", type: "varchar", length: 32, nullable: true })
  nameIndex?: string | null;

  /** Blind index of the normalised name with the date of birth: the same person. */
  @Column({ name: "identity_index", type: "varchar", length: 32, nullable: true })
  identityIndex?: string | null;

  @Column({ name: "email_index", type: "varchar", length: 32, nullable: true })
  emailIndex?: string | null;

  @Column({ name: "phone_index", type: "varchar", length: 32, nullable: true })
  phoneIndex?: string | null;

  /** Blind index of the address's postcode. */
  @Column({ name: "postcode_index", type: "varchar", length: 32, nullable: true })
  postcodeIndex?: string | null;

  /** The data key the blind indexes were made under (they are remade after a rotation). */
  @Column({ name: "index_key_id", type: "varchar", length: 8, nullable: true })
  indexKeyId?: string | null;

  @Column({ name: "erased_at", type: "timestamptz", nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
