// The last disclosure filter on free text a victim may be shown: a victim may learn the month of
// release, but never the day, the prison the offender is held in, or an address (Victims' Code right 11).

export const oneOf = (...parts: readonly string[]): string => `(?:${parts.join("|")})`;

// A piece counts only when it stands alone ("A12" is no house number, "2027-03-145" no date). Every
// piece also starts and ends on a letter or digit, so the "[… removed]" left in its place can never
// complete a new match next to it: one left-to-right pass is final, and redaction is idempotent.
const LETTER_OR_DIGIT = "[A-Za-z0-9]";
export const standalone = (body: string): string => `(?<!${LETTER_OR_DIGIT})${oneOf(body)}(?!${LETTER_OR_DIGIT})`;

// Keywords are recognised in title case and in capitals, as people type them.
const cased = (...words: readonly string[]): string => oneOf(...words.flatMap((word) => [word, word.toUpperCase()]));

// ---- Dates: the month (and year) may be told, the day may not. Matched in any case.

const DAY = oneOf("0?[1-9]", String.raw`[12]\d`, "3[01]");
const MONTH_NUMBER = oneOf("0?[1-9]", "1[0-2]");
// The lookahead keeps "March 2027" whole: its "20" is not a day.
const DAY_OF_MONTH = `${DAY}(?:st|nd|rd|th)?(?![a-z0-9])`;
const MONTH_NAME =
  oneOf(
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
  ) + "(?![a-z])";
const YEAR = oneOf(String.raw`\d{4}`, String.raw`'\d{2}`);
const SEPARATOR = String.raw`(?:\s+|-)`;
const TIME_OF_DAY = String.raw`T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?`;

const ISO_DATE = String.raw`\d{4}(?<isoSeparator>[-/.])${MONTH_NUMBER}\k<isoSeparator>${DAY}(?:${TIME_OF_DAY})?`;
// Day and month either way round ("14/03/2027", "3/14/27"); with dots only a full year, since
// "3.1.12" is far more often a paragraph number than a date.
const NUMERIC_DATE = oneOf(
  String.raw`${DAY}[/-]${DAY}[/-]${oneOf(String.raw`\d{4}`, String.raw`\d{2}`)}`,
  String.raw`${DAY}\.${DAY}\.\d{4}`,
);
// "14/03" with no year still gives the day; single digits ("24/7", "1/2") are left as numbers.
const DAY_SLASH_MONTH = oneOf("0[1-9]", String.raw`[12]\d`, "3[01]") + "/" + oneOf("0[1-9]", "1[0-2]");
// A range ("14-16 March", "14 to 16 March") gives its first day away as much as its last.
const DAYS_OF_MONTH = String.raw`${DAY_OF_MONTH}(?:\s*(?:-|–|to|and|or)\s*${DAY_OF_MONTH})?`;
const DAY_FIRST_DATE = String.raw`${DAYS_OF_MONTH}(?:\s+of)?${SEPARATOR}${MONTH_NAME}(?:,?${SEPARATOR}${YEAR})?`;
const MONTH_FIRST_DATE = String.raw`${MONTH_NAME}\.?(?:\s+the)?[\s-]*${DAYS_OF_MONTH}(?:,?\s+${YEAR})?`;

const DATE = new RegExp(
  standalone(oneOf(ISO_DATE, NUMERIC_DATE, DAY_SLASH_MONTH, DAY_FIRST_DATE, MONTH_FIRST_DATE)),
  "gi",
);

// ---- Postcodes: a full postcode is one street or building; the district ("LS6") is an area and stays.

const OUTWARD_CODE = String.raw`[A-Z]{1,2}\d[A-Z\d]?`;
const INWARD_CODE = String.raw`\d[A-Z]{2}`;
const POSTCODE = new RegExp(standalone(String.raw`${OUTWARD_CODE}\s{0,2}${INWARD_CODE}`), "gi");

// ---- Street addresses: a numbered building. A street named without a number ("north of Ring Road")
// describes an area and stays. Case matters here, so that "2 miles from the ring road" is prose.

