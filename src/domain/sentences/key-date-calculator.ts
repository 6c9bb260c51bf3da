import { OffenceCategory, SentenceType } from "./sentence.enums";
import { isBankHoliday } from "../calendar/bank-holidays";
import {
  Fraction,
  KeyDateType,
  POST_SENTENCE_SUPERVISION,
  RELEASE_RULES,
  ReleaseRule,
  TermRange,
} from "./release-rules";

// Forecast key dates from the rules in release-rules.ts (domain.md §2.3). Pure: no clock, no I/O.
// Dates are ISO strings handled as whole UTC days, so there is no time-zone drift.

export interface SentenceForRules {
  type: SentenceType;
  /** ISO date the sentence was imposed. */
  sentenceDate: string;
  /** Custodial term in months (EDS/SOPC: the custodial term, without the licence extension). */
  lengthMonths: number | null;
  /** EDS extension period in months. */
  extensionMonths: number | null;
  /** LIFE/IPP minimum term in months; null for a whole-life order or a tariff not yet set. */
  tariffMonths: number | null;
  /** Days credited for remand in custody (CJA 2003 s.240ZA); they come off every date. */
  remandDays: number;
  offenceCategory: OffenceCategory;
  /** The court flagged the offence as domestic abuse (excluded from 40% release). */
  domesticAbuse?: boolean;
}

interface CalculatedKeyDate {
  type: KeyDateType;
  date: string;
  /** the statutory date before the release-day adjustment, when it moved */
  unadjustedDate: string | null;
}

export interface KeyDateCalculation {
  ruleId: string;
  ruleDescription: string;
  keyDates: CalculatedKeyDate[];
  /** The adjusted CRD, or ARD for EDS/SOPC/STS, or MTD for a DTO: the date the victim's release
   * month comes from. null when there is no release date: hospital orders, life and IPP. */
  releaseDate: string | null;
  /** The adjusted PED, or the tariff expiry for LIFE/IPP; null when there is none. */
  paroleEligibilityDate: string | null;
  automaticRelease: boolean;
}

/** The sentence cannot be calculated: missing or invalid input, or no rule covers it. */
export class KeyDateCalculationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyDateCalculationError";
  }
}

// Release dates, moved off Fridays, weekends and the day before a bank holiday as HMPPS's
// NonFridayReleaseService does (supportedTypes: CRD, ARD, PRRD, ETD, MTD, LTD). Parole eligibility
// and tariff expiry are not release dates: the Board's decision comes later, so they stay as the
// statute gives them (CJA 2003 s.246A, s.28 C(S)A 1997).
const RELEASE_DAY_ADJUSTED: ReadonlySet<KeyDateType> = new Set<KeyDateType>([
  "CRD",
  "ARD",
  "PRRD",
  "MTD",
  "ETD",
  "LTD",
]);

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC). */
type Day = number;

