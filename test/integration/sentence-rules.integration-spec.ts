import { createOffender, mutate, optedInCase, RECORD_CUSTODY_EVENT, referCase, type Payload } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 11 §3–§5: what the law and HMPPS's release-date calculator say about terrorist offenders,
// recall by sentence, key dates, domestic abuse and whole-life orders, driven through the API.

const CREATE = `mutation ($input: CreateOffenderInput!) {
  createOffender(input: $input) {
    offender { id custodyPhase sentence { type domesticAbuse wholeLifeOrder tariffMonths keyDates { type date } } }
    userErrors { code field }
  }
}`;
const READ = `query ($id: ID!) {
  victimCase(id: $id) {
    status
    releaseInformation { expectedReleaseMonth automaticRelease paroleEligible paroleEligibleFromMonth }
    offender { custodyPhase sentence { keyDates { type date } } }
  }
}`;
const RECORD_KEY_DATES = `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { offender { id } userErrors { code field } } }`;

interface CreatePayload extends Payload {
  offender: {
    id: string;
    custodyPhase: string;
    sentence: {
      type: string;
      domesticAbuse: boolean;
      wholeLifeOrder: boolean;
      tariffMonths: number | null;
      keyDates: { type: string; date: string }[];
    };
  } | null;
}
interface CaseRead {
  status: string;
  releaseInformation: {
    expectedReleaseMonth: string | null;
    automaticRelease: boolean;
    paroleEligible: boolean;
    paroleEligibleFromMonth: string | null;
  } | null;
  offender: { custodyPhase: string; sentence: { keyDates: { type: string; date: string }[] } };
}
interface CustodyResult extends Payload {
  offender: { custodyPhase: string } | null;
}

const TERRORIST_SDS = { type: "SDS", sentenceDate: "2025-09-01", lengthMonths: 36, offenceCategory: "TERRORISM" };
const EDS = {
  type: "EDS",
  sentenceDate: "2020-01-13",
  lengthMonths: 48,
  extensionMonths: 36,
  offenceCategory: "VIOLENT",
};
const SDS = { type: "SDS", sentenceDate: "2021-01-11", lengthMonths: 48, offenceCategory: "VIOLENT" };

