import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  createOffender,
  getCase,
  mutate,
  optedInCase,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  referCase,
  SEND_INVITATION,
} from "../support/api";
import { ENGINES, startHarness, type Harness, type JsonObject } from "../support/harness";

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const UNKNOWN_CASE_ID = globalId("VictimCase", "00000000-0000-0000-0000-000000000000");
const UNKNOWN_OFFENDER_ID = globalId("Offender", "00000000-0000-0000-0000-000000000000");
const cursor = (list: string, position: string) => Buffer.from(`${list}|${position}`).toString("base64url");

const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const VICTIM_CASES = `query ($first: Int, $after: String, $filter: VictimCaseFilter) {
  victimCases(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id reference status } } nodes { id } ${PAGE_INFO} }
}`;
const OFFENDERS = `query ($first: Int, $after: String) {
  offenders(first: $first, after: $after) { totalCount edges { cursor node { id name } } nodes { id } ${PAGE_INFO} }
}`;
const OFFENDER = `query ($id: ID!, $first: Int, $after: String) {
  offender(id: $id) {
    id name prisonNumber crn custodyPhase version createdAt
    sentence { type sentenceDate lengthMonths extensionMonths tariffMonths remandDays offenceCategory }
    victimCases(first: $first, after: $after) { totalCount edges { cursor node { id reference status } } ${PAGE_INFO} }
  }
}`;
const HISTORY = `query ($id: ID!, $first: Int, $after: String) {
  victimCase(id: $id) { history(first: $first, after: $after) { totalCount edges { cursor node { id sequence event fromStatus toStatus actor reason occurredAt } } ${PAGE_INFO} } }
}`;
const NODE = `query ($id: ID!) {
  node(id: $id) {
    __typename id
    ... on VictimCase { reference status }
    ... on Offender { name custodyPhase }
    ... on CaseTransition { event toStatus }
    ... on CaseContact { contactName: name role }
  }
}`;
const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const CASE_DETAIL = `query ($id: ID!) {
  victimCase(id: $id) {
    id reference status discretionaryReason discretionaryGround createdAt updatedAt
    contacts { id role name dateOfBirth email phone address { line1 line2 town postcode } needs { interpreterLanguage accessibility } }
    contactPlan { informationLevel channels agreedOn updatedAt }
    offender { id name custodyPhase }
  }
}`;

