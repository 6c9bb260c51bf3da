// The one disclosure check on free text a victim may receive, made when the text is written
// (Victims' Code right 11; DVCVA 2004 s.35): a victim may be told the month, never a day, never where
// the offender is held, never an address. It is stricter than the redaction applied on the way out
// (victim-facing-text.ts), which stays as a second line: here a doubtful text is refused, so the
// officer rewrites it, rather than patched.
import { DomainError } from "../errors/domain-error";
import { UserErrorCode } from "../errors/user-error-code.enum";
import { PLACES_OF_DETENTION, type PlaceOfDetention } from "./places-of-detention";
import {
  HOUSE_NUMBER,
  STREET_NAME,
  STREET_SUFFIX,
  oneOf,
  standalone,
  undisclosablePieces,
  type UndisclosableKind,
} from "./victim-facing-text";

export interface DisclosureRisk {
  readonly kind: UndisclosableKind;
  /** The words that gave it away, as written. */
  readonly words: string;
}

/** "may" → "[Mm][Aa][Yy]": matched in any case inside a pattern that is otherwise case-sensitive. */
const anyCase = (word: string): string =>
  word.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
const anyCaseOneOf = (...words: readonly string[]): string => oneOf(...words.map(anyCase));

// ---- Days of the month, in every form people write them