describe.each(ENGINES)("sentence rules through the API (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function create(sentence: Record<string, unknown>): Promise<CreatePayload> {
    return mutate<CreatePayload>(h, CREATE, { name: "Rule Test", sentence });
  }

  async function read(caseId: string): Promise<CaseRead> {
    const result = await h.run<{ victimCase: CaseRead }>(READ, { id: caseId });
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase;
  }

  async function custody(offenderId: string, type: string, occurredOn: string, extra: Record<string, unknown> = {}) {
    return mutate<CustodyResult>(h, RECORD_CUSTODY_EVENT, { offenderId, type, occurredOn, ...extra });
  }

  const codes = (payload: Payload) => payload.userErrors.map((error) => error.code);

  describe("terrorist offenders (CJA 2003 s.247A)", () => {
    it("should forecast parole from September 2027 and automatic release at the end of August 2028 for a 36-month SDS sentenced 1 September 2025", async () => {
      const offender = await createOffender(h, {}, TERRORIST_SDS);
      const victimCase = await referCase(h, offender.id);

      const { releaseInformation, offender: held } = await read(victimCase.id);

      expect(releaseInformation).toEqual({
        expectedReleaseMonth: "2028-08",
        automaticRelease: true,
        paroleEligible: true,
        paroleEligibleFromMonth: "2027-09",
      });
      expect(held.sentence.keyDates).toEqual([
        { type: "PED", date: "2027-09-01" },
        { type: "ARD", date: "2028-08-31" },
        { type: "SLED", date: "2028-08-31" },
      ]);
    });

    it("should refer a terrorist SDS to the Parole Board and refuse it home detention curfew", async () => {
      const offender = await createOffender(h, {}, TERRORIST_SDS);

      expect(codes(await custody(offender.id, "RELEASED_ON_HOME_DETENTION_CURFEW", "2026-06-01"))).toEqual([
        "NOT_ELIGIBLE",
      ]);
      const referred = await custody(offender.id, "REFERRED_TO_PAROLE_BOARD", "2026-06-01");
      expect(referred.userErrors).toEqual([]);
      expect(referred.offender!.custodyPhase).toBe("PAROLE_REVIEW");
    });

    it("should create a serious terrorism sentence with no parole: released only at the end of the custodial term", async () => {
      const created = await create({
        type: "STS",
        sentenceDate: "2022-03-07",
        lengthMonths: 96,
        extensionMonths: 120,
        offenceCategory: "TERRORISM",
      });
      expect(created.userErrors).toEqual([]);
      expect(created.offender!.sentence.keyDates).toEqual([
        { type: "ARD", date: "2030-03-06" },
        { type: "LED", date: "2040-03-06" },
        { type: "SED", date: "2040-03-06" },
      ]);
      expect(codes(await custody(created.offender!.id, "REFERRED_TO_PAROLE_BOARD", "2026-06-01"))).toEqual([
        "NOT_ELIGIBLE",
      ]);
      // An STS needs its extension period, as an EDS does.
      const noExtension = await h.run(CREATE, {
        input: {
          name: "Rule Test",
          sentence: { type: "STS", sentenceDate: "2022-03-07", lengthMonths: 96, offenceCategory: "TERRORISM" },
        },
      });
      expect(noExtension.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("recall by sentence (CJA 2003 s.255A–s.255C)", () => {
    it("should give an EDS licensee standard recall only, and re-release only through the Parole Board", async () => {
      const offender = await createOffender(h, {}, EDS);
      expect(codes(await custody(offender.id, "RELEASED_ON_LICENCE", "2024-01-10"))).toEqual([]);

      const fixedTerm = await custody(offender.id, "RECALLED", "2024-06-03", { recallType: "FIXED_TERM" });
      expect(codes(fixedTerm)).toEqual(["NOT_ELIGIBLE"]);
      expect(codes(await custody(offender.id, "RECALLED", "2024-06-03", { recallType: "STANDARD" }))).toEqual([]);
      expect(codes(await custody(offender.id, "RE_RELEASED", "2024-07-01"))).toEqual(["NOT_ELIGIBLE"]);

      for (const type of ["REFERRED_TO_PAROLE_BOARD", "PAROLE_DECISION"])
        expect(
          codes(
            await custody(offender.id, type, "2024-08-01", type === "PAROLE_DECISION" ? { outcome: "RELEASE" } : {}),
          ),
        ).toEqual([]);
      const reReleased = await custody(offender.id, "RE_RELEASED", "2024-08-23");
      expect(reReleased.userErrors).toEqual([]);
      expect(reReleased.offender!.custodyPhase).toBe("RELEASED");
    });

    it("should let an SDS licensee have a fixed-term recall and be re-released at its end without the Board", async () => {
      const offender = await createOffender(h, {}, SDS);
      expect(codes(await custody(offender.id, "RELEASED_ON_LICENCE", "2022-07-11"))).toEqual([]);
      expect(codes(await custody(offender.id, "RECALLED", "2023-01-09", { recallType: "FIXED_TERM" }))).toEqual([]);
      const reReleased = await custody(offender.id, "RE_RELEASED", "2023-02-06");
      expect(reReleased.userErrors).toEqual([]);
      expect(reReleased.offender!.custodyPhase).toBe("RELEASED");
    });

    it("should treat being unlawfully at large from licence as a recall: the return is to RECALLED, and the case follows", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id, true);
      await custody(offender.id, "RELEASED_ON_LICENCE", "2022-07-11");
      expect(
        codes(
          await custody(offender.id, "UNLAWFULLY_AT_LARGE", "2023-01-09", {
            unlawfullyAtLargeKind: "FAILED_TO_RETURN",
          }),
        ),
      ).toEqual([]);

      const returned = await custody(offender.id, "RETURNED_TO_CUSTODY", "2023-01-20");

      expect(returned.userErrors).toEqual([]);
      expect(returned.offender!.custodyPhase).toBe("RECALLED");
      expect((await read(victimCase.id)).status).toBe("RECALLED");
    });
  });

  describe("key dates the way HMPPS computes them", () => {
    // EDS of 36 months from 2 October 2025: PED = Saturday 2 October 2027, not moved to Thursday 30 September.
    it("should tell a PED that falls on a Saturday as its own month, moving only the release date", async () => {
      const offender = await createOffender(
        h,
        {},
        { type: "EDS", sentenceDate: "2025-10-02", lengthMonths: 36, extensionMonths: 24, offenceCategory: "VIOLENT" },
      );
      const victimCase = await referCase(h, offender.id);

      const { releaseInformation, offender: held } = await read(victimCase.id);

      expect(releaseInformation!.paroleEligibleFromMonth).toBe("2027-10");
      expect(held.sentence.keyDates.slice(0, 2)).toEqual([
        { type: "PED", date: "2027-10-02" },
        { type: "ARD", date: "2028-09-28" },
      ]);
    });

    it("should keep an offence the court flagged as domestic abuse out of release at 40%, whatever its length", async () => {
      const sentence = { type: "SDS", sentenceDate: "2025-03-06", lengthMonths: 36, offenceCategory: "VIOLENT" };
      const flagged = await create({ ...sentence, domesticAbuse: true });
      const unflagged = await create(sentence);

      expect(flagged.offender!.sentence.domesticAbuse).toBe(true);
      expect(unflagged.offender!.sentence.domesticAbuse).toBe(false);
      // One half: S + 547 days = Friday 4 September 2026, moved to Thursday 3 September.
      expect(flagged.offender!.sentence.keyDates[0]).toEqual({ type: "CRD", date: "2026-09-03" });
      expect(unflagged.offender!.sentence.keyDates[0].date < "2026-09-03").toBe(true);
      const malformed = await h.run(CREATE, {
        input: { name: "Rule Test", sentence: { ...sentence, domesticAbuse: "yes" } },
      });
      expect(malformed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("should allow home detention curfew only for an SDS, now with no four-year bar, and never for a DTO", async () => {
      const longSds = await createOffender(h, {}, { ...SDS, lengthMonths: 60 });
      expect(codes(await custody(longSds.id, "RELEASED_ON_HOME_DETENTION_CURFEW", "2022-03-01"))).toEqual([]);
      const dto = await createOffender(
        h,
        {},
        { type: "DTO", sentenceDate: "2025-01-13", lengthMonths: 12, offenceCategory: "VIOLENT" },
      );
      expect(codes(await custody(dto.id, "RELEASED_ON_HOME_DETENTION_CURFEW", "2025-05-01"))).toEqual(["NOT_ELIGIBLE"]);
    });

    it("should forecast a DTO's mid-term, early and late dates, and tell the victim the mid-term month", async () => {
      const offender = await createOffender(
        h,
        {},
        { type: "DTO", sentenceDate: "2024-04-08", lengthMonths: 12, offenceCategory: "VIOLENT" },
      );
      const victimCase = await referCase(h, offender.id);

      const { releaseInformation, offender: held } = await read(victimCase.id);

      expect(held.sentence.keyDates.map((date) => date.type)).toEqual(["MTD", "ETD", "LTD", "SED"]);
      expect(releaseInformation!.expectedReleaseMonth).toBe("2024-10");
    });

    it("should record HMPPS's HDCED, PRRD, ERSED and DTO dates", async () => {
      const offender = await createOffender(h, {}, SDS);
      const dates = ["HDCED", "PRRD", "ERSED", "MTD", "ETD", "LTD"].map((type, index) => ({
        type,
        date: `2026-0${index + 1}-15`,
      }));

      const recorded = await mutate<Payload>(h, RECORD_KEY_DATES, { offenderId: offender.id, keyDates: dates });

      expect(recorded.userErrors).toEqual([]);
      const result = await h.run<{ offender: { sentence: { keyDates: { type: string; date: string }[] } } }>(
        `query ($id: ID!) { offender(id: $id) { sentence { keyDates { type date } } } }`,
        { id: offender.id },
      );
      expect(result.data!.offender.sentence.keyDates).toEqual(dates);
    });
  });

  describe("whole-life orders", () => {
    it("should create a whole-life order with no tariff, never forecast its release and refuse a parole referral", async () => {
      const created = await create({
        type: "LIFE",
        sentenceDate: "2019-05-20",
        wholeLifeOrder: true,
        offenceCategory: "VIOLENT",
      });
      expect(created.userErrors).toEqual([]);
      expect(created.offender!.sentence).toMatchObject({ wholeLifeOrder: true, tariffMonths: null, keyDates: [] });
      const victimCase = await referCase(h, created.offender!.id);
      const { releaseInformation } = await read(victimCase.id);
      expect(releaseInformation).toMatchObject({
        expectedReleaseMonth: null,
        paroleEligible: false,
        automaticRelease: false,
      });
      expect(codes(await custody(created.offender!.id, "REFERRED_TO_PAROLE_BOARD", "2026-01-05"))).toEqual([
        "NOT_ELIGIBLE",
      ]);
    });

    it("should refuse a whole-life order with a tariff or on a sentence other than LIFE, writing nothing", async () => {
      const count = async () => Number((await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "offender"`))[0].n);
      const before = await count();
      const withTariff = await create({
        type: "LIFE",
        sentenceDate: "2019-05-20",
        wholeLifeOrder: true,
        tariffMonths: 300,
        offenceCategory: "VIOLENT",
      });
      expect(withTariff.userErrors).toEqual([{ code: "INVALID_INPUT", field: ["input", "sentence", "tariffMonths"] }]);
      const notLife = await create({ ...SDS, wholeLifeOrder: true });
      expect(notLife.userErrors).toEqual([{ code: "INVALID_INPUT", field: ["input", "sentence", "wholeLifeOrder"] }]);
      // A life sentence that is not a whole-life order still needs its tariff.
      const noTariff = await h.run(CREATE, {
        input: {
          name: "Rule Test",
          sentence: { type: "LIFE", sentenceDate: "2019-05-20", offenceCategory: "VIOLENT" },
        },
      });
      expect(noTariff.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(await count()).toBe(before);
    });
  });
});
