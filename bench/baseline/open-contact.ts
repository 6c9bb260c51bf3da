import { decryptField } from "../../src/entities/field-encryption.transformer";

/** A contact as the service's entity holds it once loaded: every sealed column opened. */
export interface OpenedContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * Opens a contact row's sealed columns as TypeORM's column transformers do when the entity loads:
 * all six, whichever fields were asked for (name, date of birth, address, phone, email, needs).
 */
export function openContact(row: Record<string, string | null>): OpenedContact {
  const open = (column: string) => (row[column] == null ? null : decryptField(row[column]));
  open("CaseContactEntity_date_of_birth");
  const address = open("CaseContactEntity_address");
  if (address !== null) JSON.parse(address);
  const needs = open("CaseContactEntity_needs");
  if (needs !== null) JSON.parse(needs);
  return {
    name: open("CaseContactEntity_name"),
    email: open("CaseContactEntity_email"),
    phone: open("CaseContactEntity_phone"),
  };
}
