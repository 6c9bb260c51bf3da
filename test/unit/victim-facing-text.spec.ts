import fc from "fast-check";
import {
  containsUndisclosable,
  describesSingleAddress,
  redactForVictim,
} from "../../src/domain/disclosure/victim-facing-text";

const DATE = "[date removed]";
const POSTCODE = "[postcode removed]";
const ADDRESS = "[address removed]";
const PRISON = "[prison removed]";

// ---- Generators for what must never reach a victim.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const pad = (n: number): string => String(n).padStart(2, "0");
const ordinal = (day: number): string => {
  if (day >= 11 && day <= 13) return `${day}th`;
  return `${day}${["th", "st", "nd", "rd"][day % 10] ?? "th"}`;
};
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

type DateFormat = (year: number, month: number, day: number) => string;
const DATE_FORMATS: readonly DateFormat[] = [
  (y, m, d) => `${y}-${pad(m)}-${pad(d)}`, // 2027-03-14
  (y, m, d) => `${pad(d)}/${pad(m)}/${y}`, // 14/03/2027
  (y, m, d) => `${d}/${m}/${String(y).slice(2)}`, // 14/3/27
  (y, m, d) => `${pad(d)}-${pad(m)}-${y}`, // 14-03-2027
  (y, m, d) => `${pad(d)}.${pad(m)}.${y}`, // 14.03.2027
  (y, m, d) => `${d} ${MONTHS[m - 1]} ${y}`, // 14 March 2027
  (y, m, d) => `${ordinal(d)} ${MONTHS[m - 1]} ${y}`, // 14th March 2027
  (_y, m, d) => `${d} ${MONTHS[m - 1].slice(0, 3)}`, // 14 Mar
  (_y, m, d) => `${ordinal(d)} of ${MONTHS[m - 1]}`, // 14th of March
  (_y, m, d) => `${MONTHS[m - 1]} ${d}`, // March 14
  (y, m, d) => `${MONTHS[m - 1]} ${ordinal(d)}, ${y}`, // March 14th, 2027
  (_y, m, d) => `${MONTHS[m - 1].slice(0, 3)}. ${d}`, // Mar. 14
];
const recased = (text: string, casing: "as-is" | "upper" | "lower"): string =>
  casing === "upper" ? text.toUpperCase() : casing === "lower" ? text.toLowerCase() : text;
const casing = fc.constantFrom<"as-is" | "upper" | "lower">("as-is", "upper", "lower");

const dayDate: fc.Arbitrary<string> = fc
  .record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc
      .record({
        day: fc.integer({ min: 1, max: daysIn(year, month) }),
        format: fc.constantFrom(...DATE_FORMATS),
        casing,
      })
      .map(({ day, format, casing }) => recased(format(year, month, day), casing)),
  );

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const letter = fc.constantFrom(...LETTERS);
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const outwardCode = fc.oneof(
  fc.tuple(letter, digit), // M1
  fc.tuple(letter, digit, digit), // M11
  fc.tuple(letter, letter, digit), // LS6
  fc.tuple(letter, letter, digit, digit), // LS16
  fc.tuple(letter, digit, letter), // W1J
  fc.tuple(letter, letter, digit, letter), // SW1A
);
const postcode: fc.Arbitrary<string> = fc
  .record({ outward: outwardCode, inward: fc.tuple(digit, letter, letter), space: fc.boolean(), casing })
  .map(({ outward, inward, space, casing }) =>
    recased(outward.join("") + (space ? " " : "") + inward.join(""), casing),
  );

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
  "Place",
  "Pl",
  "Gardens",
  "Terrace",
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
const STREET_NAMES = [
  "Acacia",
  "Church",
  "Mill",
  "Station",
  "King's",
  "Victoria",
  "High",
  "Oak",
  "Cross",
  "Upper",
  "Stoke-on-Trent",
];
const houseNumber = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("", "a", "B"))
  .map(([n, suffix]) => `${n}${suffix}`);
