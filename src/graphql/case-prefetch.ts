import type { GraphQLResolveInfo } from "graphql";
import { Permission } from "../domain/security/policy";
import type { VictimCaseEntity } from "../entities/cases/victim-case.entity";
import { readCaseWithRelations } from "../services/cases/case-with-relations";
import { retryOnConnectionError } from "../services/platform/connection-errors";
import type { RequestContext } from "./context";
import { requestedFields } from "./requested-fields";

/**
 * The case a root field resolves to, read in one statement with the offender and contacts its
 * selection goes on to ask for; those are handed to the loaders the field resolvers read, so they
 * cost nothing more (issue 15 §2). Null when the case does not exist or is out of the caller's scope.
 */
export async function loadCaseWithSelection(
  context: RequestContext,
  info: GraphQLResolveInfo,
  caseId: string,
): Promise<VictimCaseEntity | null> {
  const selected = requestedFields(info, "VictimCase");
  const read = await retryOnConnectionError(() =>
    readCaseWithRelations(context.dataSource, caseId, context.access.scope(Permission.READ_CASES), {
      offender: selected.has("offender"),
      contacts: selected.has("contacts"),
    }),
  );
  if (!read) return null;
  context.loaders.victimCase.prime(caseId, read.victimCase);
  if (read.offender) context.loaders.offender.prime(read.offender.id, read.offender);
  if (read.contacts) context.loaders.contactsByCase.prime(caseId, read.contacts);
  return read.victimCase;
}
