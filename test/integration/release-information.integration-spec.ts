import { calculateKeyDates } from "../../src/domain/sentences/key-date-calculator";
import { OffenceCategory, SentenceType } from "../../src/domain/sentences/sentence.enums";
import { createOffender, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const CASE_RELEASE = `query ($id: ID!) {
  victimCase(id: $id) {
    releaseInformation { expectedReleaseMonth automaticRelease paroleEligible paroleEligibleFromMonth basis }
    offender { sentence { keyDates { type date unadjustedDate source } } }
  }
}`;
interface CaseRelease {
  releaseInformation: {
    expectedReleaseMonth: string | null;
    automaticRelease: boolean;
    paroleEligible: boolean;
    paroleEligibleFromMonth: string | null;
    basis: string;
  } | null;
  offender: { sentence: { keyDates: { type: string; date: string; unadjustedDate: string | null; source: string }[] } };
}

describe.each(ENGINES)("key dates and what a victim may be told (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function caseFor(sentence: Record<string, unknown>) {
    const offender = await createOffender(h, {}, sentence);
    const victimCase = await referCase(h, offender.id);
    const result = await h.run<{ victimCase: CaseRelease | null }>(CASE_RELEASE, { id: victimCase.id });
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase!;
  }

  it("should give an EDS case its release and parole months, never a day, from the forecast key dates", async () => {
    // Extended sentence of 8 years + 4 years' extension, sentenced 2021-09-03 (the demo's EDS).
    const read = await caseFor({
      type: "EDS",
      sentenceDate: "2021-09-03",
      lengthMonths: 96,
      extensionMonths: 48,
      offenceCategory: "SEXUAL",
    });
    const expected = calculateKeyDates({
      type: SentenceType.EDS,
      sentenceDate: "2021-09-03",
      lengthMonths: 96,
      extensionMonths: 48,
      tariffMonths: null,
      remandDays: 0,
      offenceCategory: OffenceCategory.SEXUAL,
    });

    expect(read.offender.sentence.keyDates).toEqual(
      expected.keyDates.map((keyDate) => ({ ...keyDate, source: "CALCULATED" })),
    );
    expect(read.releaseInformation).toEqual({
      expectedReleaseMonth: expected.releaseDate!.slice(0, 7),
      automaticRelease: true,
      paroleEligible: true,
      paroleEligibleFromMonth: expected.paroleEligibilityDate!.slice(0, 7),
      basis: "CALCULATED",
    });
    expect(JSON.stringify(read.releaseInformation)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("should tell a LIFE case's victim the parole month from the tariff and no release month", async () => {
    const read = await caseFor({
      type: "LIFE",
      sentenceDate: "2009-02-20",
      tariffMonths: 180,
      offenceCategory: "VIOLENT",
      lengthMonths: null,
    });
    expect(read.releaseInformation).toMatchObject({
      expectedReleaseMonth: null,
      automaticRelease: false,
      paroleEligible: true,
      paroleEligibleFromMonth: expect.stringMatching(/^2024-0[12]$/),
    });
    expect(read.offender.sentence.keyDates.map((keyDate: { type: string }) => keyDate.type)).toEqual(["TARIFF_EXPIRY"]);
  });

  it("should give no forecast, rather than a wrong one, for a sentence no rule covers", async () => {
    // SDS+ (two-thirds release) exists only for sentences from 1 April 2020.
    const read = await caseFor({
      type: "SDS_PLUS",
      sentenceDate: "2019-11-08",
      lengthMonths: 84,
      offenceCategory: "VIOLENT",
    });
    expect(read.releaseInformation).toBeNull();
    expect(read.offender.sentence.keyDates).toEqual([]);
  });
});
