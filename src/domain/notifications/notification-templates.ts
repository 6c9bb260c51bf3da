// The words of each letter, email or call a victim receives (domain.md §1.6, §4.1). Pure: no I/O.
//
// A victim may be told the month and year of release, never the day; never the prison, never an
// address; and only the licence conditions that concern them (Victims' Code right 11). So every
// date here comes from a "YYYY-MM" month, written out in words ("March 2027"); a month that is not
// valid is left out, never echoed; and the only free text a victim sees, the reason a licence
// condition was not adopted, goes through redactForVictim and then a stricter check of its own.
import { CustodyEventType, ParoleOutcome } from "../custody/custody.enums";
import { LicenceConditionKind } from "../licence-conditions/licence-condition.enums";
import { NotificationKind } from "./notification.enums";
import type { ReleaseInformation, VictimLicenceCondition } from "../disclosure/disclosure";
import { redactForVictim } from "../disclosure/victim-facing-text";
import { SUPPORT_SERVICES, supportService } from "../support/support-services";

export interface NotificationFacts {
  /** What the victim may be told about release, from the disclosure function (months only), or null. */
  release: ReleaseInformation | null;
  /** The Board's decision, for a PAROLE_DECISION notification. */
  paroleOutcome?: ParoleOutcome | null;
  /** The step a PAROLE_RECONSIDERATION notification tells. */
  reconsideration?: ReconsiderationStep | null;
}

/** The custody events a PAROLE_RECONSIDERATION notification tells. */
export type ReconsiderationStep =
  | CustodyEventType.RECONSIDERATION_APPLIED
  | CustodyEventType.RECONSIDERATION_REFUSED
  | CustodyEventType.DECISION_SET_ASIDE;

export interface RenderedNotification {
  subject: string;
  body: string;
}

// ---- Months

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// Four digits with no leading zero, so the year in words can never be read as a day ("March 27").
const YEAR_MONTH = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/** "2027-03" → "March 2027"; anything that is not a valid YYYY-MM month → null. */
export function monthInWords(month: string | null): string | null {
  if (typeof month !== "string") return null;
  const match = YEAR_MONTH.exec(month);
  if (!match) return null;
  return `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}`;
}

// ---- Free text from others: the reason a condition was not adopted

// What must never reach a victim, matched more widely than redactForVictim does: with no word
// boundaries, so a day run into other characters ("x14 March", "ref2027-03-14") still counts.
// A reason that still matches after redaction is withheld whole rather than patched, so no part of
// a day, postcode or prison name can survive next to the cut.
const MONTH_WORD =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])";
const RESIDUE: readonly RegExp[] = [
  /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/, // 2027-03-14
  /\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/, // 14/03/2027, 14-3-27, 14.03.2027
  /\d{1,2}\/\d{1,2}/, // 14/03
  new RegExp(String.raw`\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]*${MONTH_WORD}`, "i"), // 14 March, 14th of March
  // A month followed by one or two digits, but not by its four-digit year: "March 14", not "March 2027".
  new RegExp(String.raw`${MONTH_WORD}\.?,?[\s-]*(?:the\s+)?\d{1,2}(?!\d)`, "i"),
  /[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}/i, // SW1A 1AA
  /hmp|hmyoi|\byoi\b/i,
  // Capitalised, as in a name ("Belmarsh Prison"); "released from prison" is prose.
  /\bPrison\b|\bPRISON\b/,
];
// The markers redactForVictim leaves are safe to show: they say something was taken out.
const REDACTION_MARKER = /\[(?:date|postcode|address|prison) removed\]/g;

// Control characters and runs of white space become one space first, so that a date split by a
// line break or a postcode with three spaces in it is still seen as one.
const normalised = (text: string): string => text.replace(/[\s\p{Cc}]+/gu, " ").trim();

