import { today } from "../../domain/calendar/london-date";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { CustodyEventType } from "../../domain/custody/custody.enums";
import type { CustodyEvent } from "../../machines/machine-events";
import { GraphQLError } from "graphql";
import { executeCreateOffender, executeCustodyEvent, executeRecordKeyDates } from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import { CreateOffenderInput } from "../../schema/custody/create-offender.input";
import { RecordCustodyEventInput } from "../../schema/custody/record-custody-event.input";
import { toOffender } from "../../schema/custody/offender.type";
import { toVictimCase } from "../../schema/cases/victim-case.type";
import { CreateOffenderPayload, RecordCustodyEventPayload, RecordKeyDatesPayload } from "../../schema/cases/payloads";
import { RecordKeyDatesInput } from "../../schema/sentences/record-key-dates.input";
import { toUserError } from "../../schema/common/user-error.type";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { loadVictimCaseEntity } from "../../graphql/payload-builders";

@Resolver()
export class OffenderMutationResolver {
  @Authorized(Permission.RECORD_CUSTODY)
  @Mutation(() => RecordKeyDatesPayload, {
    description:
      "Record an offender's key dates from HMPPS's calculation (the custody feed). They replace the forecast; if the release month changes, the offender's cases are told.",
  })
  async recordKeyDates(
    @Arg("input", () => RecordKeyDatesInput, { description: "The offender and dates." }) input: RecordKeyDatesInput,
    @Ctx() context: RequestContext,
  ): Promise<RecordKeyDatesPayload> {
    const dates = uniqueKeyDates(input);
    const result = await executeRecordKeyDates(
      context.dataSource,
      input.offenderId,
      dates,
      commandMeta("recordKeyDates", { ...input, keyDates: dates }, context),
    );
    if (!result.ok)
      return {
        offender: null,
        releaseMonthChanged: false,
        affectedCaseCount: 0,
        userErrors: [toUserError(result.error)],
      };
    context.loaders.offender.clear(result.value.offenderId);
    const offender = await context.loaders.offender.load(result.value.offenderId);
    return {
      offender: offender && toOffender(offender),
      releaseMonthChanged: result.value.releaseMonthChanged,
      affectedCaseCount: result.value.affectedCaseIds.length,
      userErrors: [],
    };
  }

  @Authorized(Permission.RECORD_CUSTODY)
  @Mutation(() => CreateOffenderPayload, {
    description: "Add an offender and their sentence; their custody starts IN_CUSTODY.",
  })
  async createOffender(
    @Arg("input", () => CreateOffenderInput, { description: "The offender." }) input: CreateOffenderInput,
    @Ctx() context: RequestContext,
  ): Promise<CreateOffenderPayload> {
    const result = await executeCreateOffender(
      context.dataSource,
      { name: input.name, prisonNumber: input.prisonNumber, crn: input.crn, sentence: { ...input.sentence } },
      commandMeta("createOffender", { ...input, sentence: { ...input.sentence } }, context),
    );
    if (!result.ok) return { offender: null, userErrors: [toUserError(result.error)] };
    const offender = await context.loaders.offender.load(result.value.offenderId);
    return { offender: offender && toOffender(offender), userErrors: [] };
  }

  @Authorized(Permission.RECORD_CUSTODY)
  @Mutation(() => RecordCustodyEventPayload, {
    description:
      "Record a custody event: moves the offender's custody phase and tells every open case of the offender, in one transaction.",
  })
  async recordCustodyEvent(
    @Arg("input", () => RecordCustodyEventInput, { description: "The event." }) input: RecordCustodyEventInput,
    @Ctx() context: RequestContext,
  ): Promise<RecordCustodyEventPayload> {
    const result = await executeCustodyEvent(
      context.dataSource,
      input.offenderId,
      toCustodyEvent(input),
      { occurredOn: input.occurredOn ?? today(), details: keyStageDetails(input) },
      commandMeta("recordCustodyEvent", input, context),
    );
    if (!result.ok)
      return { offender: null, affectedCases: [], affectedCaseCount: 0, userErrors: [toUserError(result.error)] };
    context.loaders.offender.clear(result.value.offenderId);
    const offender = await context.loaders.offender.load(result.value.offenderId);
    // The feed moves every case, but each caller sees only the cases their scope reaches.
    const written =
      result.value.affectedCases ??
      (await Promise.all(result.value.affectedCaseIds.map((id) => loadVictimCaseEntity(id, context))));
    const affectedCases = written
      .filter((entity) => entity && context.access.allows(Permission.READ_CASES, entity.region))
      .map((entity) => toVictimCase(entity!));
    return {
      offender: offender && toOffender(offender),
      affectedCases,
      affectedCaseCount: result.value.affectedCaseIds.length,
      userErrors: [],
    };
  }
}

// A date type given twice is a malformed request, not a business refusal.
function uniqueKeyDates(input: RecordKeyDatesInput) {
  const types = input.keyDates.map((keyDate) => keyDate.type);
  if (new Set(types).size !== types.length) {
    throw new GraphQLError("Each key date type may be given once.", {
      extensions: { code: "BAD_USER_INPUT", fields: [{ field: ["input", "keyDates"], constraints: ["unique"] }] },
    });
  }
  return input.keyDates.map((keyDate) => ({ type: keyDate.type, date: keyDate.date }));
}

function toCustodyEvent(input: RecordCustodyEventInput): CustodyEvent {
  switch (input.type) {
    case CustodyEventType.PAROLE_DECISION:
      return { type: input.type, outcome: input.outcome! };
    case CustodyEventType.RECALLED:
      return { type: input.type, recallType: input.recallType! };
    default:
      // Every other type carries nothing but itself. (Past 25 members, TypeScript no longer checks a
      // union member by member, so it cannot see this on its own.)
      return { type: input.type } as CustodyEvent;
  }
}

// What a key stage carries besides its type: recorded on the custody event.
function keyStageDetails(input: RecordCustodyEventInput): Record<string, unknown> {
  return {
    ...(input.temporaryReleaseType ? { temporaryReleaseType: input.temporaryReleaseType } : {}),
    ...(input.unlawfullyAtLargeKind ? { unlawfullyAtLargeKind: input.unlawfullyAtLargeKind } : {}),
    ...(input.details ? { note: input.details } : {}),
  };
}
