import { IsEnum, IsNotEmpty, MaxLength } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { StatementFormat } from "../../domain/parole/parole.enums";
import { ParoleCaseStepInputBase } from "./parole-case-step.input";

@InputType("SubmitVictimPersonalStatementInput", {
  description:
    "Send the victim's personal statement to the Board (at least 28 days before the hearing). A written version is always required.",
})
export class SubmitVictimPersonalStatementInput extends ParoleCaseStepInputBase {
  @Field(() => StatementFormat, { description: "How it will be presented at the hearing." })
  @IsEnum(StatementFormat)
  format: StatementFormat;

  // Written to be read in under ten minutes: about 1,500 words.
  @Field({
    description:
      "The written statement (at most 20,000 characters). Personal data: encrypted at rest; the offender usually sees it.",
  })
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;
}
