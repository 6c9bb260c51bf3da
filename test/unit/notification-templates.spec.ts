import fc from "fast-check";
import { CustodyEventType, ParoleOutcome } from "../../src/domain/custody/custody.enums";
import { LicenceConditionKind } from "../../src/domain/licence-conditions/licence-condition.enums";
import { NotificationKind } from "../../src/domain/notifications/notification.enums";
import { SUPPORT_SERVICES } from "../../src/domain/support/support-services";
import type {
  LicenceConditionOutcome,
  ReleaseInformation,
  VictimLicenceCondition,
} from "../../src/domain/disclosure/disclosure";
import {
  monthInWords,
  renderNotification,
  type NotificationFacts,
  type ReconsiderationStep,
} from "../../src/domain/notifications/notification-templates";

const KINDS = Object.values(NotificationKind);

const release = (overrides: Partial<ReleaseInformation> = {}): ReleaseInformation => ({
  expectedReleaseMonth: "2027-03",
  automaticRelease: true,
  paroleEligible: false,
  paroleEligibleFromMonth: null,
  basis: "CALCULATED",
  licenceConditions: [],
  releaseDirection: null,
  ...overrides,
});
const paroleCase = (overrides: Partial<ReleaseInformation> = {}): ReleaseInformation =>
  release({
    expectedReleaseMonth: null,
    automaticRelease: false,
    paroleEligible: true,
    paroleEligibleFromMonth: "2028-06",
    ...overrides,
  });
const condition = (overrides: Partial<VictimLicenceCondition> = {}): VictimLicenceCondition => ({
  kind: LicenceConditionKind.NO_CONTACT,
  outcome: "ADOPTED",
  endsMonth: "2031-09",
  reasonNotAdopted: null,
  ...overrides,
});

const render = (kind: NotificationKind, facts: NotificationFacts): string => {
  const { subject, body } = renderNotification(kind, facts);
  return `${subject}\n${body}`;
};

// ---- What a victim must never read (domain.md §4.1): with no word boundaries, so a day run into
// other characters still counts.

const MONTH_WORD =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])";
const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  ["an ISO date", /\d{4}-\d{1,2}-\d{1,2}/],
  ["a dd/mm/yyyy date", /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/],
  ['a "14 March" day', new RegExp(String.raw`\d(?:st|nd|rd|th)?(?:\s+of)?[\s-]*${MONTH_WORD}`, "i")],
  ['a "March 14" day', new RegExp(String.raw`${MONTH_WORD}\.?,?[\s-]*(?:the\s+)?\d{1,2}(?!\d)`, "i")],
  ["a full UK postcode", /[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}/i],
  ["HMP", /hmp/i],
  ["Prison", /\bPrison\b|\bPRISON\b/],
];
const expectNothingUndisclosable = (text: string): void => {
  for (const [what, pattern] of FORBIDDEN) {
    if (pattern.test(text))
      throw new Error(`The text contains ${what} (${String(text.match(pattern)?.[0])}):\n${text}`);
  }
};

// ---- Generators

