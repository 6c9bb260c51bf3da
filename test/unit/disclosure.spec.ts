import fc from "fast-check";
import { OffenceCategory, SentenceType } from "../../src/domain/sentences/sentence.enums";
import {
  LicenceConditionKind,
  LicenceConditionRequestStatus,
} from "../../src/domain/licence-conditions/licence-condition.enums";
import {
  forecastKeyDates,
  releaseInformationFor,
  type LicenceConditionFacts,
} from "../../src/domain/disclosure/disclosure";
import type { SentenceForRules } from "../../src/domain/sentences/key-date-calculator";

const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z") })
  .map((date) => date.toISOString().slice(0, 10));

// Any sentence the API accepts: determinate ones have a term, indeterminate ones a tariff.
const sentence: fc.Arbitrary<SentenceForRules> = fc
  .record({
    type: fc.constantFrom(...Object.values(SentenceType)),
    sentenceDate: isoDate,
    lengthMonths: fc.integer({ min: 1, max: 600 }),
    extensionMonths: fc.integer({ min: 0, max: 96 }),
    tariffMonths: fc.integer({ min: 0, max: 480 }),
    remandDays: fc.integer({ min: 0, max: 1500 }),
    offenceCategory: fc.constantFrom(...Object.values(OffenceCategory)),
  })
  .map((facts) => ({
    ...facts,
    lengthMonths: [SentenceType.LIFE, SentenceType.IPP, SentenceType.HOSPITAL_ORDER].includes(facts.type)
      ? null
      : facts.lengthMonths,
    extensionMonths: facts.type === SentenceType.EDS ? facts.extensionMonths : null,
    tariffMonths: [SentenceType.LIFE, SentenceType.IPP].includes(facts.type) ? facts.tariffMonths : null,
  }));

const ALLOWED_KEYS = [
  "automaticRelease",
  "basis",
  "expectedReleaseMonth",
  "licenceConditions",
  "paroleEligible",
  "paroleEligibleFromMonth",
  "releaseDirection",
];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

