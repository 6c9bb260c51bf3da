import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { createOffender, mutate, optedInCase, referCase, REFER, SEND_INVITATION, contactInput } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

const STATISTICS = `query ($filter: VictimCaseFilter) { caseStatistics(filter: $filter) { totalCount byStatus { status count } byRegion { region count } } }`;
interface StatisticsResult {
  caseStatistics: {
    totalCount: number;
    byStatus: { status: string; count: number }[];
    byRegion: { region: string | null; count: number }[];
  };
}

describe.each(ENGINES)("case statistics (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
    // North East: two referred, one invited, one active. London: one referred.
    await referCase(h, offenderId);
    await referCase(h, offenderId);
    const invited = await referCase(h, offenderId);
    await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER" });
    await optedInCase(h, offenderId, true);
    await h.run(
      REFER,
      { input: { offenderId, referredOn: "2026-01-10", contact: contactInput() } },
      asUser("stats.london", [Role.VLO], Region.LONDON),
    );
  });
  afterAll(() => h.close());

  const countOf = (groups: { status?: string; region?: string | null; count: number }[], key: string) =>
    groups.find((group) => group.status === key || group.region === key)?.count ?? 0;

  it("should count every case by status and region for an analyst, with no personal data in the answer", async () => {
    const result = await h.run<StatisticsResult>(STATISTICS, {}, asUser("stats.analyst", [Role.ANALYST], null));
    const statistics = result.data!.caseStatistics;

    expect(statistics.totalCount).toBe(5);
    expect(countOf(statistics.byStatus, "REFERRED")).toBe(3);
    expect(countOf(statistics.byStatus, "INVITED")).toBe(1);
    expect(countOf(statistics.byStatus, "ACTIVE")).toBe(1);
    expect(statistics.byStatus).toHaveLength(10);
    expect(statistics.byRegion).toEqual([
      { region: "LONDON", count: 1 },
      { region: "NORTH_EAST", count: 4 },
    ]);
  });

  it("should count only the caller's region for a VLO, so other regions' numbers do not leak", async () => {
    const statistics = (await h.run<StatisticsResult>(STATISTICS, {}, asUser("stats.vlo", [Role.VLO]))).data!
      .caseStatistics;
    expect(statistics.totalCount).toBe(4);
    expect(statistics.byRegion).toEqual([{ region: "NORTH_EAST", count: 4 }]);
  });

  it("should apply the status and offender filters, in one statement", async () => {
    h.statements.reset();
    const statistics = (
      await h.run<StatisticsResult>(
        STATISTICS,
        { filter: { status: ["REFERRED", "INVITED"], offenderId } },
        asUser("stats.analyst", [Role.ANALYST], null),
      )
    ).data!.caseStatistics;
    expect(statistics.totalCount).toBe(4);
    expect(countOf(statistics.byStatus, "ACTIVE")).toBe(0);
    // The grouped count alone: the analyst's officer record, read by an earlier request, is kept.
    expect(h.statements.count).toBe(1);
  });

  it("should apply every caseload filter, as victimCases does", async () => {
    const analyst = asUser("stats.analyst", [Role.ANALYST], null);
    const total = async (filter: Record<string, unknown>) =>
      (await h.run<StatisticsResult>(STATISTICS, { filter }, analyst)).data!.caseStatistics.totalCount;
    expect(await total({ informationLevel: ["KEY_STAGES"] })).toBe(1);
    expect(await total({ informationLevel: ["ANNUAL_LETTER"] })).toBe(0);
    expect(await total({ region: ["LONDON"] })).toBe(1);
    // Every case's first-contact task is due 20 working days after its referral in January.
    expect(await total({ overdue: true, status: ["REFERRED"] })).toBe(3);
  });

  it("should refuse a count by a victim's name to a role that may not read personal data", async () => {
    const result = await h.run(
      STATISTICS,
      { filter: { victimName: "Zephyrine Quillfeather" } },
      asUser("stats.analyst", [Role.ANALYST], null),
    );
    expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(result.data).toBeNull();
  });
});
