import type { EntityManager } from "typeorm";
import { CustodyPhase } from "../../domain/custody/custody.enums";
import { DomainError, notFound } from "../../domain/errors/domain-error";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { releaseRoutesFor } from "../../domain/sentences/release-routes";
import type { SentenceForRules } from "../../domain/sentences/key-date-calculator";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { CustodyContext, CustodyEvent } from "../../machines/machine-events";
import { applyEvent, insertRecords } from "../pipeline/apply-event";
import { CUSTODY_RECORD, type StoredCustody } from "./custody.record";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { recordForecast } from "../sentences/key-dates.service";
import { selectRows } from "../platform/sql";

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
    domesticAbuse?: boolean | null;
    wholeLifeOrder?: boolean | null;
  };
}

export async function createOffender(
  manager: EntityManager,
  offender: NewOffender,
  options: { actor: string; releaseConfirmationLeadDays: number },
): Promise<{ offenderId: string }> {
  const duplicate = await selectRows<{ prison_number: string | null; crn: string | null }>(
    manager,
    `SELECT "prison_number", "crn" FROM "offender" WHERE "prison_number" = $1 OR "crn" = $2`,
    [offender.prisonNumber ?? null, offender.crn ?? null],
  );
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
  if (offender.sentence.wholeLifeOrder && offender.sentence.type !== SentenceType.LIFE) {
    throw new DomainError(UserErrorCode.INVALID_INPUT, "Only a LIFE sentence can be a whole-life order.", [
      "input",
      "sentence",
      "wholeLifeOrder",
    ]);
  }
  if (offender.sentence.wholeLifeOrder && offender.sentence.tariffMonths != null) {
    throw new DomainError(
      UserErrorCode.INVALID_INPUT,
      "A whole-life order has no minimum term: give no tariffMonths.",
      ["input", "sentence", "tariffMonths"],
    );
  }
  const [created] = await insertRecords(
    manager,
    CUSTODY_RECORD,
    [
      {
        values: { name: offender.name, prison_number: offender.prisonNumber ?? null, crn: offender.crn ?? null },
        input: { sentenceType: offender.sentence.type, ...releaseRoutesFor(offender.sentence) },
      },
    ],
    { returning: `"id"` },
  );
  const sentence = offender.sentence;
  await manager.query(
    `INSERT INTO "sentence" ("offender_id", "type", "sentence_date", "length_months", "extension_months", "tariff_months", "remand_days", "offence_category", "domestic_abuse", "whole_life_order")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      created.id,
      sentence.type,
      sentence.sentenceDate,
      sentence.lengthMonths ?? null,
      sentence.extensionMonths ?? null,
      sentence.tariffMonths ?? null,
      sentence.remandDays ?? 0,
      sentence.offenceCategory,
      sentence.domesticAbuse ?? false,
      sentence.wholeLifeOrder ?? false,
    ],
  );
  await recordForecast(manager, created.id, sentenceForRules(sentence), options);
  return { offenderId: created.id };
}

/** What the release rules read of a new offender's sentence, its defaults filled in. */
export function sentenceForRules(sentence: NewOffender["sentence"]): SentenceForRules {
  return {
    type: sentence.type,
    sentenceDate: sentence.sentenceDate,
    lengthMonths: sentence.lengthMonths ?? null,
    extensionMonths: sentence.extensionMonths ?? null,
    tariffMonths: sentence.tariffMonths ?? null,
    remandDays: sentence.remandDays ?? 0,
    offenceCategory: sentence.offenceCategory,
    domesticAbuse: sentence.domesticAbuse ?? false,
  };
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

/** The custody machine's change, as the reactions to it need it (reactions/event-reactions.ts). */
export interface CustodyChange {
  offenderId: string;
  custodyEventId: string;
  from: CustodyPhase;
  to: CustodyPhase;
  sentenceType: SentenceType;
  /** The custody machine's context after the event. */
  context: CustodyContext;
}

// The offender's event through the pipeline (DESIGN §4), in the caller's transaction: the row lock,
// then the new phase and its custody-event row in one statement. What follows it (the parole
// review, every open case, notifications, tasks) is the reactions': call changeCustody there.
export async function applyCustodyEvent(
  manager: EntityManager,
  offenderId: string,
  event: CustodyEvent,
  options: CustodyEventOptions,
): Promise<CustodyChange> {
  const [locked] = await selectRows<StoredCustody>(
    manager,
    `SELECT "id", "custody_phase", "custody_context", "version" FROM "offender" WHERE "id" = $1 FOR UPDATE`,
    [offenderId],
  );
  if (!locked) throw notFound(["input", "offenderId"], "offender");
  const { type: _type, on: _on, ...parameters } = event;
  // The machine's windows are judged on the day the event happened, not the day it is recorded.
  const applied = await applyEvent(
    manager,
    CUSTODY_RECORD,
    locked,
    { ...event, on: options.occurredOn },
    {
      expectedVersion: options.expectedVersion,
      history: {
        type: event.type,
        occurred_on: options.occurredOn,
        details: JSON.stringify({ ...parameters, ...(options.details ?? {}) }),
        actor: options.actor,
      },
    },
  );
  return {
    offenderId,
    custodyEventId: String(applied.history!.id),
    from: locked.custody_phase,
    to: applied.to as CustodyPhase,
    sentenceType: locked.custody_context.sentenceType,
    context: applied.next.context as CustodyContext,
  };
}
