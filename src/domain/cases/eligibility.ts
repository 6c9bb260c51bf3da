import { EligibilityRoute, type DiscretionaryGround } from "./case.enums";
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

/** What a discretionary admission records: the officer's reason (personal data) and its category. */
export interface Discretion {
  reason: string | null;
  ground: DiscretionaryGround | null;
}

/** The referral input that stands in the way of a route. */
export type RouteRefusal = "route" | "discretionaryReason" | "discretionaryGround";

export type RouteDecision = { eligible: true; route: EligibilityRoute } | { eligible: false; refusedAt: RouteRefusal };

// Victims outside the statute may still be offered the scheme at the probation service's
// discretion (stalking, domestic abuse, high risk), but only with a recorded reason and ground.
export function decideRoute(
  sentence: SentenceFacts,
  requested: EligibilityRoute | null,
  discretion: Discretion,
): RouteDecision {
  const statutory = isStatutorilyEligible(sentence);
  if (requested === EligibilityRoute.STATUTORY)
    return statutory ? { eligible: true, route: EligibilityRoute.STATUTORY } : { eligible: false, refusedAt: "route" };
  if (requested !== EligibilityRoute.DISCRETIONARY && statutory)
    return { eligible: true, route: EligibilityRoute.STATUTORY };
  if (!discretion.reason?.trim()) return { eligible: false, refusedAt: "discretionaryReason" };
  if (!discretion.ground) return { eligible: false, refusedAt: "discretionaryGround" };
  return { eligible: true, route: EligibilityRoute.DISCRETIONARY };
}
