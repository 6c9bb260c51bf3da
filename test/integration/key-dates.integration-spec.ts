import { Role } from "../../src/domain/security/role.enum";
import { CLOSE_CASE, createOffender, getCase, mutate, optedInCase, referCase, type Payload } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

const RECORD = `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { offender { id version } releaseMonthChanged affectedCaseCount userErrors { code field } } }`;
const READ = `query ($id: ID!) {
  victimCase(id: $id) {
    releaseInformation { expectedReleaseMonth paroleEligibleFromMonth basis }
    offender { sentence { keyDates { type date source } keyDateHistory { source releaseMonth actor keyDates { type date } } } }
  }
}`;
interface RecordPayload extends Payload {
  offender: { id: string; version: number } | null;
  releaseMonthChanged: boolean;
  affectedCaseCount: number;
}
interface ReadResult {
  victimCase: {
    releaseInformation: { expectedReleaseMonth: string | null; paroleEligibleFromMonth: string | null; basis: string };
    offender: {
      sentence: {
        keyDates: { type: string; date: string; source: string }[];
        keyDateHistory: {
          source: string;
          releaseMonth: string | null;
          actor: string;
          keyDates: { type: string; date: string }[];
        }[];
      };
    };
  } | null;
}
// SDS of 36 months from 2024-01-15: the forecast (40% rule) puts release in 2025.
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };

