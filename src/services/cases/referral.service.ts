import type { EntityManager } from "typeorm";
import { CaseStatus, EligibilityRoute } from "../../domain/cases/case.enums";
import { ContactRole } from "../../domain/cases/contact.enums";
import { CONTACT_ENDING_PHASES, CustodyPhase } from "../../domain/custody/custody.enums";
import { DomainError, notFound } from "../../domain/errors/domain-error";
import type { Region } from "../../domain/security/region.enum";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { ContactNeeds, PostalAddress } from "../../entities/cases/case-contact.entity";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { TaskKind } from "../../domain/work/task.enums";
import type { CaseEvent } from "../../machines/machine-events";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { insertRecords } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { CASE_RECORD } from "./case.record";
import { appendCaseHistory, type AppliedTransition } from "./case-transition.service";
import { reachableChannels } from "../../domain/cases/reachable-channels";
import { decideRoute } from "../../domain/cases/eligibility";
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
  discretionaryReason?: string | null;
}

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
  const decision = decideRoute(
    { type: offender.type, offenceCategory: offender.offence_category, lengthMonths: offender.length_months },
    referral.route ?? null,
    referral.discretionaryReason ?? null,
  );
  if (!decision.eligible) {
    throw new DomainError(
      UserErrorCode.NOT_ELIGIBLE,
      "The scheme covers violent, sexual and terrorism offences with 12 months or more in custody; give a discretionary reason to refer other victims.",
      referral.route === EligibilityRoute.STATUTORY ? ["input", "route"] : ["input", "discretionaryReason"],
    );
  }

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
          discretionary_reason: referral.discretionaryReason?.trim() || null,
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
  });

  const transitionId = await appendCaseHistory(manager, {
    caseId: created.id,
    event: "REFERRED",
    fromStatus: null,
    toStatus: created.status,
    actor,
    reason: decision.route,
    payload: { route: decision.route, referredOn: referral.referredOn },
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
