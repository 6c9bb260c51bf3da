import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../common/scalars";

export enum KeyDateType {
  CRD = "CRD",
  ARD = "ARD",
  PED = "PED",
  SED = "SED",
  LED = "LED",
  SLED = "SLED",
  TUSED = "TUSED",
  TARIFF_EXPIRY = "TARIFF_EXPIRY",
  HDCED = "HDCED",
  PRRD = "PRRD",
  ERSED = "ERSED",
  MTD = "MTD",
  ETD = "ETD",
  LTD = "LTD",
}

export enum KeyDateSource {
  CALCULATED = "CALCULATED",
  RECORDED = "RECORDED",
}

registerEnumType(KeyDateType, {
  name: "KeyDateType",
  description: "A key date of a sentence, as HMPPS's release-date calculator names them.",
  valuesConfig: {
    CRD: { description: "Conditional release date: automatic release on licence (SDS, SDS+, DTO)." },
    ARD: { description: "Automatic release date: the end of an EDS or SOPC custodial term." },
    PED: { description: "Parole eligibility date: from when the Parole Board may direct release." },
    SED: { description: "Sentence expiry date." },
    LED: { description: "Licence expiry date." },
    SLED: { description: "Sentence and licence expiry date (when they are the same day)." },
    TUSED: { description: "Top-up supervision expiry date (short sentences)." },
    TARIFF_EXPIRY: { description: "End of the minimum term of a LIFE or IPP sentence; then the Parole Board decides." },
    HDCED: { description: "Home detention curfew eligibility date: the earliest release on a curfew (tag)." },
    PRRD: {
      description: "Post-recall release date: release after a recall (fixed-term: its end; standard: sentence expiry).",
    },
    ERSED: {
      description: "Early removal scheme eligibility date: the earliest removal from the UK of a foreign national.",
    },
    MTD: {
      description: "Mid-term date: release from a detention and training order to supervision, at its half-way point.",
    },
    ETD: {
      description:
        "Early term date: the earliest release from a detention and training order (1 or 2 months before the MTD).",
    },
    LTD: {
      description:
        "Late term date: the latest release from a detention and training order (1 or 2 months after the MTD).",
    },
  },
});

registerEnumType(KeyDateSource, {
  name: "KeyDateSource",
  description: "Where a key date comes from.",
  valuesConfig: {
    CALCULATED: {
      description: "A forecast from the sentence rules; HMPPS's own calculation, once recorded, always wins.",
    },
    RECORDED: { description: "Recorded from HMPPS's release-date calculation." },
  },
});

@ObjectType("KeyDate", {
  description:
    "One key date of the offender's sentence. Offender-side data: never told to a victim as a date (see VictimCase.releaseInformation).",
})
export class KeyDate {
  @Field(() => KeyDateType, { description: "Which date." })
  type: KeyDateType;

  @Field(() => DateScalar, {
    description: "The date, after moving a release off a Friday, weekend or the day before a bank holiday.",
  })
  date: string;

  @Field(() => DateScalar, { nullable: true, description: "The statutory date before that move, when it moved." })
  unadjustedDate: string | null;

  @Field(() => KeyDateSource, { description: "Forecast or recorded." })
  source: KeyDateSource;
}

@ObjectType("KeyDateRecord", {
  description: "One entry of a sentence's key-date history: the forecast, or a recording from HMPPS.",
})
export class KeyDateRecord {
  @Field(() => KeyDateSource, { description: "Forecast or recorded." })
  source: KeyDateSource;

  @Field(() => [KeyDate], { description: "The key dates in this entry." })
  keyDates: KeyDate[];

  @Field(() => String, {
    nullable: true,
    description: "The release month a victim would be told after this entry (YYYY-MM).",
  })
  releaseMonth: string | null;

  @Field({ description: "Who recorded it (the custody feed, or the service for a forecast)." })
  actor: string;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  recordedAt: Date;
}
