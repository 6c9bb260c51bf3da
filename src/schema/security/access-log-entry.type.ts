import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { AccessAction, AccessLogEntity } from "../../entities/security/access-log.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { DateTimeScalar } from "../common/scalars";

export enum AccessLogAction {
  READ = "READ",
  CHANGE = "CHANGE",
  ERASE = "ERASE",
  SEARCH = "SEARCH",
}

registerEnumType(AccessLogAction, {
  name: "AccessLogAction",
  description: "What was done with the data.",
  valuesConfig: {
    READ: { description: "Personal data was read (consulted)." },
    CHANGE: { description: "A record was changed." },
    ERASE: { description: "Personal data was erased." },
    SEARCH: {
      description:
        "Cases were searched by a victim's personal data (fields names what was searched by, e.g. name or postcode; the values searched for are never kept).",
    },
  },
});

@ObjectType("AccessLogEntry", {
  description: "One read, change or erasure (Data Protection Act 2018 s.62). Names the fields, never their values.",
})
export class AccessLogEntry {
  @Field({ description: "Position in the log; later entries have higher numbers." })
  sequence: string;

  @Field(() => DateTimeScalar, { description: "When it happened." })
  occurredAt: Date;

  @Field({ description: "Who: a user name, or system:<client> for a system." })
  actor: string;

  @Field(() => [String], { description: "The caller's roles at the time." })
  roles: string[];

  @Field(() => AccessLogAction, { description: "Read, change or erasure." })
  action: AccessLogAction;

  @Field({ description: "The query or mutation, e.g. victimCase, referVictimCase, retention." })
  operation: string;

  @Field(() => ID, { nullable: true, description: "Global id of the case concerned, if any." })
  caseId: string | null;

  @Field(() => [String], { description: 'The fields read or changed, e.g. ["email", "name"].' })
  fields: string[];

  @Field({ description: "Why (the x-access-purpose header, default CASE_WORK)." })
  purpose: string;

  @Field({
    description:
      "The request's correlation id, made by the server (never the client's), to find its server log lines; a job's own id for the service's work.",
  })
  correlationId: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The id the client sent in its x-correlation-id header, if any, kept beside the server's: printable characters only, at most 64. Null for jobs and clients that sent none.",
  })
  clientCorrelationId: string | null;
}

export function toAccessLogEntry(entity: AccessLogEntity): AccessLogEntry {
  return Object.assign(new AccessLogEntry(), {
    sequence: entity.sequence,
    occurredAt: entity.occurredAt,
    actor: entity.actor,
    roles: entity.roles,
    action: entity.action satisfies AccessAction as AccessLogAction,
    operation: entity.operation,
    caseId: entity.caseId && toGlobalId("VictimCase", entity.caseId),
    fields: entity.fields,
    purpose: entity.purpose,
    correlationId: entity.correlationId,
    clientCorrelationId: entity.clientCorrelationId,
  });
}
