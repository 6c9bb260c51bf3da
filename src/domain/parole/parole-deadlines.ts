// The Parole Board's deadlines for the victim's steps (domain.md §3, §6.4). Dates are calendar
// dates (YYYY-MM-DD); each deadline is the last day the step can still be taken.

import { addDays, addMonths } from "../calendar/calendar";

/** The VLO sends the victim personal statement to the Board at least 28 days before the hearing. */
export const statementDueOn = (targetHearingDate: string): string => addDays(targetHearingDate, -28);

/** Applications to observe, or for the hearing to be public, at least 12 weeks before it. */
export const applicationsDueOn = (targetHearingDate: string): string => addDays(targetHearingDate, -84);

/** A victim can ask the Secretary of State to apply for reconsideration within 21 calendar days of the decision. */
export const reconsiderationClosesOn = (decisionIssuedOn: string): string => addDays(decisionIssuedOn, 21);

/** The Board takes requests for a decision summary within 6 months of the decision. */
export const decisionSummaryClosesOn = (decisionIssuedOn: string): string => addMonths(decisionIssuedOn, 6);
