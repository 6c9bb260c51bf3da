import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import {
  LicenceConditionRequest,
  toLicenceConditionRequest,
} from "../../schema/licence-conditions/licence-condition-request.type";
import { LicenceConditionStep } from "../../schema/licence-conditions/licence-condition-step.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => LicenceConditionStep)
export class LicenceConditionStepResolver {
  @FieldResolver(() => LicenceConditionRequest, {
    nullable: true,
    description:
      "The request the step was taken on, as it stands now (null only for a step recorded without one). Its description and reason are personal data, read under their own rules.",
  })
  async request(
    @Root() step: LicenceConditionStep,
    @Ctx() context: RequestContext,
  ): Promise<LicenceConditionRequest | null> {
    if (!step.requestDatabaseId) return null;
    const found = await context.loaders.licenceRequest.load(step.requestDatabaseId);
    return found && toLicenceConditionRequest(found.request, found.region);
  }
}
