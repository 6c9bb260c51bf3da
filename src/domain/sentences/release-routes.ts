import { OffenceCategory, PAROLE_BOARD_SENTENCES, SentenceType } from "./sentence.enums";

// Which ways out of custody the law gives a sentence, fixed when the offender is created and kept
// in the custody machine's context. Sources: CJA 2003 ss.246, 247A, 255A–255C; HMPPS's
// calculate-release-dates-api @cd827b07 (HdcedCalculator.kt, SentenceCalculationType.kt).

/** A sentence as the routes need it. */
export interface SentenceForRoutes {
  type: SentenceType;
  offenceCategory: OffenceCategory;
  /** A life sentence with no minimum term: never released (no tariff, no parole). */
  wholeLifeOrder?: boolean | null;
}

export interface ReleaseRoutes {
  /** The Parole Board may direct release (and is referred the case). */
  paroleEligible: boolean;
  /** Release early on a curfew (HDC) is possible. */
  homeDetentionCurfewEligible: boolean;
  /** A terrorist prisoner (s.247A): parole at two thirds, never fixed-term recall. */
  terroristOffender: boolean;
}

// The determinate sentences s.247A moves from automatic release to the Board at two thirds
// (Terrorist Offenders (Restriction of Early Release) Act 2020): automatic release only at the end.
const TERRORIST_PAROLE_SENTENCES: ReadonlySet<SentenceType> = new Set([SentenceType.SDS, SentenceType.SDS_PLUS]);

// HDC only for an SDS: HMPPS's HdcedCalculator excludes DTOs, SDS+, EDS and SOPC, a sex-offender
// register alert and terrorist offences. The four-year bar ended on 17 June 2024 (HDC4+).
export const HOME_DETENTION_CURFEW_SENTENCES: ReadonlySet<SentenceType> = new Set([SentenceType.SDS]);
const HOME_DETENTION_CURFEW_EXCLUDED: ReadonlySet<OffenceCategory> = new Set([
  OffenceCategory.SEXUAL,
  OffenceCategory.TERRORISM,
]);

export function releaseRoutesFor(sentence: SentenceForRoutes): ReleaseRoutes {
  const terroristOffender =
    sentence.offenceCategory === OffenceCategory.TERRORISM || sentence.type === SentenceType.STS;
  return {
    paroleEligible:
      !sentence.wholeLifeOrder &&
      (PAROLE_BOARD_SENTENCES.has(sentence.type) ||
        (terroristOffender && TERRORIST_PAROLE_SENTENCES.has(sentence.type))),
    homeDetentionCurfewEligible:
      HOME_DETENTION_CURFEW_SENTENCES.has(sentence.type) &&
      !HOME_DETENTION_CURFEW_EXCLUDED.has(sentence.offenceCategory),
    terroristOffender,
  };
}

// Fixed-term recall (s.255A) is for determinate sentences only: never an extended sentence, a
// SOPC, a serious terrorism sentence or a terrorist prisoner (s.255A(2)); HMPPS's calculator has
// fixed-term recall types for standard determinate sentences alone.
const FIXED_TERM_RECALL_SENTENCES: ReadonlySet<SentenceType> = new Set([SentenceType.SDS, SentenceType.SDS_PLUS]);

/**
 * Whether a licensee on this sentence may be given a fixed-term recall, and so be re-released
 * after a recall without the Board (s.255C). Extended, SOPC, serious terrorism, terrorist and
 * indeterminate licensees go back through the Board (s.255B; Crime (Sentences) Act 1997 s.32).
 */
export function allowsFixedTermRecall(sentenceType: SentenceType, terroristOffender: boolean): boolean {
  return FIXED_TERM_RECALL_SENTENCES.has(sentenceType) && !terroristOffender;
}
