import { SentenceType } from "../sentences/sentence.enums";
import { reconsiderationClosesOn } from "./parole-deadlines";

// Decisions on these sentences may be reconsidered (Parole Board Rules 2019 r.28, as amended
// 2022; domain.md §3): indeterminate, extended and special custodial sentences, recalls included.
// A decision eligible for reconsideration is provisional for 21 days and final only if no party
// applies (r.25, r.28); an open-conditions recommendation is advice, never reconsidered.
export const RECONSIDERATION_SENTENCES: ReadonlySet<SentenceType> = new Set([
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.LIFE,
  SentenceType.IPP,
]);

/** The last day a party may apply for reconsideration of a decision on this sentence, or null when none can. */
export function reconsiderationWindowEnd(sentenceType: SentenceType, decisionIssuedOn: string): string | null {
  return RECONSIDERATION_SENTENCES.has(sentenceType) ? reconsiderationClosesOn(decisionIssuedOn) : null;
}
