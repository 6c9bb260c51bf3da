import type { EntityManager } from "typeorm";
import { comesOfAgeOn } from "../../domain/cases/coming-of-age";
import { ContactRole } from "../../domain/cases/contact.enums";
import { TaskKind } from "../../domain/work/task.enums";
import { TimerKind } from "../../domain/work/timer.enums";
import type { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { appendAccessLog } from "../security/access-log.service";
import { decryptField } from "../../entities/field-encryption.transformer";
import { DIRECT_CONTACT_WORKING_DAYS, raiseTask } from "./task-outbox";
import { scheduleTimer } from "./timer-schedule";
import { addWorkingDays } from "../../domain/calendar/working-days";
import { selectRows } from "../platform/sql";

// A child victim's parent or guardian is normally told instead of the child; at 18 the victim is
// told directly (domain.md §1, R19). The victim's birthday is the date of birth of the case's
// VICTIM contact, and it matters only while a PARENT_GUARDIAN contact is on the case.

type ContactFacts = Pick<CaseContactEntity, "id" | "role" | "dateOfBirth" | "erasedAt">;

/** The VICTIM contact whose birthday counts (the first with a date of birth), or null when no parent or guardian speaks for the victim. */
function victimSpokenFor<T extends ContactFacts>(contacts: readonly T[]): T | null {
  const present = contacts.filter((contact) => !contact.erasedAt);
  if (!present.some((contact) => contact.role === ContactRole.PARENT_GUARDIAN)) return null;
  return present.find((contact) => contact.role === ContactRole.VICTIM && contact.dateOfBirth) ?? null;
}

/** The victim's contact and the day they turn 18, or null when no parent or guardian speaks for a victim whose birthday is known. */
export function victimComingOfAge(contacts: readonly ContactFacts[]): { contactId: string; on: string } | null {
  const victim = victimSpokenFor(contacts);
  return victim ? { contactId: victim.id, on: comesOfAgeOn(victim.dateOfBirth!) } : null;
}

export type ComingOfAgeStep = { kind: "TIMER"; on: string } | { kind: "TASK"; contactId: string } | null;

/**
 * What a victim's coming of age asks for today. The task is for a child who becomes an adult in
 * the scheme: a birthday to come sets the timer; one on or after the referral (they turned 18
 * while a guardian was acting, before a timer could fire) raises the task at once; a victim who
 * was already an adult when referred (a guardian acting, say, for a victim who lacks capacity)
 * never came of age in the scheme, so nothing is raised.
 */
export function comingOfAgeStep(
  coming: { contactId: string; on: string } | null,
  referredOn: string,
  today: string,
): ComingOfAgeStep {
  if (!coming) return null;
  if (coming.on > today) return { kind: "TIMER", on: coming.on };
  return coming.on >= referredOn ? { kind: "TASK", contactId: coming.contactId } : null;
}

/** Who reads the victim's date of birth, for the access log: the officer whose step changed the contacts, or the timer. */
export interface ComingOfAgeReader {
  actor: string;
  /** The mutation, or the job, that reads it. */
  operation: string;
  correlationId: string;
  /** The client's own id for the request; null for the timer. */
  clientCorrelationId: string | null;
}

/** The access log's purpose for the service's own read of a date of birth, to follow a victim's coming of age. */
const COMING_OF_AGE_PURPOSE = "COMING_OF_AGE";

interface StoredContactFacts {
  id: string;
  role: ContactRole;
  /** Still sealed: only the one date of birth that counts is opened. */
  date_of_birth: string | null;
  erased_at: Date | null;
}

// Reads only what the rule needs (no name, address, phone or email), opens only the date of birth
// that counts, and logs that read in the caller's transaction: the service consulting personal
// data on its own account is a consultation like any other (DESIGN §7).
async function comingOfAgeOf(
  manager: EntityManager,
  caseId: string,
  reader: ComingOfAgeReader,
): Promise<{ contactId: string; on: string } | null> {
  const contacts = await selectRows<StoredContactFacts>(
    manager,
    `SELECT "id", "role", "date_of_birth", "erased_at" FROM "case_contact" WHERE "case_id" = $1 ORDER BY "created_at", "id"`,
    [caseId],
  );
  const victim = victimSpokenFor(
    contacts.map((contact) => ({
      id: contact.id,
      role: contact.role,
      dateOfBirth: contact.date_of_birth,
      erasedAt: contact.erased_at,
    })),
  );
  if (!victim) return null;
  await appendAccessLog(manager, [
    {
      actor: reader.actor,
      roles: [],
      action: "READ",
      operation: reader.operation,
      caseId,
      fields: ["dateOfBirth"],
      purpose: COMING_OF_AGE_PURPOSE,
      correlationId: reader.correlationId,
      clientCorrelationId: reader.clientCorrelationId,
    },
  ]);
  return { contactId: victim.id, on: comesOfAgeOn(decryptField(victim.dateOfBirth!)) };
}

type CaseFacts = Pick<VictimCaseEntity, "id" | "referredOn">;

/**
 * After the contacts of a case change (the case is locked): a timer for a birthday to come, or
 * the task at once for a victim who turned 18 since the referral. A timer set for an earlier
 * birthday stays, and is skipped when it fires, since it no longer matches the contacts.
 */
export async function followVictimComingOfAge(
  manager: EntityManager,
  victimCase: CaseFacts,
  today: string,
  reader: ComingOfAgeReader,
): Promise<void> {
  const step = comingOfAgeStep(await comingOfAgeOf(manager, victimCase.id, reader), victimCase.referredOn, today);
  if (step?.kind === "TIMER") await scheduleTimer(manager, TimerKind.VICTIM_COMES_OF_AGE, victimCase.id, step.on);
  else if (step?.kind === "TASK") await raiseDirectContact(manager, victimCase.id, step.contactId, today);
}

/** The timer's day: the task, if the contacts still say the victim comes of age today. Null when they no longer do, or it was raised before. */
export async function raiseComingOfAgeTask(
  manager: EntityManager,
  victimCase: CaseFacts,
  day: string,
  reader: ComingOfAgeReader,
): Promise<string | null> {
  const coming = await comingOfAgeOf(manager, victimCase.id, reader);
  if (!coming || coming.on !== day) return null;
  const step = comingOfAgeStep(coming, victimCase.referredOn, day);
  return step?.kind === "TASK" ? raiseDirectContact(manager, victimCase.id, step.contactId, day) : null;
}

function raiseDirectContact(
  manager: EntityManager,
  caseId: string,
  contactId: string,
  raisedOn: string,
): Promise<string | null> {
  return raiseTask(manager, caseId, {
    kind: TaskKind.CONTACT_VICTIM_DIRECTLY,
    subjectId: contactId,
    dueOn: addWorkingDays(raisedOn, DIRECT_CONTACT_WORKING_DAYS),
  });
}