const DAY_NUMBER = oneOf("0?[1-9]", String.raw`[12]\d`, "3[01]");
const ORDINAL_SUFFIX = anyCaseOneOf("st", "nd", "rd", "th");
const UNIT_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
const UNIT_CARDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"];
const LATE_ORDINALS = oneOf(
  anyCaseOneOf(...TEENS, "eighteenth", "nineteenth", "twentieth", "thirtieth"),
  String.raw`${anyCase("twenty")}[\s-]?${anyCaseOneOf(...UNIT_ORDINALS)}`,
  String.raw`${anyCase("thirty")}[\s-]?${anyCase("first")}`,
);
const DAY_ORDINAL_WORD = oneOf(LATE_ORDINALS, anyCaseOneOf(...UNIT_ORDINALS));
const DAY_CARDINAL_WORD = oneOf(
  String.raw`${anyCase("twenty")}[\s-]?${anyCaseOneOf(...UNIT_CARDINALS)}`,
  String.raw`${anyCase("thirty")}[\s-]?${anyCase("one")}`,
  anyCaseOneOf(...UNIT_CARDINALS, "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
  anyCaseOneOf("seventeen", "eighteen", "nineteen", "twenty", "thirty"),
);
const DAY_WORD = oneOf(DAY_ORDINAL_WORD, DAY_CARDINAL_WORD);
// Month names in any case, except that "may" is a month only when capitalised ("he may one day").
const MONTHS_BUT_MAY = [
  ...["january", "february", "march", "april", "june", "july"],
  ...["august", "september", "october", "november", "december"],
];
const MONTH = oneOf(
  ...MONTHS_BUT_MAY.flatMap((name) => [anyCase(name), `${anyCase(name.slice(0, 3))}\\.?`]),
  anyCase("sept"),
  "May",
  "MAY",
);
const WEEKDAY = oneOf(
  anyCaseOneOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
  // Abbreviations only capitalised: "sat 5 exams" is not a Saturday.
  String.raw`(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?`,
);
const THE = anyCase("the");

const DAY_PATTERNS: readonly string[] = [
  // "26th", "the 1st": an ordinal number is a day.
  `${DAY_NUMBER}${ORDINAL_SUFFIX}`,
  // "Thursday 26", "Thu the 26th", "Friday twenty-sixth"
  String.raw`${WEEKDAY},?\s+(?:${THE}\s+)?(?:${DAY_NUMBER}${ORDINAL_SUFFIX}?|${DAY_WORD})`,
  // "twenty-sixth of March", "twenty six March"
  String.raw`(?:${THE}\s+)?${DAY_WORD}(?:\s+${anyCase("of")})?[\s-]+${MONTH}`,
  // "March the twenty-sixth", "March twenty-six"
  String.raw`${MONTH}(?:\s+${THE})?[\s-]+${DAY_WORD}`,
  // "on the twenty-sixth": an ordinal past ten with "the" is a day, unless a century.
  String.raw`${THE}\s+${LATE_ORDINALS}(?![\s-]+${anyCase("century")})`,
  // "20270326", "26032027"
  String.raw`(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`,
  String.raw`(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d`,
];

// Short numeric dates need a look at the numbers: "26.3.27", "3/26" and "14/03" are days; "24/7",
// "3-4 miles" and "2.5 hours" are not. With a year any separator counts; without one only a slash.
const SHORT_NUMERIC_DATE =
  /(?<![\w./-])(\d{1,2})(?:(\/)(\d{1,2})(?:\/(\d{2}|\d{4}))?|([./-])(\d{1,2})\5(\d{2}|\d{4}))(?![\w/-]|\.\d)/g;

function isDayAndMonth(first: number, second: number): boolean {
  const isDay = (n: number): boolean => n >= 1 && n <= 31;
  const isMonth = (n: number): boolean => n >= 1 && n <= 12;
  return (isDay(first) && isMonth(second)) || (isMonth(first) && isDay(second));
}

function shortNumericDates(text: string): DisclosureRisk[] {
  const risks: DisclosureRisk[] = [];
  for (const match of text.matchAll(SHORT_NUMERIC_DATE)) {
    const first = Number(match[1]);
    const second = Number(match[3] ?? match[6]);
    const yearless = match[2] === "/" && match[4] === undefined;
    if (yearless && match[0] === "24/7") continue;
    if (isDayAndMonth(first, second)) risks.push({ kind: "DAY_OF_MONTH", words: match[0] });
  }
  return risks;
}

// ---- Places of detention, from the published lists (places-of-detention.ts)

const DETENTION_WORDS: Record<PlaceOfDetention["kind"], readonly string[]> = {
  PRISON: ["prison", "jail", "gaol", "hmp", "hmyoi", "yoi", "nick", "carchar"],
  YOI: ["prison", "jail", "hmyoi", "yoi", "young offender institution", "young offenders institution"],
  SECURE_CHILDRENS: ["stc", "secure training centre", "secure school", "secure unit", "secure centre", "secure home"],
  IRC: ["irc", "immigration removal centre", "removal centre", "detention centre"],
  HIGH_SECURE_HOSPITAL: ["hospital", "secure hospital", "special hospital"],
  SECURE_HOSPITAL: ["hospital", "secure hospital", "clinic", "unit", "secure unit", "centre"],
};

// "Guy's Marsh" written "Guys Marsh" or "Guy’s  Marsh", "Isle of Wight" or "Isle-of-Wight".
const flexible = (name: string): string =>
  name
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/['’]/g, "['’]?")
    .replace(/\s+/g, String.raw`[\s-]+`);
const namesOf = (place: PlaceOfDetention): string[] => [place.name, ...(place.aliases ?? [])].map(flexible);
const byLengthDescending = (a: string, b: string): number => b.length - a.length;

// A distinctive name ("Full Sutton", "North Sea Camp", "Rampton") is refused anywhere. A name that
// is also a town or a word ("Leeds", "Ford") only next to a word that makes it a place of detention,
// so that an exclusion zone can still be "Leeds city centre".
const DISTINCTIVE_PLACE = oneOf(
  ...PLACES_OF_DETENTION.filter((place) => !place.ambiguous)
    .flatMap(namesOf)
    .sort(byLengthDescending),
);
const PLACE_NEXT_TO_ITS_WORD = oneOf(
  ...PLACES_OF_DETENTION.filter((place) => place.ambiguous).flatMap((place) => {
    const names = oneOf(...namesOf(place));
    const words = oneOf(...DETENTION_WORDS[place.kind].map(flexible));
    return [String.raw`${words}\s+(?:of\s+)?${names}`, String.raw`${names}(?:\s+${anyCase("secure")})?\s+${words}`];
  }),
);

// ---- Addresses: one home, not an area

const STREET_NAME_ANY_CASE = String.raw`(?:[A-Za-z'’.-]+\s+){1,4}${STREET_SUFFIX}`;
const HOUSE_WORDS = ["Cottage", "Cottages", "Farm", "Farmhouse", "Bungalow", "Barn", "Rectory", "Vicarage"];
const BUILDING_WORDS = ["House", "Lodge", "Villa", "Manor", "Mill", "Grange", "Hall", "Croft", "Court"];
const NAME_WORD = String.raw`[A-Z][A-Za-z'’-]+`;

const ADDRESS_PATTERNS: readonly string[] = [
  // "12, Acacia Avenue"
  String.raw`${HOUSE_NUMBER},\s*${STREET_NAME}`,
  // "number 5 the High Street", "No. 5 high street"
  String.raw`${anyCaseOneOf("number", "no")}\.?\s*\d{1,3}[A-Za-z]?,?\s+(?:${THE}\s+)?${STREET_NAME_ANY_CASE}`,
  // "Rose Cottage", "Moor Farm": a named home.
  String.raw`${NAME_WORD}\s+${oneOf(...HOUSE_WORDS)}`,
  // "Carlton House, Main Street", "Oak Lodge, Otley": a named building with its street or town.
  String.raw`${NAME_WORD}\s+${oneOf(...BUILDING_WORDS)},\s*[A-Z]`,
];

interface CheckPattern {
  readonly kind: UndisclosableKind;
  readonly pattern: RegExp;
}

const PATTERNS: readonly CheckPattern[] = [
  ...DAY_PATTERNS.map((body) => ({ kind: "DAY_OF_MONTH" as const, pattern: new RegExp(standalone(body), "g") })),
  { kind: "PLACE_OF_DETENTION", pattern: new RegExp(standalone(DISTINCTIVE_PLACE), "gi") },
  { kind: "PLACE_OF_DETENTION", pattern: new RegExp(standalone(PLACE_NEXT_TO_ITS_WORD), "gi") },
  ...ADDRESS_PATTERNS.map((body) => ({ kind: "STREET_ADDRESS" as const, pattern: new RegExp(standalone(body), "g") })),
];

// Compatibility forms (full-width digits, ligatures) and runs of white space are folded first, so
// "２６th" or a date split over two lines is seen for what it is.
const folded = (text: string): string => text.normalize("NFKC").replace(/[\s\p{Cc}]+/gu, " ");

/** Everything in the text that would tell a victim a day, a place of detention or an address. */
export function disclosureRisks(text: string): DisclosureRisk[] {
  const source = folded(text);
  const risks: DisclosureRisk[] = undisclosablePieces(source).map((piece) => ({
    kind: piece.kind,
    words: source.slice(piece.start, piece.end),
  }));
  for (const { kind, pattern } of PATTERNS) {
    for (const match of source.matchAll(pattern)) risks.push({ kind, words: match[0] });
  }
  risks.push(...shortNumericDates(source));
  // One mention each: the same words twice, or words inside a longer match ("the twenty-sixth" in
  // "the twenty-sixth of March"), are the same risk.
  return risks.filter(
    (risk, index) =>
      risks.findIndex((other) => other.kind === risk.kind && other.words === risk.words) === index &&
      !risks.some((other) => other.words.length > risk.words.length && other.words.includes(risk.words)),
  );
}

const WHAT_IT_TELLS: Record<UndisclosableKind, string> = {
  DAY_OF_MONTH: "a day of the month",
  PLACE_OF_DETENTION: "a place of detention",
  STREET_ADDRESS: "a street address",
  POSTCODE: "a full postcode",
};
// An address or postcode is someone's home: named by its kind only, never repeated back.
const ECHOED: ReadonlySet<UndisclosableKind> = new Set(["DAY_OF_MONTH", "PLACE_OF_DETENTION"]);

function describe(risks: readonly DisclosureRisk[]): string {
  const kinds = [...new Set(risks.map((risk) => risk.kind))];
  return kinds
    .map((kind) => {
      const words = ECHOED.has(kind) ? risks.filter((risk) => risk.kind === kind).map((risk) => `"${risk.words}"`) : [];
      return words.length > 0 ? `${WHAT_IT_TELLS[kind]} (${words.join(", ")})` : WHAT_IT_TELLS[kind];
    })
    .join("; ");
}

/**
 * Refuses, as a DISCLOSURE_RISK userError naming the field, a text a victim may receive that holds a
 * day, a place of detention or an address. Nothing is written: the command's transaction rolls back.
 */
export function requireDisclosableToVictim(text: string | null | undefined, field: readonly string[]): void {
  if (text == null) return;
  const risks = disclosureRisks(text);
  if (risks.length === 0) return;
  throw new DomainError(
    UserErrorCode.DISCLOSURE_RISK,
    `${field.at(-1) ?? "The text"} may reach the victim and would tell them ${describe(risks)}. A victim may be told a month, an area or a town, never a day, where the offender is held, or an address.`,
    [...field],
  );
}
