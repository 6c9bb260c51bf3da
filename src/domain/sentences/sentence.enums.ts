export enum SentenceType {
  SDS = "SDS",
  SDS_PLUS = "SDS_PLUS",
  EDS = "EDS",
  SOPC = "SOPC",
  // Serious terrorism sentence (Sentencing Act 2020 ss.268A, 282A; CTSA 2021): a custodial term served
  // whole, with no parole (CJA 2003 s.247A(2A)), then an extended licence.
  STS = "STS",
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

// Release on licence happens by law at a fixed point (for EDS, SOPC and STS, the end of the custodial term).
export const AUTOMATIC_RELEASE_SENTENCES: ReadonlySet<SentenceType> = new Set([
  SentenceType.SDS,
  SentenceType.SDS_PLUS,
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.STS,
  SentenceType.DTO,
]);
