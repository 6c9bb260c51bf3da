import { registerEnumType } from "type-graphql";

// The buttons each record offers, from the same machines the server enforces.

export enum ParoleStep {
  INVITE_STATEMENT = "INVITE_STATEMENT",
  SUBMIT_STATEMENT = "SUBMIT_STATEMENT",
  APPLY_TO_OBSERVE = "APPLY_TO_OBSERVE",
  APPLY_FOR_PUBLIC_HEARING = "APPLY_FOR_PUBLIC_HEARING",
  REQUEST_RECONSIDERATION = "REQUEST_RECONSIDERATION",
  REQUEST_DECISION_SUMMARY = "REQUEST_DECISION_SUMMARY",
}

registerEnumType(ParoleStep, {
  name: "ParoleStep",
  description: "A victim's step in a parole review.",
  valuesConfig: {
    INVITE_STATEMENT: { description: "inviteVictimPersonalStatement" },
    SUBMIT_STATEMENT: { description: "submitVictimPersonalStatement" },
    APPLY_TO_OBSERVE: { description: "applyToObserveParoleHearing" },
    APPLY_FOR_PUBLIC_HEARING: { description: "applyForPublicParoleHearing" },
    REQUEST_RECONSIDERATION: { description: "requestParoleReconsideration" },
    REQUEST_DECISION_SUMMARY: { description: "requestParoleDecisionSummary" },
  },
});

export enum LicenceConditionAction {
  FORWARD = "FORWARD",
  RECORD_DECISION = "RECORD_DECISION",
  WITHDRAW = "WITHDRAW",
}

registerEnumType(LicenceConditionAction, {
  name: "LicenceConditionAction",
  description: "A step of a licence-condition request.",
  valuesConfig: {
    FORWARD: { description: "forwardLicenceConditionRequest" },
    RECORD_DECISION: { description: "recordLicenceConditionDecision" },
    WITHDRAW: { description: "withdrawLicenceConditionRequest" },
  },
});

export enum ContactAction {
  UPDATE = "UPDATE",
  REMOVE = "REMOVE",
  ERASE_CASE_DATA = "ERASE_CASE_DATA",
}

registerEnumType(ContactAction, {
  name: "ContactAction",
  description: "A step an officer takes on a case's contact.",
  valuesConfig: {
    UPDATE: { description: "updateCaseContact: set or clear the contact's details" },
    REMOVE: { description: "removeCaseContact: take the person off the case, deleting their details" },
    ERASE_CASE_DATA: {
      description:
        "eraseCaseContactData (managers): erase the personal data of every contact of the case, this one included, closing the case if it is open",
    },
  },
});

export enum NotificationAction {
  RECORD_SENT = "RECORD_SENT",
  RECORD_FAILED = "RECORD_FAILED",
  RECORD_ACKNOWLEDGED = "RECORD_ACKNOWLEDGED",
}

registerEnumType(NotificationAction, {
  name: "NotificationAction",
  description: "A step an officer records on a notification.",
  valuesConfig: {
    RECORD_SENT: { description: "recordNotificationSent" },
    RECORD_FAILED: { description: "recordNotificationFailed" },
    RECORD_ACKNOWLEDGED: { description: "recordNotificationAcknowledged" },
  },
});

export enum TaskAction {
  COMPLETE = "COMPLETE",
  CANCEL = "CANCEL",
}

registerEnumType(TaskAction, {
  name: "TaskAction",
  description: "A step an officer records on a task.",
  valuesConfig: {
    COMPLETE: { description: "completeTask (with a reason for a task its own step would close)" },
    CANCEL: { description: "cancelTask, with a reason" },
  },
});
