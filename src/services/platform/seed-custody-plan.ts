import { addDays, addYears } from "../../domain/calendar/calendar";
import {
  CustodyEventType,
  ParoleOutcome,
  RecallType,
  UnlawfullyAtLargeKind,
  type TemporaryReleaseType,
} from "../../domain/custody/custody.enums";
import { forecastKeyDates } from "../../domain/disclosure/disclosure";
import { LicenceConditionDecisionPoint } from "../../domain/licence-conditions/licence-condition.enums";
import type { HearingType } from "../../domain/parole/parole.enums";
import { RECONSIDERATION_SENTENCES } from "../../domain/parole/reconsideration";
import type { KeyDateCalculation } from "../../domain/sentences/key-date-calculator";
import type { KeyDateType } from "../../domain/sentences/release-rules";
import { allowsFixedTermRecall, releaseRoutesFor } from "../../domain/sentences/release-routes";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import type { CustodyEvent } from "../../machines/machine-events";
import { sentenceForRules, type NewOffender } from "../custody/custody-transition.service";
import { daysBetween, workingDayFrom, type Chance } from "./seed-chance";
import { SEED_RATES } from "./seed-rates";
import type { CustodyOutline, SeedStep, SeedWindow } from "./seed-steps";

// An offender's sentence in a seeded history: the sentence passed, and what the custody feed
// reports of it (releases on the forecast's dates, parole reviews, recalls, licence ends), each
// event in an order the custody machine takes.

type Sentence = NewOffender["sentence"];

/** A sentence of the type the rates draw, passed weeks before the first referral, or years before. */
export function planSentence(chance: Chance, firstReferral: string): Sentence {
  const type = chance.pick(SEED_RATES.sentenceType);
  let offenceCategory = chance.pick(SEED_RATES.offenceCategory);
  if (type === SentenceType.STS) offenceCategory = OffenceCategory.TERRORISM;
  if (type === SentenceType.HOSPITAL_ORDER && offenceCategory === OffenceCategory.TERRORISM)
    offenceCategory = OffenceCategory.VIOLENT;
  const domesticAbuse = offenceCategory === OffenceCategory.VIOLENT && chance.happens(SEED_RATES.domesticAbuse);
  const remandDays = type === SentenceType.HOSPITAL_ORDER || !chance.happens(0.6) ? 0 : chance.int(0, 300);
  const daysBefore = (days: number) => addDays(firstReferral, -days);
  const historic = chance.happens(SEED_RATES.sentencedLongBefore);
  switch (type) {
    case SentenceType.LIFE:
    case SentenceType.IPP: {
      const tariffMonths = type === SentenceType.LIFE ? chance.int(96, 300) : chance.int(24, 120);
      // IPP was abolished on 3 December 2012: every IPP prisoner was sentenced before then.
      const sentenceDate =
        type === SentenceType.IPP
          ? addDays("2005-04-04", chance.int(0, daysBetween("2005-04-04", "2012-12-02")))
          : daysBefore(historic ? Math.round(tariffMonths * 30.4 * (chance.int(60, 130) / 100)) : chance.int(10, 50));
      return { type, sentenceDate, tariffMonths, remandDays, offenceCategory, domesticAbuse };
    }
    case SentenceType.HOSPITAL_ORDER:
      return { type, sentenceDate: daysBefore(historic ? chance.int(200, 2500) : chance.int(10, 60)), offenceCategory };
    default: {
      const sentence: Sentence = {
        type,
        sentenceDate: daysBefore(chance.int(10, 50)),
        lengthMonths: termOf(chance, type),
        extensionMonths:
          type === SentenceType.EDS ? chance.int(24, 96) : type === SentenceType.STS ? chance.int(96, 120) : null,
        remandDays,
        offenceCategory,
        domesticAbuse,
      };
      if (!historic || type === SentenceType.DTO) return sentence;
      // Part-way through: release still to come, at least two months after the victim joins.
      const release = forecastOf(sentence)?.releaseDate;
      const ahead = release ? daysBetween(firstReferral, release) - 60 : 0;
      if (ahead <= 60) return sentence;
      const earlier = { ...sentence, sentenceDate: addDays(sentence.sentenceDate, -chance.int(30, ahead)) };
      return forecastOf(earlier) ? earlier : sentence;
    }
  }
}

