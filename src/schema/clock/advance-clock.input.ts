import { IsInt, IsOptional, Max, Min } from "../common/input-rules";
import { Field, InputType, Int } from "type-graphql";
import { DateTimeScalar } from "../common/scalars";
import { IsOnlyGivenWhen } from "../common/validators";

@InputType("AdvanceClockInput", {
  description: "How far to move a held test clock forward: days, or a later moment (to); exactly one of them.",
})
export class AdvanceClockInput {
  @Field(() => Int, { nullable: true, description: "Whole days forward, from 1 to 3660." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "days must be at least 1" })
  @Max(3660, { message: "days must be at most 3660 (ten years)" })
  @IsOnlyGivenWhen((input: AdvanceClockInput) => input.to == null, { message: "give days or to, not both" })
  days?: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "A moment later than the service's now, at most ten years ahead, e.g. 2027-01-04T09:00:00Z.",
  })
  @IsOptional()
  to?: Date | null;
}
