import { today } from "../../domain/calendar/london-date";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { DeclineReason } from "../../domain/cases/case.enums";
import type { CaseEvent } from "../../machines/machine-events";
import {
  executeAddCaseContact,
  executeAssignment,
  executeCaseEvent,
  executeErasure,
  executeReferral,
  executeRemoveCaseContact,
  executeUpdateCaseContact,
} from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import { AddCaseContactInput } from "../../schema/cases/add-case-contact.input";
import { RemoveCaseContactInput, UpdateCaseContactInput } from "../../schema/cases/change-case-contact.input";
import { AgreeContactPlanInput } from "../../schema/cases/agree-contact-plan.input";
import { AssignVictimCaseInput } from "../../schema/cases/assign-victim-case.input";
import { CloseVictimCaseInput } from "../../schema/cases/close-victim-case.input";
import { EraseCaseContactDataInput } from "../../schema/cases/erase-case-contact-data.input";
import { RecordDeclineInput } from "../../schema/cases/record-decline.input";
import { RecordOptInInput } from "../../schema/cases/record-opt-in.input";
import { RecordOptOutInput } from "../../schema/cases/record-opt-out.input";
import { ReferVictimCaseInput } from "../../schema/cases/refer-victim-case.input";
import { SendInvitationInput } from "../../schema/cases/send-invitation.input";
import type { CaseTransitionInputBase } from "../../schema/cases/case-transition-input.base";
import {
  AddCaseContactPayload,
  AgreeContactPlanPayload,
  AssignVictimCasePayload,
  CloseVictimCasePayload,
  EraseCaseContactDataPayload,
  RecordDeclinePayload,
  RecordOptInPayload,
  RecordOptOutPayload,
  ReferVictimCasePayload,
  RemoveCaseContactPayload,
  SendInvitationPayload,
  UpdateCaseContactPayload,
  type CasePayloadShape,
} from "../../schema/cases/payloads";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { toCasePayload } from "../../graphql/payload-builders";