function termOf(chance: Chance, type: SentenceType): number {
  switch (type) {
    case SentenceType.SDS:
      return chance.happens(SEED_RATES.shortSentence)
        ? chance.int(6, 11)
        : chance.element([12, 15, 18, 24, 24, 30, 36, 36, 42, 48, 54, 60, 72, 84, 96, 120]);
    case SentenceType.SDS_PLUS:
      return chance.element([48, 60, 72, 84, 96, 108, 120, 144, 180]);
    case SentenceType.EDS:
    case SentenceType.SOPC:
      return chance.element([48, 60, 72, 84, 96, 120, 144, 168]);
    case SentenceType.STS:
      return chance.element([168, 180, 216, 240]);
    default:
      return chance.element([12, 18, 24]);
  }
}

function forecastOf(sentence: Sentence): KeyDateCalculation | null {
  return forecastKeyDates(sentenceForRules(sentence));
}

function keyDate(forecast: KeyDateCalculation | null, ...types: KeyDateType[]): string | null {
  for (const type of types) {
    const found = forecast?.keyDates.find((date) => date.type === type);
    if (found) return found.date;
  }
  return null;
}

const CONTACT_ENDING: ReadonlySet<CustodyEventType> = new Set([
  CustodyEventType.LICENCE_ENDED,
  CustodyEventType.DIED,
  CustodyEventType.REMOVED_FROM_UK,
  CustodyEventType.ABSOLUTELY_DISCHARGED,
]);

type Outcomes = Readonly<Partial<Record<ParoleOutcome, number>>>;

/**
 * Plans one offender's custody events from the day they are created: each on or after the one
 * before, none after the window, none after their death, and none that ends the victims' contact
 * before `notEndingBefore` (their last referral's fortnight).
 */
export class CustodyPlanner {
  private cursor: string;
  private stopped = false;
  private readonly outline: CustodyOutline = { endsOn: null, reviews: [], releases: [], licenceEndsOn: null };
  private readonly deathOn: string | null;

  constructor(
    private readonly chance: Chance,
    private readonly window: SeedWindow,
    createdOn: string,
    private readonly notEndingBefore: string,
    private readonly emit: (day: string, step: (offender: number) => SeedStep) => void,
  ) {
    this.cursor = createdOn;
    this.deathOn = chance.happens(SEED_RATES.custody.died) ? chance.after(notEndingBefore, 0, 3 * 365) : null;
  }

  plan(sentence: Sentence): CustodyOutline {
    const forecast = forecastOf(sentence);
    if (sentence.type === SentenceType.HOSPITAL_ORDER) this.hospitalOrder();
    else if (sentence.type === SentenceType.LIFE || sentence.type === SentenceType.IPP)
      this.indeterminate(sentence, forecast);
    else this.determinate(sentence, forecast);
    if (this.deathOn) this.at(this.deathOn, { type: CustodyEventType.DIED });
    return this.outline;
  }

  /** The day of the last event planned. */
  private get day(): string {
    return this.cursor;
  }

  private planned(day: string): boolean {
    return !this.stopped && day <= this.window.until;
  }

  /** Plans the event on `day` (or on the last event's day, if later); false when it is not planned. */
  private at(day: string, event: CustodyEvent, details?: Record<string, unknown>): boolean {
    const on = day < this.cursor ? this.cursor : day;
    const dies = event.type === CustodyEventType.DIED;
    if (!this.planned(on) || (!dies && this.deathOn && on >= this.deathOn)) return false;
    if (CONTACT_ENDING.has(event.type)) {
      // Every victim is referred before their contact could end: the plan stops here instead.
      if (on < this.notEndingBefore) {
        this.stopped = true;
        return false;
      }
      this.outline.endsOn ??= on;
      // Only a removal can be undone (the offender comes back under the sentence).
      if (event.type !== CustodyEventType.REMOVED_FROM_UK) this.stopped = true;
    }
    this.cursor = on;
    this.emit(on, (offender) => ({ kind: "CUSTODY_EVENT", offender, event, ...(details ? { details } : {}) }));
    return true;
  }

