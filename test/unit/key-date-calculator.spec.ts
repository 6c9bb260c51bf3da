import { OffenceCategory, SentenceType } from "../../src/domain/sentences/sentence.enums";
import {
  calculateKeyDates,
  KeyDateCalculationError,
  SentenceForRules,
} from "../../src/domain/sentences/key-date-calculator";
import { RELEASE_RULES } from "../../src/domain/sentences/release-rules";

// Every expected date below is worked out by hand, in the comment above its test, from
// domain.md §2.3: T = days from S to S + n calendar months; CRD = S + ceil(f × T) − 1 − R;
// SED = S + T − 1 − R; then release dates (CRD, ARD, PED) move earlier while the date or the
// day after it is a Saturday, Sunday or England-and-Wales bank holiday.

function sentence(overrides: Partial<SentenceForRules>): SentenceForRules {
  return {
    type: SentenceType.SDS,
    sentenceDate: "2024-01-15",
    lengthMonths: 12,
    extensionMonths: null,
    tariffMonths: null,
    remandDays: 0,
    offenceCategory: OffenceCategory.OTHER,
    ...overrides,
  };
}

const at = (type: string, date: string, unadjustedDate: string | null = null) => ({ type, date, unadjustedDate });

describe("calculateKeyDates", () => {
  describe("SDS_HALF (CJA 2003 s.244)", () => {
    // S = 2024-01-15, 12 months, VIOLENT. S + 12 months = 2025-01-15; T = 366 (Feb 2024 has 29 days).
    // CRD = S + ceil(366 / 2) − 1 = S + 182 = 2024-07-15 (Mon; Tue is a working day, no move).
    // Half-way release is before 10 Sep 2024, so SDS40 does not apply.
    // SLED = S + 366 − 1 = 2025-01-14. PSS (under 2 years, after 1 Feb 2015): TUSED = CRD + 12 months = 2025-07-15.
    it("SDS_HALF: releases at one half of the term, with licence to SLED and supervision to TUSED", () => {
      const result = calculateKeyDates(sentence({ offenceCategory: OffenceCategory.VIOLENT }));
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates).toEqual([at("CRD", "2024-07-15"), at("SLED", "2025-01-14"), at("TUSED", "2025-07-15")]);
      expect(result.releaseDate).toBe("2024-07-15");
      expect(result.paroleEligibilityDate).toBeNull();
      expect(result.automaticRelease).toBe(true);
    });

    // S = 2014-06-02, 12 months. T = 365 (2014-06-02 → 2015-06-02). CRD = S + ceil(182.5) − 1 = S + 182 = 2014-12-01 (Mon).
    // SLED = 2015-06-01. Sentenced before 1 Feb 2015: no post-sentence supervision, so no TUSED.
    it("SDS_HALF: no TUSED for a sentence before the Offender Rehabilitation Act 2014 commenced", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2014-06-02" }));
      expect(result.keyDates).toEqual([at("CRD", "2014-12-01"), at("SLED", "2015-06-01")]);
    });

    // S = 2019-06-03, 24 months, VIOLENT, remand R = 28. T = 731 (2019-06-03 → 2021-06-03, includes 29 Feb 2020).
    // CRD = S + ceil(731 / 2) − 1 − 28 = S + 366 − 1 − 28 = 2020-06-02 − 28 = 2020-05-05 (Tue; no move).
    // SLED = S + 731 − 1 − 28 = 2021-06-02 − 28 = 2021-05-05. 24 months is not under 2 years: no TUSED.
    it("SDS_HALF with remand: remand days come off every date", () => {
      const result = calculateKeyDates(
        sentence({
          sentenceDate: "2019-06-03",
          lengthMonths: 24,
          remandDays: 28,
          offenceCategory: OffenceCategory.VIOLENT,
        }),
      );
      expect(result.keyDates).toEqual([at("CRD", "2020-05-05"), at("SLED", "2021-05-05")]);
    });

    // S = 2018-03-08, 24 months. T = 731 (2018-03-08 → 2020-03-08, includes 29 Feb 2020).
    // CRD = S + 366 − 1 = S + 365 = 2019-03-08, a Friday (the next day is Saturday) → Thu 2019-03-07.
    // SLED = S + 730 = 2020-03-07 (a Saturday, but expiry dates do not move).
    it("SDS_HALF release-day adjustment: a CRD on a Friday moves to the Thursday", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2018-03-08", lengthMonths: 24 }));
      expect(result.keyDates).toEqual([at("CRD", "2019-03-07", "2019-03-08"), at("SLED", "2020-03-07")]);
      expect(result.releaseDate).toBe("2019-03-07");
    });

    // S = 2018-03-09 / 2018-03-10, 24 months: T = 731, CRD = S + 365 = Sat 2019-03-09 / Sun 2019-03-10.
    // Sat → Fri (next day Sat) → Thu 2019-03-07; Sun → Sat → Fri → Thu 2019-03-07.
    it.each([
      ["Saturday", "2018-03-09", "2019-03-09"],
      ["Sunday", "2018-03-10", "2019-03-10"],
    ])(
      "SDS_HALF release-day adjustment: a CRD on a %s moves back to the Thursday",
      (_day, sentenceDate, unadjusted) => {
        const result = calculateKeyDates(sentence({ sentenceDate, lengthMonths: 24 }));
        expect(result.keyDates[0]).toEqual(at("CRD", "2019-03-07", unadjusted));
      },
    );

    // S = 2018-04-18, 24 months: T = 731 (2018-04-18 → 2020-04-18). CRD = S + 365 = Thu 2019-04-18.
    // Fri 2019-04-19 is Good Friday (a bank holiday) → Wed 2019-04-17 (Thu 18th is a working day).
    it("SDS_HALF release-day adjustment: the Thursday before Good Friday moves to the Wednesday", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2018-04-18", lengthMonths: 24 }));
      expect(result.keyDates[0]).toEqual(at("CRD", "2019-04-17", "2019-04-18"));
    });

    // S = 2018-04-22, 24 months: T = 731. CRD = S + 365 = Mon 2019-04-22, Easter Monday (bank holiday).
    // Mon (BH) → Sun → Sat → Fri 19th (Good Friday, BH) → Thu 18th (next day is BH) → Wed 2019-04-17.
    it("SDS_HALF release-day adjustment: Easter Monday moves back past the whole Easter weekend", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2018-04-22", lengthMonths: 24 }));
      expect(result.keyDates[0]).toEqual(at("CRD", "2019-04-17", "2019-04-22"));
    });

    // S = 2018-06-01, 24 months: T = 731 (2018-06-01 → 2020-06-01). CRD = S + 365 = Sat 2019-06-01.
    // Sat → Fri 31 May (next day Sat) → Thu 2019-05-30. The release month changes from June to May.
    it("SDS_HALF release-day adjustment: a CRD on Saturday the 1st moves back into the previous month", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2018-06-01", lengthMonths: 24 }));
      expect(result.keyDates[0]).toEqual(at("CRD", "2019-05-30", "2019-06-01"));
      expect(result.releaseDate).toBe("2019-05-30");
    });

    // S = 2025-06-25, 12 months, SEXUAL (excluded from SDS40). T = 365 (2025-06-25 → 2026-06-25).
    // CRD = S + ceil(182.5) − 1 = S + 182 = Wed 2025-12-24; Thu 25 Dec is a bank holiday → Tue 2025-12-23.
    // SLED = S + 364 = 2026-06-24. TUSED = unadjusted CRD + 12 months = 2026-12-24.
    it("SDS_HALF release-day adjustment: Christmas Eve moves to 23 December", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-06-25", offenceCategory: OffenceCategory.SEXUAL }),
      );
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates).toEqual([
        at("CRD", "2025-12-23", "2025-12-24"),
        at("SLED", "2026-06-24"),
        at("TUSED", "2026-12-24"),
      ]);
    });
  });

  describe("SDS40 (CJA 2003 (Requisite and Minimum Custodial Periods) Order 2024)", () => {
    // S = 2025-03-06, 36 months, OTHER. T = 1096 (2025-03-06 → 2028-03-06, includes 29 Feb 2028).
    // CRD = S + ceil(0.4 × 1096 = 438.4) − 1 = S + 439 − 1 = S + 438 = Mon 2026-05-18 (no move).
    // SLED = S + 1095 = 2028-03-05.
    it("SDS40: releases at 40% of the term after 10 Sep 2024", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2025-03-06", lengthMonths: 36 }));
      expect(result.ruleId).toBe("SDS40");
      expect(result.keyDates).toEqual([at("CRD", "2026-05-18"), at("SLED", "2028-03-05")]);
    });

    // S = 2023-10-02, 24 months, OTHER. T = 731 (includes 29 Feb 2024).
    // 40%: ceil(292.4) = 293 → S + 292 = 2024-07-20, before commencement. 50%: S + 365 = 2024-10-01, on/after
    // 10 Sep 2024, so still in custody at commencement: released on commencement, CRD = Tue 2024-09-10 (no move).
    // SLED = S + 730 = 2025-10-01.
    it("SDS40: a prisoner already past the 40% point is released on commencement, 10 Sep 2024", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2023-10-02", lengthMonths: 24 }));
      expect(result.ruleId).toBe("SDS40");
      expect(result.keyDates).toEqual([at("CRD", "2024-09-10"), at("SLED", "2025-10-01")]);
    });

    // S = 2023-09-10, 24 months, OTHER. T = 731. 50%: S + 365 = Mon 2024-09-09, the day before
    // commencement: released under the old rule, so SDS_HALF with CRD 2024-09-09 (Tue is a working day).
    it("SDS40: not applied to a prisoner released under SDS_HALF the day before commencement", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2023-09-10", lengthMonths: 24 }));
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates[0]).toEqual(at("CRD", "2024-09-09"));
    });

    // S = 2025-03-06, 36 months. T = 1096. Excluded from SDS40, so one half:
    // CRD = S + ceil(548) − 1 = S + 547 = Fri 2026-09-04 → Thu 2026-09-03. SLED = 2028-03-05.
    it("SDS40 exclusion: a SEXUAL offence stays at SDS_HALF", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-03-06", lengthMonths: 36, offenceCategory: OffenceCategory.SEXUAL }),
      );
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates).toEqual([at("CRD", "2026-09-03", "2026-09-04"), at("SLED", "2028-03-05")]);
    });

    // Issue 11 §5: the same sentence for a VIOLENT offence the court flagged as domestic abuse is
    // excluded from 40% at any length (only the violent exclusion needs 4 years); unflagged, it is SDS40.
    it("SDS40 exclusion: an offence flagged as domestic abuse stays at SDS_HALF, whatever its length", () => {
      const flagged = calculateKeyDates(
        sentence({
          sentenceDate: "2025-03-06",
          lengthMonths: 36,
          offenceCategory: OffenceCategory.VIOLENT,
          domesticAbuse: true,
        }),
      );
      expect(flagged.ruleId).toBe("SDS_HALF");
      expect(flagged.keyDates).toEqual([at("CRD", "2026-09-03", "2026-09-04"), at("SLED", "2028-03-05")]);
      const unflagged = calculateKeyDates(
        sentence({ sentenceDate: "2025-03-06", lengthMonths: 36, offenceCategory: OffenceCategory.VIOLENT }),
      );
      expect(unflagged.ruleId).toBe("SDS40");
      expect(unflagged.releaseDate! < flagged.releaseDate!).toBe(true);
    });

    // S = 2025-03-06, VIOLENT, 48 months (4 years: excluded). T = 1461 (2025-03-06 → 2029-03-06, includes 29 Feb 2028).
    // CRD = S + ceil(730.5) − 1 = S + 730 = Sat 2027-03-06 → Thu 2027-03-04.
    it("SDS40 exclusion: a VIOLENT offence with a term of 4 years or more stays at SDS_HALF", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-03-06", lengthMonths: 48, offenceCategory: OffenceCategory.VIOLENT }),
      );
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates[0]).toEqual(at("CRD", "2027-03-04", "2027-03-06"));
    });

    // S = 2025-03-06, VIOLENT, 47 months (under 4 years: not excluded). S + 47 months = 2029-02-06; T = 1433.
    // CRD = S + ceil(0.4 × 1433 = 573.2) − 1 = S + 573 = 2026-03-06 + 208 = Wed 2026-09-30 (no move).
    it("SDS40: a VIOLENT offence under 4 years is released at 40%", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-03-06", lengthMonths: 47, offenceCategory: OffenceCategory.VIOLENT }),
      );
      expect(result.ruleId).toBe("SDS40");
      expect(result.keyDates[0]).toEqual(at("CRD", "2026-09-30"));
    });

    // S = 2025-01-31, 1 month. S + 1 month = 2025-02-28 (clamped to the end of February); T = 28.
    // CRD = S + ceil(11.2) − 1 = S + 11 = Tue 2025-02-11. SLED = S + 27 = 2025-02-27. TUSED = CRD + 12 months = 2026-02-11.
    it("SDS40: a month is a calendar month, clamped at the end of a shorter month", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2025-01-31", lengthMonths: 1 }));
      expect(result.ruleId).toBe("SDS40");
      expect(result.keyDates).toEqual([at("CRD", "2025-02-11"), at("SLED", "2025-02-27"), at("TUSED", "2026-02-11")]);
    });
  });

  describe("SDS40_TRANCHE_2 (sentences of 5 years or more, from 22 Oct 2024)", () => {
    // S = 2020-01-06, 120 months, OTHER. T = 3653 (2020-01-06 → 2030-01-06; leap days 2020, 2024, 2028).
    // 40%: ceil(1461.2) = 1462 → S + 1461 = 2024-01-06. 50%: ceil(1826.5) = 1827 → S + 1826 = 2025-01-05,
    // on/after 22 Oct 2024: CRD = second-tranche commencement, Tue 2024-10-22 (no move). SLED = S + 3652 = 2030-01-05.
    it("SDS40_TRANCHE_2: a 10-year sentence past its 40% point is released on 22 Oct 2024, not 10 Sep", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2020-01-06", lengthMonths: 120 }));
      expect(result.ruleId).toBe("SDS40_TRANCHE_2");
      expect(result.keyDates).toEqual([at("CRD", "2024-10-22"), at("SLED", "2030-01-05")]);
    });

    // S = 2025-01-06, 60 months, OTHER. T = 1826 (2025-01-06 → 2030-01-06; leap day 2028).
    // CRD = S + ceil(730.4) − 1 = S + 730 = Wed 2027-01-06 (no move). SLED = S + 1825 = 2030-01-05.
    it("SDS40_TRANCHE_2: a 5-year sentence imposed after 22 Oct 2024 is released at 40%", () => {
      const result = calculateKeyDates(sentence({ sentenceDate: "2025-01-06", lengthMonths: 60 }));
      expect(result.ruleId).toBe("SDS40_TRANCHE_2");
      expect(result.keyDates).toEqual([at("CRD", "2027-01-06"), at("SLED", "2030-01-05")]);
    });

    // Same sentence, VIOLENT (5 years ≥ 4 years: excluded). CRD = S + ceil(913) − 1 = S + 912 = Wed 2027-07-07.
    it("SDS40_TRANCHE_2 exclusion: a 5-year VIOLENT sentence stays at SDS_HALF", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-01-06", lengthMonths: 60, offenceCategory: OffenceCategory.VIOLENT }),
      );
      expect(result.ruleId).toBe("SDS_HALF");
      expect(result.keyDates[0]).toEqual(at("CRD", "2027-07-07"));
    });
  });

  describe("SDS_PLUS_TWO_THIRDS (CJA 2003 s.244ZA)", () => {
    // S = 2021-05-10, 84 months, SEXUAL. T = 2557 (7 × 365 + leap days 2024, 2028).
    // CRD = S + ceil(2/3 × 2557 = 1704.67) − 1 = S + 1704 = Thu 2026-01-08 (Fri 9th is a working day).
    // SLED = S + 2556 = 2028-05-09.
    it("SDS_PLUS_TWO_THIRDS: releases at two thirds of the term", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.SDS_PLUS,
          sentenceDate: "2021-05-10",
          lengthMonths: 84,
          offenceCategory: OffenceCategory.SEXUAL,
        }),
      );
      expect(result.ruleId).toBe("SDS_PLUS_TWO_THIRDS");
      expect(result.keyDates).toEqual([at("CRD", "2026-01-08"), at("SLED", "2028-05-09")]);
      expect(result.releaseDate).toBe("2026-01-08");
    });

    it("SDS_PLUS_TWO_THIRDS: refuses an SDS+ sentence imposed before 1 Apr 2020, when there was none", () => {
      expect(() =>
        calculateKeyDates(sentence({ type: SentenceType.SDS_PLUS, sentenceDate: "2019-05-10", lengthMonths: 84 })),
      ).toThrow(KeyDateCalculationError);
    });
  });

  describe("EDS", () => {
    // S = 2019-01-14, custodial 72 months, extension 48 months, VIOLENT. T = 2192 (6 × 365 + leap days 2020, 2024).
    // PED = S + ceil(2/3 × 2192 = 1461.33) − 1 = S + 1461 = Sat 2023-01-14: not moved (not a release date).
    // ARD = S + 2192 − 1 = Mon 2025-01-13 (no move). LED = SED = S + 120 months − 1 = 2029-01-13.
    it("EDS_2015: parole from two thirds of the custodial term, automatic at its end, licence to the end of the extension", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.EDS,
          sentenceDate: "2019-01-14",
          lengthMonths: 72,
          extensionMonths: 48,
          offenceCategory: OffenceCategory.VIOLENT,
        }),
      );
      expect(result.ruleId).toBe("EDS_2015");
      expect(result.keyDates).toEqual([
        at("PED", "2023-01-14"),
        at("ARD", "2025-01-13"),
        at("LED", "2029-01-13"),
        at("SED", "2029-01-13"),
      ]);
      expect(result.releaseDate).toBe("2025-01-13");
      expect(result.paroleEligibilityDate).toBe("2023-01-14");
      expect(result.automaticRelease).toBe(true);
    });

    // S = 2014-02-03, custodial 60 months, extension 36 months. T = 1826 (5 × 365 + leap day 2016).
    // ARD = S + ceil(2/3 × 1826 = 1217.33) − 1 = S + 1217 = Sun 2017-06-04 → Thu 2017-06-01.
    // LED = SED = S + 96 months − 1 = 2022-02-02. No PED.
    it("EDS_2012_AUTOMATIC: before 13 Apr 2015, a custodial term under 10 years is released automatically at two thirds", () => {
      const result = calculateKeyDates(
        sentence({ type: SentenceType.EDS, sentenceDate: "2014-02-03", lengthMonths: 60, extensionMonths: 36 }),
      );
      expect(result.ruleId).toBe("EDS_2012_AUTOMATIC");
      expect(result.keyDates).toEqual([
        at("ARD", "2017-06-01", "2017-06-04"),
        at("LED", "2022-02-02"),
        at("SED", "2022-02-02"),
      ]);
      expect(result.paroleEligibilityDate).toBeNull();
    });

    it("EDS_2012_PAROLE: before 13 Apr 2015, a custodial term of 10 years or more goes to the Parole Board", () => {
      const result = calculateKeyDates(
        sentence({ type: SentenceType.EDS, sentenceDate: "2014-02-03", lengthMonths: 120, extensionMonths: 36 }),
      );
      expect(result.ruleId).toBe("EDS_2012_PAROLE");
      expect(result.keyDates.map((k) => k.type)).toEqual(["PED", "ARD", "LED", "SED"]);
    });

    it("EDS: refuses to calculate without the extension period", () => {
      expect(() =>
        calculateKeyDates(sentence({ type: SentenceType.EDS, sentenceDate: "2019-01-14", lengthMonths: 72 })),
      ).toThrow(/extensionMonths/);
    });
  });

  describe("SOPC (Sentencing Act 2020 s.278; CJA 2003 s.244A)", () => {
    // S = 2023-03-06, custodial 60 months, SEXUAL. T = 1827 (2023-03-06 → 2028-03-06; leap days 2024, 2028).
    // PED = S + 2/3 × 1827 (= 1218 exactly) − 1 = S + 1217 = Sun 2026-07-05 (not moved).
    // ARD = S + 1826 = Sun 2028-03-05 → Thu 2028-03-02. LED = SED = S + (60 + 12) months − 1 = 2029-03-05.
    it("SOPC_TWO_THIRDS: from 28 Jun 2022, parole from two thirds, automatic at the end of the custodial term, then 1 year on licence", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.SOPC,
          sentenceDate: "2023-03-06",
          lengthMonths: 60,
          offenceCategory: OffenceCategory.SEXUAL,
        }),
      );
      expect(result.ruleId).toBe("SOPC_TWO_THIRDS");
      expect(result.keyDates).toEqual([
        at("PED", "2026-07-05"),
        at("ARD", "2028-03-02", "2028-03-05"),
        at("LED", "2029-03-05"),
        at("SED", "2029-03-05"),
      ]);
      expect(result.releaseDate).toBe("2028-03-02");
      expect(result.paroleEligibilityDate).toBe("2026-07-05");
    });

    // S = 2018-07-02, custodial 48 months, SEXUAL. T = 1461 (2018-07-02 → 2022-07-02; leap day 2020).
    // PED = S + ceil(730.5) − 1 = S + 730 = Wed 2020-07-01 (no move).
    // ARD = S + 1460 = Fri 2022-07-01 → Thu 2022-06-30. LED = SED = S + 60 months − 1 = 2023-07-01.
    it("SOPC_HALF: before 28 Jun 2022, parole from one half of the custodial term", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.SOPC,
          sentenceDate: "2018-07-02",
          lengthMonths: 48,
          offenceCategory: OffenceCategory.SEXUAL,
        }),
      );
      expect(result.ruleId).toBe("SOPC_HALF");
      expect(result.keyDates).toEqual([
        at("PED", "2020-07-01"),
        at("ARD", "2022-06-30", "2022-07-01"),
        at("LED", "2023-07-01"),
        at("SED", "2023-07-01"),
      ]);
    });
  });

  describe("indeterminate sentences", () => {
    // S = 2020-02-17, tariff 180 months (15 years), remand 200. S + 180 months = 2035-02-17;
    // expiry = 2035-02-17 − 1 − 200 = 2035-02-16 − 200 days = 2034-07-31. Not a release date: no adjustment.
    it("LIFE_TARIFF: tariff expiry less remand; no release date, release only by the Parole Board", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.LIFE,
          sentenceDate: "2020-02-17",
          lengthMonths: null,
          tariffMonths: 180,
          remandDays: 200,
          offenceCategory: OffenceCategory.VIOLENT,
        }),
      );
      expect(result.ruleId).toBe("LIFE_TARIFF");
      expect(result.keyDates).toEqual([at("TARIFF_EXPIRY", "2034-07-31")]);
      expect(result.releaseDate).toBeNull();
      expect(result.paroleEligibilityDate).toBe("2034-07-31");
      expect(result.automaticRelease).toBe(false);
    });

    it("LIFE_TARIFF: a whole-life order (no tariff) has no dates at all", () => {
      const result = calculateKeyDates(sentence({ type: SentenceType.LIFE, lengthMonths: null, tariffMonths: null }));
      expect(result.keyDates).toEqual([]);
      expect(result.paroleEligibilityDate).toBeNull();
      expect(result.releaseDate).toBeNull();
    });

    // S = 2010-11-08, tariff 30 months. S + 30 months = 2013-05-08; expiry = 2013-05-07.
    it("IPP_TARIFF: tariff expiry, then the Parole Board", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.IPP,
          sentenceDate: "2010-11-08",
          lengthMonths: null,
          tariffMonths: 30,
          offenceCategory: OffenceCategory.SEXUAL,
        }),
      );
      expect(result.ruleId).toBe("IPP_TARIFF");
      expect(result.keyDates).toEqual([at("TARIFF_EXPIRY", "2013-05-07")]);
      expect(result.paroleEligibilityDate).toBe("2013-05-07");
      expect(result.releaseDate).toBeNull();
    });
  });

  // S = 2024-04-08, 12 months, VIOLENT. T = 365 (2024-04-08 → 2025-04-08).
  // MTD = S + ceil(182.5) − 1 = S + 182 = Mon 2024-10-07 (no move). SED = S + 364 = 2025-04-07.
  // ETD = MTD − 1 month = Sat 2024-09-07 → Thu 2024-09-05; LTD = MTD + 1 month = Thu 2024-11-07.
  // (A DTO is not an SDS: the 40% rule does not apply.)
  it("DTO_HALF: release to supervision at the mid-point (MTD), with the early and late dates a month either side", () => {
    const result = calculateKeyDates(
      sentence({ type: SentenceType.DTO, sentenceDate: "2024-04-08", offenceCategory: OffenceCategory.VIOLENT }),
    );
    expect(result.ruleId).toBe("DTO_HALF");
    expect(result.keyDates).toEqual([
      at("MTD", "2024-10-07"),
      at("ETD", "2024-09-05", "2024-09-07"),
      at("LTD", "2024-11-07"),
      at("SED", "2025-04-07"),
    ]);
    expect(result.releaseDate).toBe("2024-10-07");
  });

  // S = 2023-01-09, 24 months: 2 months either side. T = 731 (leap day 2024).
  // MTD = S + ceil(365.5) − 1 = S + 365 = Tue 2024-01-09. ETD = Thu 2023-11-09; LTD = Sat 2024-03-09 → Thu 2024-03-07.
  // A 6-month order has neither.
  it("DTO_HALF: 2 months either side for an order of 18 to 24 months, none under 8 months", () => {
    const long = calculateKeyDates(sentence({ type: SentenceType.DTO, sentenceDate: "2023-01-09", lengthMonths: 24 }));
    expect(long.keyDates.filter((date) => date.type !== "SED")).toEqual([
      at("MTD", "2024-01-09"),
      at("ETD", "2023-11-09"),
      at("LTD", "2024-03-07", "2024-03-09"),
    ]);
    const short = calculateKeyDates(sentence({ type: SentenceType.DTO, sentenceDate: "2023-01-09", lengthMonths: 6 }));
    expect(short.keyDates.map((date) => date.type)).toEqual(["MTD", "SED"]);
  });

  describe("terrorist offenders (CJA 2003 s.247A; issue 11 §3)", () => {
    // The worked example. S = 2025-09-01, 36 months. T = 1096 (leap day 2028).
    // PED = S + ceil(2/3 × 1096 = 730.67) − 1 = S + 730 = Wed 2027-09-01.
    // ARD = S + 1096 − 1 = Thu 2028-08-31 (Fri 1 Sep is a working day: no move). SLED the same day.
    it("SDS_TERRORIST: parole from two thirds, automatic release only at the end of the term", () => {
      const result = calculateKeyDates(
        sentence({ sentenceDate: "2025-09-01", lengthMonths: 36, offenceCategory: OffenceCategory.TERRORISM }),
      );
      expect(result.ruleId).toBe("SDS_TERRORIST");
      expect(result.keyDates).toEqual([at("PED", "2027-09-01"), at("ARD", "2028-08-31"), at("SLED", "2028-08-31")]);
      expect(result.releaseDate).toBe("2028-08-31");
      expect(result.paroleEligibilityDate).toBe("2027-09-01");
    });

    it("SDS_PLUS_TERRORIST: an SDS+ for a terrorist offence likewise", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.SDS_PLUS,
          sentenceDate: "2025-09-01",
          lengthMonths: 36,
          offenceCategory: OffenceCategory.TERRORISM,
        }),
      );
      expect(result.ruleId).toBe("SDS_PLUS_TERRORIST");
      expect(result.paroleEligibilityDate).toBe("2027-09-01");
      expect(result.releaseDate).toBe("2028-08-31");
    });

    // S = 2022-03-07, custodial 96 months, extension 120 months. T = 2922 (leap days 2024, 2028).
    // ARD = S + 2922 − 1 = Wed 2030-03-06 (no move); no PED. LED = SED = S + 216 months − 1 = 2040-03-06.
    it("STS: the whole custodial term, no parole, then the extension on licence", () => {
      const result = calculateKeyDates(
        sentence({
          type: SentenceType.STS,
          sentenceDate: "2022-03-07",
          lengthMonths: 96,
          extensionMonths: 120,
          offenceCategory: OffenceCategory.TERRORISM,
        }),
      );
      expect(result.ruleId).toBe("STS");
      expect(result.keyDates).toEqual([at("ARD", "2030-03-06"), at("LED", "2040-03-06"), at("SED", "2040-03-06")]);
      expect(result.paroleEligibilityDate).toBeNull();
    });
  });

  // Issue 11 §5: S = 2025-10-02, custodial 36 months. T = 1096. PED = S + 730 = Sat 2027-10-02,
  // told as October 2027 (not moved to Thursday 30 September). ARD = S + 1095 = Sun 2028-10-01 →
  // Thu 2028-09-28 (a release date is moved).
  it("EDS: a PED on a Saturday stays on the Saturday; only the release date moves", () => {
    const result = calculateKeyDates(
      sentence({ type: SentenceType.EDS, sentenceDate: "2025-10-02", lengthMonths: 36, extensionMonths: 24 }),
    );
    expect(result.keyDates.slice(0, 2)).toEqual([at("PED", "2027-10-02"), at("ARD", "2028-09-28", "2028-10-01")]);
  });

  it("HOSPITAL_ORDER: no release date; discharge is decided elsewhere", () => {
    const result = calculateKeyDates(
      sentence({ type: SentenceType.HOSPITAL_ORDER, lengthMonths: null, offenceCategory: OffenceCategory.VIOLENT }),
    );
    expect(result).toEqual({
      ruleId: "HOSPITAL_ORDER",
      ruleDescription: expect.any(String),
      keyDates: [],
      releaseDate: null,
      paroleEligibilityDate: null,
      automaticRelease: false,
    });
  });

  describe("input checks", () => {
    it.each([
      ["an impossible date", { sentenceDate: "2023-02-29" }],
      ["a date with a time", { sentenceDate: "2024-01-15T00:00:00Z" }],
      ["a determinate sentence with no length", { lengthMonths: null }],
      ["a fractional length", { lengthMonths: 12.5 }],
      ["negative remand", { remandDays: -1 }],
    ])("refuses %s", (_label, overrides: Partial<SentenceForRules>) => {
      expect(() => calculateKeyDates(sentence(overrides))).toThrow(KeyDateCalculationError);
    });
  });

  describe("RELEASE_RULES table", () => {
    it("has unique ids, each with a description and a source", () => {
      const ids = RELEASE_RULES.map((rule) => rule.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const rule of RELEASE_RULES) {
        expect(rule.description.length).toBeGreaterThan(0);
        expect(rule.source.length).toBeGreaterThan(0);
      }
    });

    it("covers every sentence type", () => {
      const covered = new Set(RELEASE_RULES.map((rule) => rule.sentenceType));
      expect([...covered].sort()).toEqual(Object.values(SentenceType).sort());
    });
  });
});