describe("what a victim may be told (disclosure)", () => {
  it("should never give a day-of-month date, whatever the sentence", () => {
    fc.assert(
      fc.property(sentence, (facts) => {
        const forecast = forecastKeyDates(facts);
        fc.pre(forecast !== null);
        const told = releaseInformationFor(forecast!);
        const text = JSON.stringify(told);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(Object.keys(told).sort()).toEqual(ALLOWED_KEYS);
        for (const month of [told.expectedReleaseMonth, told.paroleEligibleFromMonth])
          if (month !== null) expect(month).toMatch(MONTH);
      }),
      { numRuns: 2000 },
    );
  });

  it("should tell the month of the adjusted release date, which can differ from the statutory date's month", () => {
    fc.assert(
      fc.property(sentence, (facts) => {
        const calculation = forecastKeyDates(facts);
        fc.pre(calculation !== null);
        expect(releaseInformationFor(calculation!).expectedReleaseMonth).toBe(
          calculation!.releaseDate?.slice(0, 7) ?? null,
        );
      }),
      { numRuns: 500 },
    );
  });

  it("should carry nothing but months and flags, so a prison, an address or a licence condition has nowhere to go", () => {
    fc.assert(
      fc.property(sentence, (facts) => {
        const forecast = forecastKeyDates(facts);
        fc.pre(forecast !== null);
        const told = releaseInformationFor(forecast!);
        const { licenceConditions, ...flags } = told;
        expect(licenceConditions).toEqual([]);
        for (const value of Object.values(flags))
          expect(
            value === null ||
              typeof value === "boolean" ||
              MONTH.test(String(value)) ||
              value === "CALCULATED" ||
              value === "RECORDED",
          ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  // Pieces a careless reason could carry: none may reach the victim.
  const MONTH_NAMES = [
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
  const dayDate = fc
    .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 2020, max: 2035 }))
    .chain(([day, month, year]) =>
      fc.constantFrom(
        `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        `${day}/${month + 1}/${year}`,
        `${day} ${MONTH_NAMES[month]} ${year}`,
        `${MONTH_NAMES[month]} ${day}`,
      ),
    );
  const postcode = fc
    .tuple(
      fc.constantFrom("SW1A", "M1", "LS6", "B33", "CR2"),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom("AA", "BD", "XY", "NW"),
    )
    .map(([outward, digit, letters]) => `${outward} ${digit}${letters}`);
  const address = fc
    .tuple(
      fc.integer({ min: 1, max: 300 }),
      fc.constantFrom("Mill", "Church", "Station", "Park"),
      fc.constantFrom("Road", "Street", "Lane", "Avenue"),
    )
    .map(([number, name, suffix]) => `${number} ${name} ${suffix}`);
  const prison = fc.constantFrom("HMP Belmarsh", "HMP Long Lartin", "Wandsworth Prison", "HMYOI Feltham");
  const reason = fc
    .array(
      fc.oneof(
        fc.constantFrom("the", "panel", "found", "zone", "too", "wide", "near", "town", "centre"),
        dayDate,
        postcode,
        address,
        prison,
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((words) => words.join(" "));
  const conditionFacts: fc.Arbitrary<LicenceConditionFacts> = fc.record({
    kind: fc.constantFrom(...Object.values(LicenceConditionKind)),
    status: fc.constantFrom(...Object.values(LicenceConditionRequestStatus)),
    endsOn: fc.option(isoDate, { nil: null }),
    reasonNotAdopted: fc.option(reason, { nil: null }),
  });
  const DAY_DATE =
    /\d{4}-\d{2}-\d{2}|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b/;
  const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/;
  const ADDRESS = /\b\d+ \w+ (Road|Street|Lane|Avenue)\b/;
  const PRISON = /\bHMP\b|\bHMYOI\b|\bPrison\b|Belmarsh|Long Lartin|Feltham/;

  it("should never give a day-of-month date, a prison or an address, whatever the sentence and the licence-condition outcomes", () => {
    fc.assert(
      fc.property(sentence, fc.array(conditionFacts, { maxLength: 6 }), (facts, conditions) => {
        const forecast = forecastKeyDates(facts);
        fc.pre(forecast !== null);
        const text = JSON.stringify(releaseInformationFor(forecast!, "CALCULATED", conditions));
        expect(text).not.toMatch(DAY_DATE);
        expect(text).not.toMatch(POSTCODE);
        expect(text).not.toMatch(ADDRESS);
        expect(text).not.toMatch(PRISON);
      }),
      { numRuns: 1500 },
    );
  });

  it("should tell only the victim's own requests that are pending or decided, with an adopted condition's end as a month", () => {
    const told = releaseInformationFor(
      { releaseDate: "2027-03-12", paroleEligibilityDate: null, automaticRelease: true },
      "RECORDED",
      [
        {
          kind: LicenceConditionKind.NO_CONTACT,
          status: LicenceConditionRequestStatus.ADOPTED,
          endsOn: "2031-08-14",
          reasonNotAdopted: null,
        },
        {
          kind: LicenceConditionKind.EXCLUSION_ZONE,
          status: LicenceConditionRequestStatus.NOT_ADOPTED,
          endsOn: null,
          reasonNotAdopted: "Too wide: it covered 12 Mill Road and HMP Durham.",
        },
        {
          kind: LicenceConditionKind.NON_ASSOCIATION,
          status: LicenceConditionRequestStatus.WITHDRAWN,
          endsOn: null,
          reasonNotAdopted: null,
        },
        {
          kind: LicenceConditionKind.OTHER,
          status: LicenceConditionRequestStatus.FORWARDED,
          endsOn: null,
          reasonNotAdopted: null,
        },
      ],
    );
    expect(told.licenceConditions).toEqual([
      { kind: LicenceConditionKind.NO_CONTACT, outcome: "ADOPTED", endsMonth: "2031-08", reasonNotAdopted: null },
      {
        kind: LicenceConditionKind.EXCLUSION_ZONE,
        outcome: "NOT_ADOPTED",
        endsMonth: null,
        reasonNotAdopted: "Too wide: it covered [address removed] and [prison removed].",
      },
      { kind: LicenceConditionKind.OTHER, outcome: "PENDING", endsMonth: null, reasonNotAdopted: null },
    ]);
  });
});
