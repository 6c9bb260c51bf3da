import { today } from "../../domain/calendar/london-date";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import {
  explainLicenceConditionRefusal,
  licenceConditionRequestMachine,
  type LicenceConditionRequestEvent,
} from "../../machines/licence-condition-request.machine";
import { neededStates } from "../../machines/accepting-states";
import { SqlExpression, type StatefulRecord } from "../pipeline/stateful-record";

type StoredRequest = Pick<LicenceConditionRequestEntity, "id" | "version" | "status">;

const ACTION: Record<LicenceConditionRequestEvent["type"], string> = {
  FORWARD: "forwarded",
  WITHDRAW: "withdrawn",
  RECORD_DECISION: "decided",
};

/** A victim's request for a licence condition (DESIGN §4): requested, forwarded, then decided or withdrawn. */
export const LICENCE_CONDITION_REQUEST_RECORD: StatefulRecord<StoredRequest, LicenceConditionRequestEvent> = {
  noun: "request",
  table: "licence_condition_request",
  statusColumn: "status",
  machine: licenceConditionRequestMachine,
  updatedAt: true,
  stateOf: (request) => ({ value: request.status, context: {} }),
  explain: (snapshot, event) => explainLicenceConditionRefusal(snapshot, event),
  refuse: (request, _code, event) =>
    new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      `The request is ${request.status}: it cannot be ${ACTION[event.type]} now; that needs ${neededStates(licenceConditionRequestMachine, event.type)}.`,
      ["input", "requestId"],
    ),
  columns: (_next, _request, event) => ({
    forwarded_on: new SqlExpression(`COALESCE("forwarded_on", ?)`, [event.type === "FORWARD" ? today() : null]),
    decided_on: event.type === "RECORD_DECISION" ? today() : null,
  }),
};
