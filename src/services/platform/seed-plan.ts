import { Faker, base, en, en_GB } from "@faker-js/faker";
import { addDays, addYears } from "../../domain/calendar/calendar";
import { Region } from "../../domain/security/region.enum";
import { Role } from "../../domain/security/role.enum";
import { DEFAULT_INVITATION_TIMINGS, type InvitationTimings } from "../../domain/work/deadline-rules";
import type { Referral } from "../cases/referral.service";
import type { NewOffender } from "../custody/custody-transition.service";
import type { NewOfficer } from "../security/officer.service";
import { DEMO_OFFICERS } from "./demo-data";
import { planCase } from "./seed-case-plan";
import { Chance, daysBetween, workingDayFrom } from "./seed-chance";
import { CustodyPlanner, planSentence } from "./seed-custody-plan";
import { FictionalPeople, teamsOf } from "./seed-people";
import { SEED_RATES } from "./seed-rates";
import type { SeedStep, SeedStepKind, SeedWindow } from "./seed-steps";

// The plan of a seeded database (npm run seed), made before anything is written: who exists, and
// every step of every history with its day. Pure and deterministic: one seed, one plan. The
// runner (seed-runner.ts) then takes the steps through the service's own pipeline, day by day.

export interface SeedSettings {
  /** Victim cases to refer. */
  cases: number;
  seed: number;
  /** Years of history, ending on `endDay`. */
  years: number;
  /** The last day seeded: the service's today. */
  endDay: string;
  /** The configured invitation timings, so no answer is planned after its invitation expires. */
  invitationTimings?: InvitationTimings;
}

interface PlannedOfficer extends NewOfficer {
  region: Region | null;
  /** A VLO, given cases (managers and the national roles are not). */
  caseworker: boolean;
}

interface PlannedOffender {
  key: number;
  region: Region;
  offender: NewOffender;
}

interface PlannedCase {
  key: number;
  offender: number;
  /** The VLO (user name) who refers and works the case. */
  officer: string;
  referral: Omit<Referral, "offenderId">;
}

export interface DatedStep {
  day: string;
  /** The offender whose records the step touches: different offenders' steps are independent. */
  offender: number;
  /** Orders one offender's steps of one day. */
  order: number;
  step: SeedStep;
}

export interface SeedPlan {
  startDay: string;
  endDay: string;
  officers: PlannedOfficer[];
  offenders: PlannedOffender[];
  cases: PlannedCase[];
  /** Every step in the order it is taken: by day, then offender, then the offender's own order. */
  steps: DatedStep[];
}

// Within one offender's day: the offender exists before its victims are referred, a referral's
// contacts come with it, and the custody feed's news reaches the cases before the officer acts.
const PRIORITY: Readonly<Record<SeedStepKind, number>> = {
  CREATE_OFFENDER: 0,
  REFER: 1,
  ADD_CONTACT: 2,
  CUSTODY_EVENT: 3,
  SCHEDULE_HEARING: 4,
  CASE_EVENT: 5,
  CHANGE_ADDRESS: 5,
  INVITE_STATEMENT: 6,
  SUBMIT_STATEMENT: 6,
  REQUEST_DECISION_SUMMARY: 6,
  REQUEST_LICENCE_CONDITION: 6,
  FORWARD_LICENCE_CONDITION: 6,
  DECIDE_LICENCE_CONDITION: 6,
};

/**
 * Plans a seeded database: officers in every region, offenders of every sentence type, their
 * victims' cases, and every step of their histories over the years before `endDay`.
 */
export function planSeed(settings: SeedSettings): SeedPlan {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(settings.seed);
  const chance = new Chance(faker);
  const people = new FictionalPeople(faker);
  const window = { from: addYears(settings.endDay, -settings.years), until: settings.endDay };
  const span = daysBetween(window.from, window.until);
  const timings = settings.invitationTimings ?? DEFAULT_INVITATION_TIMINGS;

  const offenders: PlannedOffender[] = [];
  const cases: Omit<PlannedCase, "officer">[] = [];
  const steps: DatedStep[] = [];
  while (cases.length < settings.cases) {
    const key = offenders.length;
    const victims = Math.min(Number(chance.pick(SEED_RATES.victimsPerOffender)), settings.cases - cases.length);
    // Referrals spread evenly over the years; the offender arrives from the custody feed with the first.
    let firstReferral = workingDayFrom(addDays(window.from, chance.int(0, span)));
    if (firstReferral > window.until) firstReferral = window.until;
    const planned = planOffender(chance, people, { key, victims, firstReferral, window, timings }, cases.length);
    offenders.push(planned.offender);
    cases.push(...planned.cases);
    steps.push(...planned.steps);
  }
  const officers = planOfficers(chance, people, offenders, cases);
  const caseworkers = new Map<Region, string[]>();
  for (const officer of officers)
    if (officer.caseworker && officer.region)
      caseworkers.set(officer.region, [...(caseworkers.get(officer.region) ?? []), officer.username]);
  // One VLO usually holds all of an offender's victims.
  const officerOf = new Map<number, string>();
  const assigned = cases.map((planned): PlannedCase => {
    let officer = officerOf.get(planned.offender);
    if (!officer || chance.happens(0.1)) officer = chance.element(caseworkers.get(offenders[planned.offender].region)!);
    officerOf.set(planned.offender, officer);
    return { ...planned, officer };
  });
  steps.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || a.offender - b.offender || a.order - b.order);
  return { startDay: window.from, endDay: window.until, officers, offenders, cases: assigned, steps };
}