interface Page<TNode> {
  totalCount: number;
  edges: { cursor: string; node: TNode }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
/** VICTIM_CASES. */
interface CaseList {
  victimCases: Page<{ id: string; reference: string; status: string }> & { nodes: { id: string }[] };
}
/** OFFENDERS. */
interface OffenderList {
  offenders: Page<{ id: string; name: string }> & { nodes: { id: string }[] };
}
/** OFFENDER. */
interface OffenderRead {
  offender: {
    id: string;
    name: string;
    prisonNumber: string | null;
    crn: string | null;
    custodyPhase: string;
    version: number;
    createdAt: string;
    sentence: Record<string, unknown>;
    victimCases: Page<{ id: string; reference: string; status: string }>;
  } | null;
}
/** HISTORY. */
interface HistoryRead {
  victimCase: { history: Page<HistoryNode> } | null;
}
interface HistoryNode {
  id: string;
  sequence: number;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
  occurredAt: string;
}
/** CASE_DETAIL. */
interface CaseDetail {
  victimCase: {
    id: string;
    reference: string;
    status: string;
    discretionaryReason: string | null;
    discretionaryGround: string | null;
    createdAt: string;
    updatedAt: string;
    contacts: Record<string, unknown>[];
    contactPlan: { informationLevel: string; channels: string[]; agreedOn: string; updatedAt: string } | null;
    offender: { id: string; name: string; custodyPhase: string };
  } | null;
}

const sorted = (values: string[]) => [...values].sort();

describe.each(ENGINES)("queries (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function query<T = JsonObject>(text: string, variables: Record<string, unknown>): Promise<T> {
    const result = await h.run<T>(text, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  /** Pages through a connection `first` at a time, checking each page's shape; returns every node id in order. */
  async function walk(
    fetch: (after: string | null) => Promise<Page<{ id: string }>>,
    first: number,
  ): Promise<{ ids: string[]; pages: number; totalCount: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let totalCount = -1;
    for (;;) {
      const page = await fetch(after);
      pages += 1;
      if (totalCount < 0) totalCount = page.totalCount;
      expect(page.totalCount).toBe(totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (page.edges.length > 0) {
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      }
      ids.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    return { ids, pages, totalCount };
  }

  async function expectBadUserInput(text: string, variables: Record<string, unknown>, field?: string[]): Promise<void> {
    const result = await h.run(text, variables);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    if (field) expect(result.errors![0].extensions?.field).toEqual(field);
    // The error nulls the nearest nullable field: the whole response, or the object holding the list.
    for (const value of Object.values(result.data ?? {})) expect(value).toBeNull();
  }

  describe("node and nodes", () => {
    it("should return each kind of object by its global id when it exists", async () => {
      const offender = await createOffender(h, { name: "Node Offender" });
      const referred = await mutate<{
        victimCase: { id: string; reference: string; contacts: { id: string }[] } | null;
        transition: { id: string } | null;
        userErrors: { code: string }[];
      }>(
        h,
        `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { victimCase { id reference contacts { id } } transition { id } userErrors { code } } }`,
        {
          offenderId: offender.id,
          referredOn: "2026-01-10",
          contact: contactInput({ name: "Nora Node" }),
        },
      );
      const { victimCase, transition } = referred;

      expect((await query(NODE, { id: victimCase!.id })).node).toEqual({
        __typename: "VictimCase",
        id: victimCase!.id,
        reference: victimCase!.reference,
        status: "REFERRED",
      });
      expect((await query(NODE, { id: offender.id })).node).toEqual({
        __typename: "Offender",
        id: offender.id,
        name: "Node Offender",
        custodyPhase: "IN_CUSTODY",
      });
      expect((await query(NODE, { id: transition!.id })).node).toEqual({
        __typename: "CaseTransition",
        id: transition!.id,
        event: "REFERRED",
        toStatus: "REFERRED",
      });
      expect((await query(NODE, { id: victimCase!.contacts[0].id })).node).toEqual({
        __typename: "CaseContact",
        id: victimCase!.contacts[0].id,
        contactName: "Nora Node",
        role: "VICTIM",
      });
    });

    it.each([
      ["unknown", UNKNOWN_CASE_ID],
      ["garbage", "nope"],
      ["of an unknown type", globalId("Prison", "00000000-0000-0000-0000-000000000000")],
      ["empty", ""],
    ])("should return null from node when the id is %s", async (_label, id) => {
      expect((await query(NODE, { id })).node).toBeNull();
    });

    it("should return objects in the order asked with null for ids that match nothing when nodes is given a mix", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      const { nodes } = await query(NODES, {
        ids: [victimCase.id, UNKNOWN_OFFENDER_ID, offender.id, "nope", victimCase.id],
      });
      expect(nodes).toEqual([
        { __typename: "VictimCase", id: victimCase.id },
        null,
        { __typename: "Offender", id: offender.id },
        null,
        { __typename: "VictimCase", id: victimCase.id },
      ]);
      expect((await query(NODES, { ids: [] })).nodes).toEqual([]);
    });

    it("should answer BAD_USER_INPUT when nodes is given more than 100 ids", async () => {
      await expectBadUserInput(NODES, { ids: Array.from({ length: 101 }, () => UNKNOWN_CASE_ID) }, ["ids"]);
    });
  });

  describe("victimCase and offender", () => {
    it("should return the case with its decrypted contact, offender and no plan when a case has just been referred", async () => {
      const offender = await createOffender(h, { name: "Detail Offender" });
      const contact = contactInput({
        role: "PARENT_GUARDIAN",
        name: "Pat Parent",
        needs: { interpreterLanguage: "Welsh", accessibility: "Large print" },
      });
      const victimCase = await referCase(h, offender.id, { contact, discretionaryReason: "Family request" });
      const { victimCase: read } = await query<CaseDetail>(CASE_DETAIL, { id: victimCase.id });
      expect(read).toMatchObject({
        id: victimCase.id,
        status: "REFERRED",
        discretionaryReason: "Family request",
        discretionaryGround: null,
        contactPlan: null,
        offender: { id: offender.id, name: "Detail Offender", custodyPhase: "IN_CUSTODY" },
      });
      expect(read!.contacts).toEqual([
        {
          id: expect.any(String),
          role: "PARENT_GUARDIAN",
          name: "Pat Parent",
          dateOfBirth: contact.dateOfBirth,
          email: contact.email,
          phone: contact.phone,
          address: { line1: "2 Test Road", line2: null, town: "Testbury", postcode: "TE5 7AB" },
          needs: { interpreterLanguage: "Welsh", accessibility: "Large print" },
        },
      ]);
      expect(Date.parse(read!.createdAt)).not.toBeNaN();
      expect(Date.parse(read!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(read!.createdAt));
    });

    it("should show the agreed plan with its date, then the changed plan, when a plan is agreed and later changed", async () => {
      const offender = await createOffender(h);
      const victimCase = await optedInCase(h, offender.id);
      expect((await query<CaseDetail>(CASE_DETAIL, { id: victimCase.id })).victimCase!.contactPlan).toBeNull();
      await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "KEY_STAGES",
        channels: ["EMAIL", "LETTER"],
      });
      const agreed = (await query<CaseDetail>(CASE_DETAIL, { id: victimCase.id })).victimCase!.contactPlan;
      expect(agreed).toMatchObject({
        informationLevel: "KEY_STAGES",
        channels: ["EMAIL", "LETTER"],
        agreedOn: new Date().toISOString().slice(0, 10),
      });
      await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "ANNUAL_LETTER",
        channels: ["PHONE"],
      });
      const changed = (await query<CaseDetail>(CASE_DETAIL, { id: victimCase.id })).victimCase!.contactPlan;
      expect(changed).toMatchObject({ informationLevel: "ANNUAL_LETTER", channels: ["PHONE"] });
      expect(Date.parse(changed!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(agreed!.updatedAt));
    });

    it("should return null from victimCase when the id is unknown, garbage or an offender's", async () => {
      const offender = await createOffender(h);
      for (const id of [UNKNOWN_CASE_ID, "nope", offender.id]) expect(await getCase(h, id)).toBeNull();
    });

    it("should return null from offender when the id is unknown, garbage or a case's", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      for (const id of [UNKNOWN_OFFENDER_ID, "nope", victimCase.id])
        expect((await query<OffenderRead>(OFFENDER, { id })).offender).toBeNull();
    });

    it("should return the offender with the sentence as recorded when asked by id", async () => {
      const offender = await createOffender(
        h,
        { name: "Sentence Offender" },
        { type: "SOPC", lengthMonths: 30, remandDays: 45, offenceCategory: "TERRORISM" },
      );
      const { offender: read } = await query<OffenderRead>(OFFENDER, { id: offender.id });
      expect(read).toMatchObject({
        id: offender.id,
        name: "Sentence Offender",
        custodyPhase: "IN_CUSTODY",
        version: 1,
        sentence: {
          type: "SOPC",
          sentenceDate: "2024-01-15",
          lengthMonths: 30,
          extensionMonths: null,
          tariffMonths: null,
          remandDays: 45,
          offenceCategory: "TERRORISM",
        },
      });
      expect(read!.prisonNumber).toMatch(/^[A-Z]\d{4}[A-Z]{2}$/);
      expect(read!.crn).toMatch(/^[A-Z]\d{6}$/);
    });

    it("should page through the offender's own cases in reference order when Offender.victimCases is asked 2 at a time", async () => {
      const offender = await createOffender(h);
      const other = await createOffender(h);
      const mine: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        mine.push((await referCase(h, offender.id)).id);
        await referCase(h, other.id);
      }
      const result = await walk(
        async (after) =>
          (await query<OffenderRead>(OFFENDER, { id: offender.id, first: 2, after })).offender!.victimCases,
        2,
      );
      expect(result).toEqual({ ids: mine, pages: 3, totalCount: 5 });
    });
  });

  describe("victimCases", () => {
    let offenderId: string;
    let statusOf: Record<string, string>;
    beforeAll(async () => {
      offenderId = (await createOffender(h)).id;
      statusOf = {};
      const add = async (victimCase: { id: string; status: string }) => {
        statusOf[victimCase.id] = (await getCase(h, victimCase.id))!.status;
      };
      for (let i = 0; i < 3; i += 1) await add(await referCase(h, offenderId));
      for (let i = 0; i < 2; i += 1) await add(await optedInCase(h, offenderId, true));
      const declined = await referCase(h, offenderId);
      await mutate(h, SEND_INVITATION, { caseId: declined.id, channel: "LETTER" });
      await mutate(h, RECORD_DECLINE, { caseId: declined.id });
      await add(declined);
      const closed = await referCase(h, offenderId);
      await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "OTHER" });
      await add(closed);
      // Another offender's cases, which the offender filter must leave out.
      const other = await createOffender(h);
      await referCase(h, other.id);
      await optedInCase(h, other.id, true);
    });

    it("should return every case of the offender in reference order across pages with no duplicates or gaps when paged 2 at a time", async () => {
      const result = await walk(
        async (after) => (await query<CaseList>(VICTIM_CASES, { first: 2, after, filter: { offenderId } })).victimCases,
        2,
      );
      expect(result.totalCount).toBe(7);
      expect(result.pages).toBe(4);
      expect(new Set(result.ids).size).toBe(7);
      expect(sorted(result.ids)).toEqual(sorted(Object.keys(statusOf)));
      const { victimCases } = await query<CaseList>(VICTIM_CASES, { first: 100, filter: { offenderId } });
      const references = victimCases.edges.map((edge) => edge.node.reference);
      expect(references).toEqual([...references].sort());
      expect(victimCases.nodes.map((node) => node.id)).toEqual(result.ids);
    });

    it("should page through every case in the database with totalCount matching the table when unfiltered", async () => {
      const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM victim_case`);
      const result = await walk(
        async (after) => (await query<CaseList>(VICTIM_CASES, { first: 3, after })).victimCases,
        3,
      );
      expect(result.totalCount).toBe(n);
      expect(result.ids).toHaveLength(n);
      expect(new Set(result.ids).size).toBe(n);
    });

    it("should return 20 cases when first is not given", async () => {
      for (let i = 0; i < 21; i += 1) await referCase(h, (await createOffender(h)).id);
      const { victimCases } = await query<CaseList>(VICTIM_CASES, {});
      expect(victimCases.edges).toHaveLength(20);
      expect(victimCases.pageInfo.hasNextPage).toBe(true);
    });

    it("should return only cases in the given statuses when filtered by a status list", async () => {
      const { victimCases } = await query<CaseList>(VICTIM_CASES, {
        first: 100,
        filter: { offenderId, status: ["REFERRED", "DECLINED"] },
      });
      expect(victimCases.totalCount).toBe(4);
      expect(sorted(victimCases.edges.map((edge) => edge.node.id))).toEqual(
        sorted(Object.keys(statusOf).filter((id) => ["REFERRED", "DECLINED"].includes(statusOf[id]))),
      );
      expect(victimCases.edges.every((edge) => ["REFERRED", "DECLINED"].includes(edge.node.status))).toBe(true);
    });

    it("should count and page a status filter across offenders when only statuses are given", async () => {
      const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM victim_case WHERE status = 'ACTIVE'`);
      expect(n).toBeGreaterThanOrEqual(3);
      const result = await walk(
        async (after) =>
          (await query<CaseList>(VICTIM_CASES, { first: 1, after, filter: { status: ["ACTIVE"] } })).victimCases,
        1,
      );
      expect(result.totalCount).toBe(n);
      expect(new Set(result.ids).size).toBe(n);
      for (const id of result.ids) expect((await getCase(h, id))!.status).toBe("ACTIVE");
    });

    it("should return all statuses when the status list is empty", async () => {
      const { victimCases } = await query<CaseList>(VICTIM_CASES, { first: 100, filter: { offenderId, status: [] } });
      expect(victimCases.totalCount).toBe(7);
    });

    it("should return an empty list when filtered by an offender that does not exist or an id of another type", async () => {
      const someCase = Object.keys(statusOf)[0];
      for (const id of [UNKNOWN_OFFENDER_ID, "nope", someCase]) {
        const { victimCases } = await query<CaseList>(VICTIM_CASES, { first: 10, filter: { offenderId: id } });
        expect(victimCases).toMatchObject({
          totalCount: 0,
          edges: [],
          pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
        });
      }
    });

    it("should return no items but say more follow when first is 0", async () => {
      const { victimCases } = await query<CaseList>(VICTIM_CASES, { first: 0, filter: { offenderId } });
      expect(victimCases).toMatchObject({ totalCount: 7, edges: [], pageInfo: { hasNextPage: true } });
    });

    it("should return an empty last page when after is the final cursor", async () => {
      const { victimCases: all } = await query<CaseList>(VICTIM_CASES, { first: 100, filter: { offenderId } });
      const { victimCases } = await query<CaseList>(VICTIM_CASES, {
        first: 5,
        after: all.pageInfo.endCursor,
        filter: { offenderId },
      });
      expect(victimCases).toMatchObject({
        totalCount: 7,
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
      });
    });

    it.each([101, 1000, -1])("should answer BAD_USER_INPUT at the top level when first is %s", async (first) => {
      await expectBadUserInput(VICTIM_CASES, { first }, ["first"]);
      await expectBadUserInput(OFFENDERS, { first }, ["first"]);
    });

    it.each([
      ["garbage", () => "not-a-cursor"],
      ["an offenders cursor", () => cursor("Offender", "00000000-0000-0000-0000-000000000000")],
      ["a cursor with no position", () => cursor("VictimCase", "")],
    ])("should answer BAD_USER_INPUT when after is %s", async (_label, after) => {
      await expectBadUserInput(VICTIM_CASES, { first: 2, after: after() }, ["after"]);
    });

    it("should answer BAD_USER_INPUT, not an empty page, when an offenders cursor is damaged", async () => {
      await expectBadUserInput(OFFENDERS, { first: 2, after: cursor("Offender", "not-a-uuid") }, ["after"]);
    });

    it("should answer BAD_USER_INPUT, not the first page again, when a history cursor is damaged", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      for (const damaged of [
        cursor("CaseTransition", "abc"),
        cursor("CaseTransition", "0"),
        cursor("CaseTransition", "-3"),
      ]) {
        await expectBadUserInput(HISTORY, { id: victimCase.id, first: 2, after: damaged }, ["after"]);
      }
    });
  });

  describe("offenders", () => {
    it("should return every offender oldest first across pages with no duplicates or gaps when paged 3 at a time", async () => {
      for (let i = 0; i < 4; i += 1) await createOffender(h);
      const rows: { id: string }[] = await h.dataSource.query(`SELECT id FROM offender ORDER BY created_at, id`);
      const result = await walk(
        async (after) => (await query<OffenderList>(OFFENDERS, { first: 3, after })).offenders,
        3,
      );
      expect(result.totalCount).toBe(rows.length);
      expect(result.ids).toEqual(rows.map((row) => globalId("Offender", row.id)));
      expect(result.pages).toBe(Math.ceil(rows.length / 3));
    });

    it.each([
      ["garbage", () => "%%%"],
      ["a victim cases cursor", () => cursor("VictimCase", "VCS-2026-000001")],
    ])("should answer BAD_USER_INPUT when after is %s", async (_label, after) => {
      await expectBadUserInput(OFFENDERS, { first: 2, after: after() }, ["after"]);
    });
  });

  describe("VictimCase.history", () => {
    it("should page through the history oldest first with sequences 1..n when asked 2 at a time", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      for (const channel of ["LETTER", "PHONE", "EMAIL"])
        await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel });
      await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
      await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "KEY_STAGES",
        channels: ["LETTER"],
      });
      await mutate(h, RECORD_OPT_OUT, { caseId: victimCase.id });

      const nodes: HistoryNode[] = [];
      const result = await walk(async (after) => {
        const page = (await query<HistoryRead>(HISTORY, { id: victimCase.id, first: 2, after })).victimCase!.history;
        nodes.push(...page.edges.map((edge) => edge.node));
        return page;
      }, 2);
      expect(result).toMatchObject({ totalCount: 7, pages: 4 });
      expect(new Set(result.ids).size).toBe(7);
      expect(nodes.map((node) => node.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(nodes.map((node) => [node.event, node.fromStatus, node.toStatus])).toEqual([
        ["REFERRED", null, "REFERRED"],
        ["SEND_INVITATION", "REFERRED", "INVITED"],
        ["SEND_INVITATION", "INVITED", "INVITED"],
        ["SEND_INVITATION", "INVITED", "INVITED"],
        ["RECORD_OPT_IN", "INVITED", "OPTED_IN"],
        ["AGREE_CONTACT_PLAN", "OPTED_IN", "ACTIVE"],
        ["RECORD_OPT_OUT", "ACTIVE", "OPTED_OUT"],
      ]);
      const times = nodes.map((node) => Date.parse(node.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(nodes.every((node) => node.actor === "test.officer")).toBe(true);
    });

    it("should answer BAD_USER_INPUT when history is asked for more than 100 or with a cursor of another list", async () => {
      const victimCase = await referCase(h, (await createOffender(h)).id);
      await expectBadUserInput(HISTORY, { id: victimCase.id, first: 101 }, ["first"]);
      await expectBadUserInput(
        HISTORY,
        { id: victimCase.id, first: 2, after: cursor("VictimCase", "VCS-2026-000001") },
        ["after"],
      );
    });
  });

  describe("VictimCase.lastTransition", () => {
    const LAST = `{ id sequence event fromStatus toStatus }`;

    it("should be the newest history entry of each case, alone or in a page, whether asked under nodes or edges", async () => {
      const offender = await createOffender(h);
      const referred = await referCase(h, offender.id);
      const invited = await referCase(h, offender.id);
      await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER" });
      const optedIn = await optedInCase(h, offender.id);
      const expected = new Map<string, unknown>();
      for (const victimCase of [referred, invited, optedIn]) {
        const history = (await query<HistoryRead>(HISTORY, { id: victimCase.id, first: 100 })).victimCase!.history;
        const { id, sequence, event, fromStatus, toStatus } = history.edges.at(-1)!.node;
        expected.set(victimCase.id, { id, sequence, event, fromStatus, toStatus });
      }

      for (const [caseId, last] of expected) {
        const one = await query<{ victimCase: { lastTransition: unknown } }>(
          `query ($id: ID!) { victimCase(id: $id) { lastTransition ${LAST} } }`,
          { id: caseId },
        );
        expect(one.victimCase.lastTransition).toEqual(last);
      }
      const page = await query<{
        victimCases: {
          nodes: { id: string; lastTransition: unknown }[];
          edges: { node: { id: string; lastTransition: unknown } }[];
        };
      }>(
        `query ($filter: VictimCaseFilter) { victimCases(first: 100, filter: $filter) { nodes { id lastTransition ${LAST} } edges { node { id lastTransition ${LAST} } } } }`,
        { filter: { offenderId: offender.id } },
      );
      const listed = new Map(page.victimCases.nodes.map((node) => [node.id, node.lastTransition]));
      expect(listed).toEqual(expected);
      expect(new Map(page.victimCases.edges.map(({ node }) => [node.id, node.lastTransition]))).toEqual(expected);
      // Three different last events: no case shows another's.
      expect([...listed.values()].map((last) => (last as { event: string }).event).sort()).toEqual([
        "RECORD_OPT_IN",
        "REFERRED",
        "SEND_INVITATION",
      ]);
    });
  });

  describe("availableActions", () => {
    const actionsOf = async (id: string) => sorted((await getCase(h, id))!.availableActions);

    it("should offer exactly the actions the status allows at each step when a case goes through its lifecycle", async () => {
      const offender = await createOffender(h);
      const { id } = await referCase(h, offender.id);
      expect(await actionsOf(id)).toEqual(["CLOSE", "SEND_INVITATION"]);
      await mutate(h, SEND_INVITATION, { caseId: id, channel: "LETTER" });
      expect(await actionsOf(id)).toEqual(["CLOSE", "RECORD_DECLINE", "RECORD_OPT_IN", "SEND_INVITATION"]);
      await mutate(h, RECORD_DECLINE, { caseId: id });
      expect(await actionsOf(id)).toEqual(["CLOSE", "RECORD_OPT_IN"]);
      await mutate(h, RECORD_OPT_IN, { caseId: id });
      expect(await actionsOf(id)).toEqual(["AGREE_CONTACT_PLAN", "CLOSE", "RECORD_OPT_OUT"]);
      await mutate(h, AGREE_CONTACT_PLAN, { caseId: id, informationLevel: "KEY_STAGES", channels: ["LETTER"] });
      expect((await getCase(h, id))!.status).toBe("ACTIVE");
      expect(await actionsOf(id)).toEqual(["AGREE_CONTACT_PLAN", "CLOSE", "RECORD_OPT_OUT"]);
      await mutate(h, RECORD_OPT_OUT, { caseId: id });
      expect(await actionsOf(id)).toEqual(["CLOSE", "RECORD_OPT_IN"]);
      await mutate(h, CLOSE_CASE, { caseId: id, reason: "VICTIM_REQUEST" });
      expect(await actionsOf(id)).toEqual([]);
    });

    it("should offer the engaged actions when the case follows the offender into PAROLE", async () => {
      const offender = await createOffender(h, {}, { type: "EDS", lengthMonths: 60, extensionMonths: 24 });
      const victimCase = await optedInCase(h, offender.id, true);
      await mutate(
        h,
        `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
        {
          offenderId: offender.id,
          type: "REFERRED_TO_PAROLE_BOARD",
          occurredOn: "2026-02-01",
        },
      );
      const read = (await getCase(h, victimCase.id))!;
      expect(read.status).toBe("PAROLE");
      expect(sorted(read.availableActions)).toEqual(["AGREE_CONTACT_PLAN", "CLOSE", "RECORD_OPT_OUT"]);
    });

    it("should not offer SEND_INVITATION when the contact has no way to be reached", async () => {
      const victimCase = await referCase(h, (await createOffender(h)).id, {
        contact: contactInput({ email: null, phone: null, address: null }),
      });
      expect(await actionsOf(victimCase.id)).toEqual(["CLOSE"]);
    });
  });
});
