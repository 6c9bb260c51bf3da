import { registerEnumType } from "type-graphql";
import {
  CaseAction,
  CaseStatus,
  CloseReason,
  DeclineReason,
  DiscretionaryGround,
  EligibilityRoute,
} from "../../domain/cases/case.enums";
import { ClearableContactField, ContactChannel, ContactRole, InformationLevel } from "../../domain/cases/contact.enums";
import {
  CustodyEventType,
  CustodyPhase,
  ParoleOutcome,
  RecallType,
  TemporaryReleaseType,
  UnlawfullyAtLargeKind,
} from "../../domain/custody/custody.enums";
import {
  LicenceConditionDecisionMaker,
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
  LicenceConditionRequestStatus,
} from "../../domain/licence-conditions/licence-condition.enums";
import {
  NotificationFailure,
  NotificationKind,
  NotificationStatus,
} from "../../domain/notifications/notification.enums";
import { DeadlineKind, DeadlineState } from "../../domain/work/deadline.enums";
import {
  HearingType,
  ParoleRequestKind,
  ParoleReviewStatus,
  StatementFormat,
  StatementStatus,
} from "../../domain/parole/parole.enums";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { Region } from "../../domain/security/region.enum";
import { Role } from "../../domain/security/role.enum";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { CaseOrderField, SortDirection } from "../../domain/cases/caseload-order.enums";

// Every enum value carries a description: analysts read them in Sandbox.
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description:
    "Where a victim case stands in its lifecycle (invited → opted in / declined → active → parole → released / recalled).",
  valuesConfig: {
    REFERRED: { description: "Referred to the scheme; the victim has not been invited yet." },
    INVITED: { description: "Invited to join the scheme; waiting for the victim's answer." },
    OPTED_IN: { description: "The victim opted in; a contact plan has not been agreed yet." },
    DECLINED: { description: "The victim declined, or did not answer the invitation. They may opt in later." },
    ACTIVE: { description: "Engaged: the victim is kept informed while the offender is in custody." },
    PAROLE: { description: "Engaged, and the offender's release is being considered by the Parole Board." },
    RELEASED: { description: "Engaged, and the offender has been released on licence." },
    RECALLED: { description: "Engaged, and the offender has been recalled to custody." },
    OPTED_OUT: { description: "The victim asked to stop hearing. They may opt back in while the sentence runs." },
    CLOSED: {
      description: "Closed for good: the sentence ended, the offender died or left the UK, or the case was closed.",
    },
  },
});

registerEnumType(CaseAction, {
  name: "CaseAction",
  description: "An action an officer may take on a case now; each is one mutation.",
  valuesConfig: {
    SEND_INVITATION: { description: "Invite the victim (sendInvitation), or send a follow-up invitation." },
    RECORD_OPT_IN: { description: "Record that the victim wants to be kept informed (recordOptIn)." },
    RECORD_DECLINE: { description: "Record that the victim declined the invitation (recordDecline)." },
    AGREE_CONTACT_PLAN: {
      description: "Record the victim's choice of information level and channels (agreeContactPlan).",
    },
    RECORD_OPT_OUT: { description: "Record that the victim no longer wants to hear (recordOptOut)." },
    CLOSE: { description: "Close the case (closeVictimCase)." },
  },
});

registerEnumType(CustodyPhase, {
  name: "CustodyPhase",
  description: "Where the offender is in their sentence.",
  valuesConfig: {
    IN_CUSTODY: { description: "In prison (closed or open conditions)." },
    PAROLE_REVIEW: { description: "The Parole Board is considering release." },
    RELEASE_DIRECTED: {
      description:
        "The Parole Board has directed release, but the offender is still in custody: the decision may be provisional for 21 days (reconsideration), and release waits for the feed's RELEASED_ON_LICENCE.",
    },
    RELEASED: { description: "Released on licence in the community." },
    RECALLED: { description: "Recalled to prison from licence." },
    UNLAWFULLY_AT_LARGE: { description: "Escaped, absconded or failed to return." },
    SENTENCE_ENDED: { description: "The licence and sentence have ended." },
    DECEASED: { description: "The offender has died." },
    REMOVED_FROM_UK: { description: "The offender has been deported or removed from the UK." },
  },
});

