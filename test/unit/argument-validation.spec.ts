import "reflect-metadata";
import { IsInt, MaxLength } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { validateArgument } from "../../src/graphql/argument-validation";
import { CaseTransitionInputBase } from "../../src/schema/cases/case-transition-input.base";
import { SendInvitationInput } from "../../src/schema/cases/send-invitation.input";
import { PageArgs } from "../../src/schema/common/page.args";
import { ContactChannel } from "../../src/domain/cases/contact.enums";

// Issue 15 §4: class-validator runs for the arguments whose class has rules, and only those.
describe("argument validation", () => {
  const validate = (value: unknown, type: unknown) =>
    validateArgument(value, type as never, { root: {}, args: {}, context: {}, info: {} as never });
  const invitation = (fields: Partial<SendInvitationInput>) =>
    Object.assign(new SendInvitationInput(), { caseId: "Q2FzZTox", channel: ContactChannel.LETTER, ...fields });
  const refusedFields = async (value: unknown, type: unknown) => {
    const error = await Promise.resolve(validate(value, type)).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ArgumentValidationError);
    return (error as ArgumentValidationError).extensions.validationErrors.map((failure) => failure.property);
  };

  it("should refuse an input that breaks its own rules and those of the classes it extends", async () => {
    expect(await refusedFields(invitation({ channel: "PIGEON" as ContactChannel }), SendInvitationInput)).toEqual([
      "channel",
    ]);
    // expectedVersion's rule is declared on TransitionInputBase, two classes up.
    expect(await refusedFields(invitation({ expectedVersion: 0 }), SendInvitationInput)).toEqual(["expectedVersion"]);
    expect(await refusedFields(invitation({ expectedVersion: 0 }), CaseTransitionInputBase)).toEqual([
      "expectedVersion",
    ]);
  });

  it("should check each item of a list argument", async () => {
    expect(
      await refusedFields([invitation({}), invitation({ idempotencyKey: "has spaces" })], SendInvitationInput),
    ).toEqual(["idempotencyKey"]);
  });

  it("should accept a valid input, leaving out the fields not given", async () => {
    await expect(validate(invitation({ expectedVersion: 3 }), SendInvitationInput)).resolves.toBeUndefined();
  });

  it("should pass over arguments without rules: page arguments, scalars, nothing", async () => {
    await expect(validate(Object.assign(new PageArgs(), { first: 50 }), PageArgs)).resolves.toBeUndefined();
    await expect(validate("Q2FzZTox", String)).resolves.toBeUndefined();
    await expect(validate(null, SendInvitationInput)).resolves.toBeUndefined();
  });

  it("should apply a rule added to a class after it was first validated (the remembered rules are forgotten)", async () => {
    class LateRuled {
      @IsInt()
      count!: number;

      label!: string;
    }
    const late = (fields: Partial<LateRuled>) => Object.assign(new LateRuled(), { count: 1, label: "ok", ...fields });
    await expect(validate(late({ label: "x".repeat(20) }), LateRuled)).resolves.toBeUndefined();
    // As a decorator declares it when a class loads.
    MaxLength(5)(LateRuled.prototype, "label");
    expect(await refusedFields(late({ label: "x".repeat(20) }), LateRuled)).toEqual(["label"]);
    expect(await refusedFields(late({ count: 1.5 }), LateRuled)).toEqual(["count"]);
  });
});
