import { OffenceCategory, SentenceType } from "./sentence.enums";

// Release rules for England and Wales, as data. A new rule (a new fraction, a new commencement
// date, a new exclusion) is a new row in RELEASE_RULES; the calculator has no per-rule branches.
// Sources are those gathered in shared/research/domain.md §2.2–2.3. These are forecasts: HMPPS's
// own calculation (Calculate Release Dates) always wins when it is recorded.

export type KeyDateType =
  | "CRD"
  | "ARD"
  | "PED"
  | "SED"
  | "LED"
  | "SLED"
  | "TUSED"
  | "TARIFF_EXPIRY"
  | "HDCED"
  | "PRRD"
  | "ERSED"
  | "MTD"
  | "ETD"
  | "LTD";

/** An exact fraction, so that 40% of an odd number of days rounds the same way every time. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

const HALF: Fraction = { numerator: 1, denominator: 2 };
const TWO_THIRDS: Fraction = { numerator: 2, denominator: 3 };
const FORTY_PERCENT: Fraction = { numerator: 2, denominator: 5 };
const WHOLE: Fraction = { numerator: 1, denominator: 1 };

/** Custodial term in whole months: `min` inclusive, `max` exclusive; null means unbounded. */
export interface TermRange {
  min: number | null;
  max: number | null;
}

/**
 * When a row applies. Dates are ISO (YYYY-MM-DD); `from` inclusive, `until` exclusive, null unbounded.
 * - SENTENCE_DATE: the rule applies to sentences imposed in the range.
 * - RELEASE_ON_OR_AFTER: the rule applies to prisoners still in custody on `from` (their release
 *   under the `replaces` rule falls on or after it), whenever sentenced; nobody is released under
 *   it before `from` — those already past the new point on that day are released on it.
 */
type RuleApplicability =
  | { basis: "SENTENCE_DATE"; from: string | null; until: string | null }
  | { basis: "RELEASE_ON_OR_AFTER"; from: string; replaces: string };

/**
 * Offences taken out of a rule, when the custodial term is in `termMonths`: any of `categories`,
 * or (with `domesticAbuse`) any offence the court flagged as domestic abuse.
 */
interface RuleExclusion {
  categories: readonly OffenceCategory[];
  domesticAbuse?: true;
  termMonths: TermRange;
}

/** The licence that follows the custodial term, beyond it: EDS extension period, SOPC's fixed year. */
type LicenceExtension = { kind: "EXTENSION_PERIOD" } | { kind: "FIXED"; months: number };

export interface ReleaseRule {
  /** Stable: stored with each calculated key date. Never reuse or rename an id. */
  id: string;
  description: string;
  source: string;
  sentenceType: SentenceType;
  /** null: every category. */
  offenceCategories: readonly OffenceCategory[] | null;
  termMonths: TermRange;
  applies: RuleApplicability;
  exclusions: readonly RuleExclusion[];
  /** Conditional (automatic) release at this fraction of the custodial term: CRD. */
  crdFraction: Fraction | null;
  /** Automatic release at this fraction of the custodial term for EDS/SOPC: ARD. */
  ardFraction: Fraction | null;
  /** Parole Board may release from this fraction of the custodial term: PED. */
  pedFraction: Fraction | null;
  /** A detention and training order's release to supervision at this fraction of the order: MTD. */
  mtdFraction?: Fraction;
  licenceExtension: LicenceExtension | null;
  /** Key dates that exist for this rule; the calculator emits exactly these (TUSED only when PSS applies). */
  keyDates: readonly KeyDateType[];
  automaticRelease: boolean;
}

const ANY_TERM: TermRange = { min: null, max: null };
const ALWAYS: RuleApplicability = { basis: "SENTENCE_DATE", from: null, until: null };

// Post-sentence supervision (Offender Rehabilitation Act 2014 s.2, inserting CJA 2003 s.256AA):
// sentences of more than 1 day and under 2 years for offences on/after 1 Feb 2015 are followed
// by supervision to 12 months after release (TUSED). We use the sentence date for the offence
// date, which we do not hold. [VERIFY: whether PSS is still in force when the forecast is used]
export const POST_SENTENCE_SUPERVISION = {
  from: "2015-02-01",
  maxTermMonths: 24,
  supervisionMonths: 12,
  source: "https://legislation.gov.uk/ukpga/2014/11/section/2/notes",
} as const;

