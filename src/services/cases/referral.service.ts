import type { EntityManager } from "typeorm";
import { CaseStatus, type DiscretionaryGround, type EligibilityRoute } from "../../domain/cases/case.enums";
import { ContactRole } from "../../domain/cases/contact.enums";
import { CONTACT_ENDING_PHASES, CustodyPhase } from "../../domain/custody/custody.enums";
import { DomainError, notFound } from "../../domain/errors/domain-error";
import type { Region } from "../../domain/security/region.enum";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { ContactNeeds, PostalAddress } from "../../entities/cases/case-contact.entity";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { contactIndexes, type ContactIndexes } from "../../entities/cases/contact-indexes";
import { encryptField } from "../../entities/field-encryption.transformer";
import { scopeCondition, type CaseScope } from "../security/access-control";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { TaskKind } from "../../domain/work/task.enums";
import type { CaseEvent } from "../../machines/machine-events";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { insertRecords } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { CASE_RECORD } from "./case.record";
import { appendCaseHistory, type AppliedTransition } from "./case-transition.service";
import { reachableChannels } from "../../domain/cases/reachable-channels";
import { decideRoute, type RouteRefusal } from "../../domain/cases/eligibility";
import { firstContactDueOn, raiseTask } from "../work/task-outbox";
import { selectRows } from "../platform/sql";

export interface ContactDetails {
  role: ContactRole;
  name: string;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: PostalAddress | null;
  needs?: ContactNeeds | null;
}

export interface Referral {
  offenderId: string;
  contact: ContactDetails;
  referredOn: string;
  route?: EligibilityRoute | null;
  /** Personal data: sealed at rest, read only by who may read personal data. */
  discretionaryReason?: string | null;
  discretionaryGround?: DiscretionaryGround | null;
  /** The referrer confirmed this is not the person an open case of the offender already has, saying why. */
  notDuplicateReason?: string | null;
}

const OUTSIDE_STATUTE =
  "The scheme covers violent, sexual and terrorism offences with 12 months or more in custody; give a discretionary reason and ground to refer other victims.";

const NOT_ELIGIBLE_MESSAGES: Record<RouteRefusal, string> = {
  route: OUTSIDE_STATUTE,
  discretionaryReason: OUTSIDE_STATUTE,
  discretionaryGround:
    "A discretionary referral needs its ground as well as its reason: give discretionaryGround (STALKING, HARASSMENT, COERCIVE_CONTROL, DOMESTIC_ABUSE, HATE_CRIME, HIGH_RISK or OTHER).",
};

export interface AssignedOfficer {
  id: string;
  region: Region;
}

