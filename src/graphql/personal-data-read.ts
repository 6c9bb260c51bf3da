import type { GraphQLResolveInfo } from "graphql";
import type { Region } from "../domain/security/region.enum";
import { Permission } from "../domain/security/policy";
import type { RequestContext } from "./context";
import { requestedFields, rootFieldName } from "./requested-fields";

const PERSONAL_FIELDS: ReadonlySet<string> = new Set(["name", "dateOfBirth", "address", "phone", "email", "needs"]);

/**
 * Logs the read of one personal field of a case's record (a statement's text, a licence-condition
 * request's description), or of an offender's record read outside a case (caseId null), before it
 * is returned. The field name is qualified by its type.
 */
export async function recordPersonalFieldRead(
  context: RequestContext,
  info: GraphQLResolveInfo,
  caseId: string | null,
  field: string,
): Promise<void> {
  await context.loaders.readLog.load({
    actor: context.actor,
    roles: context.access.roles,
    action: "READ",
    operation: rootFieldName(info),
    caseId,
    fields: [field],
    purpose: context.purpose,
    correlationId: context.correlationId,
    clientCorrelationId: context.clientCorrelationId,
  });
}

/**
 * Writes the access-log row for a read of a case's contact details, before they are returned; if
 * the row cannot be written this throws, and the data is not returned. Nothing is logged when no
 * personal field was asked for, or when the caller may not read them (they get FORBIDDEN instead).
 */
export async function recordPersonalDataRead(
  context: RequestContext,
  info: GraphQLResolveInfo,
  caseId: string,
  region: Region | null,
): Promise<void> {
  if (!context.access.allows(Permission.READ_PERSONAL_DATA, region)) return;
  const fields = [...requestedFields(info, "CaseContact")].filter((field) => PERSONAL_FIELDS.has(field)).sort();
  if (fields.length === 0) return;
  await context.loaders.readLog.load({
    actor: context.actor,
    roles: context.access.roles,
    action: "READ",
    operation: rootFieldName(info),
    caseId,
    fields,
    purpose: context.purpose,
    correlationId: context.correlationId,
    clientCorrelationId: context.clientCorrelationId,
  });
}
