import { CloseReason, DiscretionaryGround } from "../../domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../../domain/cases/contact.enums";
import { ParoleOutcome, TemporaryReleaseType } from "../../domain/custody/custody.enums";
import { LicenceConditionKind } from "../../domain/licence-conditions/licence-condition.enums";
import { HearingType, StatementFormat } from "../../domain/parole/parole.enums";
import { Region } from "../../domain/security/region.enum";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";

/**
 * How often each path is taken in a seeded database (npm run seed): the one table to change for
 * other data. Shares are of the cases (or offenders, or events) that reach that point; weights
 * need not add up to one. Rates "per year" are hazards: the chance of the step within a year.
 */
export const SEED_RATES = {
  victimsPerOffender: { 1: 70, 2: 22, 3: 8 },
  region: {
    [Region.NORTH_EAST]: 6,
    [Region.NORTH_WEST]: 9,
    [Region.YORKSHIRE_AND_THE_HUMBER]: 10,
    [Region.GREATER_MANCHESTER]: 7,
    [Region.EAST_MIDLANDS]: 8,
    [Region.WEST_MIDLANDS]: 10,
    [Region.EAST_OF_ENGLAND]: 9,
    [Region.LONDON]: 14,
    [Region.KENT_SURREY_AND_SUSSEX]: 9,
    [Region.SOUTH_CENTRAL]: 7,
    [Region.SOUTH_WEST]: 7,
    [Region.WALES]: 5,
  },
  sentenceType: {
    [SentenceType.SDS]: 42,
    [SentenceType.SDS_PLUS]: 12,
    [SentenceType.EDS]: 12,
    [SentenceType.SOPC]: 3,
    [SentenceType.STS]: 1,
    [SentenceType.LIFE]: 9,
    [SentenceType.IPP]: 3,
    [SentenceType.DTO]: 6,
    [SentenceType.HOSPITAL_ORDER]: 8,
  },
  offenceCategory: {
    [OffenceCategory.VIOLENT]: 60,
    [OffenceCategory.SEXUAL]: 36,
    [OffenceCategory.TERRORISM]: 1,
    // Outside the statute: referred on the discretionary route, with a reason and ground.
    [OffenceCategory.OTHER]: 3,
  },
  /** An SDS of under 12 months (outside the statute: the discretionary route). */
  shortSentence: 0.04,
  /** Why a victim outside the statute is offered the scheme. */
  discretionaryGround: {
    [DiscretionaryGround.STALKING]: 30,
    [DiscretionaryGround.HARASSMENT]: 20,
    [DiscretionaryGround.COERCIVE_CONTROL]: 20,
    [DiscretionaryGround.DOMESTIC_ABUSE]: 20,
    [DiscretionaryGround.HIGH_RISK]: 10,
  },
  domesticAbuse: 0.15,
  /** Sentenced long before the first referral (a victim who joins at parole or release), not weeks before. */
  sentencedLongBefore: 0.35,
  /** A VLO's caseload: each region has enough VLOs for its cases (two at least). */
  casesPerVLO: 150,
  contact: {
    /** The referral names a child victim's parent or guardian; the child is added as a contact. */
    childVictim: 0.06,
    /** A bereaved relative: the victim died. */
    nextOfKin: 0.1,
    representative: 0.05,
    carer: 0.03,
    address: 0.95,
    email: 0.6,
    phone: 0.7,
    addressChangePerYear: 0.06,
  },
  invitation: {
    /** Most are invited; the rest stay REFERRED a while, and some are closed. */
    sent: 0.97,
    closedUninvited: 0.5,
    channel: { [ContactChannel.LETTER]: 70, [ContactChannel.EMAIL]: 25, [ContactChannel.PHONE]: 5 },
    visitOffered: 0.3,
    /** The first answer: the rest never answer, and the expiry timer declines for them (NO_RESPONSE). */
    answer: { OPT_IN: 75, DECLINE: 15, NONE: 10 },
    /** A follow-up letter when no answer has come by the follow-up day. */
    followUp: 0.6,
    /** A victim who declined, or never answered, opts in later. */
    optInLater: 0.05,
  },
  plan: {
    agreed: 0.92,
    agreedLater: 0.5,
    level: {
      [InformationLevel.KEY_STAGES]: 60,
      [InformationLevel.ANNUAL_LETTER]: 15,
      [InformationLevel.RELEASE_MONTH_ONLY]: 25,
    },
    changedPerYear: 0.05,
  },
  engaged: {
    optOutPerYear: 0.04,
    optBackIn: 0.2,
    closedOnRequestPerYear: 0.02,
    closeReason: {
      [CloseReason.VICTIM_REQUEST]: 60,
      [CloseReason.TRANSFERRED]: 20,
      [CloseReason.INELIGIBLE]: 10,
      [CloseReason.OTHER]: 10,
    },
  },
  custody: {
    /** Long determinate sentences (3 years or more): considered for, then moved to, open conditions. */
    openConditions: 0.3,
    movedToOpen: 0.7,
    temporaryRelease: 0.5,
    temporaryReleaseType: {
      [TemporaryReleaseType.RESETTLEMENT_DAY_RELEASE]: 60,
      [TemporaryReleaseType.RESETTLEMENT_OVERNIGHT_RELEASE]: 25,
      [TemporaryReleaseType.CHILDCARE_RESETTLEMENT_LICENCE]: 5,
      [TemporaryReleaseType.SPECIAL_PURPOSE_LICENCE]: 10,
    },
    abscond: 0.02,
    hospitalTransfer: 0.01,
    homeDetentionCurfew: 0.35,
    releasedOnCurfew: 0.7,
    removedFromUk: 0.01,
    returnedToUk: 0.1,
    recall: 0.15,
    /** Of recalls: unlawfully at large from licence first. */
    atLargeOnLicence: 0.1,
    /** Of recalls where the sentence allows one. */
    fixedTermRecall: 0.6,
    /** Of standard recalls of a determinate sentence: re-released by the Secretary of State, not the Board. */
    reReleasedWithoutBoard: 0.5,
    /** Per offender, over the years seeded. */
    died: 0.005,
  },
  parole: {
    /** The Board's decision at a first review. */
    outcome: {
      [ParoleOutcome.RELEASE]: 25,
      [ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED]: 25,
      [ParoleOutcome.NO_RELEASE]: 50,
    },
    /** The Board's decision for a lifer in open conditions. */
    outcomeFromOpen: {
      [ParoleOutcome.RELEASE]: 50,
      [ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED]: 10,
      [ParoleOutcome.NO_RELEASE]: 40,
    },
    /** The Board's decision on a recall. */
    outcomeOnRecall: { [ParoleOutcome.RELEASE]: 55, [ParoleOutcome.NO_RELEASE]: 45 },
    hearingType: { [HearingType.ORAL]: 60, [HearingType.PAPER]: 38, [HearingType.PUBLIC]: 2 },
    reconsiderationApplied: 0.06,
    setAside: 0.3,
    statementInvited: 0.85,
    statementSubmitted: 0.6,
    statementFormat: {
      [StatementFormat.READ_BY_PANEL]: 50,
      [StatementFormat.READ_BY_VICTIM]: 30,
      [StatementFormat.READ_BY_SOMEONE_ELSE]: 10,
      [StatementFormat.RECORDED]: 10,
    },
    licenceConditionAtReview: 0.25,
    /** Of victims in the scheme when the Board decides, asking for a summary of its decision. */
    decisionSummaryRequested: 0.35,
  },
  licenceConditions: {
    /** Of victims in the scheme before an automatic release or a conditional discharge. */
    requested: 0.15,
    adopted: 0.85,
    kind: {
      [LicenceConditionKind.NO_CONTACT]: 50,
      [LicenceConditionKind.EXCLUSION_ZONE]: 35,
      [LicenceConditionKind.NON_ASSOCIATION]: 10,
      [LicenceConditionKind.OTHER]: 5,
    },
  },
  hospital: {
    leave: 0.5,
    transferBetweenHospitals: 0.15,
    conditionalDischarge: 0.4,
    recallToHospital: 0.12,
    dischargedAgain: 0.5,
    absoluteDischarge: 0.2,
  },
  /** The officer's daily work on what the service asks of them. */
  office: {
    /** Letters and emails sent by their due day; the rest go out late. */
    sentOnTime: 0.9,
    /** Acknowledged by the victim; the rest are escalated when the acknowledgement timer fires. */
    acknowledged: 0.55,
    /** Views sought, and a grown-up victim contacted, by the task's due day. */
    tasksOnTime: 0.85,
  },
} as const;