// Enough VLOs in each region for its caseload, a manager in each, and the demo users among them, so
// the development sign-ins (alice.vlo, carol.manager, ann.analyst, …) see seeded cases.
function planOfficers(
  chance: Chance,
  people: FictionalPeople,
  offenders: PlannedOffender[],
  cases: Omit<PlannedCase, "officer">[],
): PlannedOfficer[] {
  const officers: PlannedOfficer[] = DEMO_OFFICERS.map(({ roles, ...officer }) => ({
    ...officer,
    region: officer.region ?? null,
    team: officer.team ?? null,
    caseworker: roles.includes(Role.VLO),
  }));
  for (const officer of officers) people.reserveUsername(officer.username);
  const load = new Map<Region, number>();
  for (const planned of cases) {
    const region = offenders[planned.offender].region;
    load.set(region, (load.get(region) ?? 0) + 1);
  }
  for (const region of Object.values(Region)) {
    const teams = teamsOf(region);
    const inRegion = officers.filter((officer) => officer.region === region);
    const wanted = Math.max(2, Math.ceil((load.get(region) ?? 0) / SEED_RATES.casesPerVLO));
    for (let count = inRegion.filter((officer) => officer.caseworker).length; count < wanted; count++)
      officers.push({ ...people.officer(), region, team: chance.element(teams), caseworker: true });
    if (!inRegion.some((officer) => !officer.caseworker))
      officers.push({ ...people.officer(), region, team: teams[0], caseworker: false });
  }
  return officers;
}

interface OffenderToPlan {
  key: number;
  victims: number;
  firstReferral: string;
  window: SeedWindow;
  timings: InvitationTimings;
}

function planOffender(
  chance: Chance,
  people: FictionalPeople,
  planned: OffenderToPlan,
  firstCaseKey: number,
): { offender: PlannedOffender; cases: Omit<PlannedCase, "officer">[]; steps: DatedStep[] } {
  const { key, firstReferral, window } = planned;
  const region = chance.pick(SEED_RATES.region);
  const sentence = planSentence(chance, firstReferral);
  const name = people.offenderName();
  const offender: PlannedOffender = {
    key,
    region,
    offender: { name, prisonNumber: people.prisonNumber(), crn: people.crn(), sentence },
  };
  const steps: DatedStep[] = [];
  const add = (day: string, step: SeedStep) =>
    steps.push({ day, offender: key, order: PRIORITY[step.kind] * 1_000_000 + steps.length, step });
  add(firstReferral, { kind: "CREATE_OFFENDER", offender: key });

  // The other victims are referred within two months of the first.
  const referrals = Array.from({ length: planned.victims }, (_, index) => {
    const day = index === 0 ? firstReferral : workingDayFrom(chance.after(firstReferral, 0, 60));
    return day > window.until ? firstReferral : day;
  });
  const lastReferral = referrals.reduce((latest, day) => (day > latest ? day : latest));
  const custody = new CustodyPlanner(chance, window, firstReferral, addDays(lastReferral, 14), (day, step) =>
    add(day, step(key)),
  ).plan(sentence);

  const taken = new Set<string>();
  const cases = referrals.map((referredOn, index) => {
    const caseKey = firstCaseKey + index;
    const toPlan = { key: caseKey, region, sentence, referredOn, custody, window, timings: planned.timings, taken };
    const { referral, steps: caseSteps } = planCase(chance, people, toPlan);
    for (const { day, step } of caseSteps) add(day, step);
    return { key: caseKey, offender: key, referral };
  });
  return { offender, cases, steps };
}
