import { addDays, addYears } from "../../domain/calendar/calendar";
import { CloseReason } from "../../domain/cases/case.enums";
import { ContactChannel, ContactRole } from "../../domain/cases/contact.enums";
import {
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
} from "../../domain/licence-conditions/licence-condition.enums";
import { statementDueOn } from "../../domain/parole/parole-deadlines";
import type { Region } from "../../domain/security/region.enum";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import type { InvitationTimings } from "../../domain/work/deadline-rules";
import type { CaseEvent } from "../../machines/machine-events";
import type { Referral } from "../cases/referral.service";
import type { NewOffender } from "../custody/custody-transition.service";
import { invitationExpiresOn, invitationFollowUpOn } from "../work/timer-schedule";
import { daysBetween, workingDayFrom, type Chance } from "./seed-chance";
import type { FictionalPeople } from "./seed-people";
import { SEED_RATES } from "./seed-rates";
import type { CustodyOutline, DayStep, SeedStep, SeedWindow } from "./seed-steps";

// One victim's case in a seeded history: the referral and its contacts, the invitation and the
// answer, the contact plan, the years after it, and the victim's part in parole reviews and
// releases. Officers' steps fall on working days; nothing is planned after the offender's
// sentence ends the victim's contact (the custody feed closes the case then).

export interface CaseToPlan {
  key: number;
  region: Region;
  sentence: NewOffender["sentence"];
  referredOn: string;
  custody: CustodyOutline;
  window: SeedWindow;
  timings: InvitationTimings;
  /** Names, emails and phones the offender's other victims have: no referral looks like a duplicate. */
  taken: Set<string>;
}

/** Days [from, until) the victim is in the scheme (opted in or engaged): when they take parole steps. */
interface Interval {
  from: string;
  until: string;
}

const DISCRETIONARY_REASONS = [
  "Sustained stalking over two years; the victim fears contact on release.",
  "Controlling behaviour throughout the relationship; high risk of further harm.",
  "Repeated harassment of the victim and her family.",
];

const CONDITION_WORDING: Readonly<Record<LicenceConditionKind, string>> = {
  [LicenceConditionKind.NO_CONTACT]: "No contact with the victim or her family, directly or through others.",
  [LicenceConditionKind.EXCLUSION_ZONE]: "Not to enter the area where the victim lives and works.",
  [LicenceConditionKind.NON_ASSOCIATION]: "Not to associate with the co-defendants.",
  [LicenceConditionKind.OTHER]: "To tell the probation officer of any new relationship.",
};

const NOT_ADOPTED_REASON = "The other licence conditions already protect the victim.";

