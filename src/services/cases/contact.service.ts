import type { EntityManager } from "typeorm";
import { CaseStatus } from "../../domain/cases/case.enums";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCase, type AppliedTransition } from "./case-transition.service";
import { today } from "../../domain/calendar/london-date";
import type { ContactDetails } from "./referral.service";
import { followVictimComingOfAge } from "../work/victim-coming-of-age";

/**
 * Adds a person to an open case: a child victim whose guardian was referred, a second guardian, a
 * carer. Notifications still go to the channels the case was referred with. The case's history
 * records the role (never the details), and a child victim who comes of age in the scheme while a
 * parent or guardian speaks for them gets the officer's CONTACT_VICTIM_DIRECTLY task.
 */
export async function addCaseContact(
  manager: EntityManager,
  caseId: string,
  contact: ContactDetails,
  options: { actor: string; scope: CaseScope; expectedVersion?: number | null; correlationId: string },
): Promise<AppliedTransition> {
  const locked = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, locked.version, "case");
  if (locked.status === CaseStatus.CLOSED)
    throw new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      "The case is closed: no one is to be contacted on it any more.",
      ["input", "caseId"],
    );
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
  });
  const contactId = (inserted.identifiers[0] as { id: string }).id;
  const transitionId = await appendCaseNote(manager, locked, {
    event: "CONTACT_ADDED",
    actor: options.actor,
    reason: contact.role,
    payload: { contactId, role: contact.role },
  });
  await followVictimComingOfAge(manager, locked, today(), {
    actor: options.actor,
    operation: "addCaseContact",
    correlationId: options.correlationId,
  });
  return { caseId, transitionId };
}
