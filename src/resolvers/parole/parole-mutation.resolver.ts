import { today } from "../../domain/calendar/london-date";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { ParoleRequestKind } from "../../domain/parole/parole.enums";
import { ParoleRequestEntity } from "../../entities/parole/parole-request.entity";
import { VictimPersonalStatementEntity } from "../../entities/parole/victim-personal-statement.entity";
import {
  executeParoleCaseStep,
  executeParoleDecision,
  executeScheduleParoleHearing,
} from "../../services/cases/case-commands";
import type { CommandResult } from "../../services/pipeline/command-runner";
import {
  inviteVictimPersonalStatement,
  recordParoleRequest,
  submitVictimPersonalStatement,
  type AppliedParoleStep,
} from "../../services/parole/parole-steps.service";
import { Permission } from "../../domain/security/policy";
import {
  ApplyForPublicParoleHearingInput,
  ApplyToObserveParoleHearingInput,
  InviteVictimPersonalStatementInput,
  ParoleCaseStepInputBase,
  RequestParoleDecisionSummaryInput,
  RequestParoleReconsiderationInput,
} from "../../schema/parole/parole-case-step.input";
import { RecordParoleDecisionInput } from "../../schema/parole/record-parole-decision.input";
import { ScheduleParoleHearingInput } from "../../schema/parole/schedule-parole-hearing.input";
import { SubmitVictimPersonalStatementInput } from "../../schema/parole/submit-victim-personal-statement.input";
import { toOffender } from "../../schema/custody/offender.type";
import {
  ApplyForPublicParoleHearingPayload,
  ApplyToObserveParoleHearingPayload,
  InviteVictimPersonalStatementPayload,
  RecordParoleDecisionPayload,
  RequestParoleDecisionSummaryPayload,
  RequestParoleReconsiderationPayload,
  ScheduleParoleHearingPayload,
  SubmitVictimPersonalStatementPayload,
} from "../../schema/parole/parole-payloads";
import { ParoleRequest, toParoleRequest } from "../../schema/parole/parole-request.type";
import { toParoleReview } from "../../schema/parole/parole-review.type";
import type { CasePayloadShape } from "../../schema/cases/payloads";
import { toUserError } from "../../schema/common/user-error.type";
import { toVictimCase } from "../../schema/cases/victim-case.type";
import { toVictimPersonalStatement, VictimPersonalStatement } from "../../schema/parole/victim-personal-statement.type";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { loadVictimCaseEntity, toCasePayload } from "../../graphql/payload-builders";

type StatementPayload = CasePayloadShape & { personalStatement: VictimPersonalStatement | null };
type RequestPayload = CasePayloadShape & { paroleRequest: ParoleRequest | null };

// Thin: each mutation names its step; the services and the review machine decide whether it may happen.
@Resolver()
export class ParoleMutationResolver {
  @Authorized(Permission.RECORD_PAROLE)
  @Mutation(() => ScheduleParoleHearingPayload, {
    description:
      "Set or move a review's target hearing date and type (REFERRED or HEARING_SCHEDULED → HEARING_SCHEDULED). Every open case of the offender records PAROLE_HEARING_SCHEDULED.",
  })
  async scheduleParoleHearing(
    @Arg("input", () => ScheduleParoleHearingInput, { description: "The review and hearing." })
    input: ScheduleParoleHearingInput,
    @Ctx() context: RequestContext,
  ): Promise<ScheduleParoleHearingPayload> {
    const result = await executeScheduleParoleHearing(
      context.dataSource,
      input.paroleReviewId,
      { targetHearingDate: input.targetHearingDate, hearingType: input.hearingType },
      commandMeta("scheduleParoleHearing", input, context),
    );
    if (!result.ok) return { paroleReview: null, affectedCaseCount: 0, userErrors: [toUserError(result.error)] };
    context.loaders.paroleReview.clear(result.value.paroleReviewId);
    const review = await context.loaders.paroleReview.load(result.value.paroleReviewId);
    return {
      paroleReview: review && toParoleReview(review),
      affectedCaseCount: result.value.affectedCaseIds.length,
      userErrors: [],
    };
  }

