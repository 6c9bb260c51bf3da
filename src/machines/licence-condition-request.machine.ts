import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { LicenceConditionRequestStatus } from "../domain/licence-conditions/licence-condition.enums";
import { explainRefusal } from "./explain-refusal";

export type LicenceConditionRequestEvent =
  | { type: "FORWARD" }
  | { type: "RECORD_DECISION"; adopted: boolean }
  | { type: "WITHDRAW" };

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the diagram.
export const LICENCE_CONDITION_REQUEST_GUARD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  isAdopted: "The decision maker adopted the requested condition.",
};

// The VLO must forward every request (DVCVA 2004 s.35(6)).
export const licenceConditionRequestMachine = setup({
  types: { events: {} as LicenceConditionRequestEvent },
  guards: {
    isAdopted: ({ event }) => event.type === "RECORD_DECISION" && event.adopted,
  },
}).createMachine({
  id: "licenceConditionRequest",
  description:
    "A victim's request for a licence condition: the VLO forwards it to the decision maker, then tells the victim whether it was adopted and, if not, why.",
  initial: LicenceConditionRequestStatus.REQUESTED,
  states: {
    [LicenceConditionRequestStatus.REQUESTED]: {
      on: {
        FORWARD: { target: LicenceConditionRequestStatus.FORWARDED },
        WITHDRAW: { target: LicenceConditionRequestStatus.WITHDRAWN },
      },
    },
    [LicenceConditionRequestStatus.FORWARDED]: {
      on: {
        RECORD_DECISION: [
          { guard: "isAdopted", target: LicenceConditionRequestStatus.ADOPTED },
          { target: LicenceConditionRequestStatus.NOT_ADOPTED },
        ],
        WITHDRAW: { target: LicenceConditionRequestStatus.WITHDRAWN },
      },
    },
    [LicenceConditionRequestStatus.ADOPTED]: { type: "final" },
    [LicenceConditionRequestStatus.NOT_ADOPTED]: { type: "final" },
    [LicenceConditionRequestStatus.WITHDRAWN]: { type: "final" },
  },
});

export type LicenceConditionRequestSnapshot = SnapshotFrom<typeof licenceConditionRequestMachine>;

export function explainLicenceConditionRefusal(
  snapshot: LicenceConditionRequestSnapshot,
  event: LicenceConditionRequestEvent,
): "TRANSITION_NOT_ALLOWED" | null {
  return explainRefusal<"TRANSITION_NOT_ALLOWED">(snapshot, event, {});
}

/** The steps the request's state allows, for buttons. */
export function availableLicenceConditionEvents(
  snapshot: LicenceConditionRequestSnapshot,
): LicenceConditionRequestEvent["type"][] {
  const candidates: LicenceConditionRequestEvent[] = [
    { type: "FORWARD" },
    { type: "RECORD_DECISION", adopted: true },
    { type: "WITHDRAW" },
  ];
  return candidates.filter((event) => snapshot.can(event)).map((event) => event.type);
}
