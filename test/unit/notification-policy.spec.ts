import fc from "fast-check";
import { CaseStatus } from "../../src/domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../../src/domain/cases/contact.enums";
import { CustodyEventType } from "../../src/domain/custody/custody.enums";
import { NotificationKind } from "../../src/domain/notifications/notification.enums";
import type { ContactPlanChoice } from "../../src/machines/machine-events";
import {
  notificationsDue,
  type CaseForPolicy,
  type DueNotification,
  type NotificationTrigger,
} from "../../src/domain/notifications/notification-policy";

// Written out here rather than taken from src, so the tests state the rules independently.
const ENGAGED: readonly CaseStatus[] = [CaseStatus.ACTIVE, CaseStatus.PAROLE, CaseStatus.RELEASED, CaseStatus.RECALLED];
const NOT_ENGAGED: readonly CaseStatus[] = [
  CaseStatus.REFERRED,
  CaseStatus.INVITED,
  CaseStatus.OPTED_IN,
  CaseStatus.DECLINED,
  CaseStatus.OPTED_OUT,
  CaseStatus.CLOSED,
];
const ALL_LEVELS = Object.values(InformationLevel);
const ALL_CHANNELS = Object.values(ContactChannel);

const OTHER_TRIGGERS = [
  "RELEASE_MONTH_CHANGED",
  "RELEASE_MONTH_KNOWN",
  "RELEASE_CONFIRMATION_DUE",
  "LICENCE_CONDITION_DECIDED",
  "ANNUAL_LETTER",
] as const;
type TriggerName = CustodyEventType | (typeof OTHER_TRIGGERS)[number];

const TRIGGER_NAMES: readonly TriggerName[] = [...Object.values(CustodyEventType), ...OTHER_TRIGGERS];

function triggerFor(name: TriggerName): NotificationTrigger {
  switch (name) {
    case "RELEASE_MONTH_CHANGED":
      return { type: "RELEASE_MONTH_CHANGED" };
    case "RELEASE_MONTH_KNOWN":
      return { type: "RELEASE_MONTH_KNOWN" };
    case "RELEASE_CONFIRMATION_DUE":
      return { type: "RELEASE_CONFIRMATION_DUE" };
    case "LICENCE_CONDITION_DECIDED":
      return { type: "LICENCE_CONDITION_DECIDED" };
    case "ANNUAL_LETTER":
      return { type: "ANNUAL_LETTER" };
    default:
      return { type: "CUSTODY_EVENT", custodyEvent: name };
  }
}

const ALL_TRIGGERS: readonly NotificationTrigger[] = TRIGGER_NAMES.map(triggerFor);

function victimCase(overrides: Partial<CaseForPolicy> = {}): CaseForPolicy {
  return {
    status: CaseStatus.ACTIVE,
    contactPlan: {
      informationLevel: InformationLevel.KEY_STAGES,
      channels: [ContactChannel.EMAIL, ContactChannel.LETTER],
    },
    reachableChannels: [ContactChannel.LETTER, ContactChannel.EMAIL],
    ...overrides,
  };
}

// What the table expects: told by the plan's channel, a phone call, or nothing.
type Expected = { told: NotificationKind } | { call: NotificationKind; urgent: boolean } | null;

const told = (kind: NotificationKind): Expected => ({ told: kind });
const call = (kind: NotificationKind, urgent: boolean): Expected => ({ call: kind, urgent });
const NOTHING: Expected = null;

