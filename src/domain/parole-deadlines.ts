// The Parole Board's deadlines for the victim's steps (domain.md §3, §6.4). Dates are calendar
// dates (YYYY-MM-DD); each deadline is the last day the step can still be taken.

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// Calendar months; a day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb).
function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The VLO sends the victim personal statement to the Board at least 28 days before the hearing. */
export const statementDueOn = (targetHearingDate: string): string => addDays(targetHearingDate, -28);

/** Applications to observe, or for the hearing to be public, at least 12 weeks before it. */
export const applicationsDueOn = (targetHearingDate: string): string => addDays(targetHearingDate, -84);

/** A victim can ask the Secretary of State to apply for reconsideration within 21 calendar days of the decision. */
export const reconsiderationClosesOn = (decisionIssuedOn: string): string => addDays(decisionIssuedOn, 21);

/** The Board takes requests for a decision summary within 6 months of the decision. */
export const decisionSummaryClosesOn = (decisionIssuedOn: string): string => addMonths(decisionIssuedOn, 6);
