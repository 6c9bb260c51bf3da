import {
  LicenceConditionDecisionPoint,
  LicenceConditionRequestStatus,
  type LicenceConditionKind,
} from "../licence-conditions/licence-condition.enums";
import {
  calculateKeyDates,
  KeyDateCalculationError,
  type KeyDateCalculation,
  type SentenceForRules,
} from "../sentences/key-date-calculator";
import { redactForVictim } from "./victim-facing-text";
import { addDays } from "../calendar/calendar";
import type { ReleaseDirection } from "../../machines/machine-events";

/** The forecast for a sentence, or null when the rules cannot give one (no rule covers it). */
export function forecastKeyDates(sentence: SentenceForRules): KeyDateCalculation | null {
  try {
    return calculateKeyDates(sentence);
  } catch (error) {
    if (error instanceof KeyDateCalculationError) return null;
    throw error;
  }
}

/**
 * What a victim may be told about the offender's release (Victims' Code right 11; domain.md §4.1):
 * the month and year, never the day; whether the Parole Board decides and from which month. Never
 * the prison, the release address, or licence conditions that do not concern them. Every
 * victim-facing field is built from this, so nothing else can leak a date.
 */
export interface ReleaseInformation {
  /** "YYYY-MM" of the expected release (the date after the non-working-day adjustment), or null. */
  expectedReleaseMonth: string | null;
  /** Whether release is automatic at a fixed point (SDS, SDS+, end of an EDS/SOPC custodial term). */
  automaticRelease: boolean;
  /** Whether the Parole Board may direct release earlier (EDS, SOPC, LIFE, IPP). */
  paroleEligible: boolean;
  /** "YYYY-MM" from which the Parole Board may consider release, or null. */
  paroleEligibleFromMonth: string | null;
  /** Where the dates come from: a forecast from the sentence rules, or HMPPS's own calculation. */
  basis: "CALCULATED" | "RECORDED";
  /** The licence conditions this victim asked for, and what became of them: only these concern them. */
  licenceConditions: VictimLicenceCondition[];
  /** The Parole Board's release direction while the offender is still in custody, or null. */
  releaseDirection: DirectedRelease | null;
}

/** A release the Board has directed and that has not happened yet, in months. */
export interface DirectedRelease {
  /** "YYYY-MM" of the Board's decision. */
  directedMonth: string;
  /** A party has applied for reconsideration: release waits for the Board's answer. */
  reconsiderationPending: boolean;
  /** "YYYY-MM" in which the direction becomes final if nobody applies; null once final or while an application waits. */
  finalFromMonth: string | null;
}

export type LicenceConditionOutcome = "PENDING" | "ADOPTED" | "NOT_ADOPTED";

export interface VictimLicenceCondition {
  kind: LicenceConditionKind;
  /** A condition of a restricted patient's discharge from hospital rather than of a licence. */
  onDischarge?: boolean;
  outcome: LicenceConditionOutcome;
  /** "YYYY-MM" in which an adopted condition ends. */
  endsMonth: string | null;
  /** Why it was not adopted, through the disclosure filter (no day, prison or address). */
  reasonNotAdopted: string | null;
}

/** What the service holds of the victim's own licence-condition requests. */
export interface LicenceConditionFacts {
  kind: LicenceConditionKind;
  status: LicenceConditionRequestStatus;
  endsOn: string | null;
  reasonNotAdopted: string | null;
}

const OUTCOME: Record<LicenceConditionRequestStatus, LicenceConditionOutcome | null> = {
  [LicenceConditionRequestStatus.REQUESTED]: "PENDING",
  [LicenceConditionRequestStatus.FORWARDED]: "PENDING",
  [LicenceConditionRequestStatus.ADOPTED]: "ADOPTED",
  [LicenceConditionRequestStatus.NOT_ADOPTED]: "NOT_ADOPTED",
  // A withdrawn request is the victim's own choice; there is nothing to tell.
  [LicenceConditionRequestStatus.WITHDRAWN]: null,
};

function licenceConditionsFor(requests: readonly LicenceConditionFacts[]): VictimLicenceCondition[] {
  return requests.flatMap((request) => {
    const outcome = OUTCOME[request.status];
    if (!outcome) return [];
    return [
      {
        kind: request.kind,
        outcome,
        endsMonth: outcome === "ADOPTED" ? monthOf(request.endsOn) : null,
        reasonNotAdopted:
          outcome === "NOT_ADOPTED" && request.reasonNotAdopted ? redactForVictim(request.reasonNotAdopted) : null,
      },
    ];
  });
}

/**
 * A licence condition as a notification keeps it: what was asked for and what became of it, in
 * months. The reason a condition was not adopted is not kept here (a notification's facts are not
 * sealed); the letter reads it, sealed, from the request when it is sent or shown.
 */
export interface NotifiedLicenceCondition {
  requestId: string;
  kind: LicenceConditionKind;
  /** A condition of a restricted patient's discharge (absent for a licence condition). */
  onDischarge?: true;
  outcome: LicenceConditionOutcome;
  endsMonth: string | null;
}

/** The victim's requests as a notification tells them: withdrawn ones are left out. */
export function notifiedLicenceConditions(
  requests: ReadonlyArray<
    Omit<LicenceConditionFacts, "reasonNotAdopted"> & { id: string; decisionPoint: LicenceConditionDecisionPoint }
  >,
): NotifiedLicenceCondition[] {
  return requests.flatMap((request) => {
    const outcome = OUTCOME[request.status];
    if (!outcome) return [];
    return [
      {
        requestId: request.id,
        kind: request.kind,
        ...(request.decisionPoint === LicenceConditionDecisionPoint.CONDITIONAL_DISCHARGE
          ? { onDischarge: true as const }
          : {}),
        outcome,
        endsMonth: outcome === "ADOPTED" ? monthOf(request.endsOn) : null,
      },
    ];
  });
}

export function monthOf(isoDate: string | null): string | null {
  return isoDate ? isoDate.slice(0, 7) : null;
}

/** The dates disclosure works from: a forecast, or HMPPS's recorded dates. */
export type ReleaseFacts = Pick<KeyDateCalculation, "releaseDate" | "paroleEligibilityDate" | "automaticRelease">;

/** The victim's view of a release direction: months only. */
export function directedReleaseFor(direction: ReleaseDirection | null | undefined): DirectedRelease | null {
  if (!direction) return null;
  return {
    directedMonth: direction.issuedOn.slice(0, 7),
    reconsiderationPending: direction.reconsiderationPending,
    // It becomes final the day after the window closes.
    finalFromMonth:
      direction.reconsiderationPending || direction.reconsiderationClosesOn === null
        ? null
        : monthOf(addDays(direction.reconsiderationClosesOn, 1)),
  };
}

export function releaseInformationFor(
  calculation: ReleaseFacts,
  basis: ReleaseInformation["basis"] = "CALCULATED",
  conditions: readonly LicenceConditionFacts[] = [],
  direction: ReleaseDirection | null = null,
): ReleaseInformation {
  return {
    releaseDirection: directedReleaseFor(direction),
    expectedReleaseMonth: monthOf(calculation.releaseDate),
    automaticRelease: calculation.automaticRelease,
    paroleEligible: calculation.paroleEligibilityDate !== null,
    paroleEligibleFromMonth: monthOf(calculation.paroleEligibilityDate),
    basis,
    licenceConditions: licenceConditionsFor(conditions),
  };
}