const STREET_SUFFIXES = [
  "Road",
  "Rd",
  "Street",
  "St",
  "Lane",
  "Ln",
  "Avenue",
  "Ave",
  "Close",
  "Drive",
  "Dr",
  "Way",
  "Court",
  "Ct",
  "Crescent",
  "Cres",
  "Place",
  "Pl",
  "Gardens",
  "Gdns",
  "Terrace",
  "Tce",
  "Grove",
  "Hill",
  "Row",
  "Square",
  "Sq",
  "Walk",
  "Mews",
  "Parade",
  "Rise",
  "View",
  "Green",
  "Park",
];
export const STREET_SUFFIX = oneOf(
  ...STREET_SUFFIXES.flatMap((suffix) => [suffix, suffix.toUpperCase(), suffix.toLowerCase()]),
);
const STREET_NAME_WORD = String.raw`[A-Z][A-Za-z'’.-]*`;
export const STREET_NAME = String.raw`(?:${STREET_NAME_WORD}\s+){1,4}${STREET_SUFFIX}`;
// At most three digits, so a year ("2027 Court hearing") is never taken for a house number.
export const HOUSE_NUMBER = String.raw`\d{1,3}[A-Za-z]?(?:-\d{1,3}[A-Za-z]?)?`;
// No comma after the number: "on March 14, Ring Road was closed" is a date, not an address.
const NUMBERED_STREET = String.raw`${HOUSE_NUMBER}\s+${STREET_NAME}`;
// "Flat 3" alone already points at one home.
const UNIT = String.raw`${cased("Flat", "Unit", "Apartment", "Apt")}\.?\s*${HOUSE_NUMBER}`;
const UNIT_ADDRESS = String.raw`${UNIT}(?:,?\s+(?:${HOUSE_NUMBER}\s+)?${STREET_NAME})?`;

const ADDRESS = new RegExp(standalone(oneOf(UNIT_ADDRESS, NUMBERED_STREET)), "g");

// ---- Prisons: where the offender is held is never told. A bare place name ("Wandsworth") stays,
// because exclusion zones are described by area. Names are capitalised, which is how they are told
// apart from prose ("released from prison").

// At least two characters, ending on a letter: "Belmarsh", "O'Brien", "Belmarsh's".
// A keyword is never part of a name, so "HMP Belmarsh HMP Belmarsh" is two prisons, not one.
const PRISON_KEYWORD = String.raw`(?:HMP|HMYOI|YOI|HM|Prison|PRISON)(?![A-Za-z'’-])`;
const PRISON_NAME_WORD = String.raw`(?!${PRISON_KEYWORD})[A-Z](?=[A-Za-z'’-])[A-Za-z]*(?:['’-][A-Za-z]+)*`;
const PRISON_NAME = String.raw`${PRISON_NAME_WORD}(?:\s+(?:of\s+)?${PRISON_NAME_WORD})?`; // "Long Lartin", "Isle of Wight"
const PRISON_WORD = oneOf("Prison", "PRISON", "prison");
const YOI = oneOf("YOI", "yoi");
// After an explicit prefix the next words are a name however they are typed ("hmp leeds").
const ANY_CASE_NAME_WORD = String.raw`(?!${PRISON_KEYWORD})(?!(?:and|or|on|in|at|to|for|the|is|was|agreed|has|had|will|service)(?![A-Za-z]))[A-Za-z](?=[A-Za-z'’-])[A-Za-z]*(?:['’-][A-Za-z]+)*`;
const ANY_CASE_NAME = String.raw`${ANY_CASE_NAME_WORD}(?:\s+(?:of\s+)?${PRISON_NAME_WORD})?`;
const PRISON_PREFIX = oneOf(
  String.raw`${oneOf("HMP", "hmp", "Hmp")}(?:\s*(?:/|&|and)\s*${YOI})?`,
  oneOf("HMYOI", "hmyoi", "Hmyoi"),
  String.raw`${oneOf("Her", "His", "her", "his")}\s+${oneOf("Majesty's", "Majesty’s", "majesty's")}\s+${cased("Prison")}`,
  String.raw`HM\s+${cased("Prison")}(?:\s+(?:&|and)\s+YOI)?`,
  String.raw`HM\s+Young\s+Offender\s+Institution`,
  YOI,
);
// "HM Prison Service" is the organisation, not a prison.
const PREFIXED_PRISON = String.raw`${PRISON_PREFIX}\s+(?!Service(?![A-Za-z]))${ANY_CASE_NAME}(?:\s+${PRISON_WORD})?`;
// Words that open a sentence or qualify a prison without naming one ("The Prison Service", "HM Prison").
const NOT_A_PRISON_NAME = oneOf(
  "The",
  "A",
  "An",
  "This",
  "That",
  "These",
  "Those",
  "His",
  "Her",
  "Their",
  "Our",
  "Your",
  "My",
  "Its",
  "Which",
  "What",
  "Any",
  "Each",
  "Every",
  "No",
  "Another",
  "In",
  "At",
  "To",
  "From",
  "Into",
  "Of",
  "On",
  "Near",
  "Open",
  "Closed",
  "Local",
  "Private",
  "HM",
);
const NAMED_PRISON = String.raw`(?!${NOT_A_PRISON_NAME}(?![A-Za-z'’-]))${PRISON_NAME}\s+${oneOf(PRISON_WORD, "YOI")}`;
// A prisoner transferred under the Mental Health Act is held in a secure hospital: as private as a prison.
const NAMED_HOSPITAL = String.raw`(?!${NOT_A_PRISON_NAME}(?![A-Za-z'’-]))${PRISON_NAME}\s+(?:${cased("Secure")}\s+)?${cased("Hospital")}`;

