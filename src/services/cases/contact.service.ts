import type { EntityManager } from "typeorm";
import type { ContactRole, ClearableContactField } from "../../domain/cases/contact.enums";
import { reachableChannels } from "../../domain/cases/reachable-channels";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { CaseContactEntity, type ContactNeeds, type PostalAddress } from "../../entities/cases/case-contact.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { contactIndexes } from "../../entities/cases/contact-indexes";
import type { CaseScope } from "../security/access-control";
import { lockCase, type AppliedTransition } from "./case-transition.service";
import { contactsChangeRefusal, erasedContactRefusal, lastVictimContactRefusal } from "./contact-actions";
import { today } from "../../domain/calendar/london-date";
import type { ContactDetails } from "./referral.service";
import { followVictimComingOfAge } from "../work/victim-coming-of-age";
import { changeCase } from "../reactions/event-reactions";
import type { TimerSettings } from "../work/timer-schedule";
import { selectRows } from "../platform/sql";

export interface ContactChangeOptions {
  actor: string;
  scope: CaseScope;
  expectedVersion?: number | null;
  correlationId: string;
  /** The client's own id for the request, for the same log row. */
  clientCorrelationId: string | null;
  /** The mutation, for the access log of a date of birth read to follow the victim's coming of age. */
  operation: string;
  timers?: TimerSettings;
}

/** A change of a contact's details: each field given (not null) is replaced, each in `clear` removed. */
export interface ContactUpdate {
  name?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: PostalAddress | null;
  needs?: ContactNeeds | null;
  clear: ClearableContactField[];
}

const SETTABLE_FIELDS = ["name", "dateOfBirth", "email", "phone", "address", "needs"] as const;

function setFields(update: ContactUpdate): (typeof SETTABLE_FIELDS)[number][] {
  return SETTABLE_FIELDS.filter((field) => update[field] != null);
}

/**
 * Adds a person to an open case: a child victim whose guardian was referred, a second guardian, a
 * carer, or the victim themselves with an address the referral lacked. The case's history records
 * the role (never the details), and a child victim who comes of age in the scheme while a parent
 * or guardian speaks for them gets the officer's CONTACT_VICTIM_DIRECTLY task.
 */
export async function addCaseContact(
  manager: EntityManager,
  caseId: string,
  contact: ContactDetails,
  options: ContactChangeOptions,
): Promise<AppliedTransition> {
  const locked = await lockOpenCase(manager, caseId, options);
  // Through the entity, so the column transformers seal every personal field.
  const inserted = await manager.insert(CaseContactEntity, {
    caseId,
    role: contact.role,
    name: contact.name,
    dateOfBirth: contact.dateOfBirth ?? null,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    address: contact.address ?? null,
    needs: contact.needs ?? null,
    ...contactIndexes(contact),
  });
  const contactId = (inserted.identifiers[0] as { id: string }).id;
  return followContacts(manager, locked, "CONTACT_ADDED", { contactId, role: contact.role }, contact.role, options);
}

/**
 * Changes a contact's details ("tell us if your contact details change"): each field given is
 * replaced, each listed in `clear` is removed. The history names the fields, never their values.
 */
export async function updateCaseContact(
  manager: EntityManager,
  contactId: string,
  update: ContactUpdate,
  options: ContactChangeOptions,
): Promise<AppliedTransition> {
  const both = update.clear.filter((field) => update[field] != null);
  if (both.length > 0)
    throw new DomainError(UserErrorCode.INVALID_INPUT, `${both.join(", ")} cannot be both set and cleared.`, [
      "input",
      "clear",
    ]);
  const { locked, contact } = await lockContact(manager, contactId, options);
  const fields = changedFields(update);
  const values: Partial<CaseContactEntity> = {};
  for (const field of setFields(update)) Object.assign(values, { [field]: update[field] });
  for (const field of update.clear) Object.assign(values, { [field]: null });
  if (Object.keys(values).length === 0)
    throw new DomainError(UserErrorCode.INVALID_INPUT, "Give at least one field to set or clear.", ["input"]);
  // Through the entity, so the column transformers seal every personal field; the blind indexes
  // follow the details as they now stand.
  await manager.update(
    CaseContactEntity,
    { id: contact.id },
    { ...values, ...contactIndexes({ ...contact, ...values }) },
  );
  return followContacts(
    manager,
    locked,
    "CONTACT_UPDATED",
    { contactId: contact.id, role: contact.role, fields },
    contact.role,
    options,
  );
}

