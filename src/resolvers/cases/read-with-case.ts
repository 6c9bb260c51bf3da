import type { CaseTransitionEntity } from "../../entities/cases/case-transition.entity";
import type { OffenderEntity } from "../../entities/custody/offender.entity";
import type { RequestContext } from "../../graphql/context";

/** What the request's caseload pages read with their cases: offenders by id, newest history entries by case id. */
interface ReadWithCases {
  offenders: Map<string, OffenderEntity>;
  lastTransitions: Map<string, CaseTransitionEntity>;
}

// Beside the loaders (primed too, for any other field that asks): a case's offender and
// lastTransition answer from here at once, without a loader's promise per field, so a 50-case
// page resolves synchronously (issue 15 §4). Kept per request, and gone with it.
const readByRequest = new WeakMap<RequestContext, ReadWithCases>();

function readOf(context: RequestContext): ReadWithCases {
  let read = readByRequest.get(context);
  if (!read) readByRequest.set(context, (read = { offenders: new Map(), lastTransitions: new Map() }));
  return read;
}

/** Keeps what a caseload page read; the first read of each stays, as a loader's `prime` keeps it. */
export function rememberReadWithCases(
  context: RequestContext,
  offenders: readonly OffenderEntity[],
  lastTransitions: readonly CaseTransitionEntity[],
): void {
  const read = readOf(context);
  for (const offender of offenders) if (!read.offenders.has(offender.id)) read.offenders.set(offender.id, offender);
  for (const transition of lastTransitions)
    if (!read.lastTransitions.has(transition.caseId)) read.lastTransitions.set(transition.caseId, transition);
}

/** The offender a caseload page of this request read, if one did. */
export function offenderReadWithCase(context: RequestContext, offenderId: string): OffenderEntity | undefined {
  return readByRequest.get(context)?.offenders.get(offenderId);
}

/** The newest history entry of the case a caseload page of this request read, if one did. */
export function lastTransitionReadWithCase(context: RequestContext, caseId: string): CaseTransitionEntity | undefined {
  return readByRequest.get(context)?.lastTransitions.get(caseId);
}
