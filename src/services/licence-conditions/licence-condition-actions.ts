import { CaseStatus } from "../../domain/cases/case.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import type { LicenceConditionRequestEvent } from "../../machines/licence-condition-request.machine";
import { refusalOf } from "../pipeline/apply-event";
import { LICENCE_CONDITION_REQUEST_RECORD } from "./licence-condition-request.record";

// The rules a step of a licence-condition request is checked against, written once: the service
// throws the first that applies, and the request's blockedActions lists every one (no I/O here).

/** A closed case takes no more representations: its personal data may already be erased. */
export function closedCaseRefusal(caseStatus: CaseStatus): DomainError | null {
  return caseStatus === CaseStatus.CLOSED
    ? new DomainError(UserErrorCode.TRANSITION_NOT_ALLOWED, "The case is closed.", ["input", "requestId"])
    : null;
}

export type LicenceConditionRequestStep = LicenceConditionRequestEvent["type"];

// A well-formed event of each step: whether the machine takes a decision does not depend on which.
const STEP_EVENTS: Readonly<Record<LicenceConditionRequestStep, LicenceConditionRequestEvent>> = {
  FORWARD: { type: "FORWARD" },
  RECORD_DECISION: { type: "RECORD_DECISION", adopted: true },
  WITHDRAW: { type: "WITHDRAW" },
};

/**
 * Every refusal the step's mutation would answer now, in the order it checks them (the input
 * aside: a stale version, a decision without its end date or reason, the disclosure check).
 */
export function licenceConditionStepRefusals(
  step: LicenceConditionRequestStep,
  caseStatus: CaseStatus,
  request: Pick<LicenceConditionRequestEntity, "id" | "version" | "status">,
): DomainError[] {
  return [
    closedCaseRefusal(caseStatus),
    refusalOf(LICENCE_CONDITION_REQUEST_RECORD, request, STEP_EVENTS[step]),
  ].filter((refusal) => refusal !== null);
}
