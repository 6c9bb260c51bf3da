/** The parts of a case's stored machine context that decide a VLO's actions on an INVITED case. */
interface CaseContext {
  custodyPhase: string;
  reachableChannels: string[];
}

const CONTACT_ENDING_PHASES = new Set(["SENTENCE_ENDED", "DECEASED", "REMOVED_FROM_UK"]);

/**
 * A VLO's availableActions, worked out by hand for the one status the bench's cases are in
 * (INVITED), with the case machine's guards: an invitation needs a reachable channel, an opt-in
 * an ongoing sentence. The bench compares the answer with the service's before it measures.
 */
export function availableActionsOf(status: string, context: CaseContext): string[] {
  if (status !== "INVITED") throw new Error(`the baseline knows the actions of INVITED cases only, not ${status}`);
  return [
    ...(context.reachableChannels.length > 0 ? ["SEND_INVITATION"] : []),
    ...(CONTACT_ENDING_PHASES.has(context.custodyPhase) ? [] : ["RECORD_OPT_IN"]),
    "RECORD_DECLINE",
  ];
}
