import type { DataSource, EntityManager } from "typeorm";
import { CloseReason } from "../../domain/cases/case.enums";
import { ContactChannel, ContactRole, InformationLevel } from "../../domain/cases/contact.enums";
import { CustodyEventType, ParoleOutcome, RecallType } from "../../domain/custody/custody.enums";
import { londonDate } from "../../domain/calendar/london-date";
import { addDays } from "../../domain/calendar/calendar";
import { Region } from "../../domain/security/region.enum";
import { Role } from "../../domain/security/role.enum";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import type { CaseEvent, CustodyEvent } from "../../machines/machine-events";
import { createOffender, type NewOffender } from "../custody/custody-transition.service";
import { changeCase, changeCustody } from "../reactions/event-reactions";
import { DEFAULT_TIMER_SETTINGS, type TimerSettings } from "../work/timer-schedule";
import { HearingType } from "../../domain/parole/parole.enums";
import {
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
} from "../../domain/licence-conditions/licence-condition.enums";
import { applyLicenceConditionEvent, requestLicenceCondition } from "../licence-conditions/licence-condition.service";
import { createOfficer, type NewOfficer } from "../security/officer.service";
import { lockOpenParoleReview } from "../parole/parole-review.service";
import { inviteVictimPersonalStatement, scheduleParoleHearing } from "../parole/parole-steps.service";
import { referVictimCase, type ContactDetails } from "../cases/referral.service";
import { selectRows } from "./sql";

const ACTOR = "system:demo-data";

// Fictional people only. Every status is reached by driving the machines, never by writing it.
const OFFENDERS: { key: string; offender: NewOffender }[] = [
  {
    key: "sds",
    offender: {
      name: "Daniel Marsh",
      prisonNumber: "A1001AA",
      crn: "X100001",
      sentence: {
        type: SentenceType.SDS,
        sentenceDate: "2024-05-14",
        lengthMonths: 48,
        offenceCategory: OffenceCategory.VIOLENT,
        remandDays: 62,
      },
    },
  },
  {
    key: "eds",
    offender: {
      name: "Kieran Holt",
      prisonNumber: "A1002AB",
      crn: "X100002",
      sentence: {
        type: SentenceType.EDS,
        sentenceDate: "2021-09-03",
        lengthMonths: 96,
        extensionMonths: 48,
        offenceCategory: OffenceCategory.SEXUAL,
      },
    },
  },
  {
    key: "life",
    offender: {
      name: "Martin Crowe",
      prisonNumber: "A1003AC",
      crn: "X100003",
      sentence: {
        type: SentenceType.LIFE,
        sentenceDate: "2009-02-20",
        tariffMonths: 180,
        offenceCategory: OffenceCategory.VIOLENT,
      },
    },
  },
  {
    key: "plus",
    offender: {
      name: "Shaun Pike",
      prisonNumber: "A1004AD",
      crn: "X100004",
      sentence: {
        type: SentenceType.SDS_PLUS,
        sentenceDate: "2021-11-08",
        lengthMonths: 84,
        offenceCategory: OffenceCategory.VIOLENT,
      },
    },
  },
  {
    key: "ended",
    offender: {
      name: "Gareth Lyle",
      prisonNumber: "A1005AE",
      crn: "X100005",
      sentence: {
        type: SentenceType.SDS,
        sentenceDate: "2018-03-12",
        lengthMonths: 36,
        offenceCategory: OffenceCategory.SEXUAL,
      },
    },
  },
];