export function planCase(
  chance: Chance,
  people: FictionalPeople,
  planned: CaseToPlan,
): { referral: Omit<Referral, "offenderId">; steps: DayStep[] } {
  const { key, region, referredOn, custody, window } = planned;
  const rates = SEED_RATES;
  const held = {
    address: chance.happens(rates.contact.address),
    email: chance.happens(rates.contact.email),
    phone: chance.happens(rates.contact.phone),
  };
  if (!held.address && !held.email && !held.phone) held.address = true;
  const adult = { from: addYears(referredOn, -85), to: addYears(referredOn, -18) };
  const roll = chance.int(0, 999) / 1000;
  const childVictim = roll < rates.contact.childVictim;
  const role = childVictim
    ? ContactRole.PARENT_GUARDIAN
    : roll < rates.contact.childVictim + rates.contact.nextOfKin
      ? ContactRole.NEXT_OF_KIN
      : ContactRole.VICTIM;
  const parentAge = { from: addYears(referredOn, -60), to: addYears(referredOn, -25) };
  const contact = people.contact(role, region, held, childVictim ? parentAge : adult, planned.taken);
  const { sentence } = planned;
  // Outside the statute (DVCVA 2004 s.35): offered the scheme at the probation service's discretion.
  const discretionary =
    sentence.offenceCategory === OffenceCategory.OTHER ||
    (sentence.type !== SentenceType.DTO && sentence.lengthMonths != null && sentence.lengthMonths < 12);
  const referral: Omit<Referral, "offenderId"> = {
    contact,
    referredOn,
    ...(discretionary
      ? {
          discretionaryGround: chance.pick(rates.discretionaryGround),
          discretionaryReason: chance.element(DISCRETIONARY_REASONS),
        }
      : {}),
  };

  // The offender's sentence ends the victim's contact (the feed closes the case), or the window ends.
  const limit = custody.endsOn && custody.endsOn <= window.until ? custody.endsOn : addDays(window.until, 1);
  const steps: DayStep[] = [{ day: referredOn, step: { kind: "REFER", case: key } }];
  let closed = false;
  const at = (day: string, step: SeedStep): boolean => {
    if (closed || day >= limit) return false;
    steps.push({ day, step });
    if (step.kind === "CASE_EVENT" && step.event.type === "CLOSE") closed = true;
    return true;
  };
  const caseEvent = (day: string, event: CaseEvent) => at(day, { kind: "CASE_EVENT", case: key, event });

  if (childVictim) {
    // The child is the victim; the parent or guardian speaks for them until they come of age.
    const held = { address: false, email: false, phone: chance.happens(0.3) };
    const age = { from: addYears(referredOn, -17), to: addYears(referredOn, -10) };
    const child = people.contact(ContactRole.VICTIM, region, held, age, planned.taken);
    at(referredOn, { kind: "ADD_CONTACT", case: key, contact: { ...child, address: contact.address, needs: null } });
  } else if (role === ContactRole.VICTIM && chance.happens(rates.contact.representative + rates.contact.carer)) {
    const share = rates.contact.representative / (rates.contact.representative + rates.contact.carer);
    const supporter = chance.happens(share) ? ContactRole.REPRESENTATIVE : ContactRole.CARER;
    const details = people.contact(
      supporter,
      region,
      { address: true, email: chance.happens(0.7), phone: true },
      adult,
      planned.taken,
    );
    at(referredOn, { kind: "ADD_CONTACT", case: key, contact: details });
  }

  if (!chance.happens(rates.invitation.sent)) {
    if (chance.happens(rates.invitation.closedUninvited))
      caseEvent(workingDayFrom(chance.after(referredOn, 5, 40)), {
        type: "CLOSE",
        reason: chance.pick({ [CloseReason.INELIGIBLE]: 50, [CloseReason.TRANSFERRED]: 50 }),
      });
    return { referral, steps };
  }
  const reachable = [
    ...(held.address ? [ContactChannel.LETTER] : []),
    ...(held.phone ? [ContactChannel.PHONE] : []),
    ...(held.email ? [ContactChannel.EMAIL] : []),
  ];
  const channel = chance.pick(
    Object.fromEntries(reachable.map((reachableBy) => [reachableBy, rates.invitation.channel[reachableBy]])),
  ) as ContactChannel;
  const invitedOn = workingDayFrom(chance.after(referredOn, 1, 18));
  const visitOffered = chance.happens(rates.invitation.visitOffered);
  if (!caseEvent(invitedOn, { type: "SEND_INVITATION", channel, visitOffered })) return { referral, steps };
  const followUpOn = invitationFollowUpOn(invitedOn, planned.timings);
  const expiresOn = invitationExpiresOn(invitedOn, planned.timings);
  const answer = chance.pick(rates.invitation.answer);
  let repliedOn = answer === "NONE" ? null : workingDayFrom(chance.after(invitedOn, 2, 45));
  // An answer comes by the last day it is on time (the expiry timer fires the day after).
  if (repliedOn && repliedOn > expiresOn) repliedOn = expiresOn;
  if ((!repliedOn || repliedOn > followUpOn) && chance.happens(rates.invitation.followUp)) {
    const followUp = workingDayFrom(chance.after(followUpOn, 0, 3));
    if (followUp < (repliedOn ?? expiresOn)) caseEvent(followUp, { type: "SEND_INVITATION", channel });
  }
  let optedInOn: string | null = null;
  if (answer === "OPT_IN") {
    if (caseEvent(repliedOn!, { type: "RECORD_OPT_IN" })) optedInOn = repliedOn;
  } else {
    if (repliedOn) caseEvent(repliedOn, { type: "RECORD_DECLINE" });
    if (chance.happens(rates.invitation.optInLater)) {
      const later = workingDayFrom(chance.after(repliedOn ?? addDays(expiresOn, 1), 30, 400));
      if (caseEvent(later, { type: "RECORD_OPT_IN" })) optedInOn = later;
    }
  }
  const inScheme: Interval[] = [];
  if (optedInOn) {
    const engagement = { key, region, reachable, hasAddress: held.address, limit };
    planEngagement(chance, people, engagement, optedInOn, at, inScheme);
  }
  planVictimParoleSteps(chance, key, custody, inScheme, at);
  return { referral, steps };
}

