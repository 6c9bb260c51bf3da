import { addDays } from "../../src/domain/calendar/calendar";
import { today } from "../../src/domain/calendar/london-date";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import {
  AGREE_CONTACT_PLAN,
  contactInput,
  createOffender,
  RECORD_OPT_IN,
  referCase,
  rootField,
  SEND_INVITATION,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

const VLO_ONE = asUser("caseload.vlo.one", [Role.VLO]);
const VLO_TWO = asUser("caseload.vlo.two", [Role.VLO]);
const VLO_WEST = asUser("caseload.vlo.west", [Role.VLO], Region.WALES);
const MANAGER = asUser("caseload.manager", [Role.MANAGER]);
const ANALYST = asUser("caseload.analyst", [Role.ANALYST], null);
const ADMIN = asUser("caseload.admin", [Role.ADMIN], null);

const CASES = `query ($first: Int, $after: String, $filter: VictimCaseFilter, $orderBy: VictimCaseOrder) {
  victimCases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id reference status referredOn updatedAt nextDueOn region } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CASELOAD_PAGE = `query ($first: Int) {
  victimCases(first: $first, filter: { status: [REFERRED, INVITED, OPTED_IN, ACTIVE] }, orderBy: { field: NEXT_DUE }) {
    totalCount
    nodes { reference status nextDueOn availableActions offender { prisonNumber name } assignedOfficer { name } contactPlan { informationLevel } }
  }
}`;
const OFFENDERS = `query ($filter: OffenderFilter) { offenders(first: 50, filter: $filter) { totalCount nodes { id name } } }`;
const OFFICERS = `query ($region: Region) { officers(first: 100, region: $region) { totalCount nodes { username region } } }`;
const VIEWER = `{ viewer { officer { id } } }`;
const ACCESS_LOG = `query ($actor: String) { accessLog(first: 10, filter: { actor: $actor }) { nodes { action operation fields caseId } } }`;

interface CaseNode {
  id: string;
  reference: string;
  status: string;
  referredOn: string;
  updatedAt: string;
  nextDueOn: string | null;
  region: string | null;
}
interface CaseList {
  totalCount: number;
  edges: { cursor: string; node: CaseNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe.each(ENGINES)("caseload (%s)", (engine) => {
  let h: Harness;
  const day = today();
  let offenderA: string;
  let offenderB: string;
  /** Reference → case, for the cases this spec made. */
  const made = new Map<string, { id: string; reference: string; officer: string }>();

  const list = async (variables: Record<string, unknown>, as: TestCaller = VLO_ONE) =>
    rootField<CaseList>(h, CASES, { first: 100, ...variables }, as);
  const references = (page: CaseList) => page.edges.map((edge) => edge.node.reference);
  const refer = async (
    as: TestCaller,
    offenderId: string,
    referredOn: string,
    contact: Record<string, unknown> = {},
  ) => {
    const result = await h.run<{ referVictimCase: { victimCase: { id: string; reference: string } } }>(
      `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { victimCase { id reference } userErrors { code message } } }`,
      { input: { offenderId, referredOn, contact: contactInput(contact) } },
      as,
    );
    const victimCase = result.data!.referVictimCase.victimCase;
    made.set(victimCase.reference, { ...victimCase, officer: typeof as === "string" ? as : JSON.stringify(as) });
    return victimCase;
  };
  /** Every case of a filter, read page by page in an order. */
  const everyPage = async (orderBy: Record<string, unknown>, first: number, as: TestCaller = VLO_ONE) => {
    const seen: CaseNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: CaseList = await list({ first, after, orderBy }, as);
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    h = await startHarness(engine);
    offenderA = (await createOffender(h, { name: "John O'Neill Smith", prisonNumber: "A1111AA", crn: "X111111" })).id;
    offenderB = (await createOffender(h, { name: "Peter Jones", prisonNumber: "B2222BB", crn: "X222222" })).id;
    // VLO one: three cases, one long overdue, one due in the future, one with a plan agreed.
    await refer(VLO_ONE, offenderA, "2026-01-10");
    await refer(VLO_ONE, offenderB, day, {
      name: "Ann-Marie O'Neill",
      address: { line1: "1 Lane", town: "Leeds", postcode: "LS1 4AP" },
    });
    const planned = await refer(VLO_ONE, offenderB, "2026-03-02");
    await h.run(SEND_INVITATION, { input: { caseId: planned.id, channel: "LETTER" } }, VLO_ONE);
    await h.run(RECORD_OPT_IN, { input: { caseId: planned.id } }, VLO_ONE);
    await h.run(
      AGREE_CONTACT_PLAN,
      { input: { caseId: planned.id, informationLevel: "ANNUAL_LETTER", channels: ["LETTER"] } },
      VLO_ONE,
    );
    // VLO two, same region; a VLO of another region.
    await refer(VLO_TWO, offenderA, "2026-02-01");
    await refer(VLO_TWO, offenderB, "2026-02-01");
    await refer(VLO_WEST, offenderA, "2026-01-20");
  });
  afterAll(() => h.close());

  describe("filters", () => {
    it("should list only the caller's own cases with assignedToMe, and another officer's by officerId", async () => {
      const mine = await list({ filter: { assignedToMe: true } });
      expect(mine.totalCount).toBe(3);
      const officerTwo = (await rootField<{ officer: { id: string } }>(h, VIEWER, {}, VLO_TWO)).officer.id;
      const theirs = await list({ filter: { officerId: officerTwo } }, MANAGER);
      expect(theirs.totalCount).toBe(2);
      expect(references(theirs).sort()).toEqual(
        [...made.values()]
          .filter((c) => c.officer.includes("vlo.two"))
          .map((c) => c.reference)
          .sort(),
      );
      expect((await list({ filter: { officerId: officerTwo, assignedToMe: true } })).totalCount).toBe(0);
      // An analyst is registered without a region and has no cases of their own.
      expect((await list({ filter: { assignedToMe: true } }, ANALYST)).totalCount).toBe(0);
    });

    it("should narrow by region only within the regions the caller may see", async () => {
      expect((await list({ filter: { region: [Region.WALES] } }, ANALYST)).totalCount).toBe(1);
      expect((await list({ filter: { region: [Region.NORTH_EAST, Region.WALES] } }, ANALYST)).totalCount).toBe(6);
      expect((await list({ filter: { region: [Region.WALES] } }, VLO_ONE)).totalCount).toBe(0);
      expect((await list({}, VLO_ONE)).totalCount).toBe(5);
    });

    it("should narrow by status and by the contact plan's information level", async () => {
      const active = await list({ filter: { status: ["ACTIVE"] } });
      expect(active.edges.map((edge) => edge.node.status)).toEqual(["ACTIVE"]);
      expect(references(await list({ filter: { informationLevel: ["ANNUAL_LETTER"] } }))).toEqual(references(active));
      expect((await list({ filter: { informationLevel: ["KEY_STAGES"] } })).totalCount).toBe(0);
    });

    it("should find overdue cases and cases due by a date from their open work", async () => {
      const all = (await list({})).edges.map((edge) => edge.node);
      const overdue = await list({ filter: { overdue: true } });
      const expectedOverdue = all.filter((c) => c.nextDueOn !== null && c.nextDueOn < day).map((c) => c.reference);
      expect(expectedOverdue.length).toBeGreaterThan(0);
      expect(references(overdue).sort()).toEqual(expectedOverdue.sort());
      const notOverdue = await list({ filter: { overdue: false } });
      expect(notOverdue.totalCount + overdue.totalCount).toBe(all.length);
      expect(references(notOverdue)).toContain(all.find((c) => c.referredOn === day)!.reference);
      const dueBy = addDays(day, 7);
      const dueSoon = await list({ filter: { dueBy } });
      expect(references(dueSoon).sort()).toEqual(
        all
          .filter((c) => c.nextDueOn !== null && c.nextDueOn <= dueBy)
          .map((c) => c.reference)
          .sort(),
      );
    });

    it("should narrow by referral dates, reference and the offender's prison number or CRN", async () => {
      const february = await list({ filter: { referredFrom: "2026-02-01", referredTo: "2026-03-02" } });
      expect(february.edges.map((edge) => edge.node.referredOn).sort()).toEqual([
        "2026-02-01",
        "2026-02-01",
        "2026-03-02",
      ]);
      const one = [...made.values()][0];
      expect(references(await list({ filter: { reference: one.reference.toLowerCase() } }))).toEqual([one.reference]);
      expect((await list({ filter: { prisonNumber: "a1111aa" } }, ANALYST)).totalCount).toBe(3);
      expect((await list({ filter: { crn: "X222222" } }, ANALYST)).totalCount).toBe(3);
      expect((await list({ filter: { crn: "X222222", prisonNumber: "A1111AA" } }, ANALYST)).totalCount).toBe(0);
    });

    it("should refuse dates the wrong way round and bad values, pointing at the filter", async () => {
      const backwards = await h.run(
        CASES,
        { filter: { referredFrom: "2026-03-01", referredTo: "2026-02-01" } },
        VLO_ONE,
      );
      expect(backwards.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(backwards.errors?.[0].extensions?.field).toEqual(["filter", "referredTo"]);
      expect(backwards.data).toBeNull();
      const badDate = await h.run(CASES, { filter: { dueBy: "2026-02-30" } }, VLO_ONE);
      expect(badDate.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      const badPostcode = await h.run(CASES, { filter: { victimPostcode: "<script>" } }, VLO_ONE);
      expect(badPostcode.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(badPostcode.errors?.[0].extensions?.fields).toEqual([
        {
          field: ["filter", "victimPostcode"],
          constraints: ["matches"],
          messages: ["victimPostcode must be a UK postcode, e.g. SW1A 1AA."],
        },
      ]);
    });
  });

  describe("orders and cursors", () => {
    it.each([
      ["REFERRED_ON", "ASC"],
      ["REFERRED_ON", "DESC"],
      ["UPDATED_AT", "DESC"],
      ["NEXT_DUE", "ASC"],
      ["NEXT_DUE", "DESC"],
      ["REFERENCE", "DESC"],
    ])("should read every case once in %s %s order, page after page", async (field, direction) => {
      const whole = (await list({ orderBy: { field, direction } })).edges.map((edge) => edge.node);
      const key = (c: CaseNode) =>
        field === "REFERRED_ON"
          ? c.referredOn
          : field === "UPDATED_AT"
            ? c.updatedAt
            : field === "REFERENCE"
              ? c.reference
              : (c.nextDueOn ?? null);
      const keys = whole.map(key);
      // Cases with nothing open come last in either direction.
      const present = keys.filter((k): k is string => k !== null);
      const expected = [...present].sort();
      if (direction === "DESC") expected.reverse();
      expect(keys).toEqual([...expected, ...keys.filter((k) => k === null)]);
      const paged = await everyPage({ field, direction }, 2);
      expect(paged.map((c) => c.id)).toEqual(whole.map((c) => c.id));
    });

    it("should keep a cursor's place when a case is added before it", async () => {
      const first = await list({ first: 2, orderBy: { field: "REFERRED_ON" } });
      const rest = await list({ after: first.pageInfo.endCursor, orderBy: { field: "REFERRED_ON" } });
      await refer(VLO_ONE, offenderA, "2025-12-01");
      const again = await list({ after: first.pageInfo.endCursor, orderBy: { field: "REFERRED_ON" } });
      expect(references(again)).toEqual(references(rest));
    });

    it("should refuse a cursor made in another order, or a damaged one", async () => {
      const byDate = await list({ first: 1, orderBy: { field: "REFERRED_ON" } });
      const wrongOrder = await h.run(
        CASES,
        { first: 1, after: byDate.pageInfo.endCursor, orderBy: { field: "UPDATED_AT" } },
        VLO_ONE,
      );
      expect(wrongOrder.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(wrongOrder.errors?.[0].message).toBe("after is a cursor of another order of this list.");
      const plain = await list({ first: 1 });
      const plainInOrder = await h.run(
        CASES,
        { first: 1, after: plain.pageInfo.endCursor, orderBy: { field: "NEXT_DUE" } },
        VLO_ONE,
      );
      expect(plainInOrder.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      const forged = Buffer.from("VictimCase|REFERRED_ON:ASC|2026-02-31|00000000-0000-0000-0000-000000000000").toString(
        "base64url",
      );
      const damaged = await h.run(CASES, { first: 1, after: forged, orderBy: { field: "REFERRED_ON" } }, VLO_ONE);
      expect(damaged.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("victim search", () => {
    it("should find a case by a contact's exact name or postcode, however written, and log the search without the value", async () => {
      const byName = await list({ filter: { victimName: "  ann marie ONEILL " } });
      expect(byName.totalCount).toBe(1);
      const byPostcode = await list({ filter: { victimPostcode: "ls14ap" } });
      expect(references(byPostcode)).toEqual(references(byName));
      // Exact matching only: part of a name is not a match.
      expect((await list({ filter: { victimName: "Ann" } })).totalCount).toBe(0);
      const log = await rootField<{
        nodes: { action: string; operation: string; fields: string[]; caseId: string | null }[];
      }>(h, ACCESS_LOG, { actor: "caseload.vlo.one" }, asUser("caseload.auditor", [Role.AUDITOR], null));
      const searches = log.nodes.filter((entry) => entry.action === "SEARCH");
      expect(searches.slice(0, 3)).toEqual([
        { action: "SEARCH", operation: "victimCases", fields: ["name"], caseId: null },
        { action: "SEARCH", operation: "victimCases", fields: ["postcode"], caseId: null },
        { action: "SEARCH", operation: "victimCases", fields: ["name"], caseId: null },
      ]);
      expect(JSON.stringify(log)).not.toMatch(/oneill|LS1/i);
    });

    it("should combine a victim search with filters that read today's date", async () => {
      const overdue = references(await list({ filter: { overdue: true } }));
      expect(overdue.length).toBeGreaterThan(0);
      // The overdue cases' contacts all live at the test postcode; Ann-Marie O'Neill's case, referred today, is not overdue.
      const atPostcode = await list({ filter: { victimPostcode: "TE5 7AB", overdue: true } });
      expect(references(atPostcode).sort()).toEqual(overdue.sort());
      expect((await list({ filter: { victimName: "Ann-Marie O'Neill", overdue: true } })).totalCount).toBe(0);
      expect((await list({ filter: { victimName: "Ann-Marie O'Neill", overdue: false } })).totalCount).toBe(1);
    });

    it("should not find a victim of another region, and refuse the search to a role that may not read personal data", async () => {
      expect((await list({ filter: { victimName: "Ann-Marie O'Neill" } }, VLO_WEST)).totalCount).toBe(0);
      const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM "access_log" WHERE "action" = 'SEARCH'`);
      const refused = await h.run(CASES, { filter: { victimName: "Ann-Marie O'Neill" } }, ANALYST);
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(refused.errors?.[0].message).toContain("READ_PERSONAL_DATA");
      expect(refused.data).toBeNull();
      const after = await h.dataSource.query(`SELECT count(*)::int AS n FROM "access_log" WHERE "action" = 'SEARCH'`);
      expect(after).toEqual(before);
    });

    it("should refuse a name with no letters or digits rather than list every case", async () => {
      const result = await h.run(CASES, { filter: { victimName: "--" } }, VLO_ONE);
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].extensions?.field).toEqual(["filter", "victimName"]);
    });
  });

  describe("offenders and officers", () => {
    it("should find offenders by prison number, CRN or whole words of the name", async () => {
      const names = async (filter: Record<string, unknown>) =>
        (await rootField<{ nodes: { name: string }[] }>(h, OFFENDERS, { filter }, ANALYST)).nodes.map((o) => o.name);
      expect(await names({ prisonNumber: "b2222bb" })).toEqual(["Peter Jones"]);
      expect(await names({ crn: "X111111" })).toEqual(["John O'Neill Smith"]);
      expect(await names({ name: "SMITH john" })).toEqual(["John O'Neill Smith"]);
      expect(await names({ name: "oneill" })).toEqual(["John O'Neill Smith"]);
      expect(await names({ name: "smi" })).toEqual([]);
      expect(await names({ name: "jones", crn: "X111111" })).toEqual([]);
      const empty = await h.run(OFFENDERS, { filter: { name: "''" } }, ANALYST);
      expect(empty.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("should list a manager their own region's officers, an administrator every officer, and no one else", async () => {
      const mine = await rootField<{ nodes: { username: string; region: string | null }[] }>(h, OFFICERS, {}, MANAGER);
      expect(new Set(mine.nodes.map((o) => o.region))).toEqual(new Set([Region.NORTH_EAST]));
      expect(mine.nodes.map((o) => o.username)).toEqual(
        expect.arrayContaining(["caseload.vlo.one", "caseload.vlo.two"]),
      );
      const all = await rootField<{ nodes: { username: string }[] }>(h, OFFICERS, {}, ADMIN);
      expect(all.nodes.map((o) => o.username)).toContain("caseload.vlo.west");
      const west = await rootField<{ nodes: { username: string }[] }>(h, OFFICERS, { region: Region.WALES }, ADMIN);
      expect(west.nodes.map((o) => o.username)).toEqual(["caseload.vlo.west"]);
      const refused = await h.run(OFFICERS, {}, VLO_ONE);
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(refused.errors?.[0].message).toContain("ASSIGN_CASES");
    });
  });

  describe("cost", () => {
    it("should cost the same statements for a page of 10 as for a page of 100", async () => {
      const many = (await createOffender(h, { name: "Many Victims" })).id;
      for (let i = 0; i < 105; i += 1) await referCase(h, many, { referredOn: addDays("2026-01-01", i % 60) });
      const cost = async (first: number) => {
        h.statements.reset();
        const page = await rootField<{ nodes: unknown[] }>(h, CASELOAD_PAGE, { first });
        return { rows: page.nodes.length, statements: h.statements.count };
      };
      const ten = await cost(10);
      const hundred = await cost(100);
      expect(ten.rows).toBe(10);
      expect(hundred.rows).toBe(100);
      expect(hundred.statements).toBe(ten.statements);
    });
  });
});