function contact(name: string, extra: Partial<ContactDetails> = {}): ContactDetails {
  return {
    role: ContactRole.VICTIM,
    name,
    address: { line1: "1 Example Street", town: "Exampleton", postcode: "EX1 1AA" },
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org`,
    ...extra,
  };
}

const invite: CaseEvent = { type: "SEND_INVITATION", channel: ContactChannel.LETTER, visitOffered: true };
const optIn: CaseEvent = { type: "RECORD_OPT_IN" };
const plan: CaseEvent = {
  type: "AGREE_CONTACT_PLAN",
  informationLevel: InformationLevel.KEY_STAGES,
  channels: [ContactChannel.LETTER, ContactChannel.EMAIL],
};

// Most cases are alice's (North East); bob's two (London) show that regions do not see each other.
// Referred over the past year, so the statistics have trends to show: each case `referredDaysAgo`,
// and its steps all taken on one later day, `actedDaysAgo` (the day of referral when absent).
type DemoCase = {
  offender: string;
  contact: ContactDetails;
  events: CaseEvent[];
  officer?: string;
  referredDaysAgo: number;
  actedDaysAgo?: number;
};
const CASES: DemoCase[] = [
  { offender: "sds", contact: contact("Alice Example"), events: [], referredDaysAgo: 6 },
  { offender: "sds", contact: contact("Ben Example"), events: [invite], referredDaysAgo: 34, actedDaysAgo: 4 },
  {
    offender: "sds",
    contact: contact("Chloe Example"),
    events: [invite, optIn],
    referredDaysAgo: 64,
    actedDaysAgo: 50,
  },
  {
    offender: "sds",
    contact: contact("Dev Example"),
    events: [invite, { type: "RECORD_DECLINE" }],
    referredDaysAgo: 97,
    actedDaysAgo: 85,
  },
  {
    offender: "sds",
    contact: contact("Erin Example"),
    events: [invite, optIn, plan],
    referredDaysAgo: 128,
    actedDaysAgo: 118,
  },
  {
    offender: "sds",
    contact: contact("Femi Example"),
    events: [invite, optIn, plan, { type: "RECORD_OPT_OUT" }],
    officer: "bob.vlo",
    referredDaysAgo: 158,
    actedDaysAgo: 150,
  },
  {
    offender: "sds",
    contact: contact("Gus Example", { role: ContactRole.PARENT_GUARDIAN, phone: "07700 900123" }),
    events: [invite, { type: "CLOSE", reason: CloseReason.TRANSFERRED }],
    referredDaysAgo: 190,
    actedDaysAgo: 180,
  },
  {
    offender: "eds",
    contact: contact("Hana Example"),
    events: [invite, optIn, plan],
    referredDaysAgo: 220,
    actedDaysAgo: 210,
  },
  {
    offender: "life",
    contact: contact("Ivan Example", { role: ContactRole.NEXT_OF_KIN }),
    events: [invite, optIn, plan],
    referredDaysAgo: 250,
    actedDaysAgo: 240,
  },
  {
    offender: "plus",
    contact: contact("Jo Example"),
    events: [invite, optIn, plan],
    officer: "bob.vlo",
    referredDaysAgo: 280,
    actedDaysAgo: 270,
  },
  {
    offender: "ended",
    contact: contact("Kim Example"),
    events: [
      invite,
      optIn,
      {
        type: "AGREE_CONTACT_PLAN",
        informationLevel: InformationLevel.RELEASE_MONTH_ONLY,
        channels: [ContactChannel.LETTER],
      },
    ],
    referredDaysAgo: 330,
    actedDaysAgo: 320,
  },
];

// Custody histories applied after the cases exist, so each case records them; each event happened
// `daysAgo` days before today (today when absent).
type DemoCustodyEvent = { event: CustodyEvent; daysAgo?: number };
const CUSTODY: { offender: string; events: DemoCustodyEvent[] }[] = [
  {
    offender: "eds",
    events: [
      { event: { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS } },
      { event: { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD } },
    ],
  },
  {
    offender: "life",
    // The Board's direction became final 21 days after it (nobody applied), then the release.
    events: [
      { event: { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD }, daysAgo: 90 },
      { event: { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE }, daysAgo: 40 },
      { event: { type: CustodyEventType.RELEASED_ON_LICENCE }, daysAgo: 10 },
    ],
  },
  {
    offender: "plus",
    events: [
      { event: { type: CustodyEventType.RELEASED_ON_LICENCE } },
      { event: { type: CustodyEventType.RECALLED, recallType: RecallType.STANDARD } },
    ],
  },
  {
    offender: "ended",
    events: [
      { event: { type: CustodyEventType.RELEASED_ON_LICENCE } },
      { event: { type: CustodyEventType.LICENCE_ENDED } },
    ],
  },
];

/**
 * Loads the demo data when the database has no offender yet, and answers whether it did. Instances
 * starting together on one empty PostgreSQL would each find it empty and load it again (one then
 * fails on a unique key): a transaction-scoped advisory lock lets one look and load while the
 * others wait, then find it loaded. On the embedded database one process owns the data and the
 * lock is always free; the look inside the transaction is the same.
 */
export async function loadDemoDataIfEmpty(
  dataSource: DataSource,
  timers: TimerSettings = DEFAULT_TIMER_SETTINGS,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [DEMO_DATA_LOCK]);
    // Read committed: this statement's snapshot is taken after the lock, so it sees another
    // instance's load once that has committed.
    const [row] = await selectRows<{ empty: boolean }>(
      manager,
      `SELECT NOT EXISTS (SELECT 1 FROM "offender") AS "empty"`,
    );
    if (!row.empty) return false;
    await fillDemoData(manager, londonDate(), timers);
    return true;
  });
}

const DEMO_DATA_LOCK = "vcs-case-service demo data";

// Two VLOs in different regions, a manager in alice's region, and the national roles.
export const DEMO_OFFICERS: (NewOfficer & { roles: Role[] })[] = [
  { username: "alice.vlo", name: "Alice Adeyemi", region: Region.NORTH_EAST, team: "Tyneside VLU", roles: [Role.VLO] },
  { username: "bob.vlo", name: "Bob Brennan", region: Region.LONDON, team: "North London VLU", roles: [Role.VLO] },
  {
    username: "carol.manager",
    name: "Carol Chen",
    region: Region.NORTH_EAST,
    team: "Tyneside VLU",
    roles: [Role.MANAGER],
  },
  { username: "ann.analyst", name: "Ann Aziz", region: null, team: "Performance and Analysis", roles: [Role.ANALYST] },
  {
    username: "audrey.auditor",
    name: "Audrey Abbott",
    region: null,
    team: "Information Assurance",
    roles: [Role.AUDITOR],
  },
  { username: "adam.admin", name: "Adam Ali", region: null, team: "Service Support", roles: [Role.ADMIN] },
];

export async function loadDemoData(
  dataSource: DataSource,
  today: string = londonDate(),
  timers: TimerSettings = DEFAULT_TIMER_SETTINGS,
): Promise<void> {
  await dataSource.transaction((manager) => fillDemoData(manager, today, timers));
}

async function fillDemoData(manager: EntityManager, today: string, timers: TimerSettings): Promise<void> {
  const officers = new Map<string, { id: string; region: Region }>();
  for (const { roles: _roles, ...officer } of DEMO_OFFICERS) {
    const { officerId } = await createOfficer(manager, officer);
    if (officer.region) officers.set(officer.username, { id: officerId, region: officer.region });
  }
  const offenderIds = new Map<string, string>();
  const caseIds = new Map<string, string>();
  for (const { key, offender } of OFFENDERS)
    offenderIds.set(
      key,
      (
        await createOffender(manager, offender, {
          actor: ACTOR,
          releaseConfirmationLeadDays: timers.releaseConfirmationLeadDays,
        })
      ).offenderId,
    );
  for (const demo of CASES) {
    const officer = officers.get(demo.officer ?? "alice.vlo")!;
    // The days are given to the pipeline, which takes them as the days the steps took effect.
    const referredOn = addDays(today, -demo.referredDaysAgo);
    const actedOn = addDays(today, -(demo.actedDaysAgo ?? demo.referredDaysAgo));
    const { caseId } = await referVictimCase(
      manager,
      { offenderId: offenderIds.get(demo.offender)!, contact: demo.contact, referredOn },
      demo.officer ?? "alice.vlo",
      officer,
      { kind: "ALL" },
    );
    caseIds.set(demo.contact.name, caseId);
    for (const event of demo.events) {
      await changeCase(manager, caseId, event, {
        actor: demo.officer ?? "alice.vlo",
        scope: { kind: "ALL" },
        reason: event.type === "CLOSE" ? event.reason : null,
        effectiveOn: actedOn,
        timers,
      });
    }
  }
  for (const { offender, events } of CUSTODY) {
    for (const { event, daysAgo } of events)
      await changeCustody(manager, offenderIds.get(offender)!, event, {
        actor: ACTOR,
        occurredOn: addDays(today, -(daysAgo ?? 0)),
      });
  }
  // The EDS review has an oral hearing in four months: Hana is invited to make a statement and
  // has asked for an exclusion zone, which alice has forwarded to the Board.
  const review = await lockOpenParoleReview(manager, offenderIds.get("eds")!);
  const hearing = new Date(Date.parse(`${today}T00:00:00Z`) + 120 * 86_400_000).toISOString().slice(0, 10);
  await scheduleParoleHearing(
    manager,
    review!.id,
    { targetHearingDate: hearing, hearingType: HearingType.ORAL },
    { actor: ACTOR },
  );
  const hana = { actor: "alice.vlo", scope: { kind: "ALL" as const } };
  await inviteVictimPersonalStatement(manager, caseIds.get("Hana Example")!, review!.id, hana);
  const { recordId } = await requestLicenceCondition(
    manager,
    caseIds.get("Hana Example")!,
    {
      kind: LicenceConditionKind.EXCLUSION_ZONE,
      description: "The Harton area of South Shields, where Hana works.",
      decisionPoint: LicenceConditionDecisionPoint.PAROLE_REVIEW,
      paroleReviewId: review!.id,
    },
    hana,
  );
  await applyLicenceConditionEvent(manager, recordId, { type: "FORWARD" }, {}, hana);
}