registerEnumType(CustodyEventType, {
  name: "CustodyEventType",
  description: "Something that happened in the offender's sentence, as reported by prison or probation.",
  valuesConfig: {
    CONSIDERED_FOR_OPEN_CONDITIONS: {
      description:
        "Being considered for a move to open conditions: raises a SEEK_VICTIM_VIEWS task on every case in the scheme; custody does not change, and victims are not sent a letter.",
    },
    CONSIDERED_FOR_TEMPORARY_RELEASE: {
      description: "Being considered for release on temporary licence (ROTL): raises SEEK_VICTIM_VIEWS, as above.",
    },
    CONSIDERED_FOR_HOME_DETENTION_CURFEW: {
      description:
        "Being considered for home detention curfew (only where the sentence allows it): raises SEEK_VICTIM_VIEWS, as above.",
    },
    MOVED_TO_OPEN_CONDITIONS: { description: "Moved to an open prison (a key stage)." },
    RETURNED_TO_CLOSED_CONDITIONS: { description: "Returned from open to closed conditions." },
    TEMPORARY_RELEASE: {
      description: "Released on temporary licence (ROTL) for a period; give `temporaryReleaseType`.",
    },
    REFERRED_TO_PAROLE_BOARD: { description: "Referred to the Parole Board for a release review." },
    PAROLE_DECISION: {
      description:
        "The Parole Board's decision; give `outcome`. RELEASE moves custody to RELEASE_DIRECTED, not RELEASED.",
    },
    RECONSIDERATION_APPLIED: {
      description:
        "A party applied to the Board to reconsider a release direction (Parole Board Rules 2019 r.28), within 21 days of the decision; release is held until the Board answers.",
    },
    RECONSIDERATION_REFUSED: {
      description: "The Board refused the reconsideration application: the release direction is final.",
    },
    DECISION_SET_ASIDE: {
      description:
        "The Board granted reconsideration and set the release direction aside: custody returns to PAROLE_REVIEW for a new decision.",
    },
    RELEASED_ON_LICENCE: {
      description:
        "Released on licence: automatically at the point the sentence fixes, or on a final Parole Board direction (from RELEASE_DIRECTED).",
    },
    RELEASED_ON_HOME_DETENTION_CURFEW: {
      description:
        "Released early on home detention curfew (a tag), before the automatic release date; SDS and DTO only.",
    },
    TRANSFERRED_TO_HOSPITAL: {
      description:
        "Transferred from prison to a secure hospital under the Mental Health Act; still serving the sentence.",
    },
    RETURNED_FROM_HOSPITAL: { description: "Returned from hospital to prison (closed conditions)." },
    RECALLED: { description: "Recalled to prison from licence; give `recallType`." },
    RE_RELEASED: { description: "Released again after a recall." },
    UNLAWFULLY_AT_LARGE: { description: "Escaped, absconded or failed to return; give `unlawfullyAtLargeKind`." },
    RETURNED_TO_CUSTODY: { description: "Back in custody after being unlawfully at large." },
    LICENCE_ENDED: { description: "The licence has ended: the sentence is over." },
    DIED: { description: "The offender has died." },
    REMOVED_FROM_UK: { description: "The offender has been deported or removed from the UK." },
    RETURNED_TO_UK: {
      description:
        "After removal, the offender came back to the UK before the sentence expired and is detained again (CJA 2003 s.261): custody returns to IN_CUSTODY and the cases removal closed reopen.",
    },
    HOSPITAL_LEAVE_GRANTED: {
      description:
        "A restricted hospital-order patient was given leave of absence (MHA 1983 s.17): still detained. Hospital orders only; told to KEY_STAGES victims.",
    },
    TRANSFERRED_BETWEEN_HOSPITALS: {
      description:
        "The patient moved to another hospital (MHA 1983 s.19). Recorded, never told: where a patient is treated is medical and confidential.",
    },
    CONDITIONALLY_DISCHARGED: {
      description:
        "Discharged from hospital on conditions by the tribunal or the Secretary of State (MHA 1983 s.42(2), s.73): custody RELEASED. Hospital orders only; told at every level with the victim's conditions.",
    },
    RECALLED_TO_HOSPITAL: {
      description:
        "Recalled to hospital from a conditional discharge (MHA 1983 s.42(3)): custody RECALLED. Hospital orders only.",
    },
    ABSOLUTELY_DISCHARGED: {
      description:
        "The restrictions ended (MHA 1983 s.42(1), s.73(1)): no longer liable to detention or recall, so the victims' contact ends. Hospital orders only.",
    },
  },
});

