import { ContactRole } from "../../domain/cases/contact.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { refusalOf } from "../pipeline/apply-event";
import { CASE_RECORD } from "./case.record";
import { nothingLeftToEraseRefusal } from "./erasure.service";

// The rules a change of contacts is checked against, written once: the contact service throws the
// first that applies, and a contact's blockedActions lists every one (no I/O here).

/** The case must accept a change of its contacts: a closed case has no one to contact. */
export function contactsChangeRefusal(victimCase: VictimCaseEntity): DomainError | null {
  return refusalOf(CASE_RECORD, victimCase, { type: "CONTACTS_CHANGED", reachableChannels: [] });
}

export function erasedContactRefusal(contact: Pick<CaseContactEntity, "erasedAt">): DomainError | null {
  return contact.erasedAt
    ? new DomainError(
        UserErrorCode.TRANSITION_NOT_ALLOWED,
        "This contact's details were erased; add the person again if they are to be told.",
        ["input", "contactId"],
      )
    : null;
}

/** A case keeps at least one contact, and its last VICTIM contact. */
export function lastVictimContactRefusal(role: ContactRole, otherRoles: readonly ContactRole[]): DomainError | null {
  if (otherRoles.length > 0 && (role !== ContactRole.VICTIM || otherRoles.includes(ContactRole.VICTIM))) return null;
  return new DomainError(
    UserErrorCode.LAST_VICTIM_CONTACT,
    otherRoles.length === 0
      ? "This is the case's only contact: add who is to be told first, or close the case."
      : "This is the case's only VICTIM contact: add the victim's new contact first, or change this one with updateCaseContact.",
    ["input", "contactId"],
  );
}

/** What can be done to one contact: updateCaseContact, removeCaseContact, eraseCaseContactData. */
export type ContactStep = "UPDATE" | "REMOVE" | "ERASE_CASE_DATA";

export interface ContactFacts {
  victimCase: VictimCaseEntity;
  contact: Pick<CaseContactEntity, "id" | "role" | "erasedAt">;
  /** Every contact of the case, this one included. */
  contacts: readonly Pick<CaseContactEntity, "id" | "role">[];
  /** Whether anything of the case's personal data is left to erase (casesHoldingPersonalData). */
  holdsPersonalData: boolean;
}

/**
 * Every refusal the step's mutation would answer now, in the order it checks them (input aside:
 * fields both set and cleared, nothing to change, a stale version).
 */
export function contactStepRefusals(step: ContactStep, facts: ContactFacts): DomainError[] {
  const otherRoles = facts.contacts.filter((other) => other.id !== facts.contact.id).map((other) => other.role);
  const refusals =
    step === "ERASE_CASE_DATA"
      ? [facts.holdsPersonalData ? null : nothingLeftToEraseRefusal()]
      : [
          contactsChangeRefusal(facts.victimCase),
          erasedContactRefusal(facts.contact),
          step === "REMOVE" ? lastVictimContactRefusal(facts.contact.role, otherRoles) : null,
        ];
  return refusals.filter((refusal) => refusal !== null);
}
