import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { CaseAction } from "../../domain/cases/case.enums";
import { caseMachine, refusedCaseActions } from "../../machines/case.machine";
import { CASE_RECORD } from "../../services/cases/case.record";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { toUserError, UserError } from "../../schema/common/user-error.type";
import { BlockedAction } from "../../schema/cases/blocked-action.type";
import { listCaseload } from "../../services/cases/caseload";
import { SortDirection } from "../../domain/cases/caseload-order.enums";
import { DateScalar } from "../../schema/common/scalars";
import { VictimCaseOrder } from "../../schema/cases/victim-case-order.input";
import { caseloadCriteria } from "./caseload-criteria";
import { decodeCursor, pageSize } from "../../services/paging/pagination";
import { fromGlobalId } from "../../domain/ids/global-id";
import { toCaseContact, CaseContact } from "../../schema/cases/case-contact.type";
import { CaseTransition, toCaseTransition } from "../../schema/cases/case-transition.type";
import { ContactPlan, toContactPlan } from "../../schema/cases/contact-plan.type";
import { VictimCaseFilter } from "../../schema/cases/victim-case-filter.input";
import { Offender, toOffender } from "../../schema/custody/offender.type";
import { Officer, toOfficer } from "../../schema/security/officer.type";
import { Permission } from "../../domain/security/policy";
import { releaseInformationFor } from "../../domain/disclosure/disclosure";
import { effectiveKeyDates } from "../../services/sentences/key-dates.service";
import type { KeyDateSource } from "../../schema/sentences/key-date.type";
import {
  LicenceConditionOutcome,
  ReleaseInformation,
  VictimLicenceCondition,
} from "../../schema/sentences/release-information.type";
import { PageArgs } from "../../schema/common/page.args";
import { toVictimCase, VictimCase } from "../../schema/cases/victim-case.type";
import { CaseTransitionConnection, toConnection, VictimCaseConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalDataRead, recordPersonalFieldRead } from "../../graphql/personal-data-read";
import { loadCaseWithSelection } from "../../graphql/case-prefetch";
import { requestedNodeFields } from "../../graphql/requested-fields";
import { availableActionsOfCase, permissionFor } from "./permitted-case-actions";
import { READ_WITH_ITEM } from "../../schema/common/read-with-item";

