import { Field, Int, ObjectType } from "type-graphql";
import { CaseStatus } from "../../domain/cases/case.enums";
import { Region } from "../../domain/security/region.enum";

@ObjectType("StatusCount", { description: "How many cases are in one status." })
export class StatusCount {
  @Field(() => CaseStatus, { description: "The status." })
  status: CaseStatus;

  @Field(() => Int, { description: "How many cases are in it." })
  count: number;
}

@ObjectType("RegionCount", { description: "How many cases one region holds." })
export class RegionCount {
  @Field(() => Region, { nullable: true, description: "The region (null for cases not yet assigned to an officer)." })
  region: Region | null;

  @Field(() => Int, { description: "How many cases it holds." })
  count: number;
}

@ObjectType("CaseStatistics", {
  description: "Counts of the cases you may see, without personal data: for analysts and managers.",
})
export class CaseStatistics {
  @Field(() => Int, { description: "How many cases match." })
  totalCount: number;

  @Field(() => [StatusCount], {
    description: "Cases per status, in lifecycle order; statuses with no case are listed with 0.",
  })
  byStatus: StatusCount[];

  @Field(() => [RegionCount], { description: "Cases per region, for the regions that hold any." })
  byRegion: RegionCount[];
}
