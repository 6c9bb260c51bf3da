import { DeadlineKind, DeadlineState } from "./deadline.enums";
import { InformationLevel } from "../cases/contact.enums";
import { addYears } from "../calendar/calendar";
import { addWorkingDays } from "../calendar/working-days";

/**
 * How long an invitation waits for a reply. The Policy Framework's figures are not public
 * (domain.md §1.5), so these are assumptions, configurable: a follow-up after 15 working days
 * (three weeks), and the invitation expires 20 working days after that.
 */
export interface InvitationTimings {
  followUpWorkingDays: number;
  expiryWorkingDays: number;
}

export const DEFAULT_INVITATION_TIMINGS: InvitationTimings = { followUpWorkingDays: 15, expiryWorkingDays: 20 };

/**
 * Days before the expected release that every victim is sent a final confirmation of the month
 * (issue 11 §8). An assumption: the scheme's guidance asks for contact before release and gives no figure.
 */
export const DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS = 28;

/** Victims' Code right 11. */
export const FIRST_CONTACT_WORKING_DAYS = 20;

/** Everything the deadlines of one case depend on. */
export interface CaseDeadlineFacts {
  referredOn: string;
  /** The days invitations were sent, oldest first. */
  invitationsSentOn: string[];
  /** The first reply (opt-in or decline) after an invitation. */
  repliedOn: string | null;
  plan: { informationLevel: InformationLevel; agreedOn: string } | null;
  annualLettersSentOn: string[];
  statements: { paroleReviewId: string; dueOn: string; submittedOn: string | null }[];
  /** The licence (or sentence) expiry date, when known, and the day the licence ended, if it has. */
  licenceExpiresOn: string | null;
  licenceEndedOn: string | null;
  /** The case is closed: nothing more falls due. */
  closedOn: string | null;
}

export interface Deadline {
  kind: DeadlineKind;
  dueOn: string;
  metOn: string | null;
  state: DeadlineState;
  /** The parole review, for a statement deadline. */
  paroleReviewId: string | null;
}

function stateOf(dueOn: string, metOn: string | null, today: string): DeadlineState {
  if (metOn) return metOn <= dueOn ? DeadlineState.MET : DeadlineState.MET_LATE;
  return dueOn < today ? DeadlineState.MISSED : DeadlineState.PENDING;
}

/** The deadlines of a case on a given day, oldest due first. Pure: the same facts give the same list. */
export function deadlinesFor(
  facts: CaseDeadlineFacts,
  today: string,
  timings: InvitationTimings = DEFAULT_INVITATION_TIMINGS,
): Deadline[] {
  const deadlines: Deadline[] = [];
  const add = (kind: DeadlineKind, dueOn: string, metOn: string | null, paroleReviewId: string | null = null) => {
    // A closed case keeps what was met or missed before it closed, and owes nothing after.
    if (facts.closedOn && !metOn && dueOn > facts.closedOn) return;
    deadlines.push({ kind, dueOn, metOn, state: stateOf(dueOn, metOn, today), paroleReviewId });
  };

  const [firstInvitation, secondInvitation] = facts.invitationsSentOn;
  add(
    DeadlineKind.FIRST_CONTACT,
    addWorkingDays(facts.referredOn, FIRST_CONTACT_WORKING_DAYS),
    firstInvitation ?? null,
  );

  if (firstInvitation) {
    const followUpDue = addWorkingDays(firstInvitation, timings.followUpWorkingDays);
    const replyDue = addWorkingDays(followUpDue, timings.expiryWorkingDays);
    // A reply before the follow-up was due makes the follow-up unnecessary.
    if (!facts.repliedOn || facts.repliedOn > followUpDue)
      add(DeadlineKind.INVITATION_FOLLOW_UP, followUpDue, secondInvitation ?? null);
    add(DeadlineKind.INVITATION_REPLY, replyDue, facts.repliedOn);
  }

  if (facts.plan && facts.plan.informationLevel !== InformationLevel.RELEASE_MONTH_ONLY) {
    // Every anniversary of the plan up to today, and the next one. A letter counts once, for the
    // first anniversary it can answer: sent after the one before, at most a year late.
    const unused = [...facts.annualLettersSentOn].sort();
    for (let year = 1; ; year++) {
      const dueOn = addYears(facts.plan.agreedOn, year);
      const previous = addYears(facts.plan.agreedOn, year - 1);
      const index = unused.findIndex((day) => day > previous && day <= addYears(dueOn, 1));
      const metOn = index >= 0 ? unused.splice(index, 1)[0] : null;
      add(DeadlineKind.ANNUAL_LETTER, dueOn, metOn);
      if (dueOn > today || (facts.closedOn && dueOn > facts.closedOn)) break;
    }
  }

  for (const statement of facts.statements)
    add(DeadlineKind.PERSONAL_STATEMENT, statement.dueOn, statement.submittedOn, statement.paroleReviewId);

  // Only a victim who agreed a plan is owed news of the licence's end.
  if (facts.licenceExpiresOn && facts.plan) add(DeadlineKind.LICENCE_END, facts.licenceExpiresOn, facts.licenceEndedOn);

  return deadlines.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.kind.localeCompare(b.kind)));
}
