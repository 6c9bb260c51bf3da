import { comesOfAgeOn } from "../../src/domain/cases/coming-of-age";
import { ContactRole } from "../../src/domain/cases/contact.enums";
import { comingOfAgeStep, victimComingOfAge } from "../../src/services/work/victim-coming-of-age";

// When a child victim is told directly (domain.md R19): worked by hand.
describe("comesOfAgeOn", () => {
  it.each([
    ["2008-06-15", "2026-06-15"],
    ["2010-01-01", "2028-01-01"],
    // Born on a leap day: the 18th year (leap year + 18) never has a 29 February, so 1 March.
    ["2008-02-29", "2026-03-01"],
    ["2010-02-28", "2028-02-28"],
    ["2012-02-29", "2030-03-01"],
    ["1980-02-29", "1998-03-01"],
    ["2006-02-28", "2024-02-28"],
  ])("should make someone born on %s 18 on %s", (born, adult) => {
    expect(comesOfAgeOn(born)).toBe(adult);
  });
});

describe("victimComingOfAge", () => {
  const contact = (id: string, role: ContactRole, dateOfBirth: string | null, erasedAt: Date | null = null) => ({
    id,
    role,
    dateOfBirth,
    erasedAt,
  });

  it("should take the VICTIM contact's date of birth while a PARENT_GUARDIAN contact is on the case", () => {
    expect(
      victimComingOfAge([
        contact("g", ContactRole.PARENT_GUARDIAN, "1980-01-01"),
        contact("v", ContactRole.VICTIM, "2010-05-04"),
      ]),
    ).toEqual({ contactId: "v", on: "2028-05-04" });
  });

  it("should know nothing without a guardian, without a victim, or without the victim's date of birth", () => {
    expect(victimComingOfAge([contact("v", ContactRole.VICTIM, "2010-05-04")])).toBeNull();
    expect(victimComingOfAge([contact("g", ContactRole.PARENT_GUARDIAN, "1980-01-01")])).toBeNull();
    expect(
      victimComingOfAge([contact("g", ContactRole.PARENT_GUARDIAN, null), contact("v", ContactRole.VICTIM, null)]),
    ).toBeNull();
    // A carer or next of kin is not a parent acting for a child.
    expect(
      victimComingOfAge([contact("c", ContactRole.CARER, null), contact("v", ContactRole.VICTIM, "2010-05-04")]),
    ).toBeNull();
  });

  it("should ignore erased contacts, and take the first VICTIM contact with a date of birth", () => {
    const erased = new Date("2026-01-01T00:00:00Z");
    expect(
      victimComingOfAge([
        contact("g", ContactRole.PARENT_GUARDIAN, null, erased),
        contact("v", ContactRole.VICTIM, "2010-05-04"),
      ]),
    ).toBeNull();
    expect(
      victimComingOfAge([
        contact("g", ContactRole.PARENT_GUARDIAN, null),
        contact("v0", ContactRole.VICTIM, null),
        contact("v1", ContactRole.VICTIM, "2011-07-08"),
        contact("v2", ContactRole.VICTIM, "2012-01-01"),
      ]),
    ).toEqual({ contactId: "v1", on: "2029-07-08" });
  });
});

// Referred on 10 January 2026; today is 28 November 2026.
describe("comingOfAgeStep", () => {
  const referredOn = "2026-01-10";
  const today = "2026-11-28";
  const coming = (on: string) => ({ contactId: "v", on });

  it("should set the timer for a birthday still to come", () => {
    expect(comingOfAgeStep(coming("2026-11-29"), referredOn, today)).toEqual({ kind: "TIMER", on: "2026-11-29" });
    expect(comingOfAgeStep(coming("2031-05-04"), referredOn, today)).toEqual({ kind: "TIMER", on: "2031-05-04" });
  });

  it("should raise the task at once for a victim who turned 18 on or after the referral, today included", () => {
    for (const on of [today, "2026-06-01", referredOn])
      expect(comingOfAgeStep(coming(on), referredOn, today)).toEqual({ kind: "TASK", contactId: "v" });
  });

  it("should raise nothing for a victim already an adult when referred: they did not come of age in the scheme", () => {
    expect(comingOfAgeStep(coming("2026-01-09"), referredOn, today)).toBeNull();
    expect(comingOfAgeStep(coming("1997-03-14"), referredOn, today)).toBeNull();
  });

  it("should do nothing when no guardian speaks for a victim whose birthday is known", () => {
    expect(comingOfAgeStep(null, referredOn, today)).toBeNull();
  });
});
