import { IsDefined, IsEnum, IsOptional, MaxLength, ValidateIf } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import {
  CustodyEventType,
  ParoleOutcome,
  RecallType,
  TemporaryReleaseType,
  UnlawfullyAtLargeKind,
} from "../../domain/custody/custody.enums";
import { DateScalar } from "../common/scalars";
import { TransitionInputBase } from "../common/transition-input.base";
import { IsNotInFuture } from "../common/validators";

@InputType("RecordCustodyEventInput", {
  description:
    "Record something that happened in the offender's sentence; every open case of the offender hears of it.",
})
export class RecordCustodyEventInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the offender." })
  @MaxLength(200)
  offenderId: string;

  @Field(() => CustodyEventType, { description: "What happened." })
  @IsEnum(CustodyEventType)
  type: CustodyEventType;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date it happened (not in the future); leave empty for the service's today.",
  })
  @IsOptional()
  @IsNotInFuture()
  occurredOn?: string | null;

  @Field(() => ParoleOutcome, {
    nullable: true,
    description: "The Board's decision; required when type is PAROLE_DECISION.",
  })
  @ValidateIf(
    (input: RecordCustodyEventInput) => input.type === CustodyEventType.PAROLE_DECISION || input.outcome != null,
  )
  @IsDefined({ message: "outcome is required for a PAROLE_DECISION" })
  @IsEnum(ParoleOutcome)
  outcome?: ParoleOutcome | null;

  @Field(() => RecallType, { nullable: true, description: "The kind of recall; required when type is RECALLED." })
  @ValidateIf((input: RecordCustodyEventInput) => input.type === CustodyEventType.RECALLED || input.recallType != null)
  @IsDefined({ message: "recallType is required for a RECALLED event" })
  @IsEnum(RecallType)
  recallType?: RecallType | null;

  @Field(() => TemporaryReleaseType, {
    nullable: true,
    description: "The kind of temporary release; required when type is TEMPORARY_RELEASE.",
  })
  @ValidateIf(
    (input: RecordCustodyEventInput) =>
      input.type === CustodyEventType.TEMPORARY_RELEASE || input.temporaryReleaseType != null,
  )
  @IsDefined({ message: "temporaryReleaseType is required for a TEMPORARY_RELEASE event" })
  @IsEnum(TemporaryReleaseType)
  temporaryReleaseType?: TemporaryReleaseType | null;

  @Field(() => UnlawfullyAtLargeKind, {
    nullable: true,
    description: "How the offender came to be at large; required when type is UNLAWFULLY_AT_LARGE.",
  })
  @ValidateIf(
    (input: RecordCustodyEventInput) =>
      input.type === CustodyEventType.UNLAWFULLY_AT_LARGE || input.unlawfullyAtLargeKind != null,
  )
  @IsDefined({ message: "unlawfullyAtLargeKind is required for an UNLAWFULLY_AT_LARGE event" })
  @IsEnum(UnlawfullyAtLargeKind)
  unlawfullyAtLargeKind?: UnlawfullyAtLargeKind | null;

  @Field(() => String, {
    nullable: true,
    description: "Free-text details for the officer (no victim data: this is the offender's record).",
  })
  @IsOptional()
  @MaxLength(2000)
  details?: string | null;
}