registerEnumType(ParoleOutcome, {
  name: "ParoleOutcome",
  description: "The Parole Board's decision.",
  valuesConfig: {
    RELEASE: { description: "Release on licence directed." },
    NO_RELEASE: { description: "Release refused; the offender stays in custody." },
    OPEN_CONDITIONS_RECOMMENDED: { description: "Release refused, with a recommendation to move to open conditions." },
  },
});

registerEnumType(RecallType, {
  name: "RecallType",
  description: "How a recall to prison ends.",
  valuesConfig: {
    FIXED_TERM: { description: "Automatic re-release after a fixed period." },
    STANDARD: { description: "Custody until the Parole Board (or the Secretary of State) directs re-release." },
  },
});

registerEnumType(SentenceType, {
  name: "SentenceType",
  description: "The kind of sentence, which decides how and when release happens.",
  valuesConfig: {
    SDS: { description: "Standard determinate sentence: automatic release part-way, then licence." },
    SDS_PLUS: { description: "Determinate sentence for serious offences with release at two thirds." },
    EDS: {
      description:
        "Extended determinate sentence: parole from two thirds of the custodial term, automatic release at its end, then an extended licence.",
    },
    SOPC: { description: "Sentence for offenders of particular concern: custodial term plus one year on licence." },
    STS: {
      description:
        "Serious terrorism sentence (Sentencing Act 2020 ss.268A, 282A): the custodial term served in full with no parole, then an extended licence.",
    },
    LIFE: { description: "Life sentence: a minimum term (tariff), then release only if the Parole Board directs it." },
    IPP: {
      description: "Imprisonment for public protection (abolished 2012, still served): tariff, then the Parole Board.",
    },
    DTO: { description: "Detention and training order (under 18s)." },
    HOSPITAL_ORDER: {
      description: "Hospital order under the Mental Health Act 1983; discharge is decided outside the prison system.",
    },
  },
});

registerEnumType(OffenceCategory, {
  name: "OffenceCategory",
  description: "The category of the index offence; the scheme covers violent, sexual and terrorism offences.",
  valuesConfig: {
    VIOLENT: { description: "A violent offence (Schedule 15, Criminal Justice Act 2003, or murder)." },
    SEXUAL: { description: "A sexual offence (Schedule 15, or one bringing sex offender notification)." },
    TERRORISM: { description: "A terrorism offence." },
    OTHER: { description: "Any other offence: only a discretionary referral is possible." },
  },
});

registerEnumType(EligibilityRoute, {
  name: "EligibilityRoute",
  description: "Why the victim is in the scheme.",
  valuesConfig: {
    STATUTORY: { description: "Entitled by law (Domestic Violence, Crime and Victims Act 2004, s.35)." },
    DISCRETIONARY: {
      description: "Offered at the probation service's discretion, with a recorded ground and reason.",
    },
  },
});

registerEnumType(ContactRole, {
  name: "ContactRole",
  description: "Who the contact is in relation to the victim.",
  valuesConfig: {
    VICTIM: { description: "The victim themselves." },
    PARENT_GUARDIAN: { description: "Parent or guardian of a victim under 18." },
    CARER: { description: "Carer of a victim who needs one." },
    NEXT_OF_KIN: { description: "Next of kin where the offence caused a death." },
    REPRESENTATIVE: { description: "Someone the victim has nominated to act for them." },
  },
});

registerEnumType(ClearableContactField, {
  name: "ClearableContactField",
  description: "A contact's personal field that updateCaseContact can clear.",
  valuesConfig: {
    DATE_OF_BIRTH: { description: "The date of birth." },
    EMAIL: { description: "The email address (EMAIL can no longer reach them)." },
    PHONE: { description: "The telephone number (PHONE can no longer reach them)." },
    ADDRESS: { description: "The postal address (LETTER can no longer reach them)." },
    NEEDS: { description: "Interpreter and accessibility needs." },
  },
});