  @Authorized(Permission.RECORD_PAROLE)
  @Mutation(() => RecordParoleDecisionPayload, {
    description:
      "Record the Board's decision. In one transaction it decides the review, moves the offender's custody (PAROLE_DECISION: RELEASE → RELEASED, otherwise back to where the review began) and tells every open case.",
  })
  async recordParoleDecision(
    @Arg("input", () => RecordParoleDecisionInput, { description: "The review and decision." })
    input: RecordParoleDecisionInput,
    @Ctx() context: RequestContext,
  ): Promise<RecordParoleDecisionPayload> {
    const result = await executeParoleDecision(
      context.dataSource,
      input.paroleReviewId,
      { outcome: input.outcome, issuedOn: input.issuedOn ?? today() },
      commandMeta("recordParoleDecision", input, context),
    );
    if (!result.ok)
      return {
        paroleReview: null,
        offender: null,
        affectedCases: [],
        affectedCaseCount: 0,
        userErrors: [toUserError(result.error)],
      };
    context.loaders.paroleReview.clear(result.value.paroleReviewId);
    context.loaders.offender.clear(result.value.offenderId);
    const [review, offender, cases] = await Promise.all([
      context.loaders.paroleReview.load(result.value.paroleReviewId),
      context.loaders.offender.load(result.value.offenderId),
      Promise.all(result.value.affectedCaseIds.map((id) => loadVictimCaseEntity(id, context))),
    ]);
    // Cases outside the caller's region load as null and are left out.
    const affectedCases = cases.filter((entity) => entity !== null).map((entity) => toVictimCase(entity!));
    return {
      paroleReview: review && toParoleReview(review),
      offender: offender && toOffender(offender),
      affectedCases,
      affectedCaseCount: result.value.affectedCaseIds.length,
      userErrors: [],
    };
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => InviteVictimPersonalStatementPayload, {
    description:
      "Record that the victim was invited to make a personal statement for a review. Refused with DEADLINE_PASSED after the statement deadline (28 days before the hearing).",
  })
  async inviteVictimPersonalStatement(
    @Arg("input", () => InviteVictimPersonalStatementInput, { description: "The case and review." })
    input: ParoleCaseStepInputBase,
    @Ctx() context: RequestContext,
  ): Promise<StatementPayload> {
    const result = await executeParoleCaseStep(
      context.dataSource,
      input.caseId,
      input.paroleReviewId,
      inviteVictimPersonalStatement,
      commandMeta("inviteVictimPersonalStatement", input, context),
    );
    return statementPayload(result, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => SubmitVictimPersonalStatementPayload, {
    description:
      "Send the victim's personal statement to the Board. Refused with DEADLINE_PASSED after the deadline (28 days before the hearing), ALREADY_RECORDED if one was sent for this review.",
  })
  async submitVictimPersonalStatement(
    @Arg("input", () => SubmitVictimPersonalStatementInput, { description: "The statement." })
    input: SubmitVictimPersonalStatementInput,
    @Ctx() context: RequestContext,
  ): Promise<StatementPayload> {
    const result = await executeParoleCaseStep(
      context.dataSource,
      input.caseId,
      input.paroleReviewId,
      (manager, caseId, reviewId, options) =>
        submitVictimPersonalStatement(manager, caseId, reviewId, { format: input.format, text: input.text }, options),
      commandMeta("submitVictimPersonalStatement", input, context),
    );
    return statementPayload(result, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => ApplyToObserveParoleHearingPayload, {
    description:
      "Record the victim's application to observe an oral hearing (remotely). NOT_ELIGIBLE for a paper review; DEADLINE_PASSED later than 12 weeks before the hearing.",
  })
  applyToObserveParoleHearing(
    @Arg("input", () => ApplyToObserveParoleHearingInput, { description: "The case and review." })
    input: ParoleCaseStepInputBase,
    @Ctx() context: RequestContext,
  ): Promise<RequestPayload> {
    return this.request("applyToObserveParoleHearing", ParoleRequestKind.OBSERVE_HEARING, input, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => ApplyForPublicParoleHearingPayload, {
    description:
      "Record the victim's application for the hearing to be held in public. DEADLINE_PASSED later than 12 weeks before the hearing.",
  })
  applyForPublicParoleHearing(
    @Arg("input", () => ApplyForPublicParoleHearingInput, { description: "The case and review." })
    input: ParoleCaseStepInputBase,
    @Ctx() context: RequestContext,
  ): Promise<RequestPayload> {
    return this.request("applyForPublicParoleHearing", ParoleRequestKind.PUBLIC_HEARING, input, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RequestParoleReconsiderationPayload, {
    description:
      "Record the victim's request that the Secretary of State apply for reconsideration of a decision. NOT_ELIGIBLE for open-conditions recommendations and determinate recalls; DEADLINE_PASSED after 21 days.",
  })
  requestParoleReconsideration(
    @Arg("input", () => RequestParoleReconsiderationInput, { description: "The case and review." })
    input: ParoleCaseStepInputBase,
    @Ctx() context: RequestContext,
  ): Promise<RequestPayload> {
    return this.request("requestParoleReconsideration", ParoleRequestKind.RECONSIDERATION, input, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RequestParoleDecisionSummaryPayload, {
    description:
      "Record the victim's request for the Board's decision summary. DEADLINE_PASSED after 6 months from the decision.",
  })
  requestParoleDecisionSummary(
    @Arg("input", () => RequestParoleDecisionSummaryInput, { description: "The case and review." })
    input: ParoleCaseStepInputBase,
    @Ctx() context: RequestContext,
  ): Promise<RequestPayload> {
    return this.request("requestParoleDecisionSummary", ParoleRequestKind.DECISION_SUMMARY, input, context);
  }

  private async request(
    operation: string,
    kind: ParoleRequestKind,
    input: ParoleCaseStepInputBase,
    context: RequestContext,
  ): Promise<RequestPayload> {
    const result = await executeParoleCaseStep(
      context.dataSource,
      input.caseId,
      input.paroleReviewId,
      (manager, caseId, reviewId, options) => recordParoleRequest(manager, caseId, reviewId, kind, options),
      commandMeta(operation, input, context),
    );
    const payload = await toCasePayload(result, context);
    if (!result.ok) return { ...payload, paroleRequest: null };
    const request = await context.dataSource.manager.findOneByOrFail(ParoleRequestEntity, {
      id: result.value.recordId,
    });
    return { ...payload, paroleRequest: toParoleRequest(request) };
  }
}

async function statementPayload(
  result: CommandResult<AppliedParoleStep>,
  context: RequestContext,
): Promise<StatementPayload> {
  const payload = await toCasePayload(result, context);
  if (!result.ok || !payload.victimCase) return { ...payload, personalStatement: null };
  const statement = await context.dataSource.manager.findOneByOrFail(VictimPersonalStatementEntity, {
    id: result.value.recordId,
  });
  return { ...payload, personalStatement: toVictimPersonalStatement(statement, payload.victimCase.scopeRegion) };
}