/** The reason as a victim may read it, or null when there is none or it cannot safely be shown. */
function reasonForVictim(reason: unknown): string | null {
  if (typeof reason !== "string") return null;
  const redacted = redactForVictim(normalised(reason));
  if (redacted === "") return null;
  const withoutMarkers = redacted.replace(REDACTION_MARKER, "|");
  if (RESIDUE.some((pattern) => pattern.test(withoutMarkers))) return null;
  return /[.!?]$/.test(redacted) ? redacted : `${redacted}.`;
}

// ---- Licence conditions that concern the victim

const CONDITION_NAMES: Record<LicenceConditionKind, string> = {
  [LicenceConditionKind.NO_CONTACT]: "No contact with you",
  [LicenceConditionKind.EXCLUSION_ZONE]: "An exclusion zone (an area the offender must not go into)",
  [LicenceConditionKind.NON_ASSOCIATION]: "No contact with certain named people",
  [LicenceConditionKind.OTHER]: "Another condition you asked for",
};

function conditionLine(condition: VictimLicenceCondition): string {
  const name = (CONDITION_NAMES as Partial<Record<string, string>>)[condition.kind] ?? "A condition you asked for";
  // A restricted patient is discharged on conditions, not released on a licence.
  const ofWhat = condition.onDischarge === true ? "a condition of their discharge" : "a condition of the licence";
  switch (condition.outcome) {
    case "ADOPTED": {
      const ends = monthInWords(condition.endsMonth);
      return ends ? `${name}: this is ${ofWhat} until ${ends}.` : `${name}: this is ${ofWhat}.`;
    }
    case "NOT_ADOPTED": {
      const reason = reasonForVictim(condition.reasonNotAdopted);
      const why = reason ? `The reason given was: ${reason}` : "Your victim liaison officer can explain why.";
      return `${name}: this was not made ${ofWhat}. ${why}`;
    }
    case "PENDING":
      return `${name}: a decision has not been made yet. We will tell you when it has.`;
    default:
      return `${name}: your victim liaison officer can tell you more about this condition.`;
  }
}

/** The conditions the victim asked for, as a list, or null when there are none. */
function conditionsParagraph(
  release: ReleaseInformation | null,
  heading = "These are the licence conditions you asked for, and what was decided:",
): string | null {
  const conditions = Array.isArray(release?.licenceConditions) ? release.licenceConditions : [];
  const lines = conditions
    .filter((condition) => condition !== null && typeof condition === "object")
    .map((condition) => `* ${conditionLine(condition)}`);
  if (lines.length === 0) return null;
  return [heading, ...lines].join("\n");
}

/** The kinds whose letters list the victim's licence conditions: their facts carry them. */
export const LISTS_LICENCE_CONDITIONS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.LICENCE_CONDITION_DECISION,
  NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION,
  NotificationKind.PAROLE_DECISION,
  NotificationKind.RELEASE,
  NotificationKind.CONDITIONAL_DISCHARGE,
  NotificationKind.ANNUAL_LETTER,
]);

// ---- Sentences used by more than one template

const QUESTIONS = "If you have any questions, contact your victim liaison officer.";
const NO_EXACT_DATE = "We can tell you the month, but not the exact date.";
const TOLD_AT_RELEASE = `We will tell you when the offender has been released. ${NO_EXACT_DATE}`;
const EMERGENCY = "If you are in immediate danger, call 999.";
// Every service the scheme signposts, from the one list (support-services.ts).
const SUPPORT = [
  "If you would like support, you can contact:",
  ...SUPPORT_SERVICES.map((service) => `* ${service.name}, ${service.purpose}: ${service.phone} (${service.hours})`),
].join("\n");
const OPEN_CONDITIONS_MEANING =
  "Open conditions have less security. They help people prepare for life after release. Being in open conditions does not mean the offender has been released.";

function expectedRelease(release: ReleaseInformation | null, now = false): string {
  const month = monthInWords(release?.expectedReleaseMonth ?? null);
  if (!month) return "There is no expected release month for the offender yet.";
  return now
    ? `The offender's expected release month is now ${month}.`
    : `The offender's expected release month is ${month}.`;
}