registerEnumType(ContactChannel, {
  name: "ContactChannel",
  description: "A way of reaching the victim.",
  valuesConfig: {
    LETTER: { description: "A letter to the postal address." },
    PHONE: { description: "A telephone call." },
    EMAIL: { description: "An email." },
  },
});

registerEnumType(InformationLevel, {
  name: "InformationLevel",
  description: "How much the victim has chosen to hear.",
  valuesConfig: {
    RELEASE_MONTH_ONLY: { description: "Only the month of release (and changes to it)." },
    ANNUAL_LETTER: { description: "A yearly letter, plus release and recall." },
    KEY_STAGES: { description: "Every key stage of the sentence." },
  },
});

// The scheme's discretionary routes: research/domain.md §1.4 ("Discretionary / non-statutory",
// the Probation Victim Notification Scheme pilot) and rule R2.
registerEnumType(DiscretionaryGround, {
  name: "DiscretionaryGround",
  description:
    "Why a victim outside the statute was admitted to the scheme at the probation service's discretion: a category, not personal data (the officer's own words are VictimCase.discretionaryReason).",
  valuesConfig: {
    STALKING: { description: "Stalking, including breaches of a stalking protection order or restraining order." },
    HARASSMENT: { description: "Harassment, including breaches of a protective order." },
    COERCIVE_CONTROL: { description: "Controlling or coercive behaviour in an intimate or family relationship." },
    DOMESTIC_ABUSE: {
      description: "Domestic abuse (best practice is to offer the scheme to its victims whatever the sentence length).",
    },
    HATE_CRIME: { description: "A hate crime." },
    HIGH_RISK: { description: "The offender presents a high risk of serious harm to the victim, for another reason." },
    OTHER: {
      description: "Any other ground, given in discretionaryReason; also cases referred before grounds were recorded.",
    },
  },
});

registerEnumType(DeclineReason, {
  name: "DeclineReason",
  description: "Why a case is in DECLINED.",
  valuesConfig: {
    DECLINED: { description: "The victim said no." },
    NO_RESPONSE: { description: "The invitation went unanswered in the time allowed." },
  },
});

registerEnumType(CloseReason, {
  name: "CloseReason",
  description: "Why a case was closed.",
  valuesConfig: {
    SENTENCE_ENDED: { description: "The sentence (and licence) has ended." },
    OFFENDER_DIED: { description: "The offender has died." },
    OFFENDER_REMOVED_FROM_UK: { description: "The offender has been removed from the UK." },
    VICTIM_REQUEST: { description: "The victim asked for the case to be closed." },
    INELIGIBLE: { description: "The case should not have been in the scheme." },
    TRANSFERRED: { description: "Transferred to another service or jurisdiction." },
    OTHER: { description: "Another reason." },
  },
});

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation did not do what was asked. Clients branch on this code, never on the message.",
  valuesConfig: {
    NOT_FOUND: { description: "No record has that id (or it is of another type)." },
    NOT_ELIGIBLE: {
      description: "The offence or sentence does not allow this (not covered by the scheme, or not a parole sentence).",
    },
    TRANSITION_NOT_ALLOWED: { description: "The current status does not allow this action; see availableActions." },
    STALE_VERSION: {
      description: "expectedVersion is not the current version: someone else changed the record. Reload and retry.",
    },
    IDEMPOTENCY_KEY_REUSED: { description: "The idempotency key was already used for a different request." },
    INVALID_INPUT: {
      description:
        "The input is well formed but does not fit the record (e.g. a channel with no contact detail, a duplicate prison number).",
    },
    SENTENCE_ENDED: { description: "The offender's sentence has ended." },
    FORBIDDEN: { description: "The caller may not do this." },
    DEADLINE_PASSED: {
      description:
        "The window for this step has closed (e.g. a personal statement due 28 days before the hearing, reconsideration 21 days after the decision). The deadline is shown on the record.",
    },
    DECISION_NOT_FINAL: {
      description:
        "The Parole Board's release direction is not final yet: the 21-day reconsideration window is still open, or an application is waiting for the Board's answer.",
    },
    ALREADY_RECORDED: {
      description:
        "This has already been recorded for this case and review (e.g. a second request for the decision summary).",
    },
    DISCLOSURE_RISK: {
      description:
        "Free text a victim may receive holds a day of the month, a place of detention (prison, YOI, secure hospital) or an address. The message names the kinds found, and the day and place words; field names the input. Nothing was written.",
    },
    LAST_VICTIM_CONTACT: {
      description:
        "removeCaseContact would leave the case with no contact, or with no VICTIM contact: add the new contact first, or change this one with updateCaseContact.",
    },
    DUPLICATE_REFERRAL: {
      description:
        "An open case of this offender already has a contact with the same name and date of birth, email or phone; the message names that case's reference if you may see it. Refer again with confirmNotDuplicate: true and notDuplicateReason if this is a different person.",
    },
    CLOCK_NOT_HELD: {
      description:
        "advanceClock: the service runs on the system clock (no CLOCK or CLOCK_OFFSET_DAYS configured, or in production), so its time cannot be moved.",
    },
  },
});

