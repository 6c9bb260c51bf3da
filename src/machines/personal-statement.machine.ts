import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { StatementStatus } from "../domain/parole/parole.enums";
import { explainRefusal } from "./explain-refusal";

/**
 * "No statement yet" for one case and one parole review: the machine's initial state, which is
 * never stored. It is deliberately OUTSIDE StatementStatus: a statement that does not exist has no
 * row in "victim_personal_statement" (whose check constraint allows only the StatementStatus
 * values), and StatementStatus is also the GraphQL enum of VictimPersonalStatement.status, which
 * only ever describes a statement that exists. A pipeline reads a missing row as NO_STATEMENT and
 * writes a row only for the StatementStatus states.
 */
export const NO_STATEMENT = "NONE" as const;

export type PersonalStatementState = typeof NO_STATEMENT | StatementStatus;

export type PersonalStatementEvent =
  /** The VLO invites the victim to make a statement (inviteVictimPersonalStatement). */
  | { type: "INVITE" }
  /** The statement is sent to the Board (submitVictimPersonalStatement); no invitation is needed first. */
  | { type: "SUBMIT" };

// One statement per case and review: NONE → INVITED → SUBMITTED, or NONE → SUBMITTED when the
// victim offers one unasked. Nothing else changes its status: the review being decided or ending
// cancels the PERSONAL_STATEMENT task but leaves the statement as it is, and an erasure empties
// its text but keeps its status. The review's state and windows (DEADLINE_PASSED, a decided or
// ended review) and the victim being in the scheme are the parole review and case machines' to
// check, before this one.
export const personalStatementMachine = setup({
  types: { events: {} as PersonalStatementEvent },
}).createMachine({
  id: "personalStatement",
  description:
    "A victim personal statement for one case and one parole review: none yet, invited, then submitted to the Board; or submitted unasked.",
  initial: NO_STATEMENT,
  states: {
    [NO_STATEMENT]: {
      on: {
        INVITE: { target: StatementStatus.INVITED },
        SUBMIT: { target: StatementStatus.SUBMITTED },
      },
    },
    [StatementStatus.INVITED]: {
      on: {
        SUBMIT: { target: StatementStatus.SUBMITTED },
      },
    },
    [StatementStatus.SUBMITTED]: { type: "final" },
  },
});

export type PersonalStatementSnapshot = SnapshotFrom<typeof personalStatementMachine>;

/** The snapshot of a stored statement, or of none (null: no row yet). */
export function personalStatementSnapshot(status: StatementStatus | null): PersonalStatementSnapshot {
  return personalStatementMachine.resolveState({ value: status ?? NO_STATEMENT, context: undefined });
}

export type StatementRefusalCode = "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED";

// What each stored state already records. An invitation is refused once any statement row exists,
// whether it was invited or sent unasked (the row is the invitation's too: ON CONFLICT DO NOTHING);
// a statement goes to the Board once.
const ALREADY_RECORDED_IN: Readonly<Record<StatementStatus, ReadonlySet<PersonalStatementEvent["type"]>>> = {
  [StatementStatus.INVITED]: new Set(["INVITE"]),
  [StatementStatus.SUBMITTED]: new Set(["INVITE", "SUBMIT"]),
};

/** Why the machine refuses an event: a step the statement already records says so; anything else is not allowed now. */
export function explainStatementRefusal(
  snapshot: PersonalStatementSnapshot,
  event: PersonalStatementEvent,
): StatementRefusalCode | null {
  const refusal = explainRefusal<"TRANSITION_NOT_ALLOWED">(snapshot, event, {});
  const recorded = snapshot.value === NO_STATEMENT ? undefined : ALREADY_RECORDED_IN[snapshot.value];
  return refusal && recorded?.has(event.type) ? "ALREADY_RECORDED" : refusal;
}

/** The steps the statement's state allows now (the review's windows aside), for buttons. */
export function availableStatementEvents(snapshot: PersonalStatementSnapshot): PersonalStatementEvent["type"][] {
  return (["INVITE", "SUBMIT"] as const).filter((type) => snapshot.can({ type }));
}