  private determinate(sentence: Sentence, forecast: KeyDateCalculation | null): void {
    const { chance } = this;
    const rates = SEED_RATES.custody;
    const releaseOn = forecast?.releaseDate;
    if (!releaseOn) return;
    const routes = releaseRoutesFor(sentence);
    const licenceEnd = keyDate(forecast, "SLED", "LED", "SED");
    this.outline.licenceEndsOn = keyDate(forecast, "SLED", "LED");
    if (
      sentence.type !== SentenceType.DTO &&
      (sentence.lengthMonths ?? 0) >= 36 &&
      chance.happens(rates.openConditions)
    )
      this.openConditions(addDays(releaseOn, -chance.int(240, 420)));
    else if (chance.happens(rates.hospitalTransfer)) {
      const transfer = chance.after(this.day, 20, 200);
      if (transfer < addDays(releaseOn, -90) && this.at(transfer, { type: CustodyEventType.TRANSFERRED_TO_HOSPITAL }))
        this.at(chance.after(this.day, 30, 80), { type: CustodyEventType.RETURNED_FROM_HOSPITAL });
    }
    let releasedOn: string | null = null;
    // Extended sentences and terrorist prisoners may be released by the Board from their parole eligibility date.
    const paroleFrom = routes.paroleEligible ? forecast?.paroleEligibilityDate : null;
    if (paroleFrom && paroleFrom < releaseOn) {
      const referredOn = addDays(paroleFrom, -chance.int(120, 200));
      const review = this.review(referredOn < this.day ? chance.after(this.day, 14, 60) : referredOn, sentence.type, {
        [ParoleOutcome.RELEASE]: 35,
        [ParoleOutcome.NO_RELEASE]: 65,
      });
      if (review?.outcome === ParoleOutcome.RELEASE)
        releasedOn = this.release(
          chance.after(review.finalOn, 1, 30),
          CustodyEventType.RELEASED_ON_LICENCE,
          licenceEnd,
        );
      else if (!review) return;
    }
    if (!releasedOn && routes.homeDetentionCurfewEligible && chance.happens(rates.homeDetentionCurfew)) {
      const considered = addDays(releaseOn, -chance.int(100, 150));
      if (considered > this.day && this.at(considered, { type: CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW }))
        if (chance.happens(rates.releasedOnCurfew))
          releasedOn = this.release(
            addDays(releaseOn, -chance.int(14, 90)),
            CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW,
            licenceEnd,
          );
    }
    if (!releasedOn && chance.happens(rates.removedFromUk)) {
      // A foreign national removed at the point of release; a few come back, and are detained again.
      if (this.at(releaseOn, { type: CustodyEventType.REMOVED_FROM_UK }) && chance.happens(rates.returnedToUk))
        this.at(chance.after(releaseOn, 150, 600), { type: CustodyEventType.RETURNED_TO_UK });
      return;
    }
    releasedOn ??= this.release(releaseOn, CustodyEventType.RELEASED_ON_LICENCE, licenceEnd);
    if (releasedOn) this.onLicence(sentence, routes.terroristOffender, releasedOn, licenceEnd);
  }

  /** Considered for open conditions, perhaps moved there, then day releases and, rarely, an abscond. */
  private openConditions(consideredOn: string): boolean {
    const { chance } = this;
    const rates = SEED_RATES.custody;
    if (!this.at(consideredOn, { type: CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS })) return false;
    if (!chance.happens(rates.movedToOpen)) return false;
    if (!this.at(chance.after(this.day, 20, 60), { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS })) return false;
    if (chance.happens(rates.temporaryRelease)) this.temporaryRelease(chance.after(this.day, 40, 90));
    if (chance.happens(rates.abscond)) {
      const kind = UnlawfullyAtLargeKind.ABSCONDED;
      if (
        this.at(
          chance.after(this.day, 20, 90),
          { type: CustodyEventType.UNLAWFULLY_AT_LARGE },
          { unlawfullyAtLargeKind: kind },
        )
      )
        this.at(chance.after(this.day, 2, 30), { type: CustodyEventType.RETURNED_TO_CUSTODY });
      // Back in closed conditions.
      return false;
    }
    return true;
  }

  private temporaryRelease(consideredOn: string): void {
    const type: TemporaryReleaseType = this.chance.pick(SEED_RATES.custody.temporaryReleaseType);
    if (this.at(consideredOn, { type: CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE }))
      this.at(
        this.chance.after(this.day, 14, 40),
        { type: CustodyEventType.TEMPORARY_RELEASE },
        { temporaryReleaseType: type },
      );
  }

  private release(day: string, type: CustodyEventType, licenceEndsOn: string | null): string | null {
    if (!this.at(day, { type } as CustodyEvent)) return null;
    this.outline.releases.push({
      on: this.day,
      decisionPoint: LicenceConditionDecisionPoint.LICENCE_RELEASE,
      licenceEndsOn,
    });
    return this.day;
  }