// A name starts a word, not the middle of "Smith-Jones"; this also stops every part of a long
// hyphenated run from being scanned again as the start of a name, which would be quadratic.
const NOT_MID_WORD = "(?<!['’-])";
const PRISON = new RegExp(NOT_MID_WORD + standalone(oneOf(PREFIXED_PRISON, NAMED_PRISON, NAMED_HOSPITAL)), "g");

/** What a piece would give away. */
export type UndisclosableKind = "DAY_OF_MONTH" | "POSTCODE" | "STREET_ADDRESS" | "PLACE_OF_DETENTION";

interface Rule {
  readonly kind: UndisclosableKind;
  readonly pattern: RegExp;
  readonly replacement: string;
}

const RULES: readonly Rule[] = [
  { kind: "DAY_OF_MONTH", pattern: DATE, replacement: "[date removed]" },
  { kind: "POSTCODE", pattern: POSTCODE, replacement: "[postcode removed]" },
  { kind: "STREET_ADDRESS", pattern: ADDRESS, replacement: "[address removed]" },
  { kind: "PLACE_OF_DETENTION", pattern: PRISON, replacement: "[prison removed]" },
];

interface Piece {
  readonly kind: UndisclosableKind;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

function firstPieceFrom(rule: Rule, text: string, from: number): Piece | null {
  rule.pattern.lastIndex = from;
  const match = rule.pattern.exec(text);
  return match
    ? { kind: rule.kind, start: match.index, end: match.index + match[0].length, replacement: rule.replacement }
    : null;
}

// One left-to-right scan with every rule at once: the earliest piece wins (the longest, when two
// start together) and the scan resumes after it. Each rule's regex moves only forwards, so the cost
// stays linear in the text.
export function undisclosablePieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  const nextByRule = RULES.map((rule) => firstPieceFrom(rule, text, 0));
  let position = 0;
  for (;;) {
    let earliest: Piece | null = null;
    for (const [index, rule] of RULES.entries()) {
      let next = nextByRule[index];
      if (next !== null && next.start < position) next = nextByRule[index] = firstPieceFrom(rule, text, position);
      if (
        next !== null &&
        (earliest === null || next.start < earliest.start || (next.start === earliest.start && next.end > earliest.end))
      )
        earliest = next;
    }
    if (earliest === null) return pieces;
    pieces.push(earliest);
    position = earliest.end;
  }
}

function occursIn(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

// What a victim is shown must never fail to be filtered, so anything that is not a string becomes
// nothing rather than an exception.
const asText = (text: unknown): string => (typeof text === "string" ? text : "");

// The text with every day-precision date, full postcode, street address and prison name replaced.
export function redactForVictim(text: string): string {
  const source = asText(text);
  let redacted = "";
  let from = 0;
  for (const piece of undisclosablePieces(source)) {
    redacted += source.slice(from, piece.start) + piece.replacement;
    from = piece.end;
  }
  return redacted + source.slice(from);
}

// Whether the text names one place (a full postcode or a street address) rather than an area.
export function describesSingleAddress(text: string): boolean {
  const source = asText(text);
  return occursIn(POSTCODE, source) || occursIn(ADDRESS, source);
}

// Whether redactForVictim would change the text.
export function containsUndisclosable(text: string): boolean {
  return redactForVictim(text) !== text;
}