const street = fc
  .tuple(
    houseNumber,
    fc.array(fc.constantFrom(...STREET_NAMES), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(...STREET_SUFFIXES),
  )
  .map(([number, words, suffix]) => `${number} ${words.join(" ")} ${suffix}`);
const unit = fc
  .tuple(fc.constantFrom("Flat", "Unit"), fc.integer({ min: 1, max: 99 }))
  .map(([kind, n]) => `${kind} ${n}`);
const address: fc.Arbitrary<string> = fc.oneof(
  street, // 12 Acacia Road
  unit, // Flat 3
  fc.tuple(unit, street).map(([flat, rest]) => `${flat}, ${rest}`), // Flat 3, 12 Acacia Road
);

const PRISON_NAMES = [
  "Belmarsh",
  "Long Lartin",
  "Wandsworth",
  "Full Sutton",
  "Wakefield",
  "Feltham",
  "Isle of Wight",
  "Askham Grange",
];
const prisonName: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("HMP", "HMYOI", "HM Prison", "HM Young Offender Institution", "YOI"),
      fc.constantFrom(...PRISON_NAMES),
    )
    .map(([prefix, name]) => `${prefix} ${name}`),
  fc
    .tuple(fc.constantFrom(...PRISON_NAMES), fc.constantFrom("Prison", "prison"))
    .map(([name, word]) => `${name} ${word}`),
);

type Kind = "date" | "postcode" | "address" | "prison";
interface Piece {
  readonly text: string;
  readonly kind: Kind | null; // null: a safe word
}
const undisclosable: fc.Arbitrary<Piece> = fc.oneof(
  dayDate.map((text): Piece => ({ text, kind: "date" })),
  postcode.map((text): Piece => ({ text, kind: "postcode" })),
  address.map((text): Piece => ({ text, kind: "address" })),
  prisonName.map((text): Piece => ({ text, kind: "prison" })),
);

// ---- What a victim may be told: ordinary words, areas, districts, and months with their year.

const SAFE_WORDS = [
  "the",
  "zone",
  "covers",
  "area",
  "north",
  "south",
  "of",
  "around",
  "town",
  "centre",
  "board",
  "not",
  "adopted",
  "wider",
  "than",
  "necessary",
  "may",
  "march",
  "within",
  "miles",
  "victim",
  "lives",
  "near",
  "and",
  "a",
  "the ring road",
  "Leeds",
  "Headingley",
  "Wandsworth",
  "Belmarsh",
  "Long Lartin",
  "Manchester",
  "Ring Road",
  "Isle of Wight",
  "LS6",
  "SW1A",
  "M1",
  "March 2027",
  "May 2028",
  "2031",
];
// "2027-03" is safe on its own (see the worked examples) but not as a safe word here: run into a
// following "May 2028" or "Ring Road" it reads as "03 May" or "03 Ring Road", and is redacted.
const safeWord: fc.Arbitrary<Piece> = fc.constantFrom(...SAFE_WORDS).map((text): Piece => ({ text, kind: null }));
const safeText = fc
  .array(safeWord, { minLength: 1, maxLength: 15 })
  .map((words) => words.map((word) => word.text).join(" "));
const mixedText = fc.array(fc.oneof(safeWord, undisclosable), { minLength: 1, maxLength: 12 });

// Fragments of every pattern, run together in any order: the inputs most likely to break a pattern.
const FRAGMENTS = [
  "1",
  "12",
  "14",
  "2027",
  " ",
  "  ",
  "/",
  "-",
  ".",
  ",",
  "'",
  "th",
  "of",
  "Mar",
  "March",
  "may",
  "Road",
  "rd",
  "Flat",
  "Unit",
  "Acacia",
  "HMP",
  "YOI",
  "HM",
  "Prison",
  "prison",
  "Wandsworth",
  "Long",
  "SW1A",
  "1AA",
  "LS6",
  "m",
  "[",
  "]",
  "[date removed]",
  "removed",
  "\n",
  "T10:00Z",
  "A",
  "a",
];
const fragmentSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(""));

