import fc from "fast-check";
import { disclosureRisks, requireDisclosableToVictim } from "../../src/domain/disclosure/disclosure-check";
import { PLACES_OF_DETENTION } from "../../src/domain/disclosure/places-of-detention";
import { DomainError } from "../../src/domain/errors/domain-error";
import { UserErrorCode } from "../../src/domain/errors/user-error-code.enum";

// The one check at write time (issue 11 §2): thousands of generated days, places of detention and
// addresses, each alone and inside ordinary prose, and none is accepted; honest text always is.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"].concat([
  "October",
  "November",
  "December",
]);
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"];
const UNIT_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
const TEEN_ORDINALS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"].concat([
  "seventeenth",
  "eighteenth",
  "nineteenth",
]);

const pad = (n: number): string => String(n).padStart(2, "0");
const ordinal = (day: number): string =>
  `${day}${day >= 11 && day <= 13 ? "th" : (["th", "st", "nd", "rd"][day % 10] ?? "th")}`;
function cardinalWords(day: number): string {
  if (day < 10) return UNITS[day];
  if (day < 19) return TEENS[day - 10];
  if (day === 19) return "nineteen";
  const tens = day < 30 ? "twenty" : "thirty";
  return day % 10 === 0 ? tens : `${tens}-${UNITS[day % 10]}`;
}
function ordinalWords(day: number): string {
  if (day < 10) return UNIT_ORDINALS[day];
  if (day < 20) return TEEN_ORDINALS[day - 10];
  const tens = day < 30 ? "twenty" : "thirty";
  return day % 10 === 0 ? `${tens.slice(0, -1)}ieth` : `${tens}-${UNIT_ORDINALS[day % 10]}`;
}
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekday = (year: number, month: number, day: number): string =>
  WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7];

type Format = (year: number, month: number, day: number) => string;
const DAY_FORMATS: readonly Format[] = [
  (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
  (y, m, d) => `${pad(d)}/${pad(m)}/${y}`,
  (y, m, d) => `${d}/${m}/${String(y).slice(2)}`,
  (y, m, d) => `${d}.${m}.${String(y).slice(2)}`, // 26.3.27
  (y, m, d) => `${pad(d)}.${pad(m)}.${y}`,
  (y, m, d) => `${y}${pad(m)}${pad(d)}`, // 20270326
  (y, m, d) => `${pad(d)}${pad(m)}${y}`, // 26032027
  (_y, m, d) => `${m}/${d}`, // 3/26
  (y, m, d) => `${d} ${MONTHS[m - 1]} ${y}`,
  (_y, m, d) => `${ordinal(d)} of ${MONTHS[m - 1]}`,
  (_y, m, d) => `${MONTHS[m - 1].slice(0, 3)} ${d}`,
  (_y, _m, d) => `the ${ordinal(d)}`, // the 26th
  (_y, m, d) => `${ordinalWords(d)} of ${MONTHS[m - 1]}`, // twenty-sixth of March
  (_y, m, d) => `${cardinalWords(d)} ${MONTHS[m - 1]}`, // twenty-six March
  (_y, m, d) => `${MONTHS[m - 1]} the ${ordinalWords(d)}`, // March the twenty-sixth
  (y, m, d) => `${weekday(y, m, d)} ${d}`, // Thursday 26
  (y, m, d) => `${weekday(y, m, d).slice(0, 3)} ${ordinal(d)}`, // Thu 26th
  (y, m, d) => `${weekday(y, m, d)} the ${ordinalWords(d)}`, // Friday the third
];
const casing = fc.constantFrom<(text: string) => string>(
  (text) => text,
  (text) => text.toUpperCase(),
  (text) => text.charAt(0).toUpperCase() + text.slice(1),
);

const dayOfMonth: fc.Arbitrary<string> = fc
  .record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc
      .tuple(fc.integer({ min: 1, max: daysIn(year, month) }), fc.constantFrom(...DAY_FORMATS), casing)
      .map(([day, format, cased]) => cased(format(year, month, day))),
  );

const HOSPITAL_KINDS = new Set(["HIGH_SECURE_HOSPITAL", "SECURE_HOSPITAL"]);
const placeOfDetention: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PLACES_OF_DETENTION), fc.nat(), fc.boolean(), casing)
  .map(([place, pick, before, cased]) => {
    const names = [place.name, ...(place.aliases ?? [])];
    const name = names[pick % names.length];
    if (!place.ambiguous) return cased(name);
    const word = HOSPITAL_KINDS.has(place.kind)
      ? "Hospital"
      : place.kind === "IRC"
        ? "Immigration Removal Centre"
        : place.kind === "SECURE_CHILDRENS"
          ? "Secure Training Centre"
          : "Prison";
    return before && !HOSPITAL_KINDS.has(place.kind) ? `HMP ${name}` : `${name} ${cased(word)}`;
  });

const STREETS = ["Acacia", "Church", "High", "Station", "King's", "Main", "Mill", "Oak Tree"];
const SUFFIXES = ["Road", "Street", "Avenue", "Lane", "Close", "Drive", "Crescent", "Terrace", "Way", "Grove"];
const houseNumber = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("", "a", "B")).map((p) => p.join(""));
const streetName = fc
  .tuple(fc.constantFrom(...STREETS), fc.constantFrom(...SUFFIXES))
  .map(([name, suffix]) => `${name} ${suffix}`);
const LETTERS = "ABCDEFGHIJKLMNOPRSTUWYZ".split("");
const letter = fc.constantFrom(...LETTERS);
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const postcode = fc
  .tuple(fc.tuple(letter, letter, digit), fc.tuple(digit, letter, letter), fc.boolean())
  .map(([outward, inward, space]) => `${outward.join("")}${space ? " " : ""}${inward.join("")}`);
