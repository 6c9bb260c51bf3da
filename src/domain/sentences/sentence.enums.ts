export enum SentenceType {
  SDS = "SDS",
  SDS_PLUS = "SDS_PLUS",
  EDS = "EDS",
  SOPC = "SOPC",
  LIFE = "LIFE",
  IPP = "IPP",
  DTO = "DTO",
  HOSPITAL_ORDER = "HOSPITAL_ORDER",
}

export enum OffenceCategory {
  VIOLENT = "VIOLENT",
  SEXUAL = "SEXUAL",
  TERRORISM = "TERRORISM",
  OTHER = "OTHER",
}

// Sentences with no fixed term: the Parole Board decides release after the tariff.
export const INDETERMINATE_SENTENCES: ReadonlySet<SentenceType> = new Set([SentenceType.LIFE, SentenceType.IPP]);

// Release is directed by the Parole Board (EDS and SOPC from their parole eligibility point).
export const PAROLE_BOARD_SENTENCES: ReadonlySet<SentenceType> = new Set([
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.LIFE,
  SentenceType.IPP,
]);

// Release on licence happens by law at a fixed point (for EDS and SOPC, the end of the custodial term).
export const AUTOMATIC_RELEASE_SENTENCES: ReadonlySet<SentenceType> = new Set([
  SentenceType.SDS,
  SentenceType.SDS_PLUS,
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.DTO,
]);

// Home detention curfew is for shorter determinate sentences only: extended sentences and
// sentences of four years or more (every SDS+) are excluded (domain.md §2.4).
export const HOME_DETENTION_CURFEW_SENTENCES: ReadonlySet<SentenceType> = new Set([SentenceType.SDS, SentenceType.DTO]);

/** Under four years, and not a sexual offence (those on the sex-offender register are excluded). */
export function allowsHomeDetentionCurfew(sentence: {
  type: SentenceType;
  lengthMonths?: number | null;
  offenceCategory: OffenceCategory;
}): boolean {
  return (
    HOME_DETENTION_CURFEW_SENTENCES.has(sentence.type) &&
    sentence.lengthMonths != null &&
    sentence.lengthMonths < 48 &&
    sentence.offenceCategory !== OffenceCategory.SEXUAL
  );
}
