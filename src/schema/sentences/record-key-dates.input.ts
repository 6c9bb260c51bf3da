import { ArrayMaxSize, ArrayNotEmpty, IsEnum, MaxLength, ValidateNested } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { KeyDateType } from "./key-date.type";
import { DateScalar } from "../common/scalars";
import { TransitionInputBase } from "../common/transition-input.base";

@InputType("KeyDateInput", { description: "One key date from HMPPS's release-date calculation." })
export class KeyDateInput {
  @Field(() => KeyDateType, { description: "Which date." })
  @IsEnum(KeyDateType)
  type: KeyDateType;

  @Field(() => DateScalar, {
    description: "The date, as HMPPS's calculation gives it (already moved off non-working days).",
  })
  date: string;
}

@InputType("RecordKeyDatesInput", {
  description: "Record the key dates from HMPPS's own calculation; they replace the forecast.",
})
export class RecordKeyDatesInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the offender." })
  @MaxLength(200)
  offenderId: string;

  @Field(() => [KeyDateInput], { description: "The key dates, each type at most once." })
  @ArrayNotEmpty({ message: "keyDates must list at least one key date" })
  @ArrayMaxSize(8, { message: "keyDates must list at most 8 key dates" })
  @ValidateNested()
  keyDates: KeyDateInput[];
}