// The rules, one cell per information level and trigger.
const EXPECTED: Record<InformationLevel, Record<TriggerName, Expected>> = {
  [InformationLevel.RELEASE_MONTH_ONLY]: {
    // A consideration is the officer's task to ask the victim's views, not a letter (issue 11 §11).
    [CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW]: NOTHING,
    [CustodyEventType.MOVED_TO_OPEN_CONDITIONS]: NOTHING,
    [CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS]: NOTHING,
    [CustodyEventType.TEMPORARY_RELEASE]: NOTHING,
    // Every opted-in victim takes part in the Parole Board's process (issue 11 §7).
    [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: told(NotificationKind.PAROLE_REFERRAL),
    [CustodyEventType.PAROLE_DECISION]: told(NotificationKind.PAROLE_DECISION),
    [CustodyEventType.RECONSIDERATION_APPLIED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RECONSIDERATION_REFUSED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.DECISION_SET_ASIDE]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RELEASED_ON_LICENCE]: told(NotificationKind.RELEASE),
    [CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW]: told(NotificationKind.RELEASE),
    [CustodyEventType.TRANSFERRED_TO_HOSPITAL]: NOTHING,
    [CustodyEventType.RETURNED_FROM_HOSPITAL]: NOTHING,
    [CustodyEventType.RECALLED]: told(NotificationKind.RECALL),
    [CustodyEventType.RE_RELEASED]: told(NotificationKind.RELEASE),
    [CustodyEventType.UNLAWFULLY_AT_LARGE]: call(NotificationKind.UNLAWFULLY_AT_LARGE, true),
    [CustodyEventType.RETURNED_TO_CUSTODY]: call(NotificationKind.RETURNED_TO_CUSTODY, false),
    // Issue 11 §13: the end of contact is told at every level.
    [CustodyEventType.LICENCE_ENDED]: told(NotificationKind.LICENCE_END),
    [CustodyEventType.DIED]: told(NotificationKind.OFFENDER_DIED),
    [CustodyEventType.REMOVED_FROM_UK]: told(NotificationKind.REMOVED_FROM_UK),
    // Issue 11 §13: and so is contact resuming when the offender comes back.
    [CustodyEventType.RETURNED_TO_UK]: told(NotificationKind.RETURNED_TO_UK),
    // Issue 11 §12: a restricted patient's discharge and recall are told as a release and a recall are;
    // leave is a key stage; a move between hospitals is never told.
    [CustodyEventType.HOSPITAL_LEAVE_GRANTED]: NOTHING,
    [CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS]: NOTHING,
    [CustodyEventType.CONDITIONALLY_DISCHARGED]: told(NotificationKind.CONDITIONAL_DISCHARGE),
    [CustodyEventType.RECALLED_TO_HOSPITAL]: told(NotificationKind.RECALL_TO_HOSPITAL),
    [CustodyEventType.ABSOLUTELY_DISCHARGED]: told(NotificationKind.ABSOLUTE_DISCHARGE),
    RELEASE_MONTH_CHANGED: told(NotificationKind.RELEASE_MONTH_CHANGED),
    // Issue 11 §8: knowing the month of release is the scheme's first level; every level is told it.
    RELEASE_MONTH_KNOWN: told(NotificationKind.EXPECTED_RELEASE_MONTH),
    // Issue 11 §8 and §10: the final confirmation, and the decision on a condition the victim asked for.
    RELEASE_CONFIRMATION_DUE: told(NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION),
    LICENCE_CONDITION_DECIDED: told(NotificationKind.LICENCE_CONDITION_DECISION),
    ANNUAL_LETTER: NOTHING,
  },
  [InformationLevel.ANNUAL_LETTER]: {
    // A consideration is the officer's task to ask the victim's views, not a letter (issue 11 §11).
    [CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW]: NOTHING,
    [CustodyEventType.MOVED_TO_OPEN_CONDITIONS]: NOTHING,
    [CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS]: NOTHING,
    [CustodyEventType.TEMPORARY_RELEASE]: NOTHING,
    // Every opted-in victim takes part in the Parole Board's process (issue 11 §7).
    [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: told(NotificationKind.PAROLE_REFERRAL),
    [CustodyEventType.PAROLE_DECISION]: told(NotificationKind.PAROLE_DECISION),
    [CustodyEventType.RECONSIDERATION_APPLIED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RECONSIDERATION_REFUSED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.DECISION_SET_ASIDE]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RELEASED_ON_LICENCE]: told(NotificationKind.RELEASE),
    [CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW]: told(NotificationKind.RELEASE),
    [CustodyEventType.TRANSFERRED_TO_HOSPITAL]: NOTHING,
    [CustodyEventType.RETURNED_FROM_HOSPITAL]: NOTHING,
    [CustodyEventType.RECALLED]: told(NotificationKind.RECALL),
    [CustodyEventType.RE_RELEASED]: told(NotificationKind.RELEASE),
    [CustodyEventType.UNLAWFULLY_AT_LARGE]: call(NotificationKind.UNLAWFULLY_AT_LARGE, true),
    [CustodyEventType.RETURNED_TO_CUSTODY]: call(NotificationKind.RETURNED_TO_CUSTODY, false),
    // Issue 11 §13: the end of contact is told at every level.
    [CustodyEventType.LICENCE_ENDED]: told(NotificationKind.LICENCE_END),
    [CustodyEventType.DIED]: told(NotificationKind.OFFENDER_DIED),
    [CustodyEventType.REMOVED_FROM_UK]: told(NotificationKind.REMOVED_FROM_UK),
    // Issue 11 §13: and so is contact resuming when the offender comes back.
    [CustodyEventType.RETURNED_TO_UK]: told(NotificationKind.RETURNED_TO_UK),
    // Issue 11 §12: a restricted patient's discharge and recall are told as a release and a recall are;
    // leave is a key stage; a move between hospitals is never told.
    [CustodyEventType.HOSPITAL_LEAVE_GRANTED]: NOTHING,
    [CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS]: NOTHING,
    [CustodyEventType.CONDITIONALLY_DISCHARGED]: told(NotificationKind.CONDITIONAL_DISCHARGE),
    [CustodyEventType.RECALLED_TO_HOSPITAL]: told(NotificationKind.RECALL_TO_HOSPITAL),
    [CustodyEventType.ABSOLUTELY_DISCHARGED]: told(NotificationKind.ABSOLUTE_DISCHARGE),
    RELEASE_MONTH_CHANGED: NOTHING,
    RELEASE_MONTH_KNOWN: told(NotificationKind.EXPECTED_RELEASE_MONTH),
    // Issue 11 §8 and §10: the final confirmation, and the decision on a condition the victim asked for.
    RELEASE_CONFIRMATION_DUE: told(NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION),
    LICENCE_CONDITION_DECIDED: told(NotificationKind.LICENCE_CONDITION_DECISION),
    ANNUAL_LETTER: told(NotificationKind.ANNUAL_LETTER),
  },
  [InformationLevel.KEY_STAGES]: {
    // A consideration is the officer's task to ask the victim's views, not a letter (issue 11 §11).
    [CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE]: NOTHING,
    [CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW]: NOTHING,
    [CustodyEventType.MOVED_TO_OPEN_CONDITIONS]: told(NotificationKind.OPEN_CONDITIONS),
    [CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS]: told(NotificationKind.OPEN_CONDITIONS),
    [CustodyEventType.TEMPORARY_RELEASE]: told(NotificationKind.TEMPORARY_RELEASE),
    [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: told(NotificationKind.PAROLE_REFERRAL),
    [CustodyEventType.PAROLE_DECISION]: told(NotificationKind.PAROLE_DECISION),
    [CustodyEventType.RECONSIDERATION_APPLIED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RECONSIDERATION_REFUSED]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.DECISION_SET_ASIDE]: told(NotificationKind.PAROLE_RECONSIDERATION),
    [CustodyEventType.RELEASED_ON_LICENCE]: told(NotificationKind.RELEASE),
    [CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW]: told(NotificationKind.RELEASE),
    [CustodyEventType.TRANSFERRED_TO_HOSPITAL]: NOTHING,
    [CustodyEventType.RETURNED_FROM_HOSPITAL]: NOTHING,
    [CustodyEventType.RECALLED]: told(NotificationKind.RECALL),
    [CustodyEventType.RE_RELEASED]: told(NotificationKind.RELEASE),
    [CustodyEventType.UNLAWFULLY_AT_LARGE]: call(NotificationKind.UNLAWFULLY_AT_LARGE, true),
    [CustodyEventType.RETURNED_TO_CUSTODY]: call(NotificationKind.RETURNED_TO_CUSTODY, false),
    [CustodyEventType.LICENCE_ENDED]: told(NotificationKind.LICENCE_END),
    [CustodyEventType.DIED]: told(NotificationKind.OFFENDER_DIED),
    [CustodyEventType.REMOVED_FROM_UK]: told(NotificationKind.REMOVED_FROM_UK),
    // Issue 11 §13: and so is contact resuming when the offender comes back.
    [CustodyEventType.RETURNED_TO_UK]: told(NotificationKind.RETURNED_TO_UK),
    // Issue 11 §12: a restricted patient's discharge and recall are told as a release and a recall are;
    // leave is a key stage; a move between hospitals is never told.
    [CustodyEventType.HOSPITAL_LEAVE_GRANTED]: told(NotificationKind.HOSPITAL_LEAVE),
    [CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS]: NOTHING,
    [CustodyEventType.CONDITIONALLY_DISCHARGED]: told(NotificationKind.CONDITIONAL_DISCHARGE),
    [CustodyEventType.RECALLED_TO_HOSPITAL]: told(NotificationKind.RECALL_TO_HOSPITAL),
    [CustodyEventType.ABSOLUTELY_DISCHARGED]: told(NotificationKind.ABSOLUTE_DISCHARGE),
    RELEASE_MONTH_CHANGED: told(NotificationKind.RELEASE_MONTH_CHANGED),
    RELEASE_MONTH_KNOWN: told(NotificationKind.EXPECTED_RELEASE_MONTH),
    // Issue 11 §8 and §10: the final confirmation, and the decision on a condition the victim asked for.
    RELEASE_CONFIRMATION_DUE: told(NotificationKind.RELEASE_MONTH_FINAL_CONFIRMATION),
    LICENCE_CONDITION_DECIDED: told(NotificationKind.LICENCE_CONDITION_DECISION),
    ANNUAL_LETTER: told(NotificationKind.ANNUAL_LETTER),
  },
};

