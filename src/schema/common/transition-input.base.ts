import { IsInt, IsOptional, Matches, Min } from "./input-rules";
import { Field, InputType, Int } from "type-graphql";
import { IDEMPOTENCY_KEY } from "./validators";

// Every transition input can guard against lost updates and against being applied twice.
@InputType("TransitionInputBase", { description: "Fields shared by transition inputs (not used directly)." })
export abstract class TransitionInputBase {
  @Field(() => Int, {
    nullable: true,
    description:
      "The version you last read; if the record has changed since (or a victim case is being changed by another request at that moment), nothing is done and STALE_VERSION is returned: read it again and retry.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Any unique string (1-200 printable characters) to make a retry safe: the same key with the same input returns the first result; with other input, IDEMPOTENCY_KEY_REUSED.",
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: "idempotencyKey must be 1 to 200 printable characters without spaces" })
  idempotencyKey?: string | null;
}
