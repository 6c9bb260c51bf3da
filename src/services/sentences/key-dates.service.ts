import type { EntityManager } from "typeorm";
import { notFound, requireCurrentVersion } from "../../domain/errors/domain-error";
import { AUTOMATIC_RELEASE_SENTENCES, type SentenceType } from "../../domain/sentences/sentence.enums";
import type { KeyDateRecordEntity, StoredKeyDate } from "../../entities/sentences/key-date-record.entity";
import { SentenceEntity } from "../../entities/sentences/sentence.entity";
import { appendCaseNote, lockCase, openCaseIdsOf } from "../cases/case-transition.service";
import { today } from "../../domain/calendar/london-date";
import { queueNotifications } from "../notifications/notification-outbox";
import { scheduleReleaseConfirmation } from "../work/timer-schedule";
import {
  directedReleaseFor,
  forecastKeyDates,
  monthOf,
  releaseInformationFor,
  type NotifiedLicenceCondition,
} from "../../domain/disclosure/disclosure";
import type { CustodyContext, ReleaseDirection } from "../../machines/machine-events";
import type { NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import type { KeyDateCalculation } from "../../domain/sentences/key-date-calculator";
import { selectRows } from "../platform/sql";

/** The key dates in force: the latest record (a recording always follows the forecast), else the forecast. */
export interface EffectiveKeyDates {
  source: "CALCULATED" | "RECORDED";
  dates: StoredKeyDate[];
  releaseDate: string | null;
  paroleEligibilityDate: string | null;
  automaticRelease: boolean;
}

const dateOf = (dates: readonly StoredKeyDate[], ...types: string[]) =>
  types.map((type) => dates.find((date) => date.type === type)?.date).find(Boolean) ?? null;

export function effectiveKeyDates(
  sentence: Pick<SentenceEntity, "type"> & Parameters<typeof forecastKeyDates>[0],
  latest: KeyDateRecordEntity | null,
): EffectiveKeyDates | null {
  if (latest?.source === "RECORDED") {
    return {
      source: "RECORDED",
      dates: latest.dates,
      // HMPPS's dates are already moved off non-working days.
      releaseDate: dateOf(latest.dates, "CRD", "ARD", "MTD"),
      paroleEligibilityDate: dateOf(latest.dates, "PED", "TARIFF_EXPIRY"),
      automaticRelease: AUTOMATIC_RELEASE_SENTENCES.has(sentence.type as SentenceType),
    };
  }
  const forecast = forecastKeyDates(sentence);
  return forecast && fromForecast(forecast);
}

function fromForecast(forecast: KeyDateCalculation): EffectiveKeyDates {
  return {
    source: "CALCULATED",
    dates: forecast.keyDates.map(({ type, date, unadjustedDate }) => ({ type, date, unadjustedDate })),
    releaseDate: forecast.releaseDate,
    paroleEligibilityDate: forecast.paroleEligibilityDate,
    automaticRelease: forecast.automaticRelease,
  };
}

async function latestRecord(manager: EntityManager, offenderId: string): Promise<KeyDateRecordEntity | null> {
  const [row] = await selectRows<KeyDateRecordEntity>(
    manager,
    `SELECT "source", "dates", "release_month" AS "releaseMonth", "sequence" FROM "key_date_record" WHERE "offender_id" = $1 ORDER BY "sequence" DESC LIMIT 1`,
    [offenderId],
  );
  return row ?? null;
}

async function appendRecord(
  manager: EntityManager,
  offenderId: string,
  record: Pick<KeyDateRecordEntity, "source" | "dates" | "releaseMonth" | "actor">,
): Promise<string> {
  const [inserted] = await selectRows<{ id: string }>(
    manager,
    `INSERT INTO "key_date_record" ("offender_id", "sequence", "source", "dates", "release_month", "actor")
     VALUES ($1, (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "key_date_record" WHERE "offender_id" = $1), $2, $3, $4, $5) RETURNING "id"`,
    [offenderId, record.source, JSON.stringify(record.dates), record.releaseMonth, record.actor],
  );
  return inserted.id;
}

/** The first entry of an offender's key-date history: the forecast from the rules, when there is one. */
export async function recordForecast(
  manager: EntityManager,
  offenderId: string,
  sentence: Parameters<typeof forecastKeyDates>[0],
  options: { actor: string; releaseConfirmationLeadDays: number },
): Promise<void> {
  const forecast = forecastKeyDates(sentence);
  if (!forecast) return;
  await appendRecord(manager, offenderId, {
    source: "CALCULATED",
    dates: fromForecast(forecast).dates,
    releaseMonth: monthOf(forecast.releaseDate),
    actor: options.actor,
  });
  await scheduleReleaseConfirmation(manager, offenderId, forecast.releaseDate, options.releaseConfirmationLeadDays);
}

export interface RecordedKeyDates {
  offenderId: string;
  recordId: string;
  releaseMonthChanged: boolean;
  affectedCaseIds: string[];
}

/**
 * Records HMPPS's own key dates, which always win over the forecast. When the month a victim would
 * be told changes, every open case of the offender records it, for the letters that follow.
 */
export async function recordKeyDates(
  manager: EntityManager,
  offenderId: string,
  dates: StoredKeyDate[],
  options: { actor: string; expectedVersion?: number | null; releaseConfirmationLeadDays: number },
): Promise<RecordedKeyDates> {
  const [offender] = await selectRows<{ version: number; custody_context: CustodyContext }>(
    manager,
    `SELECT "version", "custody_context" FROM "offender" WHERE "id" = $1 FOR UPDATE`,
    [offenderId],
  );
  if (!offender) throw notFound(["input", "offenderId"], "offender");
  requireCurrentVersion(options.expectedVersion, offender.version, "offender");
  const sentence = await manager.findOneByOrFail(SentenceEntity, { offenderId });
  const before = effectiveKeyDates(sentence, await latestRecord(manager, offenderId));
  const after = effectiveKeyDates(sentence, { source: "RECORDED", dates } as KeyDateRecordEntity)!;
  const [fromMonth, toMonth] = [monthOf(before?.releaseDate ?? null), monthOf(after.releaseDate)];
  // Each month a victim may be told: release, and parole eligibility or tariff expiry (issue 11 §9).
  const changes = [
    { event: "RELEASE_MONTH_CHANGED", fromMonth, toMonth },
    {
      event: "PAROLE_ELIGIBILITY_MONTH_CHANGED",
      fromMonth: monthOf(before?.paroleEligibilityDate ?? null),
      toMonth: monthOf(after.paroleEligibilityDate),
    },
  ].filter((change) => change.fromMonth !== change.toMonth);

  const recordId = await appendRecord(manager, offenderId, {
    source: "RECORDED",
    dates,
    releaseMonth: toMonth,
    actor: options.actor,
  });
  await manager.query(`UPDATE "offender" SET "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1`, [
    offenderId,
  ]);
  await scheduleReleaseConfirmation(manager, offenderId, after.releaseDate, options.releaseConfirmationLeadDays);

  // HMPPS's first own dates confirm a forecast month: every victim is told it again (issue 11 §8).
  // Otherwise each month that changed is recorded, and one letter tells the months in force.
  const confirmed =
    changes.length === 0 && before?.source !== "RECORDED" && toMonth !== null && toMonth >= today().slice(0, 7);
  const notes = confirmed
    ? [{ event: "RELEASE_MONTH_CONFIRMED", reason: toMonth, payload: { month: toMonth } }]
    : changes.map((change) => ({
        event: change.event,
        reason: `${change.fromMonth ?? "none"} → ${change.toMonth ?? "none"}`,
        payload: { fromMonth: change.fromMonth, toMonth: change.toMonth },
      }));
  const affectedCaseIds: string[] = [];
  if (notes.length > 0) {
    // The dates just recorded are the ones in force: no need to read them back.
    const facts = notificationFactsFrom(after, offender.custody_context);
    for (const id of await openCaseIdsOf(manager, offenderId)) {
      const locked = await lockCase(manager, id, { kind: "ALL" });
      const transitionIds: string[] = [];
      for (const note of notes)
        transitionIds.push(await appendCaseNote(manager, locked, { ...note, actor: options.actor }));
      await queueNotifications(manager, {
        before: locked,
        trigger: { type: confirmed ? "RELEASE_MONTH_KNOWN" : "RELEASE_MONTH_CHANGED" },
        triggerId: transitionIds[0],
        occurredOn: today(),
        facts,
      });
      affectedCaseIds.push(id);
    }
  }
  return { offenderId, recordId, releaseMonthChanged: fromMonth !== toMonth, affectedCaseIds };
}

/** The last day of the offender's licence in force (SLED, else LED), or null when none is known (e.g. life). */
export async function licenceEndOf(manager: EntityManager, offenderId: string): Promise<string | null> {
  const effective = await effectiveKeyDatesOf(manager, offenderId);
  return effective ? dateOf(effective.dates, "SLED", "LED") : null;
}

async function effectiveKeyDatesOf(manager: EntityManager, offenderId: string): Promise<EffectiveKeyDates | null> {
  const sentence = await manager.findOneByOrFail(SentenceEntity, { offenderId });
  return effectiveKeyDates(sentence, await latestRecord(manager, offenderId));
}

/** What a notification says besides the release facts: the event behind it, where that matters. */
export interface NotificationEventFacts {
  /** The Board's decision, for a PAROLE_DECISION. */
  paroleOutcome?: string | null;
  /** The reconsideration step, for a PAROLE_RECONSIDERATION. */
  reconsideration?: string | null;
  /** The custody machine's context after the event, when the caller has it (else it is read). */
  custody?: CustodyContext;
}

/** What any victim of the offender may be told now (months only), kept with a notification as it falls due. */
export async function notificationFactsFor(
  manager: EntityManager,
  offenderId: string,
  event: NotificationEventFacts = {},
): Promise<NotificationFactsSnapshot | null> {
  const custody = event.custody ?? (await custodyContextOf(manager, offenderId));
  return notificationFactsFrom(await effectiveKeyDatesOf(manager, offenderId), custody, event);
}

/** The facts from dates and custody already in hand. */
function notificationFactsFrom(
  effective: EffectiveKeyDates | null,
  custody: CustodyContext | undefined,
  event: NotificationEventFacts = {},
): NotificationFactsSnapshot | null {
  const paroleOutcome = event.paroleOutcome ?? null;
  const reconsideration = event.reconsideration ?? null;
  if (!effective)
    return paroleOutcome || reconsideration
      ? { ...noReleaseFacts(custody?.releaseDirection), paroleOutcome, reconsideration }
      : null;
  const { licenceConditions: _conditions, ...release } = releaseInformationFor(
    effective,
    effective.source,
    [],
    custody?.releaseDirection ?? null,
  );
  return { ...release, paroleOutcome, reconsideration };
}

// Facts with no release month known: what a notification keeps when only the event itself is news.
function noReleaseFacts(direction: ReleaseDirection | null | undefined): NotificationFactsSnapshot {
  return {
    expectedReleaseMonth: null,
    paroleEligibleFromMonth: null,
    automaticRelease: false,
    paroleEligible: false,
    basis: "CALCULATED",
    releaseDirection: directedReleaseFor(direction),
    paroleOutcome: null,
    reconsideration: null,
  };
}

/** The offender's facts with one case's licence conditions, for a letter that lists them. */
export function withLicenceConditions(
  facts: NotificationFactsSnapshot | null,
  licenceConditions: NotifiedLicenceCondition[] | undefined,
): NotificationFactsSnapshot | null {
  if (!licenceConditions?.length) return facts;
  return { ...(facts ?? noReleaseFacts(null)), licenceConditions };
}

async function custodyContextOf(manager: EntityManager, offenderId: string): Promise<CustodyContext | undefined> {
  const [row] = await selectRows<{ custody_context: CustodyContext }>(
    manager,
    `SELECT "custody_context" FROM "offender" WHERE "id" = $1`,
    [offenderId],
  );
  return row?.custody_context;
}
