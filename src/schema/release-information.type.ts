import { Field, ObjectType } from "type-graphql";
import { KeyDateSource } from "./key-date.type";

@ObjectType("ReleaseInformation", {
  description: "What the victim may be told about release: months, never days; never the prison or the release address.",
})
export class ReleaseInformation {
  @Field(() => String, { nullable: true, description: "Month and year of expected release, YYYY-MM (null when there is no release date, e.g. a hospital order or before a tariff)." })
  expectedReleaseMonth: string | null;

  @Field({ description: "Whether release happens automatically at a fixed point of the sentence." })
  automaticRelease: boolean;

  @Field({ description: "Whether the Parole Board may direct release (EDS, SOPC, LIFE, IPP)." })
  paroleEligible: boolean;

  @Field(() => String, { nullable: true, description: "Month and year, YYYY-MM, from which the Parole Board may consider release." })
  paroleEligibleFromMonth: string | null;

  @Field(() => KeyDateSource, { description: "Whether this comes from a forecast or from HMPPS's recorded dates." })
  basis: KeyDateSource;
}
