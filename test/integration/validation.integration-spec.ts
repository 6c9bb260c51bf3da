import type { GraphQLFormattedError } from "graphql";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  CREATE_OFFENDER,
  createOffender,
  getCase,
  mutate,
  offenderInput,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  REFER,
  referCase,
  SEND_INVITATION,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

type Expected = [field: string[], constraint: string];

const TABLES = [
  "offender",
  "sentence",
  "victim_case",
  "case_contact",
  "case_transition",
  "contact_plan",
  "custody_event",
  "idempotency_key",
];

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
const NEXT_YEAR = isoDate(366);
const TOMORROW = isoDate(2);

describe.each(ENGINES)("input validation (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  let caseId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
    caseId = (await referCase(h, offenderId)).id;
  });
  afterAll(() => h.close());

  async function rowCounts(): Promise<Record<string, number>> {
    const counts = await Promise.all(
      TABLES.map(async (table) => [table, (await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n]),
    );
    return Object.fromEntries(counts);
  }

  /** The mutation must fail as a whole with BAD_USER_INPUT naming exactly `expected`, and write nothing. */
  async function expectInvalid(
    mutation: string,
    input: Record<string, unknown>,
    expected: Expected[],
  ): Promise<GraphQLFormattedError> {
    const countsBefore = await rowCounts();
    const caseBefore = await getCase(h, caseId);
    const result = await h.run(mutation, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0];
    expect(error.extensions!.code).toBe("BAD_USER_INPUT");
    const fields = error.extensions!.fields as { field: string[]; constraints: string[]; messages: string[] }[];
    const key = (path: string[]) => path.join(".");
    expect(fields.map((entry) => key(entry.field)).sort()).toEqual(expected.map(([path]) => key(path)).sort());
    for (const [path, constraint] of expected) {
      const entry = fields.find((candidate) => key(candidate.field) === key(path))!;
      expect(entry.constraints).toContain(constraint);
      expect(entry.messages).toHaveLength(entry.constraints.length);
      for (const message of entry.messages) expect(message).toEqual(expect.any(String));
    }
    expect(await rowCounts()).toEqual(countsBefore);
    expect(await getCase(h, caseId)).toEqual(caseBefore);
    return error;
  }

  /** A variable the schema cannot coerce: BAD_USER_INPUT before any resolver runs, and nothing written. */
  async function expectCoercionError(mutation: string, input: Record<string, unknown>): Promise<void> {
    const countsBefore = await rowCounts();
    const result = await h.run(mutation, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await rowCounts()).toEqual(countsBefore);
  }

  const refer = (contact: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    offenderId,
    referredOn: "2026-01-10",
    contact: contactInput(contact),
    ...extra,
  });

  describe("referVictimCase", () => {
    it.each([
      ["the email is not an email address", { email: "not-an-email" }, [["input", "contact", "email"], "isEmail"]],
      [
        "the postcode is not a UK postcode",
        { address: { line1: "1 Road", town: "Town", postcode: "12345" } },
        [["input", "contact", "address", "postcode"], "matches"],
      ],
      [
        "the contact's name is over 200 characters",
        { name: "n".repeat(201) },
        [["input", "contact", "name"], "maxLength"],
      ],
      ["the contact's name is empty", { name: "" }, [["input", "contact", "name"], "isNotEmpty"]],
      [
        "the date of birth is in the future",
        { dateOfBirth: NEXT_YEAR },
        [["input", "contact", "dateOfBirth"], "isNotInFuture"],
      ],
      ["the phone number has letters", { phone: "call me maybe" }, [["input", "contact", "phone"], "matches"]],
      [
        "the address has no first line",
        { address: { line1: "", town: "Town", postcode: "SW1A 1AA" } },
        [["input", "contact", "address", "line1"], "isNotEmpty"],
      ],
    ] as [string, Record<string, unknown>, Expected][])(
      "should reject the referral naming the field and write nothing when %s",
      async (_label, contact, expected) => {
        await expectInvalid(REFER, refer(contact), [expected]);
      },
    );

    it("should reject the referral when referredOn is in the future", async () => {
      await expectInvalid(REFER, refer({}, { referredOn: TOMORROW }), [[["input", "referredOn"], "isNotInFuture"]]);
    });

    it("should accept the referral when the postcode is in a valid UK format without a space", async () => {
      const payload = await mutate(
        h,
        REFER,
        refer({ address: { line1: "10 Downing Street", town: "London", postcode: "sw1a2aa" } }),
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.victimCase!.status).toBe("REFERRED");
    });

    it("should name every failing field when several contact fields are bad at once", async () => {
      await expectInvalid(
        REFER,
        refer(
          {
            email: "nope",
            name: "x".repeat(201),
            dateOfBirth: NEXT_YEAR,
            address: { line1: "1 Road", town: "Town", postcode: "NOPE" },
          },
          { idempotencyKey: "has space" },
        ),
        [
          [["input", "contact", "email"], "isEmail"],
          [["input", "contact", "name"], "maxLength"],
          [["input", "contact", "dateOfBirth"], "isNotInFuture"],
          [["input", "contact", "address", "postcode"], "matches"],
          [["input", "idempotencyKey"], "matches"],
        ],
      );
    });

    it("should not echo the rejected personal data back when a contact field is refused", async () => {
      const error = await expectInvalid(REFER, refer({ email: "secret.victim@@example" }), [
        [["input", "contact", "email"], "isEmail"],
      ]);
      expect(JSON.stringify(error)).not.toContain("secret.victim");
    });

    it.each(["2026-02-30", "2026-13-01", "10/01/2026", "2026-1-5"])(
      "should answer BAD_USER_INPUT and write nothing when referredOn is %s",
      async (referredOn) => {
        await expectCoercionError(REFER, refer({}, { referredOn }));
      },
    );

    it("should answer BAD_USER_INPUT when the date of birth is not a real date", async () => {
      await expectCoercionError(REFER, refer({ dateOfBirth: "2001-02-29" }));
    });
  });

  describe("createOffender", () => {
    it.each([
      [
        "the prison number is not like A1234BC",
        { prisonNumber: "1234ABC" },
        {},
        [["input", "prisonNumber"], "matches"],
      ],
      ["the prison number is lower case", { prisonNumber: "a1234bc" }, {}, [["input", "prisonNumber"], "matches"]],
      ["the CRN is not like X123456", { crn: "X12345" }, {}, [["input", "crn"], "matches"]],
      ["the name is over 200 characters", { name: "o".repeat(201) }, {}, [["input", "name"], "maxLength"]],
      ["lengthMonths is negative", {}, { lengthMonths: -3 }, [["input", "sentence", "lengthMonths"], "min"]],
      ["lengthMonths is zero", {}, { lengthMonths: 0 }, [["input", "sentence", "lengthMonths"], "min"]],
      ["remandDays is negative", {}, { remandDays: -1 }, [["input", "sentence", "remandDays"], "min"]],
      [
        "an SDS has no lengthMonths",
        {},
        { type: "SDS", lengthMonths: null },
        [["input", "sentence", "lengthMonths"], "isDefined"],
      ],
      [
        "a LIFE sentence has no tariffMonths",
        {},
        { type: "LIFE", lengthMonths: null },
        [["input", "sentence", "tariffMonths"], "isDefined"],
      ],
      [
        "an EDS has no extensionMonths",
        {},
        { type: "EDS", lengthMonths: 60 },
        [["input", "sentence", "extensionMonths"], "isDefined"],
      ],
      [
        "the sentence date is in the future",
        {},
        { sentenceDate: TOMORROW },
        [["input", "sentence", "sentenceDate"], "isNotInFuture"],
      ],
    ] as [string, Record<string, unknown>, Record<string, unknown>, Expected][])(
      "should reject the offender naming the field and write nothing when %s",
      async (_label, overrides, sentence, expected) => {
        await expectInvalid(CREATE_OFFENDER, offenderInput(overrides, sentence), [expected]);
      },
    );

    it("should name every failing field when several offender and sentence fields are bad at once", async () => {
      await expectInvalid(
        CREATE_OFFENDER,
        offenderInput({ prisonNumber: "BAD", crn: "123", name: "o".repeat(201) }, { lengthMonths: -1, remandDays: -5 }),
        [
          [["input", "prisonNumber"], "matches"],
          [["input", "crn"], "matches"],
          [["input", "name"], "maxLength"],
          [["input", "sentence", "lengthMonths"], "min"],
          [["input", "sentence", "remandDays"], "min"],
        ],
      );
    });

    it("should answer BAD_USER_INPUT and write nothing when sentenceDate is 2026-02-30", async () => {
      await expectCoercionError(CREATE_OFFENDER, offenderInput({}, { sentenceDate: "2026-02-30" }));
    });
  });

  describe("recordCustodyEvent", () => {
    const custody = (extra: Record<string, unknown>) => ({ offenderId, occurredOn: "2026-02-01", ...extra });

    it("should reject the event and write nothing when a PAROLE_DECISION has no outcome", async () => {
      await expectInvalid(RECORD_CUSTODY_EVENT, custody({ type: "PAROLE_DECISION" }), [
        [["input", "outcome"], "isDefined"],
      ]);
    });

    it("should reject the event and write nothing when a RECALLED event has no recallType", async () => {
      await expectInvalid(RECORD_CUSTODY_EVENT, custody({ type: "RECALLED" }), [
        [["input", "recallType"], "isDefined"],
      ]);
    });

    it("should reject the event and write nothing when occurredOn is in the future", async () => {
      await expectInvalid(RECORD_CUSTODY_EVENT, custody({ type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: TOMORROW }), [
        [["input", "occurredOn"], "isNotInFuture"],
      ]);
    });

    it("should name every failing field when the date, the version and the key are all bad", async () => {
      await expectInvalid(
        RECORD_CUSTODY_EVENT,
        custody({ type: "RECALLED", occurredOn: TOMORROW, expectedVersion: 0, idempotencyKey: "two words" }),
        [
          [["input", "occurredOn"], "isNotInFuture"],
          [["input", "recallType"], "isDefined"],
          [["input", "expectedVersion"], "min"],
          [["input", "idempotencyKey"], "matches"],
        ],
      );
    });

    it("should answer BAD_USER_INPUT and write nothing when occurredOn is 2026-02-30", async () => {
      await expectCoercionError(
        RECORD_CUSTODY_EVENT,
        custody({ type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-02-30" }),
      );
    });
  });

  describe("agreeContactPlan", () => {
    it("should reject the plan and write nothing when the channels list is empty", async () => {
      await expectInvalid(AGREE_CONTACT_PLAN, { caseId, informationLevel: "KEY_STAGES", channels: [] }, [
        [["input", "channels"], "arrayNotEmpty"],
      ]);
    });

    it("should reject the plan and write nothing when a channel is listed twice", async () => {
      await expectInvalid(
        AGREE_CONTACT_PLAN,
        { caseId, informationLevel: "KEY_STAGES", channels: ["LETTER", "EMAIL", "LETTER"] },
        [[["input", "channels"], "arrayUnique"]],
      );
    });
  });

  // Every transition input takes expectedVersion and idempotencyKey; the same rules apply to each.
  const TRANSITION_INPUTS: [string, string, () => Record<string, unknown>][] = [
    ["sendInvitation", SEND_INVITATION, () => ({ caseId, channel: "LETTER" })],
    ["recordOptIn", RECORD_OPT_IN, () => ({ caseId })],
    ["recordDecline", RECORD_DECLINE, () => ({ caseId })],
    ["agreeContactPlan", AGREE_CONTACT_PLAN, () => ({ caseId, informationLevel: "KEY_STAGES", channels: ["LETTER"] })],
    ["recordOptOut", RECORD_OPT_OUT, () => ({ caseId })],
    ["closeVictimCase", CLOSE_CASE, () => ({ caseId, reason: "OTHER" })],
    [
      "recordCustodyEvent",
      RECORD_CUSTODY_EVENT,
      () => ({ offenderId, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-02-01" }),
    ],
  ];

  describe.each(TRANSITION_INPUTS)("%s", (_name, mutation, input) => {
    it.each([0, -1])(
      "should reject the input and write nothing when expectedVersion is %s",
      async (expectedVersion) => {
        await expectInvalid(mutation, { ...input(), expectedVersion }, [[["input", "expectedVersion"], "min"]]);
      },
    );

    it.each([
      ["contains spaces", "retry key 1"],
      ["is over 200 characters", "k".repeat(201)],
      ["is empty", ""],
    ])("should reject the input and write nothing when the idempotencyKey %s", async (_label, idempotencyKey) => {
      await expectInvalid(mutation, { ...input(), idempotencyKey }, [[["input", "idempotencyKey"], "matches"]]);
    });
  });

  describe.each([
    ["referVictimCase", REFER, () => refer()],
    ["createOffender", CREATE_OFFENDER, () => offenderInput()],
  ] as [string, string, () => Record<string, unknown>][])("%s idempotencyKey", (_name, mutation, input) => {
    it.each([
      ["contains spaces", "retry key 1"],
      ["is over 200 characters", "k".repeat(201)],
    ])("should reject the input and write nothing when the idempotencyKey %s", async (_label, idempotencyKey) => {
      await expectInvalid(mutation, { ...input(), idempotencyKey }, [[["input", "idempotencyKey"], "matches"]]);
    });
  });

  it("should accept the key when the idempotencyKey is exactly 200 printable characters", async () => {
    const victimCase = await referCase(h, offenderId);
    const payload = await mutate(h, SEND_INVITATION, {
      caseId: victimCase.id,
      channel: "LETTER",
      idempotencyKey: `~${"k".repeat(198)}!`,
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.victimCase!.status).toBe("INVITED");
  });
});
