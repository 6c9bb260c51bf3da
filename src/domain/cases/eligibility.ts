import { EligibilityRoute } from "./case.enums";
import { INDETERMINATE_SENTENCES, OffenceCategory, SentenceType } from "../sentences/sentence.enums";

export interface SentenceFacts {
  type: SentenceType;
  offenceCategory: OffenceCategory;
  lengthMonths: number | null;
}

const SCHEME_OFFENCES: ReadonlySet<OffenceCategory> = new Set([
  OffenceCategory.VIOLENT,
  OffenceCategory.SEXUAL,
  OffenceCategory.TERRORISM,
]);

// DVCVA 2004 s.35 and s.45: a sexual, violent or terrorism offence with a relevant sentence,
// i.e. 12 months or more in custody (a DTO of 12 months or more counts), an indeterminate
// sentence, or a hospital order (ss.36-44).
export function isStatutorilyEligible(sentence: SentenceFacts): boolean {
  if (!SCHEME_OFFENCES.has(sentence.offenceCategory)) return false;
  if (INDETERMINATE_SENTENCES.has(sentence.type) || sentence.type === SentenceType.HOSPITAL_ORDER) return true;
  return (sentence.lengthMonths ?? 0) >= 12;
}

export type RouteDecision = { eligible: true; route: EligibilityRoute } | { eligible: false };

// Victims outside the statute may still be offered the scheme at the probation service's
// discretion (stalking, domestic abuse, high risk), but only with a recorded reason.
export function decideRoute(
  sentence: SentenceFacts,
  requested: EligibilityRoute | null,
  discretionaryReason: string | null,
): RouteDecision {
  const statutory = isStatutorilyEligible(sentence);
  const hasReason = !!discretionaryReason?.trim();
  if (requested === EligibilityRoute.STATUTORY)
    return statutory ? { eligible: true, route: EligibilityRoute.STATUTORY } : { eligible: false };
  if (requested === EligibilityRoute.DISCRETIONARY)
    return hasReason ? { eligible: true, route: EligibilityRoute.DISCRETIONARY } : { eligible: false };
  if (statutory) return { eligible: true, route: EligibilityRoute.STATUTORY };
  return hasReason ? { eligible: true, route: EligibilityRoute.DISCRETIONARY } : { eligible: false };
}