registerEnumType(Region, {
  name: "Region",
  description: "A probation region of England and Wales.",
  valuesConfig: {
    NORTH_EAST: { description: "North East." },
    NORTH_WEST: { description: "North West." },
    YORKSHIRE_AND_THE_HUMBER: { description: "Yorkshire and the Humber." },
    GREATER_MANCHESTER: { description: "Greater Manchester." },
    EAST_MIDLANDS: { description: "East Midlands." },
    WEST_MIDLANDS: { description: "West Midlands." },
    EAST_OF_ENGLAND: { description: "East of England." },
    LONDON: { description: "London." },
    KENT_SURREY_AND_SUSSEX: { description: "Kent, Surrey and Sussex." },
    SOUTH_CENTRAL: { description: "South Central." },
    SOUTH_WEST: { description: "South West." },
    WALES: { description: "Wales." },
  },
});

registerEnumType(Role, {
  name: "Role",
  description: "A role from the caller's token (HMPPS Auth authorities).",
  valuesConfig: {
    VLO: { description: "Victim Liaison Officer: case work in their own region, contact details included." },
    MANAGER: { description: "Manager: a VLO's rights plus assigning, closing and erasing, in their region." },
    ANALYST: { description: "Analyst: case fields without personal data, all regions; no changes." },
    AUDITOR: { description: "Auditor: reads the access log." },
    ADMIN: { description: "Administrator: manages officers; no case data." },
    CUSTODY_FEED: { description: "The custody feed (a system): offenders and custody events only." },
  },
});

registerEnumType(TemporaryReleaseType, {
  name: "TemporaryReleaseType",
  description: "The kind of release on temporary licence (ROTL).",
  valuesConfig: {
    RESETTLEMENT_DAY_RELEASE: { description: "Out for the day (work, training, resettlement), back the same night." },
    RESETTLEMENT_OVERNIGHT_RELEASE: { description: "Overnight stays at the release address to prepare for release." },
    CHILDCARE_RESETTLEMENT_LICENCE: { description: "For a sole carer of a child under 16." },
    SPECIAL_PURPOSE_LICENCE: { description: "For an exceptional, short event (a funeral, a medical appointment)." },
  },
});

registerEnumType(UnlawfullyAtLargeKind, {
  name: "UnlawfullyAtLargeKind",
  description: "How the offender came to be unlawfully at large.",
  valuesConfig: {
    ESCAPED: { description: "Escaped from a closed prison or escort." },
    ABSCONDED: { description: "Walked out of an open prison." },
    FAILED_TO_RETURN: { description: "Did not come back from temporary release." },
  },
});

registerEnumType(ParoleReviewStatus, {
  name: "ParoleReviewStatus",
  description: "Where a parole review is.",
  valuesConfig: {
    REFERRED: { description: "Referred to the Board; no hearing date yet." },
    HEARING_SCHEDULED: { description: "A target hearing date and type are set." },
    DECIDED: { description: "The Board has decided (see outcome)." },
    ENDED: {
      description:
        "Ended without a decision that stands: the offender died or was removed from the UK, or the Board set its decision aside on reconsideration (a new review follows).",
    },
  },
});