describe("victim-facing text", () => {
  describe("redactForVictim", () => {
    it.each([
      ["2027-03-14", DATE],
      ["Released on 14/03/2027.", `Released on ${DATE}.`],
      ["14/3/27", DATE],
      ["14-03-2027", DATE],
      ["14.03.2027", DATE],
      ["on 14 March 2027 at noon", `on ${DATE} at noon`],
      ["14th March 2027", DATE],
      ["14 Mar", DATE],
      ["the 14th of March", `the ${DATE}`],
      ["March 14", DATE],
      ["March 14th, 2027", DATE],
      ["Mar. 14", DATE],
      ["MARCH 14TH, 2027", DATE],
      ["14 mar.", `${DATE}.`],
      ["release date 2027-03-14T09:00:00Z", `release date ${DATE}`],
      ["released 14/03", `released ${DATE}`],
      ["between 14-16 March", `between ${DATE}`],
      ["March 14 and 15, 2027", DATE],
    ])("should remove the day-precision date in %j", (text, expected) => {
      expect(redactForVictim(text)).toBe(expected);
      expect(containsUndisclosable(text)).toBe(true);
    });

    it.each([
      ["SW1A 1AA", POSTCODE],
      ["lives near m1 1ae now", `lives near ${POSTCODE} now`],
      ["LS61AB", POSTCODE],
      ["EC1A 1BB, London", `${POSTCODE}, London`],
    ])("should remove the full postcode in %j", (text, expected) => {
      expect(redactForVictim(text)).toBe(expected);
    });

    it.each([
      ["12 Acacia Road", ADDRESS],
      ["lives at 12a High St, Leeds", `lives at ${ADDRESS}, Leeds`],
      ["Flat 3", ADDRESS],
      ["Flat 3, 12 Acacia Road", ADDRESS],
      ["Flat 3 Rose Court", ADDRESS],
      ["Unit 4 on the estate", `${ADDRESS} on the estate`],
      ["7 St John's Avenue", ADDRESS],
      ["12 ACACIA ROAD", ADDRESS],
      ["12-14 Mill Lane", ADDRESS],
    ])("should remove the street address in %j", (text, expected) => {
      expect(redactForVictim(text)).toBe(expected);
    });

    it.each([
      ["HMP Belmarsh", PRISON],
      ["held at HMP Long Lartin until release", `held at ${PRISON} until release`],
      ["HMYOI Feltham", PRISON],
      ["HM Prison Wandsworth", PRISON],
      ["HM Young Offender Institution Feltham", PRISON],
      ["YOI Feltham", PRISON],
      ["Wandsworth Prison", PRISON],
      ["moved to Wandsworth prison last year", `moved to ${PRISON} last year`],
      ["HMP/YOI Doncaster", PRISON],
      ["HMP Isle of Wight", PRISON],
    ])("should remove the prison name in %j", (text, expected) => {
      expect(redactForVictim(text)).toBe(expected);
    });

    it.each([
      "Not adopted: the Board found the zone wider than necessary.",
      "Expected release in March 2027.",
      "Release month 2027-03.",
      "The zone covers LS6 and SW1A.",
      "Wandsworth town centre",
      "the area north of Ring Road",
      "within 2 miles of the Ring Road",
      "He was released from prison.",
      "HM Prison and Probation Service",
      "HM Prison Service",
      "The Prison Service",
      "HMPPS",
      "24/7 monitoring, 1/2 mile",
      "2027 Court hearing",
      "3 Court hearings",
    ])("should leave %j unchanged", (text) => {
      expect(redactForVictim(text)).toBe(text);
      expect(containsUndisclosable(text)).toBe(false);
    });

    it("should redact several kinds in one text", () => {
      expect(redactForVictim("Release on 14 March 2027 from HMP Belmarsh to 12 Acacia Road, LS6 1AB.")).toBe(
        `Release on ${DATE} from ${PRISON} to ${ADDRESS}, ${POSTCODE}.`,
      );
    });

    it("should not throw on a value that is not a string, and give nothing to show", () => {
      expect(redactForVictim(undefined as unknown as string)).toBe("");
      expect(redactForVictim(null as unknown as string)).toBe("");
      expect(describesSingleAddress(42 as unknown as string)).toBe(false);
    });

    it("should finish adversarial inputs of 100 000 characters (no catastrophic backtracking)", () => {
      const n = 100_000;
      const fill = (unit: string): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      const inputs = [
        fill("1 "),
        fill("14 "),
        fill("A"),
        fill("1"),
        fill("March "),
        " ".repeat(n) + "1",
        fill("Aa "),
        "12 " + fill("Acacia "),
        "14" + " ".repeat(n) + "x",
        "1 " + fill("A"),
        fill("AA9"),
        fill("1/"),
        fill("1."),
        fill("Long Lartin "),
        fill("HM "),
        fill("14 of "),
        fill("A-"),
        fill("Aa'"),
        "Flat 1 " + fill("Aa-"),
        fill("1-"),
        fill("March-"),
      ];
      for (const text of inputs)
        expect(redactForVictim(text)).toBe(
          text.startsWith("Flat 1 ") ? `${ADDRESS}${text.slice("Flat 1".length)}` : text,
        );
      const undisclosableRun = "12 March Road 14/03/2027 SW1A 1AA HMP Long Lartin ".repeat(2000);
      const redacted = redactForVictim(undisclosableRun);
      expect(redacted).not.toMatch(/\d/);
      expect(redactForVictim(redacted)).toBe(redacted);
    });
  });

  describe("properties", () => {
    it("should remove every generated undisclosable piece, wherever it sits among safe words", () => {
      fc.assert(
        fc.property(mixedText, (pieces) => {
          const text = pieces.map((piece) => piece.text).join(" ");
          // Padded with the spaces the words were joined with, since "March 20" is part of the safe "March 2027".
          const redacted = ` ${redactForVictim(text)} `;
          for (const piece of pieces) {
            if (piece.kind === null) continue;
            expect(redacted).not.toContain(` ${piece.text} `);
            expect(containsUndisclosable(piece.text)).toBe(true);
          }
          expect(containsUndisclosable(text)).toBe(pieces.some((piece) => piece.kind !== null));
        }),
        { numRuns: 1000 },
      );
    });

    it("should replace a generated piece on its own by the marker for its kind", () => {
      const marker: Record<Kind, string> = { date: DATE, postcode: POSTCODE, address: ADDRESS, prison: PRISON };
      fc.assert(
        fc.property(undisclosable, (piece) => {
          expect(redactForVictim(piece.text)).toBe(marker[piece.kind!]);
        }),
        { numRuns: 1000 },
      );
    });

    it("should be idempotent on mixed texts, arbitrary strings and pattern fragments", () => {
      const anyText = fc.oneof(
        mixedText.map((pieces) => pieces.map((piece) => piece.text).join(" ")),
        fc.string(),
        fc.fullUnicodeString(),
        fragmentSoup,
      );
      fc.assert(
        fc.property(anyText, (text) => {
          const once = redactForVictim(text);
          expect(redactForVictim(once)).toBe(once);
          expect(containsUndisclosable(once)).toBe(false);
          expect(containsUndisclosable(text)).toBe(once !== text);
        }),
        { numRuns: 1000 },
      );
    });

    it("should return text made only of safe words unchanged", () => {
      fc.assert(
        fc.property(safeText, (text) => {
          expect(redactForVictim(text)).toBe(text);
          expect(containsUndisclosable(text)).toBe(false);
          expect(describesSingleAddress(text)).toBe(false);
        }),
        { numRuns: 1000 },
      );
    });

    it("should say a text describes a single address exactly when it holds a postcode or street address", () => {
      fc.assert(
        fc.property(undisclosable, safeText, (piece, context) => {
          const expected = piece.kind === "postcode" || piece.kind === "address";
          expect(describesSingleAddress(piece.text)).toBe(expected);
          expect(describesSingleAddress(`${context}; ${piece.text}; ${context}`)).toBe(expected);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe("describesSingleAddress", () => {
    it.each([
      "12 Acacia Road",
      "Flat 3",
      "Flat 3, 12 Acacia Road, Leeds",
      "near LS6 1AB",
      "sw1a1aa",
      "Unit 4, Mill Lane",
    ])("should find a single address in %j", (text) => {
      expect(describesSingleAddress(text)).toBe(true);
    });

    it.each([
      "the area north of Ring Road",
      "Headingley and Hyde Park",
      "the LS6 postcode district",
      "within 2 miles of Leeds city centre",
      "HMP Belmarsh",
      "14 March 2027",
      "",
    ])("should not find a single address in %j", (text) => {
      expect(describesSingleAddress(text)).toBe(false);
    });
  });
});