  /** On licence: perhaps a recall and a re-release, then the licence's end. */
  private onLicence(sentence: Sentence, terrorist: boolean, releasedOn: string, licenceEnd: string | null): void {
    const { chance } = this;
    let out = true;
    if (chance.happens(SEED_RATES.custody.recall)) {
      const recalledOn = chance.after(releasedOn, 30, 540);
      if (!licenceEnd || recalledOn < addDays(licenceEnd, -14))
        out = this.recall(sentence, terrorist, recalledOn, licenceEnd);
    }
    if (out && licenceEnd) this.at(licenceEnd, { type: CustodyEventType.LICENCE_ENDED });
    // An IPP licence ends after three years in the community (Victims and Prisoners Act 2024); a life licence never does.
    else if (out && sentence.type === SentenceType.IPP)
      this.at(addYears(releasedOn, 3), { type: CustodyEventType.LICENCE_ENDED });
  }

  /** Recalled on `day`: answers whether the offender is out on licence again before it ends. */
  private recall(sentence: Sentence, terrorist: boolean, day: string, licenceEnd: string | null): boolean {
    const { chance } = this;
    const rates = SEED_RATES.custody;
    const fixedTermAllowed = allowsFixedTermRecall(sentence.type, terrorist);
    let recallType = RecallType.STANDARD;
    if (chance.happens(rates.atLargeOnLicence)) {
      // At large from licence is a recall first; the return is to RECALLED.
      const kind = UnlawfullyAtLargeKind.FAILED_TO_RETURN;
      if (!this.at(day, { type: CustodyEventType.UNLAWFULLY_AT_LARGE }, { unlawfullyAtLargeKind: kind })) return false;
      if (!this.at(chance.after(this.day, 5, 60), { type: CustodyEventType.RETURNED_TO_CUSTODY })) return false;
    } else {
      if (fixedTermAllowed && chance.happens(rates.fixedTermRecall)) recallType = RecallType.FIXED_TERM;
      if (!this.at(day, { type: CustodyEventType.RECALLED, recallType })) return false;
    }
    let reReleaseOn: string | null = null;
    if (recallType === RecallType.FIXED_TERM)
      reReleaseOn = addDays(this.day, (sentence.lengthMonths ?? 0) < 12 ? 14 : 28);
    else if (fixedTermAllowed && chance.happens(rates.reReleasedWithoutBoard))
      reReleaseOn = chance.after(this.day, 60, 200);
    else {
      const review = this.review(chance.after(this.day, 20, 60), sentence.type, SEED_RATES.parole.outcomeOnRecall);
      if (review?.outcome === ParoleOutcome.RELEASE) reReleaseOn = chance.after(review.finalOn, 1, 30);
    }
    if (!reReleaseOn || (licenceEnd && reReleaseOn >= addDays(licenceEnd, -7))) return false;
    return this.at(reReleaseOn, { type: CustodyEventType.RE_RELEASED });
  }

  /** A lifer or IPP prisoner: reviews from the tariff's end, open conditions, release on the Board's direction. */
  private indeterminate(sentence: Sentence, forecast: KeyDateCalculation | null): void {
    const { chance } = this;
    const tariffExpiry = forecast?.paroleEligibilityDate;
    if (!tariffExpiry) return;
    let referredOn = addDays(tariffExpiry, -chance.int(120, 200));
    if (referredOn < this.day) referredOn = chance.after(this.day, 30, 150);
    let open = false;
    for (let reviews = 0; reviews < 6 && this.planned(referredOn); reviews++) {
      if (open && chance.happens(SEED_RATES.custody.temporaryRelease))
        this.temporaryRelease(addDays(referredOn, -chance.int(60, 120)));
      const outcomes = open ? SEED_RATES.parole.outcomeFromOpen : SEED_RATES.parole.outcome;
      const review = this.review(referredOn, sentence.type, outcomes);
      if (!review) return;
      if (review.outcome === ParoleOutcome.RELEASE) {
        const releasedOn = this.release(
          chance.after(review.finalOn, 1, 40),
          CustodyEventType.RELEASED_ON_LICENCE,
          null,
        );
        if (releasedOn) this.onLicence(sentence, false, releasedOn, null);
        return;
      }
      if (review.outcome === ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED && !open)
        open = this.openConditions(chance.after(this.day, 7, 30));
      referredOn = chance.after(this.day, 300, 540);
    }
  }