registerEnumType(HearingType, {
  name: "HearingType",
  description: "How the Parole Board decides.",
  valuesConfig: {
    PAPER: { description: "On the papers, without a hearing: nothing to observe." },
    ORAL: { description: "At a private oral hearing, which a victim may apply to observe." },
    PUBLIC: { description: "At a hearing held in public (the Board's chair decided so)." },
  },
});

registerEnumType(StatementFormat, {
  name: "StatementFormat",
  description: "How the victim personal statement is presented to the panel.",
  valuesConfig: {
    READ_BY_PANEL: { description: "The panel reads it." },
    READ_BY_VICTIM: { description: "The victim reads it at the hearing." },
    READ_BY_SOMEONE_ELSE: { description: "Someone reads it for the victim." },
    RECORDED: { description: "An audio or video recording is played." },
  },
});

registerEnumType(StatementStatus, {
  name: "StatementStatus",
  description: "Where a victim personal statement is.",
  valuesConfig: {
    INVITED: { description: "The victim was invited to make one." },
    SUBMITTED: { description: "It was sent to the Board." },
  },
});

registerEnumType(ParoleRequestKind, {
  name: "ParoleRequestKind",
  description: "What a victim can ask for around a parole review.",
  valuesConfig: {
    OBSERVE_HEARING: { description: "To observe the (private) oral hearing, remotely." },
    PUBLIC_HEARING: { description: "For the hearing to be held in public (the Board's chair decides)." },
    RECONSIDERATION: { description: "That the Secretary of State apply for the decision to be reconsidered." },
    DECISION_SUMMARY: { description: "A summary of the Board's decision." },
  },
});

registerEnumType(LicenceConditionKind, {
  name: "LicenceConditionKind",
  description: "A licence condition a victim may ask for.",
  valuesConfig: {
    NO_CONTACT: { description: "No contact with the victim or their family." },
    EXCLUSION_ZONE: { description: "Not to enter an area (described as an area, never one address)." },
    NON_ASSOCIATION: { description: "Not to associate with named people." },
    OTHER: { description: "Another condition that concerns the victim." },
  },
});

registerEnumType(LicenceConditionDecisionPoint, {
  name: "LicenceConditionDecisionPoint",
  description: "The decision a licence-condition request is for.",
  valuesConfig: {
    LICENCE_RELEASE: { description: "Release on licence (automatic release, or a variation after release)." },
    PAROLE_REVIEW: { description: "A parole review: the Board sets the conditions." },
    CONDITIONAL_DISCHARGE: {
      description:
        "A restricted hospital-order patient's conditional discharge: the tribunal or the Secretary of State sets the conditions (DVCVA 2004 s.37(3)). The only decision point for a hospital order.",
    },
  },
});

registerEnumType(LicenceConditionDecisionMaker, {
  name: "LicenceConditionDecisionMaker",
  description: "Who decides on a licence condition.",
  valuesConfig: {
    PRISON_GOVERNOR: { description: "The prison governor, for automatic release." },
    PAROLE_BOARD: { description: "The Parole Board, for the releases it directs." },
    DISCHARGE_AUTHORITY: {
      description:
        "The First-tier Tribunal (Mental Health) or the Secretary of State, for a restricted patient's conditional discharge.",
    },
  },
});

registerEnumType(LicenceConditionRequestStatus, {
  name: "LicenceConditionRequestStatus",
  description: "Where a licence-condition request is.",
  valuesConfig: {
    REQUESTED: { description: "The victim asked; not yet forwarded." },
    FORWARDED: { description: "Forwarded to the decision maker." },
    ADOPTED: { description: "Put on the licence." },
    NOT_ADOPTED: { description: "Not put on the licence; see the reason." },
    WITHDRAWN: { description: "The victim withdrew it." },
  },
});