function parseIsoDate(value: string, field: string): Day {
  const match = ISO_DATE.exec(value);
  if (!match) throw new KeyDateCalculationError(`${field} must be an ISO date (YYYY-MM-DD), got "${value}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (toIso(ms / DAY_MS) !== value) throw new KeyDateCalculationError(`${field} is not a calendar date: "${value}"`);
  return ms / DAY_MS;
}

function toIso(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Calendar months, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb), as
// java.time's plusMonths does in the HMPPS calculator.
function addMonths(day: Day, months: number): Day {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const targetMonth = date.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(year, targetMonth, Math.min(date.getUTCDate(), lastDayOfTarget)) / DAY_MS;
}

function isWeekend(day: Day): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function isNonWorkingDay(day: Day): boolean {
  return isWeekend(day) || isBankHoliday(toIso(day));
}

// NonFridayReleaseService (domain.md §2.3): move earlier while the date, or the day after it, is a
// weekend or bank holiday, so nobody is released on a Friday or the day before a bank holiday.
function adjustReleaseDay(day: Day): Day {
  let adjusted = day;
  while (isNonWorkingDay(adjusted) || isNonWorkingDay(adjusted + 1)) adjusted -= 1;
  return adjusted;
}

// ceil(fraction × days) in integers, so 2/5 or 2/3 of a term never suffers floating-point error.
function ceilFraction(fraction: Fraction, days: number): number {
  return Math.floor((fraction.numerator * days + fraction.denominator - 1) / fraction.denominator);
}

function inTermRange(range: TermRange, lengthMonths: number | null): boolean {
  if (range.min === null && range.max === null) return true;
  if (lengthMonths === null) return false;
  return (range.min === null || lengthMonths >= range.min) && (range.max === null || lengthMonths < range.max);
}

function matchesSentence(rule: ReleaseRule, sentence: SentenceForRules): boolean {
  if (rule.sentenceType !== sentence.type) return false;
  if (rule.offenceCategories !== null && !rule.offenceCategories.includes(sentence.offenceCategory)) return false;
  if (!inTermRange(rule.termMonths, sentence.lengthMonths)) return false;
  return !rule.exclusions.some(
    (ex) =>
      (ex.categories.includes(sentence.offenceCategory) ||
        (ex.domesticAbuse === true && sentence.domesticAbuse === true)) &&
      inTermRange(ex.termMonths, sentence.lengthMonths),
  );
}

function ruleStart(rule: ReleaseRule): string {
  return rule.applies.from ?? "";
}

interface Inputs {
  sentenceDay: Day;
  remandDays: number;
  lengthMonths: number | null;
}

function requireMonths(value: number | null, field: string, ruleId: string): number {
  if (value === null) throw new KeyDateCalculationError(`${field} is required for rule ${ruleId}`);
  if (!Number.isInteger(value) || value < 0)
    throw new KeyDateCalculationError(`${field} must be a whole number of months, got ${value}`);
  return value;
}

/** Custodial term in days: from the sentence date to the same date `lengthMonths` later. */
function custodialTermDays(inputs: Inputs, ruleId: string): number {
  const months = requireMonths(inputs.lengthMonths, "lengthMonths", ruleId);
  if (months === 0) throw new KeyDateCalculationError("lengthMonths must be at least 1");
  return addMonths(inputs.sentenceDay, months) - inputs.sentenceDay;
}

/** S + ceil(f × T) − 1 − R (domain.md §2.3). */
function fractionPoint(rule: ReleaseRule, fraction: Fraction, inputs: Inputs): Day {
  return inputs.sentenceDay + ceilFraction(fraction, custodialTermDays(inputs, rule.id)) - 1 - inputs.remandDays;
}

function statutoryCrd(rule: ReleaseRule, inputs: Inputs): Day {
  if (!rule.crdFraction) throw new KeyDateCalculationError(`rule ${rule.id} has no CRD`);
  const point = fractionPoint(rule, rule.crdFraction, inputs);
  // A release-based rule (SDS40) releases nobody before its commencement.
  return rule.applies.basis === "RELEASE_ON_OR_AFTER"
    ? Math.max(point, parseIsoDate(rule.applies.from, "rule start"))
    : point;
}

function appliesOnDates(rule: ReleaseRule, sentence: SentenceForRules, inputs: Inputs): boolean {
  const applies = rule.applies;
  if (applies.basis === "SENTENCE_DATE") {
    return (
      (applies.from === null || sentence.sentenceDate >= applies.from) &&
      (applies.until === null || sentence.sentenceDate < applies.until)
    );
  }
  // Still in custody on commencement: release under the rule it replaces falls on or after it.
  const replaced = RELEASE_RULES.find((r) => r.id === applies.replaces);
  if (!replaced || !matchesSentence(replaced, sentence) || !appliesOnDates(replaced, sentence, inputs)) return false;
  return toIso(statutoryCrd(replaced, inputs)) >= applies.from;
}

/** The rule for a sentence: of the rows that match, the one that commenced last. */
function selectReleaseRule(sentence: SentenceForRules): ReleaseRule {
  const inputs = toInputs(sentence);
  const candidates = RELEASE_RULES.filter(
    (rule) => matchesSentence(rule, sentence) && appliesOnDates(rule, sentence, inputs),
  );
  if (candidates.length === 0) {
    throw new KeyDateCalculationError(
      `no release rule for a ${sentence.type} sentence imposed on ${sentence.sentenceDate} (${sentence.offenceCategory}, ${sentence.lengthMonths ?? "no"} months)`,
    );
  }
  const latest = candidates.reduce((a, b) => (ruleStart(b) > ruleStart(a) ? b : a));
  const tied = candidates.filter((rule) => ruleStart(rule) === ruleStart(latest));
  if (tied.length > 1) throw new KeyDateCalculationError(`release rules overlap: ${tied.map((r) => r.id).join(", ")}`);
  return latest;
}

function toInputs(sentence: SentenceForRules): Inputs {
  if (!Number.isInteger(sentence.remandDays) || sentence.remandDays < 0) {
    throw new KeyDateCalculationError(`remandDays must be a whole number of days, got ${sentence.remandDays}`);
  }
  return {
    sentenceDay: parseIsoDate(sentence.sentenceDate, "sentenceDate"),
    remandDays: sentence.remandDays,
    lengthMonths: sentence.lengthMonths,
  };
}

function licenceMonths(rule: ReleaseRule, sentence: SentenceForRules, inputs: Inputs): number {
  custodialTermDays(inputs, rule.id); // validates lengthMonths
  const custodial = requireMonths(sentence.lengthMonths, "lengthMonths", rule.id);
  if (!rule.licenceExtension) return custodial;
  const extension =
    rule.licenceExtension.kind === "FIXED"
      ? rule.licenceExtension.months
      : requireMonths(sentence.extensionMonths, "extensionMonths", rule.id);
  return custodial + extension;
}

function postSentenceSupervisionApplies(sentence: SentenceForRules): boolean {
  return (
    sentence.sentenceDate >= POST_SENTENCE_SUPERVISION.from &&
    sentence.lengthMonths !== null &&
    sentence.lengthMonths < POST_SENTENCE_SUPERVISION.maxTermMonths
  );
}

/** The statutory date of one key date type under a rule, before any release-day adjustment; null if it does not arise. */
function statutoryDate(type: KeyDateType, rule: ReleaseRule, sentence: SentenceForRules, inputs: Inputs): Day | null {
  const endOf = (months: number): Day => addMonths(inputs.sentenceDay, months) - 1 - inputs.remandDays;
  switch (type) {
    case "CRD":
      return statutoryCrd(rule, inputs);
    case "ARD":
      return rule.ardFraction ? fractionPoint(rule, rule.ardFraction, inputs) : null;
    case "PED":
      return rule.pedFraction ? fractionPoint(rule, rule.pedFraction, inputs) : null;
    case "SED":
    case "LED":
    case "SLED":
      return endOf(licenceMonths(rule, sentence, inputs));
    case "TUSED":
      // Supervision to 12 months after release (CRD before adjustment). [VERIFY against the calculator]
      return postSentenceSupervisionApplies(sentence)
        ? addMonths(statutoryCrd(rule, inputs), POST_SENTENCE_SUPERVISION.supervisionMonths)
        : null;
    case "MTD":
      return rule.mtdFraction ? fractionPoint(rule, rule.mtdFraction, inputs) : null;
    case "ETD":
    case "LTD": {
      // 1 month either side of the MTD for orders of 8 to under 18 months, 2 for 18 to 24 months.
      const months = dtoEarlyLateMonths(inputs.lengthMonths);
      if (!rule.mtdFraction || months === null) return null;
      return addMonths(fractionPoint(rule, rule.mtdFraction, inputs), type === "ETD" ? -months : months);
    }
    // Recorded from HMPPS (recall, curfew and removal depend on facts we do not forecast).
    case "HDCED":
    case "PRRD":
    case "ERSED":
      return null;
    case "TARIFF_EXPIRY":
      // Last day of the minimum term, less remand, as for SED. [VERIFY: HMPPS may count it without the −1]
      return sentence.tariffMonths === null
        ? null
        : endOf(requireMonths(sentence.tariffMonths, "tariffMonths", rule.id));
  }
}

function dtoEarlyLateMonths(lengthMonths: number | null): number | null {
  if (lengthMonths === null || lengthMonths < 8) return null;
  if (lengthMonths < 18) return 1;
  return lengthMonths <= 24 ? 2 : null;
}

export function calculateKeyDates(sentence: SentenceForRules): KeyDateCalculation {
  const rule = selectReleaseRule(sentence);
  const inputs = toInputs(sentence);
  const keyDates: CalculatedKeyDate[] = [];
  for (const type of rule.keyDates) {
    const statutory = statutoryDate(type, rule, sentence, inputs);
    if (statutory === null) continue;
    const adjusted = RELEASE_DAY_ADJUSTED.has(type) ? adjustReleaseDay(statutory) : statutory;
    keyDates.push({ type, date: toIso(adjusted), unadjustedDate: adjusted === statutory ? null : toIso(statutory) });
  }
  const find = (type: KeyDateType): string | null => keyDates.find((k) => k.type === type)?.date ?? null;
  return {
    ruleId: rule.id,
    ruleDescription: rule.description,
    keyDates,
    releaseDate: find("CRD") ?? find("ARD") ?? find("MTD"),
    paroleEligibilityDate: find("PED") ?? find("TARIFF_EXPIRY"),
    automaticRelease: rule.automaticRelease,
  };
}
