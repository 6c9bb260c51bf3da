import { ContactChannel } from "./contact.enums";

/** Which of a contact's details are held (never their values). */
export interface HeldDetails {
  address?: unknown;
  phone?: unknown;
  email?: unknown;
}

/**
 * The channels a case's contacts can be reached by: LETTER with an address, PHONE with a phone
 * number, EMAIL with an email address, held by any of them (the dispatcher writes to the first
 * contact that has the detail).
 */
export function reachableChannels(contacts: readonly HeldDetails[]): ContactChannel[] {
  const held = (detail: keyof HeldDetails) => contacts.some((contact) => Boolean(contact[detail]));
  return [
    ...(held("address") ? [ContactChannel.LETTER] : []),
    ...(held("phone") ? [ContactChannel.PHONE] : []),
    ...(held("email") ? [ContactChannel.EMAIL] : []),
  ];
}