const MONTHS = [
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
const pad = (n: number): string => String(n).padStart(2, "0");

const validMonth = fc
  .record({ year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${pad(month)}`);

// Month fields holding something else: the shapes a naive parser gets wrong (a day date, a month
// with a prefix or suffix, a month number out of range), and arbitrary text around a valid month.
const junkMonth: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "2027-13",
    "2027-00",
    "2027-3",
    "27-03",
    "2027-03-14",
    "2027-03-14T09:30:00Z",
    "14/03/2027",
    "03/2027",
    "2027/03",
    " 2027-03",
    "2027-03 ",
    "2027-03\n",
    "0999-01",
    "HMP Belmarsh",
    "SW1A 1AA",
  ),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.stringMatching(/^\d{4}-(?:00|1[3-9]|[2-9]\d)$/),
  fc.tuple(validMonth, fc.string({ minLength: 1 })).map(([month, text]) => month + text),
  fc.tuple(fc.string({ minLength: 1 }), validMonth).map(([text, month]) => text + month),
);
const monthField = fc.oneof(validMonth, junkMonth, fc.constant(null));

const DAYS = fc.integer({ min: 1, max: 28 });
const dayDate: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 2000, max: 2040 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: DAYS,
    form: fc.integer({ min: 0, max: 6 }),
  })
  .map(
    ({ year, month, day, form }) =>
      [
        `${year}-${pad(month)}-${pad(day)}`,
        `${pad(day)}/${pad(month)}/${year}`,
        `${day} ${MONTHS[month - 1]}`,
        `${day}th of ${MONTHS[month - 1]} ${year}`,
        `${MONTHS[month - 1]} ${day}`,
        `${day} ${MONTHS[month - 1].slice(0, 3).toUpperCase()}`,
        `${pad(day)}.${pad(month)}.${year}`,
      ][form],
  );
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const postcode: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("M1", "LS6", "SW1A", "B33", "W1J", "CR2"),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...LETTERS),
    fc.constantFrom(...LETTERS),
    fc.constantFrom("", " ", "  ", "   ", "\n"),
  )
  .map(([outward, digit, a, b, space]) => `${outward}${space}${digit}${a}${b}`);
const address: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 999 }),
    fc.constantFrom("Acacia", "Church", "Mill", "High"),
    fc.constantFrom("Road", "Street", "Avenue", "Close"),
    fc.boolean(),
  )
  .map(([number, name, suffix, flat]) => `${flat ? "Flat 3, " : ""}${number} ${name} ${suffix}`);
const prison: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("HMP", "HMYOI", "HM Prison", "hmp"),
      fc.constantFrom("Belmarsh", "Long Lartin", "Wandsworth"),
    )
    .map(([prefix, name]) => `${prefix} ${name}`),
  fc.constantFrom("Belmarsh Prison", "Full Sutton Prison", "WAKEFIELD PRISON", "Feltham YOI"),
);
const undisclosable = fc.oneof(dayDate, postcode, address, prison);
const reason: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc
    .array(
      fc.oneof(
        undisclosable,
        fc.string(),
        fc.constantFrom(" ", ", ", " at ", " on ", "\n", "x", "The Board found it was not needed. "),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join("")),
);

const OUTCOMES: readonly LicenceConditionOutcome[] = ["PENDING", "ADOPTED", "NOT_ADOPTED"];
const licenceCondition: fc.Arbitrary<VictimLicenceCondition> = fc.record({
  kind: fc.constantFrom(...Object.values(LicenceConditionKind)),
  outcome: fc.constantFrom(...OUTCOMES),
  endsMonth: monthField,
  reasonNotAdopted: reason,
});
const releaseInformation: fc.Arbitrary<ReleaseInformation> = fc.record({
  expectedReleaseMonth: monthField,
  automaticRelease: fc.boolean(),
  paroleEligible: fc.boolean(),
  paroleEligibleFromMonth: monthField,
  basis: fc.constantFrom<ReleaseInformation["basis"]>("CALCULATED", "RECORDED"),
  licenceConditions: fc.array(licenceCondition, { maxLength: 4 }),
  releaseDirection: fc.option(
    fc.record({ directedMonth: monthField, reconsiderationPending: fc.boolean(), finalFromMonth: monthField }),
    { nil: null },
  ) as fc.Arbitrary<ReleaseInformation["releaseDirection"]>,
});
const facts: fc.Arbitrary<NotificationFacts> = fc.record({
  release: fc.option(releaseInformation, { nil: null }),
  paroleOutcome: fc.option(fc.constantFrom(...Object.values(ParoleOutcome)), { nil: null }),
  reconsideration: fc.option(
    fc.constantFrom<ReconsiderationStep>(
      CustodyEventType.RECONSIDERATION_APPLIED,
      CustodyEventType.RECONSIDERATION_REFUSED,
      CustodyEventType.DECISION_SET_ASIDE,
    ),
    { nil: null },
  ),
});

const monthFieldsOf = (told: NotificationFacts): Array<string | null> => [
  told.release?.expectedReleaseMonth ?? null,
  told.release?.paroleEligibleFromMonth ?? null,
  told.release?.releaseDirection?.directedMonth ?? null,
  told.release?.releaseDirection?.finalFromMonth ?? null,
  ...(told.release?.licenceConditions.map((item) => item.endsMonth) ?? []),
];
const reasonsOf = (told: NotificationFacts): string[] =>
  (told.release?.licenceConditions ?? []).flatMap((item) =>
    item.reasonNotAdopted === null ? [] : [item.reasonNotAdopted],
  );

describe("notification templates", () => {
  describe("monthInWords", () => {
    it.each([
      ["2027-03", "March 2027"],
      ["2026-12", "December 2026"],
      ["2030-01", "January 2030"],
      ["2028-05", "May 2028"],
    ])("should write %s as %s", (month, words) => {
      expect(monthInWords(month)).toBe(words);
    });

    it.each([
      ["2027-13"],
      ["2027-00"],
      ["2027-3"],
      [""],
      [null],
      ["2027-03-14"],
      ["2027-03 "],
      [" 2027-03"],
      ["2027-03\n"],
      ["27-03"],
      ["2027/03"],
      ["March 2027"],
      ["0999-01"],
    ])("should give null for %j, which is not a valid YYYY-MM month", (month) => {
      expect(monthInWords(month)).toBeNull();
    });

    it("should give null rather than fail for something that is not a string at all", () => {
      expect(monthInWords(202703 as unknown as string)).toBeNull();
      expect(monthInWords(undefined as unknown as string)).toBeNull();
    });

    it("should give every valid month as its name and four-digit year", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
          expect(monthInWords(`${year}-${pad(month)}`)).toBe(`${MONTHS[month - 1]} ${year}`);
        }),
      );
    });
  });

  describe("renderNotification", () => {
    it("should have a template with a non-empty subject and body for every NotificationKind", () => {
      for (const kind of KINDS) {
        for (const told of [
          { release: null },
          { release: release() },
          { release: paroleCase(), paroleOutcome: ParoleOutcome.RELEASE },
        ]) {
          const { subject, body } = renderNotification(kind, told);
          expect(subject.trim()).not.toBe("");
          expect(body.trim()).not.toBe("");
        }
      }
    });

    it("should refuse a kind it has no template for, rather than send an empty letter", () => {
      expect(() => renderNotification("NOT_A_KIND" as NotificationKind, { release: null })).toThrow(
        "No notification template",
      );
    });

    describe("RELEASE_MONTH_CHANGED", () => {
      it("should give the new expected release month in words, and say the exact date cannot be told", () => {
        const { subject, body } = renderNotification(NotificationKind.RELEASE_MONTH_CHANGED, {
          release: release({ expectedReleaseMonth: "2027-03" }),
        });
        expect(subject).toBe("An update about when the offender may be released");
        expect(body).toContain("The offender's expected release month is now March 2027.");
        expect(body).toContain("We can tell you the month, but not the exact date.");
      });

      it("should say there is no expected release month yet when it is unknown or not a valid month", () => {
        for (const told of [
          { release: null },
          { release: release({ expectedReleaseMonth: null }) },
          { release: release({ expectedReleaseMonth: "2027-03-14" }) },
        ]) {
          const { body } = renderNotification(NotificationKind.RELEASE_MONTH_CHANGED, told);
          expect(body).toContain("There is no expected release month for the offender yet.");
          expect(body).not.toContain("2027");
        }
      });

      it("should give the parole eligibility month when the Parole Board decides release", () => {
        const { body } = renderNotification(NotificationKind.RELEASE_MONTH_CHANGED, { release: paroleCase() });
        expect(body).toContain("The Parole Board can consider the offender's release from June 2028.");
      });
    });

    it("should explain open conditions for OPEN_CONDITIONS, without saying the offender is released", () => {
      const { body } = renderNotification(NotificationKind.OPEN_CONDITIONS, { release: release() });
      expect(body).toContain("There has been a change to whether the offender is held in open conditions.");
      expect(body).toContain("Being in open conditions does not mean the offender has been released.");
    });

    it("should explain temporary release for TEMPORARY_RELEASE", () => {
      const { body } = renderNotification(NotificationKind.TEMPORARY_RELEASE, { release: release() });
      expect(body).toContain(
        "The offender has been allowed to leave custody for a short time. This is called temporary release.",
      );
      expect(body).toContain("Temporary release does not mean the offender has been released.");
    });

    it("should tell of the Parole Board referral and offer a victim personal statement for PAROLE_REFERRAL", () => {
      const { body } = renderNotification(NotificationKind.PAROLE_REFERRAL, { release: paroleCase() });
      expect(body).toContain("The offender's case has been sent to the Parole Board.");
      expect(body).toContain("You can write a victim personal statement.");
      expect(body).toContain("The Parole Board can consider the offender's release from June 2028.");
    });

    describe("PAROLE_DECISION", () => {
      // A direction, not a release (Parole Board Rules 2019 r.25, r.28).
      it("should say a release was directed, not that it happened, with the month it becomes final and the conditions the victim asked for", () => {
        const told = {
          release: paroleCase({
            expectedReleaseMonth: "2031-07",
            licenceConditions: [condition({ endsMonth: "2033-07" })],
            releaseDirection: { directedMonth: "2027-03", reconsiderationPending: false, finalFromMonth: "2027-03" },
          }),
          paroleOutcome: ParoleOutcome.RELEASE,
        };
        const { body } = renderNotification(NotificationKind.PAROLE_DECISION, told);
        expect(body).toContain(
          "The Parole Board has decided that the offender can be released on licence. They have not been released yet: they are still in custody.",
        );
        expect(body).toContain("If nobody asks, the decision becomes final in March 2027.");
        expect(body).toContain("You can ask the Secretary of State to apply for reconsideration.");
        expect(body).toContain("* No contact with you: this is a condition of the licence until July 2033.");
        // The sentence's automatic release point is not the Board's decision.
        expect(body).not.toContain("July 2031");
        expect(body).not.toContain("The offender has been released");
      });

      it("should say the direction is final, with no reconsideration to offer, when none applies", () => {
        const { body } = renderNotification(NotificationKind.PAROLE_DECISION, {
          release: paroleCase({
            releaseDirection: { directedMonth: "2027-03", reconsiderationPending: false, finalFromMonth: null },
          }),
          paroleOutcome: ParoleOutcome.RELEASE,
        });
        expect(body).toContain("The decision is final.");
        expect(body).not.toContain("reconsideration");
        expect(body).toContain("We will tell you when the offender has been released.");
      });

      it("should explain a decision not to release, and that there will be another review", () => {
        const { body } = renderNotification(NotificationKind.PAROLE_DECISION, {
          release: paroleCase(),
          paroleOutcome: ParoleOutcome.NO_RELEASE,
        });
        expect(body).toContain(
          "The Parole Board has decided that the offender will not be released. They will stay in custody.",
        );
        expect(body).toContain("Your victim liaison officer will tell you when the next review is due.");
      });

      it("should explain a recommendation of open conditions, which the Secretary of State decides", () => {
        const { body } = renderNotification(NotificationKind.PAROLE_DECISION, {
          release: paroleCase(),
          paroleOutcome: ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED,
        });
        expect(body).toContain("It has recommended that they move to open conditions.");
        expect(body).toContain("The Secretary of State for Justice will decide whether to accept the recommendation.");
        expect(body).not.toContain("reconsideration");
      });

      it("should say only that a decision was made, for the officer to explain, when the outcome is not known", () => {
        for (const paroleOutcome of [null, undefined, "SOMETHING_ELSE" as ParoleOutcome]) {
          const { body } = renderNotification(NotificationKind.PAROLE_DECISION, {
            release: paroleCase(),
            paroleOutcome,
          });
          expect(body).toContain(
            "The Parole Board has made a decision about the offender. Your victim liaison officer will contact you to explain it.",
          );
          expect(body).not.toContain("SOMETHING_ELSE");
        }
      });
    });

    // Issue 11 §14: the scheme's guidance signposts these besides Victim Support and Samaritans.
    it.each([NotificationKind.RELEASE, NotificationKind.LICENCE_END, NotificationKind.OFFENDER_DIED])(
      "should signpost every support service from the one list in %s",
      (kind) => {
        const { body } = renderNotification(kind, { release: release() });
        for (const name of [
          "Victim Support",
          "Samaritans",
          "National Domestic Abuse Helpline",
          "National Stalking Helpline",
          "Unwanted Prisoner Contact Service",
        ])
          expect(body).toContain(name);
        for (const service of SUPPORT_SERVICES)
          expect(body).toContain(`${service.name}, ${service.purpose}: ${service.phone}`);
      },
    );

    describe("PAROLE_RECONSIDERATION", () => {
      it.each([
        [
          CustodyEventType.RECONSIDERATION_APPLIED,
          "The offender will stay in custody while the Board considers the application.",
        ],
        [CustodyEventType.RECONSIDERATION_REFUSED, "Its decision that the offender can be released is now final."],
        [CustodyEventType.DECISION_SET_ASIDE, "The decision that the offender can be released no longer stands"],
      ] as const)("should explain %s", (reconsideration, words) => {
        const { subject, body } = renderNotification(NotificationKind.PAROLE_RECONSIDERATION, {
          release: paroleCase(),
          reconsideration,
        });
        expect(subject).toBe("An update about the Parole Board's decision");
        expect(body).toContain(words);
      });
    });

    it("should tell of release on licence and list the conditions that concern the victim for RELEASE", () => {
      const conditions = [
        condition({ kind: LicenceConditionKind.NO_CONTACT, outcome: "ADOPTED", endsMonth: "2031-09" }),
        condition({ kind: LicenceConditionKind.EXCLUSION_ZONE, outcome: "ADOPTED", endsMonth: null }),
        condition({
          kind: LicenceConditionKind.NON_ASSOCIATION,
          outcome: "NOT_ADOPTED",
          endsMonth: null,
          reasonNotAdopted: "The Board judged it unnecessary",
        }),
        condition({ kind: LicenceConditionKind.OTHER, outcome: "PENDING", endsMonth: null }),
      ];
      const { subject, body } = renderNotification(NotificationKind.RELEASE, {
        release: release({ licenceConditions: conditions }),
      });
      expect(subject).toBe("The offender has been released");
      expect(body).toContain("The offender has been released on licence.");
      expect(body).toContain(
        [
          "These are the licence conditions you asked for, and what was decided:",
          "* No contact with you: this is a condition of the licence until September 2031.",
          "* An exclusion zone (an area the offender must not go into): this is a condition of the licence.",
          "* No contact with certain named people: this was not made a condition of the licence. The reason given was: The Board judged it unnecessary.",
          "* Another condition you asked for: a decision has not been made yet. We will tell you when it has.",
        ].join("\n"),
      );
      expect(body).toContain("We cannot tell you where the offender is living.");
      expect(body).toContain("call 999");
    });

    it("should confirm the month, never a day, with the victim's conditions and support, for RELEASE_MONTH_FINAL_CONFIRMATION", () => {
      const { subject, body } = renderNotification(NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION, {
        release: release({ licenceConditions: [condition({ endsMonth: "2031-09" })] }),
      });
      const unknown = renderNotification(NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION, {
        release: release({ expectedReleaseMonth: "2027-3" }),
      });

      expect(subject).toBe("Confirming when the offender is expected to be released");
      expect(body).toContain(
        "We are writing to confirm that the offender is still expected to be released in March 2027. We can tell you the month, but not the exact date.",
      );
      expect(body).toContain("* No contact with you: this is a condition of the licence until September 2031.");
      expect(body).toContain(SUPPORT_SERVICES[0].phone);
      expect(unknown.body).not.toContain("2027");
      expect(unknown.body).toContain("Your victim liaison officer will contact you about when it is expected.");
    });

    it("should tell one decision on a licence condition, and that the officer explains when none is given, for LICENCE_CONDITION_DECISION", () => {
      const decided = renderNotification(NotificationKind.LICENCE_CONDITION_DECISION, {
        release: release({
          licenceConditions: [
            condition({ outcome: "NOT_ADOPTED", endsMonth: null, reasonNotAdopted: "It is already on the licence" }),
          ],
        }),
      });
      const bare = renderNotification(NotificationKind.LICENCE_CONDITION_DECISION, { release: release() });

      expect(decided.subject).toBe("A decision about a licence condition you asked for");
      expect(decided.body).toContain(
        "A decision has been made about a licence condition you asked for:\n* No contact with you: this was not made a condition of the licence. The reason given was: It is already on the licence.",
      );
      expect(bare.body).toContain("Your victim liaison officer will contact you to explain it.");
    });

    describe("a restricted hospital order (issue 11 §12)", () => {
      it("should tell of a conditional discharge with the victim's conditions of discharge, never of a licence", () => {
        const { subject, body } = renderNotification(NotificationKind.CONDITIONAL_DISCHARGE, {
          release: release({
            expectedReleaseMonth: null,
            licenceConditions: [
              condition({ onDischarge: true, endsMonth: "2031-09" }),
              condition({
                kind: LicenceConditionKind.EXCLUSION_ZONE,
                onDischarge: true,
                outcome: "NOT_ADOPTED",
                endsMonth: null,
                reasonNotAdopted: "The tribunal found it unnecessary",
              }),
            ],
          }),
        });
        expect(subject).toBe("The offender has been discharged from hospital on conditions");
        expect(body).toContain(
          [
            "These are the conditions you asked for, and what was decided:",
            "* No contact with you: this is a condition of their discharge until September 2031.",
            "* An exclusion zone (an area the offender must not go into): this was not made a condition of their discharge. The reason given was: The tribunal found it unnecessary.",
          ].join("\n"),
        );
        expect(body).not.toMatch(/licence/i);
        expect(body).toContain("We cannot tell you where the offender is living.");
      });

      it.each([
        [NotificationKind.HOSPITAL_LEAVE, "has been given leave", "Leave does not mean they have been discharged."],
        [NotificationKind.RECALL_TO_HOSPITAL, "has been recalled to hospital", "We will tell you if they are."],
        [
          NotificationKind.ABSOLUTE_DISCHARGE,
          "absolute discharge",
          "your contact through the Victim Contact Scheme has now ended",
        ],
      ])("should explain %s plainly, naming no hospital", (kind, what, then) => {
        const { body } = renderNotification(kind, { release: release() });
        expect(body).toContain(what);
        expect(body).toContain(then);
        expect(body).not.toMatch(/\bHospital\b/);
      });
    });

    it("should leave the list of conditions out when the victim asked for none", () => {
      const { body } = renderNotification(NotificationKind.RELEASE, { release: release() });
      expect(body).not.toContain("licence conditions you asked for");
    });

    it("should pass the reason a condition was not adopted through redactForVictim", () => {
      const reasonNotAdopted =
        "The offender will live at 12 Acacia Avenue, LS6 2AB, far from HMP Belmarsh, from 14 March 2027.";
      const told = {
        release: release({
          licenceConditions: [condition({ outcome: "NOT_ADOPTED", endsMonth: null, reasonNotAdopted })],
        }),
      };
      const { body } = renderNotification(NotificationKind.RELEASE, told);
      expect(body).toContain(
        "The reason given was: The offender will live at [address removed], [postcode removed], far from [prison removed], from [date removed].",
      );
    });

    it("should withhold a reason whose day, postcode or prison the redaction could not see, and say the officer can explain", () => {
      // Run into other letters, these escape redactForVictim's word-boundary rules but would still be read.
      for (const reasonNotAdopted of [
        "Ref x14 March",
        "Seen atHMP Belmarsh",
        "Ref2027-03-14 hearing",
        "Postcode xSW1A 1AA",
      ]) {
        const told = {
          release: release({
            licenceConditions: [condition({ outcome: "NOT_ADOPTED", endsMonth: null, reasonNotAdopted })],
          }),
        };
        const { body } = renderNotification(NotificationKind.RELEASE, told);
        expect(body).toContain(
          "this was not made a condition of the licence. Your victim liaison officer can explain why.",
        );
        expect(body).not.toContain(reasonNotAdopted);
      }
    });

    it("should keep a condition's line but leave out an end month that is not a valid month", () => {
      const told = { release: release({ licenceConditions: [condition({ endsMonth: "2031-09-30" })] }) };
      const { body } = renderNotification(NotificationKind.RELEASE, told);
      expect(body).toContain("* No contact with you: this is a condition of the licence.");
      expect(body).not.toContain("2031");
    });

    it("should tell of the recall for RECALL", () => {
      const { body } = renderNotification(NotificationKind.RECALL, { release: release() });
      expect(body).toContain(
        "The offender has been recalled. This means they have been sent back to custody while on licence.",
      );
    });

    it("should say contact through the scheme ends, with where to find support, for LICENCE_END", () => {
      const { body } = renderNotification(NotificationKind.LICENCE_END, { release: release() });
      expect(body).toContain("The offender's licence has ended.");
      expect(body).toContain("This means your contact through the Victim Contact Scheme has now ended.");
      expect(body).toContain(
        "* Victim Support, free, confidential support for anyone affected by crime: 0808 16 89 111",
      );
      expect(body).toContain("* Samaritans, someone to talk to, whatever you are going through: 116 123");
    });

    it("should give the officer a calm, safety-first call script that mentions 999 for UNLAWFULLY_AT_LARGE", () => {
      const { subject, body } = renderNotification(NotificationKind.UNLAWFULLY_AT_LARGE, { release: release() });
      expect(subject).toContain("Urgent call script");
      expect(body).toContain("Call the victim today.");
      expect(body).toContain("If you are in immediate danger, call 999.");
      expect(body).toContain('2. Say: "I am calling to let you know that the offender is unlawfully at large.');
      expect(body).toContain("Do not guess where the offender is or where they were held, and do not give any dates.");
    });

    it("should tell the victim the offender is back in custody for RETURNED_TO_CUSTODY", () => {
      const { body } = renderNotification(NotificationKind.RETURNED_TO_CUSTODY, { release: release() });
      expect(body).toContain("The offender is back in custody.");
    });

    it("should tell of the removal and that contact through the scheme ends for REMOVED_FROM_UK", () => {
      const { body } = renderNotification(NotificationKind.REMOVED_FROM_UK, { release: release() });
      expect(body).toContain("The offender has been removed from the UK.");
      expect(body).toContain("Your contact through the Victim Contact Scheme ends now");
    });

    it("should break the news gently, say contact ends, and give support for OFFENDER_DIED", () => {
      const { body } = renderNotification(NotificationKind.OFFENDER_DIED, { release: release() });
      expect(body).toContain("We are sorry to tell you that the offender has died.");
      expect(body).toContain("Your contact through the Victim Contact Scheme has now ended.");
      expect(body).toContain("0808 16 89 111");
      expect(body).toContain("116 123");
    });

    describe("ANNUAL_LETTER", () => {
      it("should summarise the expected release month and the parole eligibility month when known", () => {
        const { body } = renderNotification(NotificationKind.ANNUAL_LETTER, {
          release: paroleCase({ expectedReleaseMonth: "2029-02" }),
        });
        expect(body).toContain("This is your yearly update about the offender.");
        expect(body).toContain("The offender's expected release month is February 2029.");
        expect(body).toContain("The Parole Board can consider the offender's release from June 2028.");
      });

      it("should say there is no expected release month yet, and leave parole out when the Board has no part", () => {
        const { body } = renderNotification(NotificationKind.ANNUAL_LETTER, {
          release: release({ expectedReleaseMonth: null }),
        });
        expect(body).toContain("There is no expected release month for the offender yet.");
        expect(body).not.toContain("Parole Board");
      });
    });

    it("should never contain a day, a postcode or a prison, nor echo a month field that is not a valid month, whatever the facts", () => {
      fc.assert(
        fc.property(facts, (told) => {
          const junk = monthFieldsOf(told).filter(
            (month): month is string => month !== null && monthInWords(month) === null,
          );
          for (const kind of KINDS) {
            const text = render(kind, told);
            expectNothingUndisclosable(text);
            for (const raw of junk) {
              // A reason may itself hold the same characters; that is the reason's text, not an echo.
              if (reasonsOf(told).some((given) => given.includes(raw))) continue;
              expect(text).not.toContain(raw);
            }
          }
        }),
        { numRuns: 500 },
      );
    });

    it("should leave out a month field that is not a valid month, exactly as if it were unknown", () => {
      // An oracle of its own, so that a lax monthInWords cannot vouch for itself.
      const valid = (month: string | null): string | null =>
        month !== null && /^[1-9]\d{3}-(?:0[1-9]|1[0-2])$/.test(month) ? month : null;
      fc.assert(
        fc.property(facts, fc.constantFrom(...KINDS), (told, kind) => {
          const cleaned: NotificationFacts = {
            ...told,
            release: told.release && {
              ...told.release,
              expectedReleaseMonth: valid(told.release.expectedReleaseMonth),
              paroleEligibleFromMonth: valid(told.release.paroleEligibleFromMonth),
              licenceConditions: told.release.licenceConditions.map((item) => ({
                ...item,
                endsMonth: valid(item.endsMonth),
              })),
            },
          };
          expect(renderNotification(kind, told)).toEqual(renderNotification(kind, cleaned));
        }),
        { numRuns: 1000 },
      );
    });

    it("should write every month it gives in words, never as YYYY-MM", () => {
      const withoutReasons = releaseInformation.map((told) => ({
        ...told,
        licenceConditions: told.licenceConditions.map((item) => ({ ...item, reasonNotAdopted: null })),
      }));
      fc.assert(
        fc.property(
          withoutReasons,
          fc.constantFrom(...KINDS),
          fc.option(fc.constantFrom(...Object.values(ParoleOutcome)), { nil: null }),
          (told, kind, paroleOutcome) => {
            const text = render(kind, { release: told, paroleOutcome });
            expect(text).not.toMatch(/\d{4}-\d/);
            expect(text).not.toMatch(/\d{1,2}\/\d{4}/);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
