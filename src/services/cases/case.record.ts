import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { caseMachine, explainCaseRefusal } from "../../machines/case.machine";
import type { CaseContext, CaseEvent } from "../../machines/machine-events";
import { neededStates } from "../../machines/accepting-states";
import type { StatefulRecord } from "../pipeline/stateful-record";

const REFUSAL_MESSAGES: Record<string, string> = {
  SENTENCE_ENDED: "The offender's sentence has ended, so the victim can no longer opt in.",
};

// A channel no contact can be reached by: say which the case can be reached by, or what to add.
function unreachableMessage(victimCase: VictimCaseEntity, event: CaseEvent): string {
  const reachable = (victimCase.context as CaseContext).reachableChannels ?? [];
  const instead = reachable.length
    ? `the case can be reached by ${reachable.join(", ")}`
    : "no contact on the case has an address, a phone number or an email address: add one (addCaseContact, updateCaseContact)";
  return event.type === "AGREE_CONTACT_PLAN"
    ? `Every channel of a plan needs a contact detail, and the plan needs a channel; ${instead}.`
    : `No contact can be reached by the chosen channel; ${instead}.`;
}

// What a refusal says the caller tried, beside the status that refused it.
const ACTIONS: Record<CaseEvent["type"], string> = {
  SEND_INVITATION: "SEND_INVITATION (sendInvitation)",
  RECORD_OPT_IN: "RECORD_OPT_IN (recordOptIn)",
  RECORD_DECLINE: "RECORD_DECLINE (recordDecline)",
  INVITATION_EXPIRED: "the invitation expiring",
  AGREE_CONTACT_PLAN: "AGREE_CONTACT_PLAN (agreeContactPlan)",
  RECORD_OPT_OUT: "RECORD_OPT_OUT (recordOptOut)",
  CLOSE: "CLOSE (closeVictimCase)",
  CUSTODY_CHANGED: "a change of custody",
  CONTACTS_CHANGED: "changing its contacts (addCaseContact, updateCaseContact, removeCaseContact)",
};

// The input field a refused channel or plan came from.
const INVALID_FIELD: Partial<Record<CaseEvent["type"], string[]>> = {
  SEND_INVITATION: ["input", "channel"],
  AGREE_CONTACT_PLAN: ["input", "channels"],
};

/** A victim's case (DESIGN §3.2); every change appends a row to its history. */
export const CASE_RECORD: StatefulRecord<VictimCaseEntity, CaseEvent> = {
  noun: "case",
  table: "victim_case",
  statusColumn: "status",
  contextColumn: "context",
  machine: caseMachine,
  updatedAt: true,
  history: {
    table: "case_transition",
    owner: "case_id",
    from: "from_status",
    to: "to_status",
    fromSince: "from_status_since",
  },
  stateOf: (victimCase) => ({ value: victimCase.status, context: victimCase.context }),
  explain: (snapshot, event) =>
    snapshot.can(event) ? null : (explainCaseRefusal(snapshot, event) ?? "TRANSITION_NOT_ALLOWED"),
  refuse: (victimCase, code, event) =>
    new DomainError(
      UserErrorCode[code as keyof typeof UserErrorCode],
      code === "INVALID_INPUT"
        ? unreachableMessage(victimCase, event)
        : (REFUSAL_MESSAGES[code] ??
            `The case is ${victimCase.status}; ${ACTIONS[event.type]} needs ${neededStates(caseMachine, event.type)}.`),
      code === "INVALID_INPUT" ? (INVALID_FIELD[event.type] ?? ["input"]) : ["input", "caseId"],
    ),
};
