import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { VictimPersonalStatementEntity } from "../../entities/parole/victim-personal-statement.entity";
import {
  explainStatementRefusal,
  personalStatementMachine,
  type PersonalStatementEvent,
} from "../../machines/personal-statement.machine";
import type { StatefulRecord } from "../pipeline/stateful-record";

type StoredStatement = Pick<VictimPersonalStatementEntity, "id" | "status">;

const ALREADY_RECORDED: Record<PersonalStatementEvent["type"], string> = {
  INVITE: "The victim has already been invited to make a statement for this review.",
  SUBMIT: "A statement has already been sent to the Board for this review.",
};

/** A victim's personal statement for one parole review (DESIGN §4): invited, then sent to the Board. */
export const PERSONAL_STATEMENT_RECORD: StatefulRecord<StoredStatement, PersonalStatementEvent> = {
  noun: "personal statement",
  table: "victim_personal_statement",
  statusColumn: "status",
  machine: personalStatementMachine,
  updatedAt: true,
  // A statement has no version of its own: each step is written to the case's history, and the
  // case's version moves.
  unversioned: true,
  stateOf: (statement) => ({ value: statement.status, context: undefined }),
  explain: (snapshot, event) => explainStatementRefusal(snapshot, event),
  refuse: (_statement, code, event) =>
    code === "ALREADY_RECORDED"
      ? new DomainError(UserErrorCode.ALREADY_RECORDED, ALREADY_RECORDED[event.type], ["input", "paroleReviewId"])
      : new DomainError(UserErrorCode.TRANSITION_NOT_ALLOWED, "The statement does not allow this step now.", [
          "input",
          "paroleReviewId",
        ]),
};
