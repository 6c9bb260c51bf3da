import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LicenceConditionKind } from "../../domain/licence-conditions/licence-condition.enums";
import type { Region } from "../../domain/security/region.enum";
import { KeyDateSource } from "./key-date.type";

export enum LicenceConditionOutcome {
  PENDING = "PENDING",
  ADOPTED = "ADOPTED",
  NOT_ADOPTED = "NOT_ADOPTED",
}

registerEnumType(LicenceConditionOutcome, {
  name: "LicenceConditionOutcome",
  description: "What became of a licence condition the victim asked for.",
  valuesConfig: {
    PENDING: { description: "With the decision maker." },
    ADOPTED: { description: "On the licence." },
    NOT_ADOPTED: { description: "Not put on the licence; the reason is given." },
  },
});

@ObjectType("VictimLicenceCondition", {
  description:
    "A licence condition the victim asked for, as they may be told it: what became of it and, if adopted, the month it ends.",
})
export class VictimLicenceCondition {
  @Field(() => LicenceConditionKind, { description: "The kind of condition." })
  kind: LicenceConditionKind;

  @Field(() => LicenceConditionOutcome, { description: "Pending with the decision maker, adopted, or not adopted." })
  outcome: LicenceConditionOutcome;

  @Field(() => String, { nullable: true, description: "Month and year, YYYY-MM, in which an adopted condition ends." })
  endsMonth: string | null;

  /** Served by a field resolver that logs the read. */
  reasonNotAdopted: string | null;

  caseDatabaseId: string;
  scopeRegion: Region | null;
}

@ObjectType("DirectedRelease", {
  description:
    "A release the Parole Board has directed that has not happened yet, in months. A decision that can be reconsidered is provisional for 21 days (Parole Board Rules 2019 r.25, r.28); the offender stays in custody until released.",
})
export class DirectedRelease {
  @Field({ description: "Month and year, YYYY-MM, of the Board's decision to direct release." })
  directedMonth: string;

  @Field({
    description:
      "Whether a party has applied for the decision to be reconsidered: release waits for the Board's answer.",
  })
  reconsiderationPending: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Month and year, YYYY-MM, in which the direction becomes final if nobody applies for reconsideration; null once it is final, or while an application waits.",
  })
  finalFromMonth: string | null;
}

@ObjectType("ReleaseInformation", {
  description:
    "What the victim may be told about release: months, never days; never the prison or the release address.",
})
export class ReleaseInformation {
  @Field(() => String, {
    nullable: true,
    description:
      "Month and year of expected release, YYYY-MM (null when there is no release date, e.g. a hospital order or before a tariff).",
  })
  expectedReleaseMonth: string | null;

  @Field({ description: "Whether release happens automatically at a fixed point of the sentence." })
  automaticRelease: boolean;

  @Field({ description: "Whether the Parole Board may direct release (EDS, SOPC, LIFE, IPP)." })
  paroleEligible: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Month and year, YYYY-MM, from which the Parole Board may consider release.",
  })
  paroleEligibleFromMonth: string | null;

  @Field(() => KeyDateSource, { description: "Whether this comes from a forecast or from HMPPS's recorded dates." })
  basis: KeyDateSource;

  @Field(() => [VictimLicenceCondition], {
    description:
      "The licence conditions this victim asked for and what became of them: only conditions that concern the victim, never the others on the licence.",
  })
  licenceConditions: VictimLicenceCondition[];

  @Field(() => DirectedRelease, {
    nullable: true,
    description:
      "The Parole Board's release direction while the offender is still in custody (custody phase RELEASE_DIRECTED); null otherwise. expectedReleaseMonth stays the sentence's own automatic point.",
  })
  releaseDirection: DirectedRelease | null;
}
