import type { GraphQLResolveInfo } from "graphql";
import { today as londonToday } from "../../domain/calendar/london-date";
import { badUserInput, forbidden } from "../../domain/errors/client-error";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { searchIndexes } from "../../entities/cases/contact-indexes";
import type { RequestContext } from "../../graphql/context";
import { rootFieldName } from "../../graphql/requested-fields";
import type { VictimCaseFilter } from "../../schema/cases/victim-case-filter.input";
import type { CaseloadCriteria } from "../../services/cases/caseload";
import type { CaseScope } from "../../services/security/access-control";

// An id that names nothing of its kind matches nothing (an empty list), as an unknown id does.
const NO_MATCH = "00000000-0000-0000-0000-000000000000";

/**
 * Criteria with no filter yet. Only some filters read `today`, and a London date costs a time-zone
 * conversion: worked out when first read, then the same for every statement of the request. A
 * class, not a literal with a getter, which would keep what it closes over alive through
 * young-generation collections (PostedRequest in posted-operations.ts says more); so the filters
 * are assigned onto it, never spread into a copy, which would leave `today` behind.
 */
class ScopedCriteria implements CaseloadCriteria {
  private todayOnce: string | undefined;

  constructor(public scope: CaseScope) {}

  get today(): string {
    return (this.todayOnce ??= londonToday());
  }
}

/**
 * The caseload a filter asks for, within what the caller may see. A search by a victim's name or
 * postcode needs READ_PERSONAL_DATA (it tells who is a victim) and is written to the access log
 * before anything is returned.
 */
export async function caseloadCriteria(
  filter: VictimCaseFilter | null,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<CaseloadCriteria> {
  const criteria: CaseloadCriteria = new ScopedCriteria(context.access.scope(Permission.READ_CASES));
  if (!filter) return criteria;
  if (filter.referredFrom && filter.referredTo && filter.referredTo < filter.referredFrom)
    throw badUserInput("referredTo must not be before referredFrom.", ["filter", "referredTo"]);
  Object.assign(criteria, {
    statuses: filter.status,
    regions: filter.region,
    informationLevels: filter.informationLevel,
    overdue: filter.overdue,
    dueBy: filter.dueBy,
    referredFrom: filter.referredFrom,
    referredTo: filter.referredTo,
    reference: filter.reference?.trim().toUpperCase(),
    prisonNumber: filter.prisonNumber?.trim().toUpperCase(),
    crn: filter.crn?.trim().toUpperCase(),
  });
  if (filter.offenderId != null) criteria.offenderId = fromGlobalId(filter.offenderId, "Offender") ?? NO_MATCH;
  if (filter.officerId != null) criteria.officerId = fromGlobalId(filter.officerId, "Officer") ?? NO_MATCH;
  if (filter.assignedToMe) {
    const mine = context.access.officer?.id ?? NO_MATCH;
    // Both given and different: no case is assigned to two officers.
    criteria.officerId = criteria.officerId !== undefined && criteria.officerId !== mine ? NO_MATCH : mine;
  }
  if (filter.victimName == null && filter.victimPostcode == null) return criteria;

  const refusal = context.access.refusalFor(Permission.READ_PERSONAL_DATA, undefined);
  if (refusal) throw forbidden(`Searching by a victim's name or postcode: ${refusal}`);
  const indexes = searchIndexes({ name: filter.victimName, postcode: filter.victimPostcode });
  if (filter.victimName != null && !indexes.nameIndex)
    throw badUserInput("victimName must contain letters or digits.", ["filter", "victimName"]);
  const fields = [filter.victimName != null && "name", filter.victimPostcode != null && "postcode"].filter(
    (field): field is string => Boolean(field),
  );
  await context.loaders.readLog.load({
    actor: context.actor,
    roles: context.access.roles,
    action: "SEARCH",
    operation: rootFieldName(info),
    caseId: null,
    fields,
    purpose: context.purpose,
    correlationId: context.correlationId,
    clientCorrelationId: context.clientCorrelationId,
  });
  // Only the cases whose personal data the caller may read.
  return Object.assign(criteria, { scope: context.access.scope(Permission.READ_PERSONAL_DATA) }, indexes);
}
