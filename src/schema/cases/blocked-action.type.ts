import { Field, ObjectType } from "type-graphql";
import { CaseAction } from "../../domain/cases/case.enums";
import { UserError } from "../common/user-error.type";

@ObjectType("BlockedAction", {
  description:
    "An action you cannot take on the case now, with every reason: what a screen shows beside a disabled button.",
})
export class BlockedAction {
  @Field(() => CaseAction, { description: "The action." })
  action: CaseAction;

  @Field(() => [UserError], {
    description:
      "Why: the refusal its mutation would answer now (the status, a missing contact detail, the sentence ended), and FORBIDDEN when your role or region does not allow it. field points at the input at fault.",
  })
  reasons: UserError[];
}