  /**
   * A Parole Board review from its referral: the hearing set, the decision, and for a release
   * direction perhaps an application to reconsider it. Answers the decision and the day it is
   * final (a release waits for that), or null when the decision falls outside the plan.
   */
  private review(
    referredOn: string,
    sentenceType: SentenceType,
    outcomes: Outcomes,
  ): { outcome: ParoleOutcome; finalOn: string } | null {
    const { chance } = this;
    const rates = SEED_RATES.parole;
    if (!this.at(referredOn, { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD })) return null;
    const hearingScheduledOn = workingDayFrom(chance.after(this.day, 20, 50));
    const targetHearingDate = workingDayFrom(chance.after(this.day, 150, 240));
    const hearingType = chance.pick(rates.hearingType);
    const outcome = chance.pick(outcomes);
    const decidedOn = addDays(targetHearingDate, chance.int(0, 14));
    this.hearing(hearingScheduledOn, targetHearingDate, hearingType);
    // The victims' steps are planned against the review even when its decision is beyond the window.
    this.outline.reviews.push({
      hearingScheduledOn,
      targetHearingDate,
      decidedOn,
      release: outcome === ParoleOutcome.RELEASE,
    });
    if (!this.at(decidedOn, { type: CustodyEventType.PAROLE_DECISION, outcome })) return null;
    // The day it was taken: later than planned when an earlier event came after the planned day.
    const issuedOn = this.day;
    if (outcome !== ParoleOutcome.RELEASE || !RECONSIDERATION_SENTENCES.has(sentenceType))
      return { outcome, finalOn: issuedOn };
    // Provisional for 21 days (Parole Board Rules 2019 r.28): released only once final.
    if (!chance.happens(rates.reconsiderationApplied)) return { outcome, finalOn: addDays(issuedOn, 21) };
    if (!this.at(chance.after(issuedOn, 3, 18), { type: CustodyEventType.RECONSIDERATION_APPLIED })) return null;
    if (!chance.happens(rates.setAside)) {
      if (!this.at(chance.after(this.day, 14, 45), { type: CustodyEventType.RECONSIDERATION_REFUSED })) return null;
      return { outcome, finalOn: this.day };
    }
    // Set aside: a new review takes the case, heard again.
    if (!this.at(chance.after(this.day, 14, 45), { type: CustodyEventType.DECISION_SET_ASIDE })) return null;
    const again = chance.pick({ [ParoleOutcome.RELEASE]: 40, [ParoleOutcome.NO_RELEASE]: 60 });
    const rehearing = workingDayFrom(chance.after(this.day, 90, 180));
    this.hearing(workingDayFrom(chance.after(this.day, 10, 30)), rehearing, hearingType);
    if (!this.at(rehearing, { type: CustodyEventType.PAROLE_DECISION, outcome: again })) return null;
    return { outcome: again, finalOn: again === ParoleOutcome.RELEASE ? addDays(this.day, 21) : this.day };
  }

  private hearing(scheduledOn: string, targetHearingDate: string, hearingType: HearingType): void {
    if (!this.planned(scheduledOn) || (this.deathOn && scheduledOn >= this.deathOn)) return;
    this.emit(scheduledOn, (offender) => ({ kind: "SCHEDULE_HEARING", offender, targetHearingDate, hearingType }));
  }

  /** A restricted hospital order: leave, a move, a conditional discharge, perhaps a recall or an absolute discharge. */
  private hospitalOrder(): void {
    const { chance } = this;
    const rates = SEED_RATES.hospital;
    if (chance.happens(rates.leave)) {
      this.at(chance.after(this.day, 60, 400), { type: CustodyEventType.HOSPITAL_LEAVE_GRANTED });
      if (chance.happens(0.5))
        this.at(chance.after(this.day, 30, 200), { type: CustodyEventType.HOSPITAL_LEAVE_GRANTED });
    }
    if (chance.happens(rates.transferBetweenHospitals))
      this.at(chance.after(this.day, 30, 300), { type: CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS });
    if (!chance.happens(rates.conditionalDischarge)) return;
    const discharge = (day: string) => {
      if (!this.at(day, { type: CustodyEventType.CONDITIONALLY_DISCHARGED })) return false;
      this.outline.releases.push({
        on: this.day,
        decisionPoint: LicenceConditionDecisionPoint.CONDITIONAL_DISCHARGE,
        licenceEndsOn: null,
      });
      return true;
    };
    if (!discharge(chance.after(this.day, 120, 700))) return;
    if (chance.happens(rates.recallToHospital)) {
      if (this.at(chance.after(this.day, 60, 400), { type: CustodyEventType.RECALLED_TO_HOSPITAL }))
        if (chance.happens(rates.dischargedAgain)) discharge(chance.after(this.day, 120, 400));
    } else if (chance.happens(rates.absoluteDischarge))
      this.at(chance.after(this.day, 365, 900), { type: CustodyEventType.ABSOLUTELY_DISCHARGED });
  }
}