// The table's plan is [EMAIL, LETTER] and the contact has both, so a told notice goes by EMAIL.
const TABLE_PLAN_CHANNEL = ContactChannel.EMAIL;

function describeExpected(expected: Expected): string {
  if (expected === null) return "nothing";
  if ("told" in expected) return `${expected.told} by ${TABLE_PLAN_CHANNEL}`;
  return `${expected.call} by ${expected.urgent ? "an urgent" : "a non-urgent"} PHONE call`;
}

function dueFor(expected: Expected): DueNotification[] {
  if (expected === null) return [];
  if ("told" in expected) return [{ kind: expected.told, channel: TABLE_PLAN_CHANNEL, urgent: false }];
  return [{ kind: expected.call, channel: ContactChannel.PHONE, urgent: expected.urgent }];
}

const tableRows = ALL_LEVELS.flatMap((level) =>
  TRIGGER_NAMES.map((name) => ({
    sentence: `should tell an engaged ${level} victim of ${name}: ${describeExpected(EXPECTED[level][name])}`,
    level,
    name,
    expected: EXPECTED[level][name],
  })),
);

describe("notification policy", () => {
  describe("what each information level hears (issue: Contact plans in action §1)", () => {
    it("should cover every information level and every trigger in the table", () => {
      expect(tableRows).toHaveLength(
        ALL_LEVELS.length * (Object.values(CustodyEventType).length + OTHER_TRIGGERS.length),
      );
    });

    it.each(tableRows)("$sentence", ({ level, name, expected }) => {
      for (const status of ENGAGED) {
        const due = notificationsDue(
          victimCase({
            status,
            contactPlan: { informationLevel: level, channels: [ContactChannel.EMAIL, ContactChannel.LETTER] },
          }),
          triggerFor(name),
        );
        expect({ status, due }).toEqual({ status, due: dueFor(expected) });
      }
    });
  });

  describe("a release the Parole Board directs", () => {
    // The direction is not a release (Parole Board Rules 2019 r.25, r.28): the release letter
    // waits for RELEASED_ON_LICENCE, whatever the decision.
    it.each(ALL_LEVELS)("should tell a %s victim of the decision only, never of a release", (informationLevel) => {
      const due = notificationsDue(
        victimCase({ contactPlan: { informationLevel, channels: [ContactChannel.LETTER] } }),
        { type: "CUSTODY_EVENT", custodyEvent: CustodyEventType.PAROLE_DECISION },
      );
      expect(due).toEqual([{ kind: NotificationKind.PAROLE_DECISION, channel: ContactChannel.LETTER, urgent: false }]);
    });
  });

  describe("who is told nothing", () => {
    const rows = NOT_ENGAGED.flatMap((status) => TRIGGER_NAMES.map((name) => [status, name] as const));

    it.each(rows)("should tell a victim whose case is %s nothing of %s, whatever their plan", (status, name) => {
      for (const informationLevel of ALL_LEVELS) {
        const due = notificationsDue(
          victimCase({
            status,
            contactPlan: {
              informationLevel,
              channels: [ContactChannel.PHONE, ContactChannel.EMAIL, ContactChannel.LETTER],
            },
            reachableChannels: ALL_CHANNELS,
          }),
          triggerFor(name),
        );
        expect({ informationLevel, due }).toEqual({ informationLevel, due: [] });
      }
    });

    it.each(NOT_ENGAGED)(
      "should tell a victim whose case is %s and who has no plan nothing of any trigger",
      (status) => {
        for (const trigger of ALL_TRIGGERS) {
          expect(notificationsDue(victimCase({ status, contactPlan: null }), trigger)).toEqual([]);
        }
      },
    );

    it.each(ENGAGED)(
      "should tell a victim whose case is %s nothing of any trigger, not even an escape, when they have no contact plan",
      (status) => {
        for (const trigger of ALL_TRIGGERS) {
          expect({
            trigger,
            due: notificationsDue(victimCase({ status, contactPlan: null, reachableChannels: ALL_CHANNELS }), trigger),
          }).toEqual({
            trigger,
            due: [],
          });
        }
      },
    );
  });

  describe("channel choice", () => {
    const release: NotificationTrigger = { type: "CUSTODY_EVENT", custodyEvent: CustodyEventType.RELEASED_ON_LICENCE };
    const escape: NotificationTrigger = { type: "CUSTODY_EVENT", custodyEvent: CustodyEventType.UNLAWFULLY_AT_LARGE };
    const backInCustody: NotificationTrigger = {
      type: "CUSTODY_EVENT",
      custodyEvent: CustodyEventType.RETURNED_TO_CUSTODY,
    };
    const { EMAIL, LETTER, PHONE } = ContactChannel;

    const channelRows: [string, ContactChannel[], ContactChannel[], ContactChannel][] = [
      [
        "should write a LETTER when the plan is [EMAIL, LETTER] and the contact has only an address",
        [EMAIL, LETTER],
        [LETTER],
        LETTER,
      ],
      [
        "should call by PHONE when the plan is [PHONE, EMAIL] and the contact has a phone and an email",
        [PHONE, EMAIL],
        [EMAIL, PHONE],
        PHONE,
      ],
      [
        "should EMAIL when the plan is [EMAIL, PHONE] and the contact has a phone and an email, following the plan's order",
        [EMAIL, PHONE],
        [PHONE, EMAIL],
        EMAIL,
      ],
      [
        "should EMAIL when the plan is [PHONE, EMAIL] and the contact has only an email",
        [PHONE, EMAIL],
        [EMAIL],
        EMAIL,
      ],
      [
        "should skip an unreachable first choice and call by PHONE for plan [EMAIL, PHONE, LETTER] with a phone and an address",
        [EMAIL, PHONE, LETTER],
        [LETTER, PHONE],
        PHONE,
      ],
      ["should fall back to a LETTER when nothing is reachable", [EMAIL, PHONE], [], LETTER],
      ["should fall back to a LETTER when only channels outside the plan are reachable", [PHONE], [EMAIL], LETTER],
      ["should fall back to a LETTER when the plan names no channel", [], ALL_CHANNELS, LETTER],
    ];

    it.each(channelRows)("%s", (_sentence, channels, reachableChannels, channel) => {
      expect(
        notificationsDue(
          victimCase({
            contactPlan: { informationLevel: InformationLevel.RELEASE_MONTH_ONLY, channels },
            reachableChannels,
          }),
          release,
        ),
      ).toEqual([{ kind: NotificationKind.RELEASE, channel, urgent: false }]);
    });

    const callRows: [string, ContactChannel[], ContactChannel[]][] = [
      ["a LETTER-only plan with only an address", [LETTER], [LETTER]],
      ["an [EMAIL, LETTER] plan with an email and an address", [EMAIL, LETTER], [EMAIL, LETTER]],
      ["a plan with nothing reachable", [EMAIL], []],
    ];

    it.each(
      ALL_LEVELS.flatMap((level) =>
        callRows.map(([plan, channels, reachable]) => [level, plan, channels, reachable] as const),
      ),
    )(
      "should make an urgent PHONE call of an escape to an engaged victim at level %s with %s",
      (informationLevel, _plan, channels, reachableChannels) => {
        expect(
          notificationsDue(victimCase({ contactPlan: { informationLevel, channels }, reachableChannels }), escape),
        ).toEqual([{ kind: NotificationKind.UNLAWFULLY_AT_LARGE, channel: PHONE, urgent: true }]);
      },
    );

    it.each(
      ALL_LEVELS.flatMap((level) =>
        callRows.map(([plan, channels, reachable]) => [level, plan, channels, reachable] as const),
      ),
    )(
      "should make a non-urgent PHONE call of a return to custody to an engaged victim at level %s with %s",
      (informationLevel, _plan, channels, reachableChannels) => {
        expect(
          notificationsDue(
            victimCase({ contactPlan: { informationLevel, channels }, reachableChannels }),
            backInCustody,
          ),
        ).toEqual([{ kind: NotificationKind.RETURNED_TO_CUSTODY, channel: PHONE, urgent: false }]);
      },
    );
  });

  describe("properties", () => {
    const plan: fc.Arbitrary<ContactPlanChoice> = fc.record({
      informationLevel: fc.constantFrom(...ALL_LEVELS),
      channels: fc.uniqueArray(fc.constantFrom(...ALL_CHANNELS), { maxLength: ALL_CHANNELS.length }),
    });
    const policyCase: fc.Arbitrary<CaseForPolicy> = fc.record({
      status: fc.constantFrom(...Object.values(CaseStatus)),
      contactPlan: fc.option(plan, { nil: null }),
      reachableChannels: fc.uniqueArray(fc.constantFrom(...ALL_CHANNELS), { maxLength: ALL_CHANNELS.length }),
    });
    const trigger = fc.constantFrom(...ALL_TRIGGERS);

    it("should give at most one notification, by PHONE when urgent, and none unless the victim is engaged with a plan", () => {
      fc.assert(
        fc.property(policyCase, trigger, (victim, event) => {
          const due = notificationsDue(victim, event);
          expect(due.length).toBeLessThanOrEqual(1);
          for (const notification of due) {
            if (notification.urgent) expect(notification.channel).toBe(ContactChannel.PHONE);
          }
          if (!ENGAGED.includes(victim.status) || victim.contactPlan === null) expect(due).toEqual([]);
        }),
        { numRuns: 500 },
      );
    });

    it("should send a non-call notice by the first reachable channel of the plan, else by LETTER", () => {
      fc.assert(
        fc.property(policyCase, trigger, (victim, event) => {
          const [notification] = notificationsDue(victim, event);
          fc.pre(
            notification !== undefined &&
              notification.kind !== NotificationKind.UNLAWFULLY_AT_LARGE &&
              notification.kind !== NotificationKind.RETURNED_TO_CUSTODY,
          );
          const firstReachable = victim.contactPlan?.channels.find((channel) =>
            victim.reachableChannels.includes(channel),
          );
          expect(notification.channel).toBe(firstReachable ?? ContactChannel.LETTER);
          expect(notification.urgent).toBe(false);
        }),
        { numRuns: 500 },
      );
    });
  });
});