@Resolver(() => VictimCase)
export class VictimCaseResolver {
  @Authorized(Permission.READ_CASES)
  @Query(() => VictimCase, {
    nullable: true,
    description: "One victim case by global id; null when there is none or it is outside your region.",
  })
  async victimCase(
    @Arg("id", () => ID, { description: "Global id of the case." }) id: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<VictimCase | null> {
    const caseId = fromGlobalId(id, "VictimCase");
    const entity = caseId ? await loadCaseWithSelection(context, info, caseId) : null;
    return entity && toVictimCase(entity);
  }

  @Authorized(Permission.READ_CASES)
  @Query(() => VictimCaseConnection, {
    description:
      "The victim cases you may see (your region's, or all for analysts), optionally filtered, in reference order unless orderBy says otherwise: a caseload.",
  })
  async victimCases(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => VictimCaseFilter, { nullable: true, description: "Conditions the cases must meet." })
    filter: VictimCaseFilter | null,
    @Arg("orderBy", () => VictimCaseOrder, {
      nullable: true,
      description: "The order of the list (default: reference, ascending).",
    })
    orderBy: VictimCaseOrder | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<VictimCaseConnection> {
    const criteria = await caseloadCriteria(filter, context, info);
    const order = orderBy && { field: orderBy.field, direction: orderBy.direction ?? SortDirection.ASC };
    const selected = requestedNodeFields(info);
    const result = await listCaseload(context.dataSource, criteria, page, order ?? undefined, {
      offender: selected.has("offender"),
      lastTransition: selected.has("lastTransition"),
    });
    // What the page's fields will ask for is read already: one statement for the whole page.
    for (const { row } of result.items) {
      context.loaders.victimCase.prime(row.id, row);
      context.loaders.nextDueOnByCase.prime(row.id, row.nextDueOn);
    }
    for (const offender of result.offenders) context.loaders.offender.prime(offender.id, offender);
    for (const transition of result.lastTransitions)
      context.loaders.lastTransitionByCase.prime(transition.caseId, transition);
    // The page's cases carry what it read for their fields, which answer it without a resolver call.
    const offenders = new Map(result.offenders.map((offender) => [offender.id, toOffender(offender)]));
    const lastTransitions = new Map(result.lastTransitions.map((entry) => [entry.caseId, toCaseTransition(entry)]));
    const withActions = selected.has("availableActions");
    return toConnection(result, (row) => {
      const victimCase = toVictimCase(row);
      victimCase[READ_WITH_ITEM] = {
        offender: offenders.get(row.offenderId),
        lastTransition: lastTransitions.get(row.id),
        availableActions: withActions ? availableActionsOfCase(context.access, victimCase) : undefined,
      };
      return victimCase;
    }) as VictimCaseConnection;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The earliest due date of the case's open work (tasks and notifications on the work queue); null when nothing is open. Before today means overdue.",
  })
  async nextDueOn(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<string | null> {
    return context.loaders.nextDueOnByCase.load(victimCase.databaseId);
  }

  // The officer's own words on why a victim outside the statute was admitted: they tell of the
  // victim's circumstances (stalking, abuse), so they are personal data, as a contact's details are.
  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Why the victim was admitted at the probation service's discretion, in the referring officer's words (null when none was recorded; analysts see discretionaryGround instead). Personal data: null with FORBIDDEN for roles that may not read it, every read is logged, and it is erased with the contacts' details.",
  })
  async discretionaryReason(
    @Root() victimCase: VictimCase,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    const reason = await context.loaders.discretionaryReasonByCase.load(victimCase.databaseId);
    if (reason === null) return null;
    await recordPersonalFieldRead(context, info, victimCase.databaseId, "victimCase.discretionaryReason");
    return reason;
  }

  @FieldResolver(() => Offender, { description: "The offender this case is about." })
  async offender(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Offender> {
    const offender = await context.loaders.offender.load(victimCase.offenderDatabaseId);
    if (!offender) throw new GraphQLError("A case's offender is missing.");
    return toOffender(offender);
  }

  @FieldResolver(() => CaseTransition, {
    description:
      "The newest entry of the case's history: what happened to it last, when and by whom (a caseload shows it beside each case). The whole history is under history.",
  })
  async lastTransition(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<CaseTransition> {
    const transition = await context.loaders.lastTransitionByCase.load(victimCase.databaseId);
    if (!transition) throw new GraphQLError("A case's history is missing.");
    return toCaseTransition(transition);
  }

  @FieldResolver(() => [CaseContact], { description: "The people kept informed on this case. Personal data." })
  async contacts(
    @Root() victimCase: VictimCase,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseContact[]> {
    const contacts = await context.loaders.contactsByCase.load(victimCase.databaseId);
    await recordPersonalDataRead(context, info, victimCase.databaseId, victimCase.scopeRegion);
    return contacts.map((contact) => toCaseContact(contact, victimCase.scopeRegion));
  }

  @FieldResolver(() => ContactPlan, {
    nullable: true,
    description: "What the victim chose to hear, and how; null until a plan is agreed.",
  })
  async contactPlan(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<ContactPlan | null> {
    const plan = await context.loaders.contactPlanByCase.load(victimCase.databaseId);
    return plan && toContactPlan(plan);
  }

  @FieldResolver(() => [CaseAction], {
    description:
      "The actions you may take now: those the case's status allows (the same machine the server enforces) and your role permits. Drive buttons from this.",
  })
  availableActions(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): readonly CaseAction[] {
    return availableActionsOfCase(context.access, victimCase);
  }

  @FieldResolver(() => [BlockedAction], {
    description:
      "The actions you cannot take now, each with every reason it is refused (the same refusals the mutations answer). Every action is either here or in availableActions.",
  })
  blockedActions(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): BlockedAction[] {
    const snapshot = caseMachine.resolveState({ value: victimCase.status, context: victimCase.context });
    const refused = new Map(refusedCaseActions(snapshot).map((refusal) => [refusal.action, refusal]));
    const row = { status: victimCase.status, context: victimCase.context } as VictimCaseEntity;
    return Object.values(CaseAction).flatMap((action) => {
      const reasons: UserError[] = [];
      const refusal = refused.get(action);
      if (refusal) reasons.push(toUserError(CASE_RECORD.refuse(row, refusal.code, refusal.event)));
      const forbidden = context.access.refusalFor(permissionFor(action), victimCase.scopeRegion);
      if (forbidden)
        reasons.push(
          Object.assign(new UserError(), { code: UserErrorCode.FORBIDDEN, message: forbidden, field: null }),
        );
      return reasons.length ? [Object.assign(new BlockedAction(), { action, reasons })] : [];
    });
  }

  @FieldResolver(() => ReleaseInformation, {
    nullable: true,
    description:
      "What the victim may be told about the offender's release: the month, never the day, from HMPPS's recorded dates or else the forecast. Null when there are neither.",
  })
  async releaseInformation(
    @Root() victimCase: VictimCase,
    @Ctx() context: RequestContext,
  ): Promise<ReleaseInformation | null> {
    const sentence = await context.loaders.sentenceByOffender.load(victimCase.offenderDatabaseId);
    if (!sentence) throw new GraphQLError("A case's sentence is missing.");
    const effective = effectiveKeyDates(
      sentence,
      await context.loaders.latestKeyDates.load(victimCase.offenderDatabaseId),
    );
    if (!effective) return null;
    const [requests, offender] = await Promise.all([
      context.loaders.licenceRequestsByCase.load(victimCase.databaseId),
      context.loaders.offender.load(victimCase.offenderDatabaseId),
    ]);
    const information = releaseInformationFor(
      effective,
      effective.source,
      requests,
      offender?.custodyContext.releaseDirection,
    );
    const licenceConditions = information.licenceConditions.map((condition) =>
      Object.assign(new VictimLicenceCondition(), {
        ...condition,
        outcome: condition.outcome as LicenceConditionOutcome,
        caseDatabaseId: victimCase.databaseId,
        scopeRegion: victimCase.scopeRegion,
      }),
    );
    return { ...information, basis: information.basis as KeyDateSource, licenceConditions };
  }

  @FieldResolver(() => Officer, { nullable: true, description: "The officer the case is assigned to." })
  async assignedOfficer(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Officer | null> {
    if (!victimCase.officerDatabaseId) return null;
    const officer = await context.loaders.officer.load(victimCase.officerDatabaseId);
    return officer && toOfficer(officer);
  }

  @FieldResolver(() => CaseTransitionConnection, { description: "Every event applied to the case, oldest first." })
  async history(
    @Root() victimCase: VictimCase,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<CaseTransitionConnection> {
    const key = {
      parentId: victimCase.databaseId,
      first: pageSize(page.first),
      after: decodeCursor("CaseTransition", page.after),
    };
    return toConnection(await context.loaders.historyPage.load(key), toCaseTransition) as CaseTransitionConnection;
  }
}