// SDS40 exclusions. Our offence categories are coarser than the statutory lists in the
// CJA 2003 (Requisite and Minimum Custodial Periods) Order 2024: the Order excludes Sexual Offences
// Act 1956/2003 and Sch 15 sexual offences, Sch 15 violent offences with a sentence of 4 years or
// more, stalking, controlling or coercive behaviour, non-fatal strangulation, other listed domestic
// abuse offences and national-security offences. The domestic-abuse offences are excluded at any
// length (HMPPS's SDSEarlyReleaseExclusionMappingService: only the violent exclusion depends on
// the length), so the court's domestic-abuse flag on the sentence takes any category out.
const SDS40_EXCLUSIONS: readonly RuleExclusion[] = [
  { categories: [OffenceCategory.SEXUAL, OffenceCategory.TERRORISM], termMonths: ANY_TERM },
  { categories: [OffenceCategory.VIOLENT], termMonths: { min: 48, max: null } },
  { categories: [], domesticAbuse: true, termMonths: ANY_TERM },
];

// Terrorist prisoners (CJA 2003 s.247A, inserted by the Terrorist Offenders (Restriction of Early
// Release) Act 2020, in force 26 Feb 2020 for everyone then in custody): the Board may release from
// two thirds, and release is automatic only at the end of the custodial term. HMPPS's calculator
// refuses these sentences (ToreraSupportedValidation: SDS_TORERA_EXCLUSION), so there is no
// HMPPS figure to follow; these rows follow the statute.
const TERRORIST_SOURCE =
  "CJA 2003 s.247A (Terrorist Offenders (Restriction of Early Release) Act 2020 s.1); https://www.legislation.gov.uk/ukpga/2020/3/section/1";

const SDS40_SOURCE =
  "CJA 2003 (Requisite and Minimum Custodial Periods) Order 2024; https://levysolicitors.co.uk/2024/08/20/parliament-approves-early-prisoner-release-plans ; https://clinks.org/community/blog-posts/sds40-policy-and-next-steps";

/** A determinate sentence for a TERRORISM offence under s.247A: PED at two thirds, ARD at the end. */
function terroristRule(
  id: string,
  sentence: string,
  sentenceType: SentenceType,
  applies: RuleApplicability,
): ReleaseRule {
  return {
    id,
    description: `${sentence} for a terrorist offence: parole from two thirds, automatic release at the end of the term`,
    source: TERRORIST_SOURCE,
    sentenceType,
    offenceCategories: [OffenceCategory.TERRORISM],
    termMonths: ANY_TERM,
    applies,
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: TWO_THIRDS,
    licenceExtension: null,
    keyDates: ["PED", "ARD", "SLED"],
    automaticRelease: true,
  };
}