// Thin: each mutation names its event; the pipeline decides whether it may happen.
@Resolver()
export class CaseMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => ReferVictimCasePayload, {
    description: "Refer a victim to the scheme: opens a case in REFERRED, assigned to you, after checking eligibility.",
  })
  async referVictimCase(
    @Arg("input", () => ReferVictimCaseInput, { description: "The referral." }) input: ReferVictimCaseInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    const contact = {
      ...input.contact,
      address: input.contact.address ? { ...input.contact.address } : null,
      needs: input.contact.needs ? { ...input.contact.needs } : null,
    };
    const result = await executeReferral(
      context.dataSource,
      {
        offenderId: input.offenderId,
        referredOn: input.referredOn ?? today(),
        route: input.route,
        discretionaryReason: input.discretionaryReason,
        discretionaryGround: input.discretionaryGround,
        notDuplicateReason: input.confirmNotDuplicate ? input.notDuplicateReason : null,
        contact,
      },
      commandMeta("referVictimCase", input, context),
    );
    return toCasePayload(result, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => SendInvitationPayload, {
    description: "Invite the victim (REFERRED → INVITED), or record a follow-up invitation (INVITED).",
  })
  sendInvitation(
    @Arg("input", () => SendInvitationInput, { description: "The invitation." }) input: SendInvitationInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply(
      "sendInvitation",
      input,
      { type: "SEND_INVITATION", channel: input.channel, visitOffered: input.visitOffered ?? false },
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordOptInPayload, {
    description:
      "Record that the victim wants to be kept informed (INVITED, DECLINED or OPTED_OUT → OPTED_IN, or back to the engaged status when a plan exists).",
  })
  recordOptIn(
    @Arg("input", () => RecordOptInInput, { description: "The case." }) input: RecordOptInInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply("recordOptIn", input, { type: "RECORD_OPT_IN" }, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordDeclinePayload, {
    description: "Record that the victim declined the invitation (INVITED → DECLINED). They may opt in later.",
  })
  recordDecline(
    @Arg("input", () => RecordDeclineInput, { description: "The case." }) input: RecordDeclineInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply("recordDecline", input, { type: "RECORD_DECLINE" }, context, DeclineReason.DECLINED);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => AgreeContactPlanPayload, {
    description:
      "Record the victim's information level and channels (OPTED_IN → the engaged status for the offender's phase), or change them later.",
  })
  agreeContactPlan(
    @Arg("input", () => AgreeContactPlanInput, { description: "The plan." }) input: AgreeContactPlanInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply(
      "agreeContactPlan",
      input,
      { type: "AGREE_CONTACT_PLAN", informationLevel: input.informationLevel, channels: [...input.channels] },
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordOptOutPayload, {
    description: "Record that the victim no longer wants to hear (OPTED_IN or engaged → OPTED_OUT).",
  })
  recordOptOut(
    @Arg("input", () => RecordOptOutInput, { description: "The case." }) input: RecordOptOutInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply("recordOptOut", input, { type: "RECORD_OPT_OUT" }, context);
  }

  @Authorized(Permission.CLOSE_CASES)
  @Mutation(() => CloseVictimCasePayload, { description: "Close a case for good, with a reason (managers)." })
  closeVictimCase(
    @Arg("input", () => CloseVictimCaseInput, { description: "The case and reason." }) input: CloseVictimCaseInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return this.apply("closeVictimCase", input, { type: "CLOSE", reason: input.reason }, context, input.reason);
  }

  @Authorized(Permission.ASSIGN_CASES)
  @Mutation(() => AssignVictimCasePayload, {
    description:
      "Assign a case to an officer of a region you manage (managers); the case moves to that officer's region.",
  })
  async assignVictimCase(
    @Arg("input", () => AssignVictimCaseInput, { description: "The case and officer." }) input: AssignVictimCaseInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return toCasePayload(
      await executeAssignment(
        context.dataSource,
        input.caseId,
        input.officerId,
        commandMeta("assignVictimCase", input, context),
      ),
      context,
    );
  }

  @Authorized(Permission.ERASE_PERSONAL_DATA)
  @Mutation(() => EraseCaseContactDataPayload, {
    description:
      "Erase a case's contact details for a verified erasure request (managers): the case is closed first if open, and keeps its anonymous history.",
  })
  async eraseCaseContactData(
    @Arg("input", () => EraseCaseContactDataInput, { description: "The case and the request's reference." })
    input: EraseCaseContactDataInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return toCasePayload(
      await executeErasure(
        context.dataSource,
        input.caseId,
        input.requestReference,
        commandMeta("eraseCaseContactData", input, context),
      ),
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => AddCaseContactPayload, {
    description:
      "Add a person to an open case (status unchanged, written to its history): e.g. the child victim, with their date of birth, when their parent or guardian was referred, or the victim's address the referral lacked. Their details count for the channels the case can reach (sendInvitation, agreeContactPlan, notifications waiting for a detail).",
  })
  async addCaseContact(
    @Arg("input", () => AddCaseContactInput, { description: "The case and the person." }) input: AddCaseContactInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    const contact = {
      ...input.contact,
      address: input.contact.address ? { ...input.contact.address } : null,
      needs: input.contact.needs ? { ...input.contact.needs } : null,
    };
    return toCasePayload(
      await executeAddCaseContact(
        context.dataSource,
        input.caseId,
        contact,
        commandMeta("addCaseContact", input, context),
      ),
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => UpdateCaseContactPayload, {
    description:
      "Change a contact's details, e.g. when the victim moves or changes email (status unchanged). Sealed like any personal field, access-logged as a CHANGE naming the fields, and written to the case's history with field names only. Notifications still waiting take the plan's first channel the new details reach. A closed case answers TRANSITION_NOT_ALLOWED; a field both set and cleared, or nothing to change, INVALID_INPUT.",
  })
  async updateCaseContact(
    @Arg("input", () => UpdateCaseContactInput, { description: "The contact and its changes." })
    input: UpdateCaseContactInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    const { address, needs, ...set } = input.set ?? {};
    const update = {
      ...set,
      address: address ? { ...address } : null,
      needs: needs ? { ...needs } : null,
      clear: input.clear ?? [],
    };
    return toCasePayload(
      await executeUpdateCaseContact(
        context.dataSource,
        input.contactId,
        update,
        commandMeta("updateCaseContact", input, context),
      ),
      context,
    );
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RemoveCaseContactPayload, {
    description:
      "Take a person off an open case, deleting their details (access-logged as an ERASE; the history keeps the role only). The case keeps at least one contact and its last VICTIM contact (LAST_VICTIM_CONTACT).",
  })
  async removeCaseContact(
    @Arg("input", () => RemoveCaseContactInput, { description: "The contact." }) input: RemoveCaseContactInput,
    @Ctx() context: RequestContext,
  ): Promise<CasePayloadShape> {
    return toCasePayload(
      await executeRemoveCaseContact(
        context.dataSource,
        input.contactId,
        commandMeta("removeCaseContact", input, context),
      ),
      context,
    );
  }

  private async apply(
    operation: string,
    input: CaseTransitionInputBase,
    event: CaseEvent,
    context: RequestContext,
    reason: string | null = null,
  ): Promise<CasePayloadShape> {
    return toCasePayload(
      await executeCaseEvent(context.dataSource, input.caseId, event, commandMeta(operation, input, context), reason),
      context,
    );
  }
}