/** From the opt-in: a plan, then the years after it (a changed plan or address, an opt-out, a closure). */
function planEngagement(
  chance: Chance,
  people: FictionalPeople,
  engagement: { key: number; region: Region; reachable: ContactChannel[]; hasAddress: boolean; limit: string },
  optedInOn: string,
  at: (day: string, step: SeedStep) => boolean,
  inScheme: Interval[],
): void {
  const rates = SEED_RATES;
  const { key, limit } = engagement;
  const caseEvent = (day: string, event: CaseEvent) => at(day, { kind: "CASE_EVENT", case: key, event });
  const agreePlan = (day: string): string | null => {
    const informationLevel = chance.pick(rates.plan.level);
    const channels = chance.some(engagement.reachable);
    return caseEvent(day, { type: "AGREE_CONTACT_PLAN", informationLevel, channels }) ? day : null;
  };
  let agreedOn: string | null = null;
  if (chance.happens(rates.plan.agreed)) agreedOn = agreePlan(workingDayFrom(chance.after(optedInOn, 0, 21)));
  else if (chance.happens(rates.plan.agreedLater))
    agreedOn = agreePlan(workingDayFrom(chance.after(optedInOn, 30, 150)));
  // Each later step at its own yearly chance, taken in the order of their days.
  const from = agreedOn ?? optedInOn;
  const later = [
    { day: chance.hazard(from, rates.engaged.optOutPerYear), kind: "OPT_OUT" as const },
    { day: chance.hazard(from, rates.engaged.closedOnRequestPerYear), kind: "CLOSE" as const },
    { day: chance.hazard(from, rates.contact.addressChangePerYear), kind: "ADDRESS" as const },
    { day: chance.hazard(from, rates.plan.changedPerYear), kind: "PLAN" as const },
  ]
    .map((step) => ({ ...step, day: workingDayFrom(step.day) }))
    .filter((step) => step.day < limit)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let inSchemeFrom: string | null = optedInOn;
  for (const step of later) {
    if (step.kind === "OPT_OUT" && inSchemeFrom) {
      if (!caseEvent(step.day, { type: "RECORD_OPT_OUT" })) break;
      inScheme.push({ from: inSchemeFrom, until: step.day });
      inSchemeFrom = null;
      if (chance.happens(rates.engaged.optBackIn)) {
        // Back in with the plan agreed before: contact resumes at once.
        const back = workingDayFrom(chance.after(step.day, 60, 400));
        if (caseEvent(back, { type: "RECORD_OPT_IN" })) inSchemeFrom = back;
        break;
      }
    } else if (step.kind === "CLOSE") {
      caseEvent(step.day, { type: "CLOSE", reason: chance.pick(rates.engaged.closeReason) });
      if (inSchemeFrom) inScheme.push({ from: inSchemeFrom, until: step.day });
      return;
    } else if (step.kind === "ADDRESS" && engagement.hasAddress) {
      at(step.day, { kind: "CHANGE_ADDRESS", case: key, address: people.address(engagement.region) });
    } else if (step.kind === "PLAN" && agreedOn && inSchemeFrom) {
      agreePlan(step.day);
    }
  }
  if (inSchemeFrom) inScheme.push({ from: inSchemeFrom, until: limit });
}