/** Takes a person off a case, their details with them; the case keeps its last victim contact. */
export async function removeCaseContact(
  manager: EntityManager,
  contactId: string,
  options: ContactChangeOptions,
): Promise<AppliedTransition> {
  const { locked, contact } = await lockContact(manager, contactId, options);
  const others = await selectRows<{ role: ContactRole }>(
    manager,
    `SELECT "role" FROM "case_contact" WHERE "case_id" = $1 AND "id" <> $2`,
    [locked.id, contact.id],
  );
  const last = lastVictimContactRefusal(
    contact.role,
    others.map((other) => other.role),
  );
  if (last) throw last;
  await manager.delete(CaseContactEntity, { id: contact.id });
  return followContacts(
    manager,
    locked,
    "CONTACT_REMOVED",
    { contactId: contact.id, role: contact.role },
    contact.role,
    options,
  );
}

/** The input fields a change sets or clears, by name (for the history and the access log). */
export function changedFields(update: ContactUpdate): string[] {
  return [...new Set([...setFields(update), ...update.clear])].sort();
}

// The case must accept a change of contacts (a closed case refuses) before anything is written.
async function lockOpenCase(
  manager: EntityManager,
  caseId: string,
  options: ContactChangeOptions,
): Promise<VictimCaseEntity> {
  const locked = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, locked.version, "case");
  const refusal = contactsChangeRefusal(locked);
  if (refusal) throw refusal;
  return locked;
}

// Case, then contact: the order every path locks them in. A contact of a case out of scope is
// NOT_FOUND, exactly as a missing one.
async function lockContact(
  manager: EntityManager,
  contactId: string,
  options: ContactChangeOptions,
): Promise<{ locked: VictimCaseEntity; contact: CaseContactEntity }> {
  const [found] = await selectRows<{ case_id: string }>(
    manager,
    `SELECT "case_id" FROM "case_contact" WHERE "id" = $1`,
    [contactId],
  );
  if (!found || options.scope.kind === "NONE") throw notFound(["input", "contactId"], "contact");
  let locked: VictimCaseEntity;
  try {
    locked = await lockOpenCase(manager, found.case_id, options);
  } catch (error) {
    if (error instanceof DomainError && error.code === UserErrorCode.NOT_FOUND)
      throw notFound(["input", "contactId"], "contact");
    throw error;
  }
  const contact = await manager.findOneOrFail(CaseContactEntity, {
    where: { id: contactId },
    lock: { mode: "pessimistic_write" },
  });
  const erased = erasedContactRefusal(contact);
  if (erased) throw erased;
  return { locked, contact };
}

// The case follows its contacts through the pipeline (CONTACTS_CHANGED: the channels it can reach
// them by), and its history records the change by field names; news waiting for a detail follows
// in the reactions. A child victim's coming of age is followed here, since reading their date of
// birth is logged as this officer's read.
async function followContacts(
  manager: EntityManager,
  locked: VictimCaseEntity,
  recordedEvent: string,
  payload: Record<string, unknown>,
  reason: string,
  options: ContactChangeOptions,
): Promise<AppliedTransition> {
  const held = await selectRows<{ address: boolean; phone: boolean; email: boolean }>(
    manager,
    `SELECT "address" IS NOT NULL AS "address", "phone" IS NOT NULL AS "phone", "email" IS NOT NULL AS "email"
       FROM "case_contact" WHERE "case_id" = $1 AND "erased_at" IS NULL`,
    [locked.id],
  );
  const change = await changeCase(
    manager,
    locked.id,
    { type: "CONTACTS_CHANGED", reachableChannels: reachableChannels(held) },
    {
      actor: options.actor,
      scope: options.scope,
      locked,
      reason,
      recordedAs: { event: recordedEvent, payload },
      timers: options.timers,
    },
  );
  await followVictimComingOfAge(manager, locked, today(), {
    actor: options.actor,
    operation: options.operation,
    correlationId: options.correlationId,
    clientCorrelationId: options.clientCorrelationId,
  });
  return { caseId: change.caseId, transitionId: change.transitionId, records: change.records };
}
