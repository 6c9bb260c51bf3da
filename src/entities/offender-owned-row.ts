import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { OffenderEntity } from "./custody/offender.entity";

// The first columns of every record kept about an offender (custody history, key dates, parole
// reviews): an id, and the offender, who cannot be deleted while they exist.
export abstract class OffenderOwnedRow {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "offender_id", type: "uuid" })
  offenderId: string;

  @ManyToOne("OffenderEntity", { onDelete: "RESTRICT" })
  @JoinColumn({ name: "offender_id" })
  offender?: OffenderEntity;
}
