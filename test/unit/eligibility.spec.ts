import { EligibilityRoute } from "../../src/domain/cases/case.enums";
import { OffenceCategory, SentenceType } from "../../src/domain/sentences/sentence.enums";
import { decideRoute, isStatutorilyEligible } from "../../src/domain/cases/eligibility";

describe("eligibility (DVCVA 2004 ss.35, 45)", () => {
  it.each([
    [SentenceType.SDS, OffenceCategory.VIOLENT, 12, true],
    [SentenceType.SDS, OffenceCategory.VIOLENT, 11, false],
    [SentenceType.SDS_PLUS, OffenceCategory.SEXUAL, 84, true],
    [SentenceType.DTO, OffenceCategory.VIOLENT, 12, true],
    [SentenceType.DTO, OffenceCategory.VIOLENT, 8, false],
    [SentenceType.EDS, OffenceCategory.TERRORISM, 60, true],
    [SentenceType.LIFE, OffenceCategory.VIOLENT, null, true],
    [SentenceType.IPP, OffenceCategory.SEXUAL, null, true],
    [SentenceType.HOSPITAL_ORDER, OffenceCategory.VIOLENT, null, true],
    [SentenceType.SDS, OffenceCategory.OTHER, 120, false],
    [SentenceType.LIFE, OffenceCategory.OTHER, null, false],
  ])(
    "should decide %s for a %s offence of %s months is eligible: %s",
    (type, offenceCategory, lengthMonths, expected) => {
      expect(isStatutorilyEligible({ type, offenceCategory, lengthMonths })).toBe(expected);
    },
  );

  const eligible = { type: SentenceType.SDS, offenceCategory: OffenceCategory.VIOLENT, lengthMonths: 24 };
  const short = { type: SentenceType.SDS, offenceCategory: OffenceCategory.VIOLENT, lengthMonths: 6 };

  it("should choose STATUTORY when the law applies and no route is asked for", () => {
    expect(decideRoute(eligible, null, null)).toEqual({ eligible: true, route: EligibilityRoute.STATUTORY });
  });

  it("should choose DISCRETIONARY for an ineligible sentence only with a reason", () => {
    expect(decideRoute(short, null, "Stalking; high risk of harm")).toEqual({
      eligible: true,
      route: EligibilityRoute.DISCRETIONARY,
    });
    expect(decideRoute(short, null, "   ")).toEqual({ eligible: false });
    expect(decideRoute(short, null, null)).toEqual({ eligible: false });
  });

  it("should refuse STATUTORY when asked for an ineligible sentence, and DISCRETIONARY without a reason", () => {
    expect(decideRoute(short, EligibilityRoute.STATUTORY, "reason")).toEqual({ eligible: false });
    expect(decideRoute(eligible, EligibilityRoute.DISCRETIONARY, null)).toEqual({ eligible: false });
    expect(decideRoute(eligible, EligibilityRoute.DISCRETIONARY, "offered early")).toEqual({
      eligible: true,
      route: EligibilityRoute.DISCRETIONARY,
    });
  });
});
