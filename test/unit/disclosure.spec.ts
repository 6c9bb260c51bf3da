import fc from "fast-check";
import { OffenceCategory, SentenceType } from "../../src/domain/sentence.enums";
import { forecastKeyDates, releaseInformationFor } from "../../src/services/disclosure";
import type { SentenceForRules } from "../../src/services/key-date-calculator";

const isoDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z") }).map((date) => date.toISOString().slice(0, 10));

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
    lengthMonths: [SentenceType.LIFE, SentenceType.IPP, SentenceType.HOSPITAL_ORDER].includes(facts.type) ? null : facts.lengthMonths,
    extensionMonths: facts.type === SentenceType.EDS ? facts.extensionMonths : null,
    tariffMonths: [SentenceType.LIFE, SentenceType.IPP].includes(facts.type) ? facts.tariffMonths : null,
  }));

const ALLOWED_KEYS = ["automaticRelease", "basis", "expectedReleaseMonth", "paroleEligible", "paroleEligibleFromMonth"];
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
        for (const month of [told.expectedReleaseMonth, told.paroleEligibleFromMonth]) if (month !== null) expect(month).toMatch(MONTH);
      }),
      { numRuns: 2000 },
    );
  });

  it("should tell the month of the adjusted release date, which can differ from the statutory date's month", () => {
    fc.assert(
      fc.property(sentence, (facts) => {
        const calculation = forecastKeyDates(facts);
        fc.pre(calculation !== null);
        expect(releaseInformationFor(calculation!).expectedReleaseMonth).toBe(calculation!.releaseDate?.slice(0, 7) ?? null);
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
        for (const value of Object.values(told)) expect(value === null || typeof value === "boolean" || MONTH.test(String(value)) || value === "CALCULATED" || value === "RECORDED").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
