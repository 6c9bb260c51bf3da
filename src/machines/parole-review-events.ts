import type { ParoleOutcome } from "../domain/custody/custody.enums";
import type { HearingType } from "../domain/parole/parole.enums";
import type { SentenceType } from "../domain/sentences/sentence.enums";

export type ParoleReviewContext = {
  sentenceType: SentenceType;
  referredOn: string;
  targetHearingDate: string | null;
  hearingType: HearingType | null;
  outcome: ParoleOutcome | null;
  decisionIssuedOn: string | null;
};

/** A victim's step, taken on day `on` (YYYY-MM-DD), checked against the review's windows. */
type VictimStep<Type extends string> = { type: Type; on: string };

export type ParoleReviewEvent =
  | { type: "SCHEDULE_HEARING"; targetHearingDate: string; hearingType: HearingType }
  | { type: "DECIDE"; outcome: ParoleOutcome; on: string }
  | { type: "END" }
  | { type: "SET_ASIDE" }
  | VictimStep<"INVITE_STATEMENT">
  | VictimStep<"SUBMIT_STATEMENT">
  | VictimStep<"APPLY_TO_OBSERVE">
  | VictimStep<"APPLY_FOR_PUBLIC_HEARING">
  | VictimStep<"REQUEST_RECONSIDERATION">
  | VictimStep<"REQUEST_DECISION_SUMMARY">;

export type ParoleReviewRefusalCode = "TRANSITION_NOT_ALLOWED" | "NOT_ELIGIBLE" | "DEADLINE_PASSED";