describe.each(ENGINES)("recorded key dates (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  it("should keep the forecast in the history, let HMPPS's dates win, and tell the victim their month", async () => {
    const offender = await createOffender(h, {}, SDS);
    const victimCase = await referCase(h, offender.id);
    const before = (await h.run<ReadResult>(READ, { id: victimCase.id })).data!.victimCase!;
    expect(before.releaseInformation.basis).toBe("CALCULATED");
    expect(before.offender.sentence.keyDateHistory.map((record) => record.source)).toEqual(["CALCULATED"]);

    const payload = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [
        { type: "CRD", date: "2026-05-14" },
        { type: "SLED", date: "2027-01-14" },
      ],
    });

    expect(payload).toMatchObject({ releaseMonthChanged: true, affectedCaseCount: 1, userErrors: [] });
    const after = (await h.run<ReadResult>(READ, { id: victimCase.id })).data!.victimCase!;
    expect(after.releaseInformation).toEqual({
      expectedReleaseMonth: "2026-05",
      paroleEligibleFromMonth: null,
      basis: "RECORDED",
    });
    expect(after.offender.sentence.keyDates).toEqual([
      { type: "CRD", date: "2026-05-14", source: "RECORDED" },
      { type: "SLED", date: "2027-01-14", source: "RECORDED" },
    ]);
    expect(after.offender.sentence.keyDateHistory.map((record) => [record.source, record.releaseMonth])).toEqual([
      ["CALCULATED", before.releaseInformation.expectedReleaseMonth],
      ["RECORDED", "2026-05"],
    ]);
    const history = (await getCase(h, victimCase.id))!.history.nodes;
    expect(history.at(-1)).toMatchObject({
      event: "RELEASE_MONTH_CHANGED",
      fromStatus: "REFERRED",
      toStatus: "REFERRED",
      reason: `${before.releaseInformation.expectedReleaseMonth} → 2026-05`,
    });
  });

  it("should tell open cases only, and nobody when the month stays the same", async () => {
    const offender = await createOffender(h, {}, SDS);
    const open = await optedInCase(h, offender.id, true);
    const closed = await referCase(h, offender.id);
    await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "OTHER" });
    await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [{ type: "CRD", date: "2026-05-14" }],
    });
    const [openVersion, closedVersion] = [(await getCase(h, open.id))!.version, (await getCase(h, closed.id))!.version];

    // A new date in the same month: no letter is due.
    const sameMonth = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [{ type: "CRD", date: "2026-05-07" }],
    });

    expect(sameMonth).toMatchObject({ releaseMonthChanged: false, affectedCaseCount: 0 });
    expect((await getCase(h, open.id))!.version).toBe(openVersion);
    expect((await getCase(h, closed.id))!.history.nodes.map((row) => row.event)).not.toContain("RELEASE_MONTH_CHANGED");
    expect((await getCase(h, closed.id))!.version).toBe(closedVersion);
  });

  it("should refuse duplicate date types, an unknown offender, a stale version, and callers other than the custody feed", async () => {
    const offender = await createOffender(h, {}, SDS);
    const duplicate = await h.run<{ recordKeyDates: RecordPayload }>(RECORD, {
      input: {
        offenderId: offender.id,
        keyDates: [
          { type: "CRD", date: "2026-05-14" },
          { type: "CRD", date: "2026-06-14" },
        ],
      },
    });
    const unknown = await mutate<RecordPayload>(h, RECORD, {
      offenderId: Buffer.from("Offender:00000000-0000-0000-0000-000000000000").toString("base64url"),
      keyDates: [{ type: "CRD", date: "2026-05-14" }],
    });
    const stale = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      expectedVersion: offender.version + 5,
      keyDates: [{ type: "CRD", date: "2026-05-14" }],
    });
    const byVlo = await h.run<{ recordKeyDates: RecordPayload }>(
      RECORD,
      { input: { offenderId: offender.id, keyDates: [{ type: "CRD", date: "2026-05-14" }] } },
      asUser("dates.vlo", [Role.VLO]),
    );

    expect(duplicate.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["input", "offenderId"] });
    expect(stale.userErrors[0].code).toBe("STALE_VERSION");
    expect(byVlo.errors![0].extensions?.code).toBe("FORBIDDEN");
    const [{ n }] = await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "key_date_record" k JOIN "offender" o ON o."id" = k."offender_id" WHERE o."prison_number" IS NOT NULL AND k."source" = 'RECORDED' AND k."actor" = 'dates.vlo'`,
    );
    expect(n).toBe(0);
  });

  // Issue 11 §9: an EDS of 36 months from 2 October 2025 is forecast parole eligibility in October 2027.
  it("should record a changed parole-eligibility month on every open case and tell the engaged victim, the release month unchanged", async () => {
    const offender = await createOffender(
      h,
      {},
      { type: "EDS", sentenceDate: "2025-10-02", lengthMonths: 36, extensionMonths: 24, offenceCategory: "VIOLENT" },
    );
    const engaged = await optedInCase(h, offender.id, true);
    const referred = await referCase(h, offender.id);

    const payload = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [
        { type: "PED", date: "2028-01-14" },
        { type: "ARD", date: "2028-09-28" },
      ],
    });

    expect(payload).toMatchObject({ releaseMonthChanged: false, affectedCaseCount: 2, userErrors: [] });
    for (const caseId of [engaged.id, referred.id]) {
      expect((await getCase(h, caseId))!.history.nodes.at(-1)).toMatchObject({
        event: "PAROLE_ELIGIBILITY_MONTH_CHANGED",
        reason: "2027-10 → 2028-01",
      });
    }
    const told = await h.run<{ victimCase: { notifications: { kind: string; body: string }[] } }>(
      `query ($id: ID!) { victimCase(id: $id) { notifications { kind body } } }`,
      { id: engaged.id },
    );
    const [letter] = told.data!.victimCase.notifications;
    expect(letter.kind).toBe("RELEASE_MONTH_CHANGED");
    expect(letter.body).toContain("The Parole Board can consider the offender's release from January 2028.");
    // Recording the same months again changes nothing and tells nobody.
    const again = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [
        { type: "PED", date: "2028-01-20" },
        { type: "ARD", date: "2028-09-28" },
      ],
    });
    expect(again).toMatchObject({ releaseMonthChanged: false, affectedCaseCount: 0 });
  });

  it("should record a changed tariff-expiry month of a life sentence as a parole-eligibility change", async () => {
    const offender = await createOffender(
      h,
      {},
      { type: "LIFE", sentenceDate: "2010-06-07", tariffMonths: 240, offenceCategory: "VIOLENT" },
    );
    const victimCase = await referCase(h, offender.id);

    const payload = await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [{ type: "TARIFF_EXPIRY", date: "2031-02-03" }],
    });

    expect(payload).toMatchObject({ affectedCaseCount: 1, userErrors: [] });
    expect((await getCase(h, victimCase.id))!.history.nodes.at(-1)).toMatchObject({
      event: "PAROLE_ELIGIBILITY_MONTH_CHANGED",
      reason: "2030-06 → 2031-02",
    });
  });

  it("should refuse to rewrite key-date history in the database itself", async () => {
    const offender = await createOffender(h, {}, SDS);
    await mutate<RecordPayload>(h, RECORD, {
      offenderId: offender.id,
      keyDates: [{ type: "CRD", date: "2026-05-14" }],
    });
    const rewrite = `UPDATE "key_date_record" SET "release_month" = '2030-01'`;
    // On PostgreSQL the service's role has no UPDATE grant; even the owner meets the trigger.
    await expect(h.dataSource.query(rewrite)).rejects.toThrow(
      h.engine === "postgres" ? /permission denied/ : /append-only/,
    );
    await expect((await h.owner()).query(rewrite)).rejects.toThrow(/append-only/);
    await expect((await h.owner()).query(`DELETE FROM "key_date_record"`)).rejects.toThrow(/append-only/);
  });
});
