import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { DeclineReason } from "../domain/case.enums";
import type { CaseEvent } from "../machines/machine-events";
import { executeCaseEvent, executeReferral } from "../services/case-commands";
import { AgreeContactPlanInput } from "../schema/inputs/agree-contact-plan.input";
import { CloseVictimCaseInput } from "../schema/inputs/close-victim-case.input";
import { RecordDeclineInput } from "../schema/inputs/record-decline.input";
import { RecordOptInInput } from "../schema/inputs/record-opt-in.input";
import { RecordOptOutInput } from "../schema/inputs/record-opt-out.input";
import { ReferVictimCaseInput } from "../schema/inputs/refer-victim-case.input";
import { SendInvitationInput } from "../schema/inputs/send-invitation.input";
import type { CaseTransitionInputBase } from "../schema/inputs/case-transition-input.base";
import {
  AgreeContactPlanPayload,
  CloseVictimCasePayload,
  RecordDeclinePayload,
  RecordOptInPayload,
  RecordOptOutPayload,
  ReferVictimCasePayload,
  SendInvitationPayload,
  type CasePayloadShape,
} from "../schema/payloads";
import type { RequestContext } from "./context";
import { toCasePayload } from "./payload-builders";

// Thin: each mutation names its event; the pipeline decides whether it may happen.
@Resolver()
export class CaseMutationResolver {
  @Mutation(() => ReferVictimCasePayload, { description: "Refer a victim to the scheme: opens a case in REFERRED after checking eligibility." })
  async referVictimCase(@Arg("input", () => ReferVictimCaseInput, { description: "The referral." }) input: ReferVictimCaseInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    const result = await executeReferral(
      context.dataSource,
      {
        offenderId: input.offenderId,
        referredOn: input.referredOn,
        route: input.route,
        discretionaryReason: input.discretionaryReason,
        contact: { ...input.contact, address: input.contact.address ? { ...input.contact.address } : null, needs: input.contact.needs ? { ...input.contact.needs } : null },
      },
      { operation: "referVictimCase", input: { ...input }, actor: context.actor },
    );
    return toCasePayload(result, context);
  }

  @Mutation(() => SendInvitationPayload, { description: "Invite the victim (REFERRED → INVITED), or record a follow-up invitation (INVITED)." })
  sendInvitation(@Arg("input", () => SendInvitationInput, { description: "The invitation." }) input: SendInvitationInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("sendInvitation", input, { type: "SEND_INVITATION", channel: input.channel, visitOffered: input.visitOffered ?? false }, context);
  }

  @Mutation(() => RecordOptInPayload, { description: "Record that the victim wants to be kept informed (INVITED, DECLINED or OPTED_OUT → OPTED_IN, or back to the engaged status when a plan exists)." })
  recordOptIn(@Arg("input", () => RecordOptInInput, { description: "The case." }) input: RecordOptInInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("recordOptIn", input, { type: "RECORD_OPT_IN" }, context);
  }

  @Mutation(() => RecordDeclinePayload, { description: "Record that the victim declined the invitation (INVITED → DECLINED). They may opt in later." })
  recordDecline(@Arg("input", () => RecordDeclineInput, { description: "The case." }) input: RecordDeclineInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("recordDecline", input, { type: "RECORD_DECLINE" }, context, DeclineReason.DECLINED);
  }

  @Mutation(() => AgreeContactPlanPayload, { description: "Record the victim's information level and channels (OPTED_IN → the engaged status for the offender's phase), or change them later." })
  agreeContactPlan(@Arg("input", () => AgreeContactPlanInput, { description: "The plan." }) input: AgreeContactPlanInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("agreeContactPlan", input, { type: "AGREE_CONTACT_PLAN", informationLevel: input.informationLevel, channels: [...input.channels] }, context);
  }

  @Mutation(() => RecordOptOutPayload, { description: "Record that the victim no longer wants to hear (OPTED_IN or engaged → OPTED_OUT)." })
  recordOptOut(@Arg("input", () => RecordOptOutInput, { description: "The case." }) input: RecordOptOutInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("recordOptOut", input, { type: "RECORD_OPT_OUT" }, context);
  }

  @Mutation(() => CloseVictimCasePayload, { description: "Close a case for good, with a reason." })
  closeVictimCase(@Arg("input", () => CloseVictimCaseInput, { description: "The case and reason." }) input: CloseVictimCaseInput, @Ctx() context: RequestContext): Promise<CasePayloadShape> {
    return this.apply("closeVictimCase", input, { type: "CLOSE", reason: input.reason }, context, input.reason);
  }

  private async apply(operation: string, input: CaseTransitionInputBase, event: CaseEvent, context: RequestContext, reason: string | null = null): Promise<CasePayloadShape> {
    const result = await executeCaseEvent(context.dataSource, input.caseId, event, { operation, input: { ...input }, actor: context.actor }, reason);
    return toCasePayload(result, context);
  }
}
