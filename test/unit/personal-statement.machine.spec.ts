import { getNextTransitions, initialTransition, transition } from "xstate";
import { StatementStatus } from "../../src/domain/parole/parole.enums";
import {
  availableStatementEvents,
  explainStatementRefusal,
  NO_STATEMENT,
  personalStatementMachine,
  personalStatementSnapshot,
  type PersonalStatementEvent,
  type PersonalStatementState,
} from "../../src/machines/personal-statement.machine";

const EVENTS: PersonalStatementEvent[] = [{ type: "INVITE" }, { type: "SUBMIT" }];
const STATES: PersonalStatementState[] = [NO_STATEMENT, ...Object.values(StatementStatus)];

// The table of what parole-steps.service does today, per (review, case):
// - inviteVictimPersonalStatement inserts INVITED, ON CONFLICT DO NOTHING: with any row already
//   there (invited, or submitted unasked) it answers ALREADY_RECORDED;
// - submitVictimPersonalStatement upserts SUBMITTED unless the row is SUBMITTED already, which
//   answers ALREADY_RECORDED.
const TABLE: Record<
  PersonalStatementState,
  Record<PersonalStatementEvent["type"], StatementStatus | "ALREADY_RECORDED">
> = {
  [NO_STATEMENT]: { INVITE: StatementStatus.INVITED, SUBMIT: StatementStatus.SUBMITTED },
  [StatementStatus.INVITED]: { INVITE: "ALREADY_RECORDED", SUBMIT: StatementStatus.SUBMITTED },
  [StatementStatus.SUBMITTED]: { INVITE: "ALREADY_RECORDED", SUBMIT: "ALREADY_RECORDED" },
};

const rows = STATES.flatMap((state) => EVENTS.map((event) => [state, event.type, TABLE[state][event.type]] as const));

const resolve = (state: PersonalStatementState) =>
  personalStatementMachine.resolveState({ value: state, context: undefined });

describe("personal statement machine", () => {
  it("should have exactly the states of the table: no statement, then each stored status", () => {
    expect(Object.keys(personalStatementMachine.root.states).sort()).toEqual([...STATES].sort());
    expect(Object.values(StatementStatus)).not.toContain(NO_STATEMENT);
  });

  it.each(rows)("should, in %s, answer %s with %s", (state, type, outcome) => {
    const snapshot = resolve(state);
    const event = EVENTS.find((candidate) => candidate.type === type)!;
    if (outcome === "ALREADY_RECORDED") {
      expect(snapshot.can(event)).toBe(false);
      expect(explainStatementRefusal(snapshot, event)).toBe(outcome);
      // A refused event leaves the statement as it was.
      expect(transition(personalStatementMachine, snapshot, event)[0].value).toBe(state);
      return;
    }
    expect(snapshot.can(event)).toBe(true);
    expect(explainStatementRefusal(snapshot, event)).toBeNull();
    expect(transition(personalStatementMachine, snapshot, event)[0].value).toBe(outcome);
  });

  it("should start with no statement, which is never a stored status", () => {
    const [snapshot] = initialTransition(personalStatementMachine);
    expect(snapshot.value).toBe(NO_STATEMENT);
    expect(personalStatementSnapshot(null).value).toBe(NO_STATEMENT);
    for (const status of Object.values(StatementStatus)) expect(personalStatementSnapshot(status).value).toBe(status);
  });

  it("should call an event no state knows TRANSITION_NOT_ALLOWED, in every state", () => {
    const unknown = { type: "WITHDRAW" } as unknown as PersonalStatementEvent;
    for (const state of STATES) expect(explainStatementRefusal(resolve(state), unknown)).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("should offer the steps the statement's state allows", () => {
    expect(STATES.map((state) => [state, availableStatementEvents(resolve(state))])).toEqual([
      [NO_STATEMENT, ["INVITE", "SUBMIT"]],
      [StatementStatus.INVITED, ["SUBMIT"]],
      [StatementStatus.SUBMITTED, []],
    ]);
  });

  it("should be final once submitted, and only then", () => {
    for (const state of STATES) {
      const snapshot = resolve(state);
      const final = state === StatementStatus.SUBMITTED;
      expect([state, snapshot.status, getNextTransitions(snapshot).length === 0]).toEqual([
        state,
        final ? "done" : "active",
        final,
      ]);
    }
  });
});
