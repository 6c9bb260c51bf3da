import { normaliseEmail, normaliseName, normalisePhone, normalisePostcode } from "../../domain/cases/contact-matching";
import { blindIndex, currentKeyId } from "../field-encryption.transformer";
import type { CaseContactEntity, PostalAddress } from "./case-contact.entity";

/** The details blind indexes are made from. */
export interface IndexedDetails {
  name?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: PostalAddress | null;
}

export type ContactIndexes = Pick<
  CaseContactEntity,
  "nameIndex" | "identityIndex" | "emailIndex" | "phoneIndex" | "postcodeIndex" | "indexKeyId"
>;

/** The blind indexes of a contact's details, written with them whenever they are written. */
export function contactIndexes(details: IndexedDetails): ContactIndexes {
  const name = details.name ? normaliseName(details.name) : null;
  return {
    nameIndex: name ? blindIndex("name", name) : null,
    identityIndex: name && details.dateOfBirth ? blindIndex("identity", `${name}|${details.dateOfBirth}`) : null,
    emailIndex: details.email ? blindIndex("email", normaliseEmail(details.email)) : null,
    phoneIndex: details.phone ? blindIndex("phone", normalisePhone(details.phone)) : null,
    postcodeIndex: details.address?.postcode
      ? blindIndex("postcode", normalisePostcode(details.address.postcode))
      : null,
    indexKeyId: currentKeyId(),
  };
}

/** The blind indexes a search by a contact's name or postcode matches (exact, normalised as when written). */
export function searchIndexes(search: { name?: string | null; postcode?: string | null }) {
  const name = search.name ? normaliseName(search.name) : null;
  return {
    nameIndex: name ? blindIndex("name", name) : null,
    postcodeIndex: search.postcode ? blindIndex("postcode", normalisePostcode(search.postcode)) : null,
  };
}