function confirmedRelease(release: ReleaseInformation | null): string {
  const month = monthInWords(release?.expectedReleaseMonth ?? null);
  return month
    ? `We are writing to confirm that the offender is still expected to be released in ${month}. ${NO_EXACT_DATE}`
    : "We are writing about the offender's release. Your victim liaison officer will contact you about when it is expected.";
}

/** What the victim may know of parole eligibility, or null when the Board has no part in release. */
function paroleEligibility(release: ReleaseInformation | null): string | null {
  if (release?.paroleEligible !== true) return null;
  const from = monthInWords(release.paroleEligibleFromMonth);
  return from
    ? `The Parole Board can consider the offender's release from ${from}.`
    : "The Parole Board will decide when the offender can be released.";
}

const PAROLE_DECISIONS: Record<ParoleOutcome, (release: ReleaseInformation | null) => Array<string | null>> = {
  // A direction, not a release (Parole Board Rules 2019 r.25, r.28): the offender is still in custody.
  [ParoleOutcome.RELEASE]: (release) => [
    "The Parole Board has decided that the offender can be released on licence. They have not been released yet: they are still in custody.",
    "When they are released, they must follow licence conditions, and they will be supervised in the community by a probation officer. If they break the conditions, they can be sent back to custody.",
    directionFinality(release),
    conditionsParagraph(release),
    TOLD_AT_RELEASE,
    "You can also ask your victim liaison officer for a summary of the reasons for the decision.",
  ],
  [ParoleOutcome.NO_RELEASE]: () => [
    "The Parole Board has decided that the offender will not be released. They will stay in custody.",
    "The Board will look at the case again in the future. Your victim liaison officer will tell you when the next review is due.",
    "In some cases you can ask for the decision to be looked at again. This is called reconsideration. You must ask within 21 days of the decision, so contact your victim liaison officer as soon as you can.",
    "You can also ask your victim liaison officer for a summary of the reasons for the decision.",
  ],
  [ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED]: () => [
    "The Parole Board has decided that the offender will not be released. It has recommended that they move to open conditions.",
    OPEN_CONDITIONS_MEANING,
    "The Secretary of State for Justice will decide whether to accept the recommendation. We will tell you what they decide.",
    "You can ask your victim liaison officer for a summary of the reasons for the decision.",
  ],
};

/** Whether the release direction can still be reconsidered, and when it becomes final, in months. */
function directionFinality(release: ReleaseInformation | null): string {
  const finalFrom = monthInWords(release?.releaseDirection?.finalFromMonth ?? null);
  if (!finalFrom) return "The decision is final.";
  return [
    "For 21 days after the decision, the prisoner or the Secretary of State for Justice can ask the Board to look at it again. This is called reconsideration. The offender will not be released while this is possible.",
    `If nobody asks, the decision becomes final in ${finalFrom}.`,
    "You can ask the Secretary of State to apply for reconsideration. You must ask within 21 days of the decision, so contact your victim liaison officer as soon as you can.",
  ].join(" ");
}

const RECONSIDERATION_STEPS: Record<ReconsiderationStep, string[]> = {
  [CustodyEventType.RECONSIDERATION_APPLIED]: [
    "An application has been made for the Parole Board to look again at its decision that the offender can be released. This is called reconsideration.",
    "The offender will stay in custody while the Board considers the application. We will tell you what it decides.",
  ],
  [CustodyEventType.RECONSIDERATION_REFUSED]: [
    "The Parole Board has refused the application to look again at its decision. Its decision that the offender can be released is now final.",
    TOLD_AT_RELEASE,
  ],
  [CustodyEventType.DECISION_SET_ASIDE]: [
    "The Parole Board has agreed to look again at its decision. The decision that the offender can be released no longer stands, and the offender will stay in custody.",
    "The Board will consider the case again. You can write a new victim personal statement and ask for licence conditions. Your victim liaison officer will tell you the deadlines.",
  ],
};

// ---- The templates: one for every kind, so the compiler checks none is missing