registerEnumType(NotificationKind, {
  name: "NotificationKind",
  description: "What a notification tells the victim about.",
  valuesConfig: {
    RELEASE_MONTH_CHANGED: {
      description:
        "The expected month of release, or of parole eligibility, changed (RELEASE_MONTH_ONLY and KEY_STAGES).",
    },
    EXPECTED_RELEASE_MONTH: {
      description:
        "The expected month of release, told at every level when a contact plan is agreed and when HMPPS's own dates first confirm it.",
    },
    RELEASE_MONTH_FINAL_CONFIRMATION: {
      description:
        "A final confirmation of the expected month of release, a set lead time before it (RELEASE_CONFIRMATION_LEAD_DAYS), told at every level.",
    },
    OPEN_CONDITIONS: { description: "A move to open conditions, or back to closed conditions." },
    TEMPORARY_RELEASE: { description: "Release on temporary licence (ROTL)." },
    PAROLE_REFERRAL: { description: "The offender was referred to the Parole Board." },
    PAROLE_DECISION: {
      description:
        "The Parole Board's decision (a release decision is a direction: the release letter follows the release).",
    },
    PAROLE_RECONSIDERATION: {
      description:
        "An application to reconsider a release direction, and the Board's answer (refused: the direction is final; granted: it is set aside).",
    },
    LICENCE_CONDITION_DECISION: {
      description:
        "The decision on a licence condition the victim asked for: adopted (until which month) or not, and why. Told at every level (DVCVA 2004 s.35(7)).",
    },
    RELEASE: {
      description: "The offender was released (on licence, on home detention curfew, or again after a recall).",
    },
    RECALL: { description: "The offender was recalled to prison." },
    LICENCE_END: { description: "The licence ended: contact through the scheme ends." },
    UNLAWFULLY_AT_LARGE: {
      description: "The offender escaped, absconded or failed to return: an urgent call, whatever the victim's level.",
    },
    RETURNED_TO_CUSTODY: {
      description:
        "The offender is back in custody after being at large: a call to every engaged victim, whatever their level.",
    },
    REMOVED_FROM_UK: { description: "The offender was deported or removed from the UK." },
    RETURNED_TO_UK: {
      description:
        "The offender came back after removal and is detained again: the victim's contact resumes, told at every level.",
    },
    HOSPITAL_LEAVE: { description: "A restricted patient's leave of absence from hospital (KEY_STAGES)." },
    CONDITIONAL_DISCHARGE: {
      description:
        "A restricted patient's conditional discharge from hospital, with the conditions the victim asked for (DVCVA 2004 s.38): every level.",
    },
    RECALL_TO_HOSPITAL: { description: "Recalled to hospital from a conditional discharge: every level." },
    ABSOLUTE_DISCHARGE: {
      description: "The restrictions on the patient ended: contact through the scheme ends. Every level.",
    },
    OFFENDER_DIED: { description: "The offender died: contact through the scheme ends." },
    ANNUAL_LETTER: { description: "The yearly letter." },
  },
});

registerEnumType(NotificationStatus, {
  name: "NotificationStatus",
  description: "Where a notification is.",
  valuesConfig: {
    DUE: { description: "To be sent (or the call to be made)." },
    SENT: { description: "Sent; waiting for the victim's acknowledgement." },
    ACKNOWLEDGED: { description: "The victim acknowledged it." },
    FAILED: { description: "An attempt failed (no answer, returned mail, bounced email); still to be sent." },
    ESCALATED: {
      description: "Failed three times, or never acknowledged: the officer must reach the victim another way.",
    },
    CANCELLED: { description: "Not to be sent: the victim opted out or the case was closed first." },
  },
});

registerEnumType(NotificationFailure, {
  name: "NotificationFailure",
  description: "Why an attempt did not reach the victim.",
  valuesConfig: {
    NO_ANSWER: { description: "A call was not answered." },
    RETURNED_MAIL: { description: "A letter came back." },
    EMAIL_BOUNCED: { description: "An email could not be delivered." },
    WRONG_DETAILS: { description: "The contact detail is wrong." },
    PROVIDER_ERROR: { description: "The sending service (GOV.UK Notify) refused or failed." },
  },
});

