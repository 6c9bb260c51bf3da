import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { CustodyPhase } from "../../domain/custody/custody.enums";
import { custodyMachine, explainCustodyRefusal } from "../../machines/custody.machine";
import type { CustodyContext, CustodyEvent } from "../../machines/machine-events";
import { neededStates } from "../../machines/accepting-states";
import type { StatefulRecord } from "../pipeline/stateful-record";

/** The offender's row as the custody pipeline locks it. */
export interface StoredCustody {
  id: string;
  version: number;
  custody_phase: CustodyPhase;
  custody_context: CustodyContext;
}

const REFUSAL_MESSAGES: Record<string, string> = {
  NOT_ELIGIBLE:
    "The offender's sentence does not allow this event (for example parole for a sentence with automatic release).",
};

/** The offender's custody (DESIGN §3.1), one per offender; every change appends a custody event. */
export const CUSTODY_RECORD: StatefulRecord<StoredCustody, CustodyEvent> = {
  noun: "offender",
  table: "offender",
  statusColumn: "custody_phase",
  contextColumn: "custody_context",
  machine: custodyMachine,
  updatedAt: true,
  history: { table: "custody_event", owner: "offender_id", from: "from_phase", to: "to_phase" },
  stateOf: (offender) => ({ value: offender.custody_phase, context: offender.custody_context }),
  explain: (snapshot, event) => explainCustodyRefusal(snapshot, event),
  refuse: (offender, code, event) =>
    new DomainError(
      UserErrorCode[code as keyof typeof UserErrorCode],
      REFUSAL_MESSAGES[code] ??
        `The offender's custody phase is ${offender.custody_phase}; ${event.type} needs ${neededStates(custodyMachine, event.type)}.`,
      ["input", "type"],
    ),
};
