import { decryptField } from "../../src/entities/field-encryption.transformer";

/** A contact as the service's entity holds it once read: every sealed column opened. */
export interface OpenedContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * Opens the sealed columns of a contact, as W1's one statement returns it (columns prefixed `k_`),
 * as the service's entityFromRow does with the entity's column transformers: all six, whichever
 * fields were asked for (name, date of birth, address, phone, email, needs).
 */
export function openContact(row: Record<string, string | null>): OpenedContact {
  const open = (column: string) => (row[column] == null ? null : decryptField(row[column]));
  open("k_dateOfBirth");
  const address = open("k_address");
  if (address !== null) JSON.parse(address);
  const needs = open("k_needs");
  if (needs !== null) JSON.parse(needs);
  return {
    name: open("k_name"),
    email: open("k_email"),
    phone: open("k_phone"),
  };
}