interface Template {
  subject: string;
  /** Paragraphs; null for one that the facts leave out. */
  body: (facts: NotificationFacts) => Array<string | null>;
}

const TEMPLATES: Record<NotificationKind, Template> = {
  [NotificationKind.RELEASE_MONTH_CHANGED]: {
    subject: "An update about when the offender may be released",
    body: ({ release }) => [
      expectedRelease(release, true),
      monthInWords(release?.expectedReleaseMonth ?? null) ? NO_EXACT_DATE : "We will write to you when there is.",
      paroleEligibility(release),
      "The month can change, for example if days are added to the offender's sentence. We will write to you again if it changes.",
      QUESTIONS,
    ],
  },
  [NotificationKind.EXPECTED_RELEASE_MONTH]: {
    subject: "When the offender is expected to be released",
    body: ({ release }) => [
      expectedRelease(release),
      monthInWords(release?.expectedReleaseMonth ?? null) ? NO_EXACT_DATE : "We will write to you when there is.",
      paroleEligibility(release),
      "The month can change, for example if days are added to the offender's sentence. We will write to you again if it changes, and before the release to confirm it.",
      QUESTIONS,
    ],
  },
  [NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION]: {
    subject: "Confirming when the offender is expected to be released",
    body: ({ release }) => [
      confirmedRelease(release),
      "When they are released, they must follow licence conditions, and they will be supervised in the community by a probation officer. We will tell you when the release has happened.",
      conditionsParagraph(release),
      "If you are worried about the release or your safety, contact your victim liaison officer. They can help you think about what would make you feel safer. " +
        EMERGENCY,
      SUPPORT,
      QUESTIONS,
    ],
  },
  [NotificationKind.OPEN_CONDITIONS]: {
    subject: "A change to the offender's security conditions",
    body: () => [
      "There has been a change to whether the offender is held in open conditions.",
      OPEN_CONDITIONS_MEANING,
      "Your victim liaison officer will contact you to explain the change and what it means for you.",
      QUESTIONS,
    ],
  },
  [NotificationKind.TEMPORARY_RELEASE]: {
    subject: "The offender has been given temporary release",
    body: () => [
      "The offender has been allowed to leave custody for a short time. This is called temporary release.",
      "It is used to help people prepare for life after release, for example to work or to visit family. The offender must follow strict conditions and must go back when they are told to.",
      "Temporary release does not mean the offender has been released. If they do not go back, the police will be told.",
      "If you are worried about your safety, contact your victim liaison officer. " + EMERGENCY,
    ],
  },
  [NotificationKind.PAROLE_REFERRAL]: {
    subject: "The offender's case has been sent to the Parole Board",
    body: ({ release }) => [
      "The offender's case has been sent to the Parole Board. The Board will decide whether the offender can be released or moved to open conditions.",
      paroleEligibility(release),
      "You can write a victim personal statement. It tells the Board how the crime has affected you and how release would affect you. Your victim liaison officer can help you write it and will send it to the Board.",
      "You can also ask for conditions to be added to the offender's licence if they are released, such as no contact with you.",
      "Your victim liaison officer will tell you the deadlines. " + QUESTIONS,
    ],
  },
  [NotificationKind.PAROLE_DECISION]: {
    subject: "The Parole Board has made a decision",
    body: ({ release, paroleOutcome }) => {
      const decision = paroleOutcome
        ? (PAROLE_DECISIONS as Partial<Record<string, (release: ReleaseInformation | null) => Array<string | null>>>)[
            paroleOutcome
          ]
        : undefined;
      return [
        ...(decision
          ? decision(release)
          : [
              "The Parole Board has made a decision about the offender. Your victim liaison officer will contact you to explain it.",
            ]),
        QUESTIONS,
      ];
    },
  },
  [NotificationKind.PAROLE_RECONSIDERATION]: {
    subject: "An update about the Parole Board's decision",
    body: ({ reconsideration }) => [
      ...((reconsideration && (RECONSIDERATION_STEPS as Partial<Record<string, string[]>>)[reconsideration]) || [
        "There is news about the Parole Board's decision. Your victim liaison officer will contact you to explain it.",
      ]),
      QUESTIONS,
    ],
  },
  [NotificationKind.LICENCE_CONDITION_DECISION]: {
    subject: "A decision about a licence condition you asked for",
    body: ({ release }) => [
      conditionsParagraph(release, "A decision has been made about a licence condition you asked for:") ??
        "A decision has been made about a licence condition you asked for. Your victim liaison officer will contact you to explain it.",
      "Licence conditions apply when the offender is released, until the licence ends or the condition is removed. If you think the offender has broken a condition, tell the police or your victim liaison officer.",
      QUESTIONS,
    ],
  },
  [NotificationKind.RELEASE]: {
    subject: "The offender has been released",
    body: ({ release }) => [
      "The offender has been released on licence. This means they must follow conditions, and they will be supervised in the community by a probation officer. If they break the conditions, they can be sent back to custody.",
      conditionsParagraph(release),
      "We cannot tell you where the offender is living.",
      "If the offender contacts you, or you are worried about your safety, tell the police. " + EMERGENCY,
      SUPPORT,
      QUESTIONS,
    ],
  },
  [NotificationKind.RECALL]: {
    subject: "The offender has been recalled to custody",
    body: () => [
      "The offender has been recalled. This means they have been sent back to custody while on licence.",
      "They may be released again later. We will tell you if they are.",
      QUESTIONS,
    ],
  },
  [NotificationKind.LICENCE_END]: {
    subject: "The offender's licence has ended",
    body: () => [
      "The offender's licence has ended. They no longer have to follow licence conditions, including any you asked for.",
      "This means your contact through the Victim Contact Scheme has now ended. We will not write to you again about this offender.",
      "If you are worried about your safety, contact the police. They may be able to ask a court for an order to protect you. " +
        EMERGENCY,
      SUPPORT,
    ],
  },
  // Not a letter: what the officer says on the same-day call (R24). Calm, and safety first.
  [NotificationKind.UNLAWFULLY_AT_LARGE]: {
    subject: "Urgent call script: the offender is unlawfully at large",
    body: () => [
      "Call the victim today. Stay calm and speak plainly.",
      [
        "1. Check you are speaking to the victim, or to the person they chose to be contacted, and that they can talk safely now.",
        '2. Say: "I am calling to let you know that the offender is unlawfully at large. This means they have left custody without permission, or did not go back when they should have. The police have been told and are looking for them."',
        '3. Say: "If you are in immediate danger, call 999. If you see the offender or they contact you, call the police straight away."',
        `4. Ask whether they feel safe and whether anything would help them feel safer. Offer to put them in touch with Victim Support (${supportService("VICTIM_SUPPORT").phone}, free).`,
        '5. Say: "I will call you again when the offender is back in custody."',
      ].join("\n"),
      "Do not guess where the offender is or where they were held, and do not give any dates. If you cannot reach the victim, keep trying today and tell your manager.",
    ],
  },
  [NotificationKind.RETURNED_TO_CUSTODY]: {
    subject: "The offender is back in custody",
    body: () => [
      "The offender is back in custody.",
      "We know this may have been a worrying time. If you would like to talk about it, contact your victim liaison officer.",
      SUPPORT,
    ],
  },
  [NotificationKind.REMOVED_FROM_UK]: {
    subject: "The offender has been removed from the UK",
    body: () => [
      "The offender has been removed from the UK. This means they have been sent to another country.",
      "Your contact through the Victim Contact Scheme ends now. If they come back to the UK before their sentence ends, they will be returned to custody, and we will write to you again as you agreed before. If you would rather we did not, tell your victim liaison officer.",
      QUESTIONS,
    ],
  },
  [NotificationKind.RETURNED_TO_UK]: {
    subject: "The offender has come back to the UK",
    body: ({ release }) => [
      "The offender, who was removed from the UK, has come back and has been returned to custody to continue their sentence.",
      "Your contact through the Victim Contact Scheme has started again, as you agreed before. We will tell you what you chose to hear about. You can change what we tell you, or stop hearing from us, at any time.",
      expectedRelease(release),
      "If you are worried about your safety, contact your victim liaison officer. " + EMERGENCY,
      SUPPORT,
      QUESTIONS,
    ],
  },
  [NotificationKind.HOSPITAL_LEAVE]: {
    subject: "The offender has been given leave from hospital",
    body: () => [
      "The offender, who is detained in hospital, has been given leave. This means they may spend some time away from the hospital, often with staff, as part of their treatment and to prepare them for life in the community.",
      "They must follow strict conditions and go back when they are told to. Leave does not mean they have been discharged.",
      "If you are worried about your safety, contact your victim liaison officer. " + EMERGENCY,
      QUESTIONS,
    ],
  },
  [NotificationKind.CONDITIONAL_DISCHARGE]: {
    subject: "The offender has been discharged from hospital on conditions",
    body: ({ release }) => [
      "The offender has been discharged from hospital into the community on conditions. This is called a conditional discharge. They will be supervised, and if they do not keep to the conditions, or their health gets worse, they can be recalled to hospital.",
      conditionsParagraph(release, "These are the conditions you asked for, and what was decided:"),
      "We cannot tell you where the offender is living.",
      "If the offender contacts you, or you are worried about your safety, tell the police. " + EMERGENCY,
      SUPPORT,
      QUESTIONS,
    ],
  },
  [NotificationKind.RECALL_TO_HOSPITAL]: {
    subject: "The offender has been recalled to hospital",
    body: () => [
      "The offender has been recalled to hospital. This means they have been taken back to hospital from the community, where they were living on conditions.",
      "They may be discharged again later. We will tell you if they are.",
      QUESTIONS,
    ],
  },
  [NotificationKind.ABSOLUTE_DISCHARGE]: {
    subject: "The restrictions on the offender have ended",
    body: () => [
      "The offender has been given an absolute discharge. This means the restrictions on them have ended: they can no longer be recalled to hospital, and they no longer have to follow conditions, including any you asked for.",
      "This means your contact through the Victim Contact Scheme has now ended. We will not write to you again about this offender.",
      "If you are worried about your safety, contact the police. They may be able to ask a court for an order to protect you. " +
        EMERGENCY,
      SUPPORT,
    ],
  },
  [NotificationKind.OFFENDER_DIED]: {
    subject: "News about the offender",
    body: () => [
      "We are sorry to tell you that the offender has died.",
      "This news may bring up difficult feelings. Please take care of yourself, and talk to someone if it would help.",
      "Your contact through the Victim Contact Scheme has now ended. We will not write to you again about this offender.",
      SUPPORT,
      QUESTIONS,
    ],
  },
  [NotificationKind.ANNUAL_LETTER]: {
    subject: "Your yearly update from the Victim Contact Scheme",
    body: ({ release }) => [
      "This is your yearly update about the offender.",
      expectedRelease(release),
      paroleEligibility(release),
      conditionsParagraph(release),
      "You can change what we tell you, or how we contact you, at any time. " + QUESTIONS,
    ],
  },
};

/** The words for one notification; the recipient's name is not in them (it is added at sending, as Notify personalisation). */
export function renderNotification(kind: NotificationKind, facts: NotificationFacts): RenderedNotification {
  const template = (TEMPLATES as Partial<Record<string, Template>>)[kind];
  if (!template) throw new Error(`No notification template for kind ${String(kind)}`);
  const safeFacts: NotificationFacts = {
    release: facts?.release ?? null,
    paroleOutcome: facts?.paroleOutcome ?? null,
    reconsideration: facts?.reconsideration ?? null,
  };
  const paragraphs = template
    .body(safeFacts)
    .filter((paragraph): paragraph is string => typeof paragraph === "string" && paragraph !== "");
  return { subject: template.subject, body: paragraphs.join("\n\n") };
}