export const RELEASE_RULES: readonly ReleaseRule[] = [
  {
    id: "SDS_HALF",
    description: "Standard determinate sentence: automatic release at one half of the term",
    source: "CJA 2003 s.244; https://www.olliers.com/news/how-long-will-i-serve/",
    sentenceType: SentenceType.SDS,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: ALWAYS,
    exclusions: [],
    crdFraction: HALF,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["CRD", "SLED", "TUSED"],
    automaticRelease: true,
  },
  {
    // First tranche: sentences under 5 years, from 10 Sep 2024.
    id: "SDS40",
    description:
      "Standard determinate sentence under 5 years: automatic release at 40% (released on or after 10 Sep 2024)",
    source: SDS40_SOURCE,
    sentenceType: SentenceType.SDS,
    offenceCategories: null,
    termMonths: { min: null, max: 60 },
    applies: { basis: "RELEASE_ON_OR_AFTER", from: "2024-09-10", replaces: "SDS_HALF" },
    exclusions: SDS40_EXCLUSIONS,
    crdFraction: FORTY_PERCENT,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["CRD", "SLED", "TUSED"],
    automaticRelease: true,
  },
  {
    // Second tranche: sentences of 5 years or more, from 22 Oct 2024.
    id: "SDS40_TRANCHE_2",
    description:
      "Standard determinate sentence of 5 years or more: automatic release at 40% (released on or after 22 Oct 2024)",
    source: SDS40_SOURCE,
    sentenceType: SentenceType.SDS,
    offenceCategories: null,
    termMonths: { min: 60, max: null },
    applies: { basis: "RELEASE_ON_OR_AFTER", from: "2024-10-22", replaces: "SDS_HALF" },
    exclusions: SDS40_EXCLUSIONS,
    crdFraction: FORTY_PERCENT,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["CRD", "SLED", "TUSED"],
    automaticRelease: true,
  },
  terroristRule("SDS_TERRORIST", "Standard determinate sentence", SentenceType.SDS, {
    basis: "RELEASE_ON_OR_AFTER",
    from: "2020-02-26",
    replaces: "SDS_HALF",
  }),
  {
    // The SDS_PLUS type is taken as recorded (HMPPS classifies it): >= 7 years for a Sch 15 offence
    // carrying life from 1 Apr 2020; 4-7 years for listed sexual/violent offences from 28 Jun 2022
    // (PCSC Act 2022 s.130). We do not re-check the offence lists or the term.
    id: "SDS_PLUS_TWO_THIRDS",
    description: "SDS+ (serious violent or sexual offence): automatic release at two thirds of the term",
    source:
      "CJA 2003 s.244ZA; Release of Prisoners (Alteration of Relevant Proportion of Sentence) Order 2020; PCSC Act 2022 s.130; https://www.legislation.gov.uk/ukpga/2003/44/section/244ZA/data.html",
    sentenceType: SentenceType.SDS_PLUS,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: { basis: "SENTENCE_DATE", from: "2020-04-01", until: null },
    exclusions: [{ categories: [OffenceCategory.TERRORISM], termMonths: ANY_TERM }],
    crdFraction: TWO_THIRDS,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["CRD", "SLED"],
    automaticRelease: true,
  },
  terroristRule("SDS_PLUS_TERRORIST", "SDS+", SentenceType.SDS_PLUS, {
    basis: "SENTENCE_DATE",
    from: "2020-04-01",
    until: null,
  }),
  {
    // The whole custodial term, then automatic release; no parole (s.247A(2A)); the extension
    // period follows on licence. HMPPS's calculator does not implement STS (STS18, STS21:
    // UNIMPLEMENTED_SENTENCE_TYPE); this follows the statute.
    id: "STS",
    description:
      "Serious terrorism sentence: automatic release at the end of the custodial term, no parole, licence to the end of the extension",
    source:
      "Sentencing Act 2020 ss.268A, 282A; CJA 2003 s.247A(2A) (Counter-Terrorism and Sentencing Act 2021, in force 29 Jun 2021)",
    sentenceType: SentenceType.STS,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: { basis: "SENTENCE_DATE", from: "2021-06-29", until: null },
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: null,
    licenceExtension: { kind: "EXTENSION_PERIOD" },
    keyDates: ["ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    // LASPO EDS before 13 Apr 2015 with a custodial term under 10 years: automatic at two thirds.
    // The statute also sends Sch 15B offences to the Parole Board; our categories cannot tell. [VERIFY]
    id: "EDS_2012_AUTOMATIC",
    description:
      "Extended determinate sentence (3 Dec 2012 to 12 Apr 2015, custodial term under 10 years): automatic release at two thirds",
    source: "CJA 2003 s.246A as enacted by LASPO 2012; http://legislation.data.gov.uk/ukpga/2015/2/section/4/notes",
    sentenceType: SentenceType.EDS,
    offenceCategories: null,
    termMonths: { min: null, max: 120 },
    applies: { basis: "SENTENCE_DATE", from: "2012-12-03", until: "2015-04-13" },
    exclusions: [],
    crdFraction: null,
    ardFraction: TWO_THIRDS,
    pedFraction: null,
    licenceExtension: { kind: "EXTENSION_PERIOD" },
    keyDates: ["ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    id: "EDS_2012_PAROLE",
    description:
      "Extended determinate sentence (3 Dec 2012 to 12 Apr 2015, custodial term 10 years or more): parole from two thirds, automatic at the end of the custodial term",
    source: "CJA 2003 s.246A as enacted by LASPO 2012; http://legislation.data.gov.uk/ukpga/2015/2/section/4/notes",
    sentenceType: SentenceType.EDS,
    offenceCategories: null,
    termMonths: { min: 120, max: null },
    applies: { basis: "SENTENCE_DATE", from: "2012-12-03", until: "2015-04-13" },
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: TWO_THIRDS,
    licenceExtension: { kind: "EXTENSION_PERIOD" },
    keyDates: ["PED", "ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    // Criminal Justice and Courts Act 2015 s.4: every EDS from 13 Apr 2015 goes to the Parole Board
    // from two thirds. (Serious terrorism EDS under CTSA 2021 have no PED; not distinguished here. [VERIFY])
    id: "EDS_2015",
    description:
      "Extended determinate sentence (from 13 Apr 2015): parole from two thirds of the custodial term, automatic at its end, licence to the end of the extension",
    source:
      "CJA 2003 s.246A as amended by CJCA 2015 s.4; http://legislation.data.gov.uk/ukpga/2015/2/section/4/notes ; https://legislation.gov.uk/ukpga/2020/17/section/281/enacted/data.xht?view=snippet&wrap=true",
    sentenceType: SentenceType.EDS,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: { basis: "SENTENCE_DATE", from: "2015-04-13", until: null },
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: TWO_THIRDS,
    licenceExtension: { kind: "EXTENSION_PERIOD" },
    keyDates: ["PED", "ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    // CJA 2003 s.244A (inserted by CJCA 2015 Sch 1, in force 13 Apr 2015): the "requisite custodial
    // period" is one half of the appropriate custodial term.
    id: "SOPC_HALF",
    description:
      "Sentence for offenders of particular concern (before 28 Jun 2022): parole from one half of the custodial term, automatic at its end, then 1 year on licence",
    source:
      "CJA 2003 s.244A; Sentencing Act 2020 s.278; https://legislation.gov.uk/ukpga/2020/17/group/THIRD/part/10/chapter/4/enacted/data.xht",
    sentenceType: SentenceType.SOPC,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: { basis: "SENTENCE_DATE", from: "2015-04-13", until: "2022-06-28" },
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: HALF,
    licenceExtension: { kind: "FIXED", months: 12 },
    keyDates: ["PED", "ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    // [VERIFY] We take the PCSC Act 2022 change of the SOPC parole point from one half to two thirds
    // as applying to sentences imposed on/after 28 Jun 2022 (the Act's sentencing commencement).
    // Terrorist SOPCs moved to two thirds earlier (Terrorist Offenders (Restriction of Early
    // Release) Act 2020); not modelled.
    id: "SOPC_TWO_THIRDS",
    description:
      "Sentence for offenders of particular concern (from 28 Jun 2022): parole from two thirds of the custodial term, automatic at its end, then 1 year on licence",
    source:
      "PCSC Act 2022 Part 7; https://gov.uk/government/publications/police-crime-sentencing-and-courts-bill-2021-factsheets/police-crime-sentencing-and-courts-bill-2021-release-of-serious-offenders-factsheet",
    sentenceType: SentenceType.SOPC,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: { basis: "SENTENCE_DATE", from: "2022-06-28", until: null },
    exclusions: [],
    crdFraction: null,
    ardFraction: WHOLE,
    pedFraction: TWO_THIRDS,
    licenceExtension: { kind: "FIXED", months: 12 },
    keyDates: ["PED", "ARD", "LED", "SED"],
    automaticRelease: true,
  },
  {
    // Release only when the Parole Board directs it after the minimum term (tariff); a whole-life
    // order has no tariff and so no dates: it is never forecast a release (HMPPS's calculator
    // takes no indeterminate sentence either: they are entered by hand).
    id: "LIFE_TARIFF",
    description: "Life sentence: eligible for Parole Board review at tariff expiry; no release date",
    source:
      "CJA 2003 s.269, Crime (Sentences) Act 1997 s.28; https://www.prisonersfamilies.org/life-and-indeterminate-sentences-ipp/",
    sentenceType: SentenceType.LIFE,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: ALWAYS,
    exclusions: [],
    crdFraction: null,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["TARIFF_EXPIRY"],
    automaticRelease: false,
  },
  {
    id: "IPP_TARIFF",
    description:
      "Imprisonment for public protection: eligible for Parole Board review at tariff expiry; no release date",
    source:
      "Crime (Sentences) Act 1997 s.28; https://gov.uk/government/publications/imprisonment-for-public-protection-ipp",
    sentenceType: SentenceType.IPP,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: ALWAYS,
    exclusions: [],
    crdFraction: null,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: ["TARIFF_EXPIRY"],
    automaticRelease: false,
  },
  {
    // The mid-point (MTD) of a detention and training order, and the early and late dates around it
    // (ETD, LTD: 1 month for orders of 8 to under 18 months, 2 months for 18 to 24). Sentencing Act
    // 2020 s.237 has the court account for remand in the length of the order, so remandDays should
    // normally be 0 for a DTO. [VERIFY]
    id: "DTO_HALF",
    description:
      "Detention and training order: release to supervision at one half of the order (MTD), or early or late by 1–2 months (ETD, LTD)",
    source:
      "Sentencing Act 2020 ss.233-248 (formerly PCC(S)A 2000 s.102); DVCVA 2004 s.45; calculate-release-dates-api @cd827b07 BookingExtractionService.kt, SentenceAdjustedCalculationService.kt",
    sentenceType: SentenceType.DTO,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: ALWAYS,
    exclusions: [],
    crdFraction: null,
    ardFraction: null,
    pedFraction: null,
    mtdFraction: HALF,
    licenceExtension: null,
    keyDates: ["MTD", "ETD", "LTD", "SED"],
    automaticRelease: true,
  },
  {
    // Discharge is decided by the tribunal / Secretary of State (restricted) or clinicians.
    id: "HOSPITAL_ORDER",
    description:
      "Hospital order: no release date; discharge is decided by the tribunal, the Secretary of State or clinicians",
    source: "Mental Health Act 1983 Part 3; DVCVA 2004 ss.36-44",
    sentenceType: SentenceType.HOSPITAL_ORDER,
    offenceCategories: null,
    termMonths: ANY_TERM,
    applies: ALWAYS,
    exclusions: [],
    crdFraction: null,
    ardFraction: null,
    pedFraction: null,
    licenceExtension: null,
    keyDates: [],
    automaticRelease: false,
  },
];