/** The victim's part in the offender's parole reviews and releases, while they are in the scheme. */
function planVictimParoleSteps(
  chance: Chance,
  key: number,
  custody: CustodyOutline,
  inScheme: Interval[],
  at: (day: string, step: SeedStep) => boolean,
): void {
  const rates = SEED_RATES;
  const within = (day: string) => inScheme.some((interval) => day >= interval.from && day < interval.until);
  let requests = 0;
  // Asked for, forwarded to the decision maker, and (when its decision is planned) adopted or not.
  const requestCondition = (
    requestedOn: string,
    decisionPoint: LicenceConditionDecisionPoint,
    decidedOn: string | null,
    licenceEndsOn: string | null,
  ) => {
    const condition = chance.pick(rates.licenceConditions.kind);
    const forwardedOn = workingDayFrom(chance.after(requestedOn, 2, 10));
    const adopted = chance.happens(rates.licenceConditions.adopted);
    if (!within(requestedOn)) return;
    const description = CONDITION_WORDING[condition];
    const request = requests++;
    if (
      !at(requestedOn, { kind: "REQUEST_LICENCE_CONDITION", case: key, request, condition, decisionPoint, description })
    )
      return;
    if (decidedOn && forwardedOn >= decidedOn) return;
    if (!at(forwardedOn, { kind: "FORWARD_LICENCE_CONDITION", case: key, request }) || !decidedOn) return;
    at(decidedOn, {
      kind: "DECIDE_LICENCE_CONDITION",
      case: key,
      request,
      adopted,
      endsOn: adopted ? (licenceEndsOn ?? addYears(decidedOn, 2)) : null,
      reason: adopted ? null : NOT_ADOPTED_REASON,
    });
  };
  for (const review of custody.reviews) {
    // Asked for within weeks of the decision (its window is 6 months).
    const summaryOn = workingDayFrom(chance.after(review.decidedOn, 3, 40));
    if (chance.happens(rates.parole.decisionSummaryRequested) && within(review.decidedOn) && within(summaryOn))
      at(summaryOn, { kind: "REQUEST_DECISION_SUMMARY", case: key });
    const statementDue = statementDueOn(review.targetHearingDate);
    const invitedOn = workingDayFrom(chance.after(review.hearingScheduledOn, 1, 20));
    if (!chance.happens(rates.parole.statementInvited) || invitedOn >= statementDue || !within(invitedOn)) continue;
    at(invitedOn, { kind: "INVITE_STATEMENT", case: key });
    if (chance.happens(rates.parole.statementSubmitted)) {
      const submittedOn = workingDayFrom(chance.after(invitedOn, 5, daysBetween(invitedOn, statementDue) - 4));
      const format = chance.pick(rates.parole.statementFormat);
      if (submittedOn < statementDue && within(submittedOn))
        at(submittedOn, { kind: "SUBMIT_STATEMENT", case: key, format });
    }
    if (chance.happens(rates.parole.licenceConditionAtReview)) {
      const decidedOn = review.release ? workingDayFrom(chance.after(review.decidedOn, 1, 10)) : null;
      const requestedOn = workingDayFrom(chance.after(invitedOn, 1, 10));
      requestCondition(requestedOn, LicenceConditionDecisionPoint.PAROLE_REVIEW, decidedOn, custody.licenceEndsOn);
    }
  }
  for (const release of custody.releases) {
    if (!chance.happens(rates.licenceConditions.requested)) continue;
    const requestedOn = workingDayFrom(addDays(release.on, -chance.int(30, 90)));
    const decidedOn = addDays(release.on, -chance.int(0, 7));
    requestCondition(requestedOn, release.decisionPoint, decidedOn, release.licenceEndsOn);
  }
}