registerEnumType(DeadlineKind, {
  name: "DeadlineKind",
  description: "What is due on a case.",
  valuesConfig: {
    FIRST_CONTACT: {
      description: "First contact with the victim: 20 working days after referral (Victims' Code right 11).",
    },
    INVITATION_FOLLOW_UP: {
      description:
        "A follow-up letter when the invitation has had no reply (15 working days: an assumption, configurable).",
    },
    INVITATION_REPLY: {
      description:
        "The victim's reply; after it the invitation expires (20 more working days: an assumption, configurable).",
    },
    ANNUAL_LETTER: {
      description: "The yearly letter, on each anniversary of the contact plan (annual-letter and key-stages levels).",
    },
    PERSONAL_STATEMENT: { description: "The victim personal statement to the Board, 28 days before the hearing." },
    LICENCE_END: {
      description:
        "Telling the victim the licence has ended, on the licence expiry date; only on a case with a contact plan.",
    },
  },
});

registerEnumType(DeadlineState, {
  name: "DeadlineState",
  description: "Whether a deadline was met.",
  valuesConfig: {
    PENDING: { description: "Not done yet, and still in time." },
    MET: { description: "Done by the due date." },
    MET_LATE: { description: "Done, after the due date." },
    MISSED: { description: "Not done, and the due date has passed." },
  },
});

registerEnumType(TaskKind, {
  name: "TaskKind",
  description:
    "What an officer's task asks for. Each kind is raised and closed by the events named here, in the same transaction.",
  valuesConfig: {
    FIRST_CONTACT: {
      description:
        "Invite the victim: due 20 working days after referral (Victims' Code right 11). Raised by the referral; done by the first invitation.",
    },
    INVITATION_FOLLOW_UP: {
      description:
        "Send a follow-up invitation: raised on the follow-up day (15 working days after the first invitation: an assumption, configurable) when the case is still INVITED with no follow-up sent. Done by the follow-up invitation; cancelled by the victim's reply or the invitation's expiry.",
    },
    PERSONAL_STATEMENT: {
      description:
        "Send the victim personal statement the victim was invited to make to the Board, due 28 days before the hearing (and moved with it). Raised when both the invitation and the hearing date exist; done when the statement is submitted; cancelled when the review is decided or ends, or the victim opts out. A victim who opts back in while the statement is still invited and the review undecided gets a new task (the cancelled one stays as it was).",
    },
    CONTACT_VICTIM_DIRECTLY: {
      description:
        "A child victim has turned 18: contact them directly and ask what they want. The birthday is the date of birth of the case's VICTIM contact, and counts only while a PARENT_GUARDIAN contact is on the case. Raised on the 18th birthday, or at once when the contacts are recorded if the victim turned 18 on or after the case's referral date (a victim already an adult when referred did not come of age in the scheme: nothing is raised), due 5 working days later; closed by the officer (completeTask). Not raised once the case is closed; an opt-out by the guardian does not cancel it.",
    },
    SEEK_VICTIM_VIEWS: {
      description:
        "The offender is being considered for open conditions, temporary release (ROTL) or home detention curfew: ask the victim's views before the decision (Victims' Code right 11). Raised by the CONSIDERED_FOR_* custody event on every case in the scheme (OPTED_IN or engaged), one per consideration, due 10 working days later (an assumption); closed by the officer (completeTask); cancelled by an opt-out or the case's closure.",
    },
  },
});

registerEnumType(TaskStatus, {
  name: "TaskStatus",
  description: "Where a task is (the task machine's states).",
  valuesConfig: {
    OPEN: { description: "Still to do: on the work queue." },
    DONE: { description: "Done: completed by the officer or by the step it asked for." },
    CANCELLED: {
      description: "No longer needed: the victim replied, the review ended, the victim opted out or the case closed.",
    },
  },
});

registerEnumType(CaseOrderField, {
  name: "CaseOrderField",
  description: "What a list of victim cases is ordered by; ties are broken by the case's id, so pages never overlap.",
  valuesConfig: {
    REFERENCE: { description: "The case reference (the default): the order cases were numbered in." },
    REFERRED_ON: { description: "The date the case was referred to the scheme." },
    NEXT_DUE: {
      description:
        "VictimCase.nextDueOn: the earliest due date of the case's open tasks and notifications. Cases with nothing open come last in either direction.",
    },
    UPDATED_AT: { description: "When the case last changed." },
  },
});

registerEnumType(SortDirection, {
  name: "SortDirection",
  description: "Which way a list is ordered.",
  valuesConfig: {
    ASC: { description: "Smallest (earliest) first." },
    DESC: { description: "Largest (latest) first." },
  },
});
