import { DiscretionaryGround, EligibilityRoute } from "../../src/domain/cases/case.enums";
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

  const none = { reason: null, ground: null };
  const stalking = { reason: "Stalking; high risk of harm", ground: DiscretionaryGround.STALKING };

  it("should choose STATUTORY when the law applies and no route is asked for", () => {
    expect(decideRoute(eligible, null, none)).toEqual({ eligible: true, route: EligibilityRoute.STATUTORY });
  });

  it("should choose DISCRETIONARY for an ineligible sentence only with a reason and a ground", () => {
    expect(decideRoute(short, null, stalking)).toEqual({ eligible: true, route: EligibilityRoute.DISCRETIONARY });
    expect(decideRoute(short, null, { ...stalking, reason: "   " })).toEqual({
      eligible: false,
      refusedAt: "discretionaryReason",
    });
    expect(decideRoute(short, null, none)).toEqual({ eligible: false, refusedAt: "discretionaryReason" });
    expect(decideRoute(short, null, { ...stalking, ground: null })).toEqual({
      eligible: false,
      refusedAt: "discretionaryGround",
    });
  });

  it("should refuse STATUTORY when asked for an ineligible sentence, and DISCRETIONARY without a reason or ground", () => {
    expect(decideRoute(short, EligibilityRoute.STATUTORY, stalking)).toEqual({ eligible: false, refusedAt: "route" });
    expect(decideRoute(eligible, EligibilityRoute.DISCRETIONARY, none)).toEqual({
      eligible: false,
      refusedAt: "discretionaryReason",
    });
    expect(decideRoute(eligible, EligibilityRoute.DISCRETIONARY, { reason: "offered early", ground: null })).toEqual({
      eligible: false,
      refusedAt: "discretionaryGround",
    });
    expect(
      decideRoute(eligible, EligibilityRoute.DISCRETIONARY, {
        reason: "offered early",
        ground: DiscretionaryGround.HIGH_RISK,
      }),
    ).toEqual({ eligible: true, route: EligibilityRoute.DISCRETIONARY });
  });
});