// Opens a case in REFERRED: the machine's initial state, with the offender's phase in its context.
// The case starts with the referring officer, in their region.
export async function referVictimCase(
  manager: EntityManager,
  referral: Referral,
  actor: string,
  officer: AssignedOfficer,
  readScope: CaseScope,
): Promise<AppliedTransition> {
  // FOR SHARE waits for a custody fan-out in progress, so the new case starts from the phase it produced.
  const [offender] = await selectRows<{
    custody_phase: CustodyPhase;
    type: SentenceType;
    offence_category: OffenceCategory;
    length_months: number | null;
  }>(
    manager,
    `SELECT o."custody_phase", s."type", s."offence_category", s."length_months"
       FROM "offender" o JOIN "sentence" s ON s."offender_id" = o."id" WHERE o."id" = $1 FOR SHARE OF o`,
    [referral.offenderId],
  );
  if (!offender) throw notFound(["input", "offenderId"], "offender");
  if (CONTACT_ENDING_PHASES.has(offender.custody_phase)) {
    throw new DomainError(
      UserErrorCode.SENTENCE_ENDED,
      "The offender's sentence has ended; there is nothing left to tell the victim.",
      ["input", "offenderId"],
    );
  }
  const discretionaryReason = referral.discretionaryReason?.trim() || null;
  const discretionaryGround = referral.discretionaryGround ?? null;
  const decision = decideRoute(
    { type: offender.type, offenceCategory: offender.offence_category, lengthMonths: offender.length_months },
    referral.route ?? null,
    { reason: discretionaryReason, ground: discretionaryGround },
  );
  if (!decision.eligible)
    throw new DomainError(UserErrorCode.NOT_ELIGIBLE, NOT_ELIGIBLE_MESSAGES[decision.refusedAt], [
      "input",
      decision.refusedAt,
    ]);

  const indexes = contactIndexes(referral.contact);
  if (!referral.notDuplicateReason) await refuseDuplicate(manager, referral.offenderId, indexes, readScope);

  const [created] = await insertRecords<VictimCaseEntity, CaseEvent, { id: string; status: CaseStatus }>(
    manager,
    CASE_RECORD,
    [
      {
        values: {
          // lpad would truncate: past six digits the number simply grows.
          reference: new SqlExpression(
            `(SELECT 'VCS-' || extract(year FROM ?::date)::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('victim_case_reference_seq') AS n)`,
            [referral.referredOn],
          ),
          offender_id: referral.offenderId,
          eligibility_route: decision.route,
          // Sealed here: this insert is SQL, which the entity's column transformer does not see.
          discretionary_reason: discretionaryReason === null ? null : encryptField(discretionaryReason),
          discretionary_ground: discretionaryGround,
          referred_on: referral.referredOn,
          officer_id: officer.id,
          region: officer.region,
        },
        input: { custodyPhase: offender.custody_phase, reachableChannels: reachableChannels([referral.contact]) },
      },
    ],
    { returning: `"id", "status"` },
  );

  // Through the entity, so the column transformers seal every personal field.
  await manager.insert(CaseContactEntity, {
    caseId: created.id,
    role: referral.contact.role,
    name: referral.contact.name,
    dateOfBirth: referral.contact.dateOfBirth ?? null,
    email: referral.contact.email ?? null,
    phone: referral.contact.phone ?? null,
    address: referral.contact.address ?? null,
    needs: referral.contact.needs ?? null,
    ...indexes,
  });

  const transitionId = await appendCaseHistory(manager, {
    caseId: created.id,
    event: "REFERRED",
    fromStatus: null,
    toStatus: created.status,
    actor,
    reason: decision.route,
    // A referral may be recorded after the day it was made.
    effectiveOn: referral.referredOn,
    payload: {
      route: decision.route,
      referredOn: referral.referredOn,
      ...(referral.notDuplicateReason ? { notDuplicate: true } : {}),
    },
    // Why this is a different person names them: personal data, sealed beside the history row.
    note: referral.notDuplicateReason,
  });
  // Victims' Code right 11: the officer owes the victim a first contact from the day of referral.
  // (One contact cannot be both a child victim and their guardian: coming of age waits for addCaseContact.)
  await raiseTask(manager, created.id, {
    kind: TaskKind.FIRST_CONTACT,
    subjectId: created.id,
    dueOn: firstContactDueOn(referral.referredOn),
  });
  return { caseId: created.id, transitionId };
}

const MATCHED_BY: Record<string, string> = {
  IDENTITY: "the same name and date of birth",
  EMAIL: "the same email address",
  PHONE: "the same telephone number",
};

/**
 * The same victim referred twice on one offender: an open case of the offender has a contact with
 * the same name and date of birth, email or phone, found by their blind indexes (never by
 * decrypting). The existing case is named only to a caller who may read it.
 */
async function refuseDuplicate(
  manager: EntityManager,
  offenderId: string,
  indexes: ContactIndexes,
  readScope: CaseScope,
): Promise<void> {
  if (!indexes.identityIndex && !indexes.emailIndex && !indexes.phoneIndex) return;
  const visible = scopeCondition(readScope, `c."region"`, 6);
  const [existing] = await selectRows<{ reference: string; visible: boolean; matched_by: string }>(
    manager,
    `SELECT c."reference", (${visible.sql}) AS "visible",
            CASE WHEN k."identity_index" = $3 THEN 'IDENTITY' WHEN k."email_index" = $4 THEN 'EMAIL' ELSE 'PHONE' END AS "matched_by"
       FROM "case_contact" k JOIN "victim_case" c ON c."id" = k."case_id"
      WHERE c."offender_id" = $1 AND c."status" <> $2 AND k."erased_at" IS NULL
        AND (k."identity_index" = $3 OR k."email_index" = $4 OR k."phone_index" = $5)
      ORDER BY c."referred_on", c."reference" LIMIT 1`,
    [offenderId, CaseStatus.CLOSED, indexes.identityIndex, indexes.emailIndex, indexes.phoneIndex, ...visible.values],
  );
  if (!existing) return;
  const where = existing.visible ? `case ${existing.reference}` : "a case in another region";
  throw new DomainError(
    UserErrorCode.DUPLICATE_REFERRAL,
    `This victim looks already referred on this offender's ${where} (${MATCHED_BY[existing.matched_by]}). If this is a different person, refer again with confirmNotDuplicate: true and notDuplicateReason.`,
    ["input", "contact"],
  );
}
