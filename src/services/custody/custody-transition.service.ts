import type { EntityManager } from "typeorm";
import { initialTransition, transition } from "xstate";
import { CustodyEventType, CustodyPhase } from "../../domain/custody/custody.enums";
import { DomainError, notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import { allowsHomeDetentionCurfew, OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { custodyMachine, explainCustodyRefusal } from "../../machines/custody.machine";
import type { CustodyContext, CustodyEvent } from "../../machines/machine-events";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { applyCaseEvent, openCaseIdsOf } from "../cases/case-transition.service";
import { notificationFactsFor, recordForecast } from "../sentences/key-dates.service";
import { queueNotifications } from "../notifications/notification-outbox";
import { notificationsDue } from "../../domain/notifications/notification-policy";
import type { NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import { followCustodyEvent } from "../parole/parole-review.service";
import { closeOpenTasks } from "../work/task-outbox";
import { TaskKind } from "../../domain/work/task.enums";

export interface NewOffender {
  name: string;
  prisonNumber?: string | null;
  crn?: string | null;
  sentence: {
    type: SentenceType;
    sentenceDate: string;
    lengthMonths?: number | null;
    extensionMonths?: number | null;
    tariffMonths?: number | null;
    remandDays?: number | null;
    offenceCategory: OffenceCategory;
  };
}

export async function createOffender(
  manager: EntityManager,
  offender: NewOffender,
  actor: string,
): Promise<{ offenderId: string }> {
  const duplicate = (await manager.query(
    `SELECT "prison_number", "crn" FROM "offender" WHERE "prison_number" = $1 OR "crn" = $2`,
    [offender.prisonNumber ?? null, offender.crn ?? null],
  )) as { prison_number: string | null; crn: string | null }[];
  if (duplicate.length > 0) {
    const field =
      offender.prisonNumber && duplicate.some((row) => row.prison_number === offender.prisonNumber)
        ? "prisonNumber"
        : "crn";
    throw new DomainError(
      UserErrorCode.INVALID_INPUT,
      `Another offender already has this ${field === "crn" ? "CRN" : "prison number"}.`,
      ["input", field],
    );
  }
  const [snapshot] = initialTransition(custodyMachine, {
    sentenceType: offender.sentence.type,
    homeDetentionCurfewEligible: allowsHomeDetentionCurfew(offender.sentence),
  });
  const [created] = (await manager.query(
    `INSERT INTO "offender" ("name", "prison_number", "crn", "custody_phase", "custody_context") VALUES ($1, $2, $3, $4, $5) RETURNING "id"`,
    [
      offender.name,
      offender.prisonNumber ?? null,
      offender.crn ?? null,
      snapshot.value,
      JSON.stringify(snapshot.context),
    ],
  )) as { id: string }[];
  const sentence = offender.sentence;
  await manager.query(
    `INSERT INTO "sentence" ("offender_id", "type", "sentence_date", "length_months", "extension_months", "tariff_months", "remand_days", "offence_category")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      created.id,
      sentence.type,
      sentence.sentenceDate,
      sentence.lengthMonths ?? null,
      sentence.extensionMonths ?? null,
      sentence.tariffMonths ?? null,
      sentence.remandDays ?? 0,
      sentence.offenceCategory,
    ],
  );
  await recordForecast(
    manager,
    created.id,
    {
      type: sentence.type,
      sentenceDate: sentence.sentenceDate,
      lengthMonths: sentence.lengthMonths ?? null,
      extensionMonths: sentence.extensionMonths ?? null,
      tariffMonths: sentence.tariffMonths ?? null,
      remandDays: sentence.remandDays ?? 0,
      offenceCategory: sentence.offenceCategory,
    },
    actor,
  );
  return { offenderId: created.id };
}

export interface CustodyEventOptions {
  actor: string;
  occurredOn: string;
  details?: Record<string, unknown>;
  expectedVersion?: number | null;
}

export interface AppliedCustodyEvent {
  offenderId: string;
  custodyEventId: string;
  affectedCaseIds: string[];
  /** Each affected case as written; absent on an idempotent replay. */
  affectedCases?: VictimCaseEntity[];
}

const REFUSAL_MESSAGES = {
  TRANSITION_NOT_ALLOWED: "The offender's custody phase does not allow this event.",
  NOT_ELIGIBLE:
    "The offender's sentence does not allow this event (for example parole for a sentence with automatic release).",
};

// Moves the offender's machine and, in the same transaction, tells every open case of that
// offender through the case pipeline, so each case records the change in its own history.
export async function applyCustodyEvent(
  manager: EntityManager,
  offenderId: string,
  event: CustodyEvent,
  options: CustodyEventOptions,
): Promise<AppliedCustodyEvent> {
  const [locked] = (await manager.query(
    `SELECT "custody_phase", "custody_context", "version" FROM "offender" WHERE "id" = $1 FOR UPDATE`,
    [offenderId],
  )) as {
    custody_phase: CustodyPhase;
    custody_context: CustodyContext;
    version: number;
  }[];
  if (!locked) throw notFound(["input", "offenderId"], "offender");
  requireCurrentVersion(options.expectedVersion, locked.version, "offender");
  const snapshot = custodyMachine.resolveState({ value: locked.custody_phase, context: locked.custody_context });
  if (!snapshot.can(event)) {
    const code = explainCustodyRefusal(snapshot, event) ?? "TRANSITION_NOT_ALLOWED";
    throw new DomainError(UserErrorCode[code], REFUSAL_MESSAGES[code], ["input", "type"]);
  }
  const [next] = transition(custodyMachine, snapshot, event);
  const toPhase = next.value as CustodyPhase;
  await manager.query(
    `UPDATE "offender" SET "custody_phase" = $3, "custody_context" = $4, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $2`,
    [offenderId, locked.version, toPhase, JSON.stringify(next.context)],
  );
  const { type: _type, ...parameters } = event;
  const [recorded] = (await manager.query(
    `INSERT INTO "custody_event" ("offender_id", "sequence", "type", "from_phase", "to_phase", "occurred_on", "details", "actor")
     VALUES ($1, (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "custody_event" WHERE "offender_id" = $1), $2, $3, $4, $5, $6, $7) RETURNING "id"`,
    [
      offenderId,
      event.type,
      locked.custody_phase,
      toPhase,
      options.occurredOn,
      JSON.stringify({ ...parameters, ...(options.details ?? {}) }),
      options.actor,
    ],
  )) as { id: string }[];
  const reviewClosedId = await followCustodyEvent(
    manager,
    offenderId,
    event,
    locked.custody_phase,
    snapshot.context.sentenceType,
    options.occurredOn,
  );

  // Cases are locked in id order, the same order every fan-out uses, so two fan-outs cannot deadlock.
  const openCaseIds = await openCaseIdsOf(manager, offenderId);
  const affectedCases: VictimCaseEntity[] = [];
  // Read once, and only when some case is to be told.
  let facts: Promise<NotificationFactsSnapshot | null> | undefined;
  const factsOnce = () =>
    (facts ??= notificationFactsFor(
      manager,
      offenderId,
      event.type === CustodyEventType.PAROLE_DECISION ? event.outcome : null,
    ));
  for (const id of openCaseIds) {
    const applied = await applyCaseEvent(
      manager,
      id,
      { type: "CUSTODY_CHANGED", custodyPhase: toPhase },
      {
        actor: options.actor,
        // The custody feed reaches every case of the offender, whichever region holds it.
        scope: { kind: "ALL" },
        reason: event.type,
        effectiveOn: options.occurredOn,
      },
    );
    const { victimCase, transition: history } = applied.records!;
    const before = { id, status: history.fromStatus ?? victimCase.status, context: victimCase.context };
    const trigger = {
      type: "CUSTODY_EVENT" as const,
      custodyEvent: event.type,
      paroleOutcome: event.type === CustodyEventType.PAROLE_DECISION ? event.outcome : null,
    };
    if (
      notificationsDue(
        {
          status: before.status,
          contactPlan: before.context.contactPlan,
          reachableChannels: before.context.reachableChannels,
        },
        trigger,
      ).length > 0
    ) {
      await queueNotifications(manager, {
        before,
        trigger,
        triggerId: applied.transitionId,
        occurredOn: options.occurredOn,
        facts: await factsOnce(),
      });
    }
    affectedCases.push(victimCase);
  }
  // A review decided or ended takes no more statements. After the fan-out, so that tasks are
  // locked after their cases, in the order every other path takes them.
  if (reviewClosedId)
    await closeOpenTasks(
      manager,
      { subjectId: reviewClosedId, kinds: [TaskKind.PERSONAL_STATEMENT] },
      { type: "CANCEL" },
      { actor: options.actor, reason: event.type },
    );
  return { offenderId, custodyEventId: recorded.id, affectedCaseIds: openCaseIds, affectedCases };
}