const address: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(houseNumber, fc.constantFrom(" ", ", "), streetName).map((p) => p.join("")), // 12, Acacia Avenue
  fc.tuple(fc.integer({ min: 1, max: 99 }), streetName).map(([n, street]) => `number ${n} the ${street}`),
  fc
    .tuple(fc.constantFrom("Rose", "Ivy", "Moor", "Yew Tree"), fc.constantFrom("Cottage", "Farm", "Bungalow"))
    .map((p) => p.join(" ")),
  fc.tuple(fc.constantFrom("Flat", "Unit"), fc.integer({ min: 1, max: 99 })).map((p) => p.join(" ")),
  postcode,
);

const SAFE_PROSE = [
  "The Board did not adopt this condition",
  "because a no-contact condition already covers it.",
  "The zone covers Leeds city centre",
  "and the LS6 postcode district,",
  "a town in West Yorkshire,",
  "Headingley, north of the ring road,",
  "from March 2027",
  "until May 2030.",
  "He may one day move within 2 miles of",
  "the first hearing",
  "over 3-4 weeks",
  "with 24/7 support",
  "in Wandsworth or Durham",
  "about 2.5 hours away.",
  "in the twentieth century",
];
const safeProse = fc
  .array(fc.constantFrom(...SAFE_PROSE), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(" "));

describe("the disclosure check", () => {
  it("should find a day of the month in every generated form, alone and in prose", () => {
    fc.assert(
      fc.property(dayOfMonth, safeProse, safeProse, (day, before, after) => {
        expect(disclosureRisks(day).map((risk) => risk.kind)).toContain("DAY_OF_MONTH");
        expect(disclosureRisks(`${before} ${day} ${after}`).map((risk) => risk.kind)).toContain("DAY_OF_MONTH");
      }),
      { numRuns: 3000 },
    );
  });

  it("should find every place of detention on the list, alone and in prose", () => {
    fc.assert(
      fc.property(placeOfDetention, safeProse, safeProse, (place, before, after) => {
        expect(disclosureRisks(place).map((risk) => risk.kind)).toContain("PLACE_OF_DETENTION");
        expect(disclosureRisks(`${before} ${place} ${after}`).map((risk) => risk.kind)).toContain("PLACE_OF_DETENTION");
      }),
      { numRuns: 3000 },
    );
  });

  it("should find every distinctive name on the list, and the ambiguous ones next to their word", () => {
    for (const place of PLACES_OF_DETENTION) {
      for (const name of [place.name, ...(place.aliases ?? [])]) {
        const written = place.ambiguous
          ? `held at ${name} ${HOSPITAL_KINDS.has(place.kind) ? "hospital" : "prison"}`
          : `held at ${name}`;
        expect([written, disclosureRisks(written).map((risk) => risk.kind)]).toEqual([
          written,
          expect.arrayContaining(["PLACE_OF_DETENTION"]),
        ]);
      }
    }
  });

  it("should find a street address, a named home or a full postcode, alone and in prose", () => {
    fc.assert(
      fc.property(address, safeProse, safeProse, (home, before, after) => {
        expect(disclosureRisks(home)).not.toEqual([]);
        expect(disclosureRisks(`${before} ${home} ${after}`)).not.toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it("should accept honest text: months with their year, towns, areas, postcode districts and plain numbers", () => {
    fc.assert(
      fc.property(safeProse, (text) => {
        expect(disclosureRisks(text)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("should leave a bare town that shares a prison's name, and a month and year, alone", () => {
    for (const text of ["Leeds", "Durham", "Wandsworth", "Send", "Ford", "in March 2027", "LS6", "2027-03"]) {
      expect([text, disclosureRisks(text)]).toEqual([text, []]);
    }
  });

  it("should see through full-width digits and a date split over lines", () => {
    expect(disclosureRisks("released on the ２６th").map((risk) => risk.kind)).toEqual(["DAY_OF_MONTH"]);
    expect(disclosureRisks("on 26\nMarch").map((risk) => risk.kind)).toEqual(["DAY_OF_MONTH"]);
    expect(disclosureRisks("Release is due 26.3.27.").map((risk) => risk.words)).toEqual(["26.3.27"]);
    expect(disclosureRisks("Not after the twenty-sixth of March").map((risk) => risk.words)).toEqual([
      "the twenty-sixth of March",
    ]);
  });

  describe("requireDisclosableToVictim", () => {
    it("should refuse with DISCLOSURE_RISK naming the field, the day and the place, but not repeating an address", () => {
      let refusal: unknown;
      try {
        requireDisclosableToVictim(
          "Refused because he lives at 12, Acacia Avenue and is released on the 26th from Full Sutton.",
          ["input", "reason"],
        );
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainError);
      const error = refusal as DomainError;
      expect(error.code).toBe(UserErrorCode.DISCLOSURE_RISK);
      expect(error.field).toEqual(["input", "reason"]);
      expect(error.message).toContain("reason");
      expect(error.message).toContain('a day of the month ("26th")');
      expect(error.message).toContain('a place of detention ("Full Sutton")');
      expect(error.message).toContain("a street address");
      expect(error.message).not.toContain("Acacia");
    });

    it("should accept nothing given and honest text", () => {
      expect(() => requireDisclosableToVictim(null, ["input", "reason"])).not.toThrow();
      expect(() =>
        requireDisclosableToVictim("Not needed: a no-contact condition covers Leeds from March 2027.", ["input"]),
      ).not.toThrow();
    });
  });
});
