import { Field, ObjectType } from "type-graphql";
import type { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";

@ObjectType("UserError", {
  simpleResolvers: true,
  description: "An expected reason a mutation did nothing. Nothing was written when a payload has userErrors.",
})
export class UserError {
  @Field(() => UserErrorCode, { description: "What went wrong; branch on this." })
  code: UserErrorCode;

  @Field({ description: "Explanation for people; may change wording at any time." })
  message: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "caseId"].' })
  field: string[] | null;
}

export function toUserError(error: DomainError): UserError {
  return Object.assign(new UserError(), { code: error.code, message: error.message, field: error.field });
}
