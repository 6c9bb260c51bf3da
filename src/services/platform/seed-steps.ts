import type { PostalAddress } from "../../entities/cases/case-contact.entity";
import type {
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
} from "../../domain/licence-conditions/licence-condition.enums";
import type { HearingType, StatementFormat } from "../../domain/parole/parole.enums";
import type { CaseEvent, CustodyEvent } from "../../machines/machine-events";
import type { ContactDetails } from "../cases/referral.service";

/** One thing that happens on its day in a seeded history, taken through the service's own pipeline. */
export type SeedStep =
  | { kind: "CREATE_OFFENDER"; offender: number }
  | { kind: "REFER"; case: number }
  | { kind: "ADD_CONTACT"; case: number; contact: ContactDetails }
  | { kind: "CHANGE_ADDRESS"; case: number; address: PostalAddress }
  | { kind: "CASE_EVENT"; case: number; event: CaseEvent }
  | { kind: "CUSTODY_EVENT"; offender: number; event: CustodyEvent; details?: Record<string, unknown> }
  | { kind: "SCHEDULE_HEARING"; offender: number; targetHearingDate: string; hearingType: HearingType }
  | { kind: "INVITE_STATEMENT"; case: number }
  | { kind: "SUBMIT_STATEMENT"; case: number; format: StatementFormat }
  /** A summary of the Board's decision on the offender's latest decided review. */
  | { kind: "REQUEST_DECISION_SUMMARY"; case: number }
  | {
      kind: "REQUEST_LICENCE_CONDITION";
      case: number;
      /** The request's number within its case, which the later steps name it by. */
      request: number;
      condition: LicenceConditionKind;
      decisionPoint: LicenceConditionDecisionPoint;
      description: string;
    }
  | { kind: "FORWARD_LICENCE_CONDITION"; case: number; request: number }
  | {
      kind: "DECIDE_LICENCE_CONDITION";
      case: number;
      request: number;
      adopted: boolean;
      endsOn: string | null;
      reason: string | null;
    };

export type SeedStepKind = SeedStep["kind"];

/** A step and its day, as one offender's plan makes them. */
export interface DayStep {
  day: string;
  step: SeedStep;
}

/** What an offender's custody plan tells their victims' case plans. */
export interface CustodyOutline {
  /** The first day a phase that ends contact is reached: every case is closed then. */
  endsOn: string | null;
  /** The Parole Board reviews, each with its hearing and (planned) decision. */
  reviews: { hearingScheduledOn: string; targetHearingDate: string; decidedOn: string; release: boolean }[];
  /** Releases (and conditional discharges) a victim may ask for licence conditions before. */
  releases: { on: string; decisionPoint: LicenceConditionDecisionPoint; licenceEndsOn: string | null }[];
  /** The last day of the offender's licence, when the sentence has one that ends. */
  licenceEndsOn: string | null;
}

/** The days a plan covers: no step before `from` or after `until`. */
export interface SeedWindow {
  from: string;
  until: string;
}
