import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import type { LicenceConditionRequestEvent } from "../../machines/licence-condition-request.machine";
import { executeCaseStep, executeLicenceConditionEvent } from "../../services/cases/case-commands";
import type { CommandResult } from "../../services/pipeline/command-runner";
import { requestLicenceCondition } from "../../services/licence-conditions/licence-condition.service";
import type { AppliedParoleStep } from "../../services/parole/parole-steps.service";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import {
  ForwardLicenceConditionRequestInput,
  RecordLicenceConditionDecisionInput,
  WithdrawLicenceConditionRequestInput,
} from "../../schema/licence-conditions/licence-condition-request-step.input";
import { RequestLicenceConditionInput } from "../../schema/licence-conditions/request-licence-condition.input";
import {
  LicenceConditionRequest,
  toLicenceConditionRequest,
} from "../../schema/licence-conditions/licence-condition-request.type";
import {
  ForwardLicenceConditionRequestPayload,
  RecordLicenceConditionDecisionPayload,
  RequestLicenceConditionPayload,
  WithdrawLicenceConditionRequestPayload,
} from "../../schema/parole/parole-payloads";
import type { CasePayloadShape } from "../../schema/cases/payloads";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { toCasePayload } from "../../graphql/payload-builders";

type LicencePayload = CasePayloadShape & { licenceConditionRequest: LicenceConditionRequest | null };

@Resolver()
export class LicenceConditionMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RequestLicenceConditionPayload, {
    description:
      "Record a licence condition the victim asks for (→ REQUESTED), for release on licence or for a parole review that has not yet decided.",
  })
  async requestLicenceCondition(
    @Arg("input", () => RequestLicenceConditionInput, { description: "The request." })
    input: RequestLicenceConditionInput,
    @Ctx() context: RequestContext,
  ): Promise<LicencePayload> {
    const result = await executeCaseStep(
      context.dataSource,
      input.caseId,
      (manager, caseId, options) => {
        const paroleReviewId =
          input.paroleReviewId == null
            ? null
            : (fromGlobalId(input.paroleReviewId, "ParoleReview") ?? "00000000-0000-0000-0000-000000000000");
        return requestLicenceCondition(
          manager,
          caseId,
          { kind: input.kind, description: input.description, decisionPoint: input.decisionPoint, paroleReviewId },
          options,
        );
      },
      commandMeta("requestLicenceCondition", input, context),
    );
    return licencePayload(result, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => ForwardLicenceConditionRequestPayload, {
    description: "Record that the request was forwarded to the decision maker (REQUESTED → FORWARDED).",
  })
  forwardLicenceConditionRequest(
    @Arg("input", () => ForwardLicenceConditionRequestInput, { description: "The request." })
    input: ForwardLicenceConditionRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<LicencePayload> {
    return this.step("forwardLicenceConditionRequest", input, { type: "FORWARD" }, {}, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordLicenceConditionDecisionPayload, {
    description:
      "Record the decision maker's answer (FORWARDED → ADOPTED with its end date, or NOT_ADOPTED with the reason the victim is told).",
  })
  recordLicenceConditionDecision(
    @Arg("input", () => RecordLicenceConditionDecisionInput, { description: "The decision." })
    input: RecordLicenceConditionDecisionInput,
    @Ctx() context: RequestContext,
  ): Promise<LicencePayload> {
    return this.step(
      "recordLicenceConditionDecision",
      input,
      { type: "RECORD_DECISION", adopted: input.adopted },
      { reason: input.reason, endsOn: input.endsOn },
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => WithdrawLicenceConditionRequestPayload, {
    description: "Record that the victim withdrew the request (REQUESTED or FORWARDED → WITHDRAWN).",
  })
  withdrawLicenceConditionRequest(
    @Arg("input", () => WithdrawLicenceConditionRequestInput, { description: "The request." })
    input: WithdrawLicenceConditionRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<LicencePayload> {
    return this.step("withdrawLicenceConditionRequest", input, { type: "WITHDRAW" }, {}, context);
  }

  private async step(
    operation: string,
    input: ForwardLicenceConditionRequestInput,
    event: LicenceConditionRequestEvent,
    decision: { reason?: string | null; endsOn?: string | null },
    context: RequestContext,
  ): Promise<LicencePayload> {
    const result = await executeLicenceConditionEvent(
      context.dataSource,
      input.requestId,
      event,
      decision,
      commandMeta(operation, input, context),
    );
    return licencePayload(result, context);
  }
}

async function licencePayload(
  result: CommandResult<AppliedParoleStep>,
  context: RequestContext,
): Promise<LicencePayload> {
  const payload = await toCasePayload(result, context);
  if (!result.ok || !payload.victimCase) return { ...payload, licenceConditionRequest: null };
  const request = await context.dataSource.manager.findOneByOrFail(LicenceConditionRequestEntity, {
    id: result.value.recordId,
  });
  return { ...payload, licenceConditionRequest: toLicenceConditionRequest(request, payload.victimCase.scopeRegion) };
}
