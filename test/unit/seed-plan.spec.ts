import { CRN, PRISON_NUMBER, UK_PHONE, UK_POSTCODE } from "../../src/schema/common/validators";
import { SentenceType } from "../../src/domain/sentences/sentence.enums";
import { isWorkingDay } from "../../src/domain/calendar/working-days";
import { planSeed, type SeedPlan } from "../../src/services/platform/seed-plan";
import type { ContactDetails } from "../../src/services/cases/referral.service";

// The seeded database's plan (npm run seed) is pure: the same seed gives the same plan, made of
// fictional people whose details the API itself would accept.
const SETTINGS = { cases: 2000, seed: 42, years: 3, endDay: "2026-11-02" };

describe("the seed's plan", () => {
  let plan: SeedPlan;
  beforeAll(() => {
    plan = planSeed(SETTINGS);
  });

  it("should be the same for the same seed, and another for another seed", () => {
    const again = planSeed({ ...SETTINGS, cases: 200 });
    expect(planSeed({ ...SETTINGS, cases: 200 })).toEqual(again);
    const other = planSeed({ ...SETTINGS, cases: 200, seed: 7 });
    expect(other.offenders.map((planned) => planned.offender.name)).not.toEqual(
      again.offenders.map((planned) => planned.offender.name),
    );
  });

  it("should plan the cases asked for, offenders of every sentence type, and officers in every region", () => {
    expect(plan.cases).toHaveLength(SETTINGS.cases);
    expect(new Set(plan.offenders.map((planned) => planned.offender.sentence.type))).toEqual(
      new Set(Object.values(SentenceType)),
    );
    const regions = new Set(plan.offenders.map((planned) => planned.region));
    for (const region of regions)
      expect(plan.officers.some((officer) => officer.region === region && officer.caseworker)).toBe(true);
    expect(plan.officers.map((officer) => officer.username)).toContain("alice.vlo");
  });

  it("should give every offender a unique prison number and CRN in the service's formats", () => {
    const prisonNumbers = plan.offenders.map((planned) => planned.offender.prisonNumber!);
    const crns = plan.offenders.map((planned) => planned.offender.crn!);
    expect(prisonNumbers.every((value) => PRISON_NUMBER.test(value))).toBe(true);
    expect(crns.every((value) => CRN.test(value))).toBe(true);
    expect(new Set(prisonNumbers).size).toBe(prisonNumbers.length);
    expect(new Set(crns).size).toBe(crns.length);
  });

  it("should make contacts the API would accept, reachable only at example addresses and drama numbers", () => {
    const added = plan.steps.flatMap(({ step }) => (step.kind === "ADD_CONTACT" ? [step.contact] : []));
    const contacts: ContactDetails[] = [...plan.cases.map((planned) => planned.referral.contact), ...added];
    for (const contact of contacts) {
      expect(contact.name.trim()).not.toBe("");
      if (contact.address) expect(contact.address.postcode).toMatch(UK_POSTCODE);
      if (contact.phone) {
        expect(contact.phone).toMatch(UK_PHONE);
        expect(contact.phone).toMatch(/^(07700 900|01632 960|020 7946 0|0\d{3} 49[68] 0|029 2018 0)\d{3}$/);
      }
      if (contact.email) expect(contact.email).toMatch(/@example\.(com|net|org)$/);
      expect(contact.dateOfBirth! <= SETTINGS.endDay).toBe(true);
    }
    expect(contacts.filter((contact) => contact.address).length / contacts.length).toBeGreaterThan(0.85);
  });

  it("should spread the referrals over the years, each on a working day", () => {
    const referred = plan.cases.map((planned) => planned.referral.referredOn);
    expect(referred.every((day) => day >= plan.startDay && day <= plan.endDay && isWorkingDay(day))).toBe(true);
    expect(new Set(referred.map((day) => day.slice(0, 7))).size).toBeGreaterThanOrEqual(36);
    expect(plan.steps.every(({ day }) => day >= plan.startDay && day <= plan.endDay)).toBe(true);
  });

  it("should draw the paths at the rates of its table", () => {
    const events = plan.steps.flatMap(({ step }) => (step.kind === "CASE_EVENT" ? [step.event.type] : []));
    const invited = plan.cases.length * 0.97;
    const share = (type: string) => events.filter((event) => event === type).length / invited;
    // Three in four opt in (a few more later), about one in six decline; the rest never answer.
    expect(share("RECORD_OPT_IN")).toBeGreaterThan(0.7);
    expect(share("RECORD_OPT_IN")).toBeLessThan(0.85);
    expect(share("RECORD_DECLINE")).toBeGreaterThan(0.1);
    expect(share("RECORD_DECLINE")).toBeLessThan(0.2);
    const custody = new Set(plan.steps.flatMap(({ step }) => (step.kind === "CUSTODY_EVENT" ? [step.event.type] : [])));
    for (const type of [
      "REFERRED_TO_PAROLE_BOARD",
      "PAROLE_DECISION",
      "RELEASED_ON_LICENCE",
      "RECALLED",
      "LICENCE_ENDED",
    ])
      expect(custody).toContain(type);
  });
});
