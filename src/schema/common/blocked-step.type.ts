import { Field, ObjectType } from "type-graphql";
import type { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { ContactAction, LicenceConditionAction, ParoleStep } from "./step-actions.enums";
import { toUserError, UserError } from "./user-error.type";

/** One action with every reason it is refused now: none when it is available. */
export interface ActionReasons<TAction> {
  action: TAction;
  reasons: UserError[];
}

/**
 * Every action with its reasons, in the order given: first the refusals its mutation would answer
 * now, in the order the mutation checks them, then FORBIDDEN naming the permission the caller lacks.
 * availableActions and blockedActions both read this, so an action is always in exactly one.
 */
export function actionReasons<TAction>(
  actions: readonly TAction[],
  refusals: (action: TAction) => readonly DomainError[],
  forbidden: (action: TAction) => string | null,
): ActionReasons<TAction>[] {
  return actions.map((action) => {
    const reasons = refusals(action).map(toUserError);
    const refusal = forbidden(action);
    if (refusal)
      reasons.push(Object.assign(new UserError(), { code: UserErrorCode.FORBIDDEN, message: refusal, field: null }));
    return { action, reasons };
  });
}

export function availableActionsIn<TAction>(all: readonly ActionReasons<TAction>[]): TAction[] {
  return all.filter((entry) => entry.reasons.length === 0).map((entry) => entry.action);
}

export function blockedActionsIn<TAction, TBlocked extends ActionReasons<TAction>>(
  all: readonly ActionReasons<TAction>[],
  type: new () => TBlocked,
): TBlocked[] {
  return all.filter((entry) => entry.reasons.length > 0).map((entry) => Object.assign(new type(), entry));
}

// The shape of VictimCase.blockedActions, for another record's own action enum.
function blockedActionType<TAction>(name: string, actionEnum: object, record: string) {
  @ObjectType(name, {
    description: `An action you cannot take on the ${record} now, with every reason: what a screen shows beside a disabled button.`,
  })
  class BlockedActionOf implements ActionReasons<TAction> {
    @Field(() => actionEnum, { description: "The action." })
    action: TAction;

    @Field(() => [UserError], {
      description:
        "Why: each refusal its mutation would answer now (same code, message and field), in the order the mutation checks them, and FORBIDDEN when your role or region does not allow it.",
    })
    reasons: UserError[];
  }
  return BlockedActionOf;
}

export const BlockedContactAction = blockedActionType<ContactAction>("BlockedContactAction", ContactAction, "contact");
export type BlockedContactAction = InstanceType<typeof BlockedContactAction>;

export const BlockedLicenceConditionAction = blockedActionType<LicenceConditionAction>(
  "BlockedLicenceConditionAction",
  LicenceConditionAction,
  "licence-condition request",
);
export type BlockedLicenceConditionAction = InstanceType<typeof BlockedLicenceConditionAction>;

export const BlockedParoleStep = blockedActionType<ParoleStep>(
  "BlockedParoleStep",
  ParoleStep,
  "case in this parole review",
);
export type BlockedParoleStep = InstanceType<typeof BlockedParoleStep>;
