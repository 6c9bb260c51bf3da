import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { CustodyEventType } from "../domain/custody.enums";
import type { CustodyEvent } from "../machines/machine-events";
import { executeCreateOffender, executeCustodyEvent } from "../services/case-commands";
import { CreateOffenderInput } from "../schema/inputs/create-offender.input";
import { RecordCustodyEventInput } from "../schema/inputs/record-custody-event.input";
import { toOffender } from "../schema/offender.type";
import { toVictimCase } from "../schema/victim-case.type";
import { CreateOffenderPayload, RecordCustodyEventPayload } from "../schema/payloads";
import { toUserError } from "../schema/user-error.type";
import type { RequestContext } from "./context";
import { loadVictimCase } from "./payload-builders";

@Resolver()
export class OffenderMutationResolver {
  @Mutation(() => CreateOffenderPayload, { description: "Add an offender and their sentence; their custody starts IN_CUSTODY." })
  async createOffender(@Arg("input", () => CreateOffenderInput, { description: "The offender." }) input: CreateOffenderInput, @Ctx() context: RequestContext): Promise<CreateOffenderPayload> {
    const result = await executeCreateOffender(
      context.dataSource,
      { name: input.name, prisonNumber: input.prisonNumber, crn: input.crn, sentence: { ...input.sentence } },
      { operation: "createOffender", input: { ...input, sentence: { ...input.sentence } }, actor: context.actor },
    );
    if (!result.ok) return { offender: null, userErrors: [toUserError(result.error)] };
    const offender = await context.loaders.offender.load(result.value.offenderId);
    return { offender: offender && toOffender(offender), userErrors: [] };
  }

  @Mutation(() => RecordCustodyEventPayload, { description: "Record a custody event: moves the offender's custody phase and tells every open case of the offender, in one transaction." })
  async recordCustodyEvent(
    @Arg("input", () => RecordCustodyEventInput, { description: "The event." }) input: RecordCustodyEventInput,
    @Ctx() context: RequestContext,
  ): Promise<RecordCustodyEventPayload> {
    const result = await executeCustodyEvent(
      context.dataSource,
      input.offenderId,
      toCustodyEvent(input),
      { occurredOn: input.occurredOn, details: input.details ? { note: input.details } : {} },
      { operation: "recordCustodyEvent", input: { ...input }, actor: context.actor },
    );
    if (!result.ok) return { offender: null, affectedCases: [], userErrors: [toUserError(result.error)] };
    context.loaders.offender.clear(result.value.offenderId);
    const offender = await context.loaders.offender.load(result.value.offenderId);
    const written = result.value.affectedCases;
    const affectedCases = written ? written.map((entity) => (context.loaders.victimCase.clear(entity.id).prime(entity.id, entity), toVictimCase(entity))) : await Promise.all(result.value.affectedCaseIds.map((id) => loadVictimCase(id, context)));
    return { offender: offender && toOffender(offender), affectedCases, userErrors: [] };
  }
}

function toCustodyEvent(input: RecordCustodyEventInput): CustodyEvent {
  switch (input.type) {
    case CustodyEventType.PAROLE_DECISION:
      return { type: input.type, outcome: input.outcome! };
    case CustodyEventType.RECALLED:
      return { type: input.type, recallType: input.recallType! };
    default:
      return { type: input.type };
  }
}
