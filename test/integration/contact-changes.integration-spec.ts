import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { toGlobalId } from "../../src/domain/ids/global-id";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  createOffender,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_IN,
  referCase,
  SEND_INVITATION,
  type UserError,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// Contact details change (issue 12 §1-2): updateCaseContact and removeCaseContact through the
// pipeline, the channels a case can reach its contacts by following every change, and news still
// waiting for a detail taking the new one.

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
const ERRORS = `userErrors { code message field }`;
const CASE_VIEW = `id status version availableActions blockedActions { action reasons { code message field } } contacts { id role name email phone address { postcode } }
  history(first: 100) { nodes { event reason } }`;
const ADD = `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { victimCase { ${CASE_VIEW} } ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateCaseContactInput!) { updateCaseContact(input: $input) { victimCase { ${CASE_VIEW} } transition { event reason } ${ERRORS} } }`;
const REMOVE = `mutation ($input: RemoveCaseContactInput!) { removeCaseContact(input: $input) { victimCase { ${CASE_VIEW} } transition { event reason } ${ERRORS} } }`;
const CASE = `query ($id: ID!) { victimCase(id: $id) { ${CASE_VIEW} notifications { kind channel status } } }`;

interface CaseView {
  id: string;
  status: string;
  version: number;
  availableActions: string[];
  blockedActions: { action: string; reasons: UserError[] }[];
  contacts: {
    id: string;
    role: string;
    name: string;
    email: string | null;
    phone: string | null;
    address: { postcode: string } | null;
  }[];
  history: { nodes: { event: string; reason: string | null }[] };
  notifications?: { kind: string; channel: string; status: string }[];
}
interface ContactPayload {
  victimCase: CaseView | null;
  transition?: { event: string; reason: string | null } | null;
  userErrors: UserError[];
}

const NEW_EMAIL = "moved.victim@example.org";
const NEW_ADDRESS = { line1: "9 Larkspur Close", town: "Wetherby", postcode: "LS22 6RT" };
const LONDON_VLO = asUser("contact.changes.london.vlo", [Role.VLO], Region.LONDON);

describe.each(ENGINES)("changing a case's contacts (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
  });
  afterAll(() => h.close());

  async function run(query: string, input: Record<string, unknown>, as?: TestCaller): Promise<ContactPayload> {
    const result = await h.run<Record<string, ContactPayload>>(query, { input }, as);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0];
  }
  async function caseOf(id: string, as?: TestCaller): Promise<CaseView> {
    return (await h.run<{ victimCase: CaseView }>(CASE, { id }, as)).data!.victimCase;
  }

  /** Everything a refused change must leave as it was. */
  async function footprint(caseId: string) {
    const [row] = await h.dataSource.query(
      `SELECT c."version", c."context",
              (SELECT json_agg(json_build_object('id', k."id", 'email', k."email", 'phone', k."phone", 'address', k."address") ORDER BY k."id") FROM "case_contact" k WHERE k."case_id" = c."id") AS "contacts",
              (SELECT count(*)::int FROM "case_transition" t WHERE t."case_id" = c."id") AS "history",
              (SELECT count(*)::int FROM "access_log") AS "logged"
         FROM "victim_case" c WHERE c."id" = $1`,
      [databaseId(caseId)],
    );
    return row;
  }

  async function expectRefused(
    caseId: string,
    query: string,
    input: Record<string, unknown>,
    error: Partial<UserError>,
    as?: TestCaller,
  ): Promise<void> {
    const before = await footprint(caseId);
    const payload = await run(query, input, as);
    expect(payload.userErrors).toEqual([expect.objectContaining(error)]);
    expect(payload.victimCase).toBeNull();
    expect(await footprint(caseId)).toEqual(before);
  }

  describe("a case that could not move", () => {
    it("should offer no invitation to a victim referred with a name only, and offer it once a contact's address is added", async () => {
      const victimCase = await referCase(h, offenderId, {
        contact: { role: "VICTIM", name: "Name Only" },
      });
      expect((await caseOf(victimCase.id)).availableActions).toEqual(["CLOSE"]);

      const added = await run(ADD, {
        caseId: victimCase.id,
        contact: { role: "REPRESENTATIVE", name: "A Solicitor", address: NEW_ADDRESS },
      });

      expect(added.victimCase!.availableActions).toContain("SEND_INVITATION");
      expect(added.victimCase!.blockedActions.map((blocked) => blocked.action)).not.toContain("SEND_INVITATION");
      const invited = await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      expect(invited.userErrors).toEqual([]);
      expect(invited.victimCase!.status).toBe("INVITED");
    });
  });

  describe("blockedActions", () => {
    it("should say why each disabled action is refused, with the very userError its mutation answers", async () => {
      const victimCase = await referCase(h, offenderId, { contact: { role: "VICTIM", name: "Name Only" } });
      const view = await caseOf(victimCase.id, asUser("contact.changes.vlo", [Role.VLO]));
      const blocked = new Map(view.blockedActions.map((entry) => [entry.action, entry.reasons]));

      expect(blocked.get("SEND_INVITATION")).toEqual([
        {
          code: "INVALID_INPUT",
          message: expect.stringContaining("no contact on the case has an address, a phone number or an email address"),
          field: ["input", "channel"],
        },
      ]);
      expect(blocked.get("RECORD_OPT_IN")).toEqual([
        {
          code: "TRANSITION_NOT_ALLOWED",
          message: "The case is REFERRED; RECORD_OPT_IN (recordOptIn) needs INVITED, DECLINED or OPTED_OUT.",
          field: ["input", "caseId"],
        },
      ]);
      // A VLO may not close a case: a manager's permission.
      expect(blocked.get("CLOSE")).toEqual([
        { code: "FORBIDDEN", message: expect.stringContaining("CLOSE_CASES"), field: null },
      ]);
      for (const channel of ["LETTER", "EMAIL"]) {
        const refused = await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel });
        expect(refused.userErrors).toEqual(blocked.get("SEND_INVITATION"));
      }
      const optIn = await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
      expect(optIn.userErrors).toEqual(blocked.get("RECORD_OPT_IN"));
    });

    it("should list every action either as available or as blocked, never both, in every status", async () => {
      const cases = [await referCase(h, offenderId)];
      const invited = await referCase(h, offenderId);
      await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER" });
      const closed = await referCase(h, offenderId);
      await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "OTHER" });
      cases.push(invited, closed);
      for (const { id } of cases) {
        const view = await caseOf(id);
        const blocked = view.blockedActions.map((entry) => entry.action);
        expect([...view.availableActions, ...blocked].sort()).toEqual([
          "AGREE_CONTACT_PLAN",
          "CLOSE",
          "RECORD_DECLINE",
          "RECORD_OPT_IN",
          "RECORD_OPT_OUT",
          "SEND_INVITATION",
        ]);
        for (const entry of view.blockedActions) expect(entry.reasons.length).toBeGreaterThan(0);
      }
    });
  });

  describe("updateCaseContact", () => {
    it("should replace and clear fields, seal them, and record the field names only in the history and access log", async () => {
      const victimCase = await referCase(h, offenderId);
      const [contact] = (await caseOf(victimCase.id)).contacts;

      const payload = await run(UPDATE, {
        contactId: contact.id,
        expectedVersion: victimCase.version,
        set: { email: NEW_EMAIL, address: NEW_ADDRESS },
        clear: ["PHONE"],
      });

      expect(payload.userErrors).toEqual([]);
      expect(payload.victimCase!.version).toBe(victimCase.version + 1);
      expect(payload.victimCase!.contacts[0]).toMatchObject({
        email: NEW_EMAIL,
        phone: null,
        address: { postcode: NEW_ADDRESS.postcode },
      });
      expect(payload.transition).toEqual({ event: "CONTACT_UPDATED", reason: "VICTIM" });
      const [history] = await h.dataSource.query(
        `SELECT "payload" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'CONTACT_UPDATED'`,
        [databaseId(victimCase.id)],
      );
      expect(history.payload).toEqual({
        contactId: databaseId(contact.id),
        role: "VICTIM",
        fields: ["address", "email", "phone"],
      });
      const [logged] = await h.dataSource.query(
        `SELECT "action", "fields" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'updateCaseContact'`,
        [databaseId(victimCase.id)],
      );
      expect(logged).toEqual({ action: "CHANGE", fields: ["contact.address", "contact.email", "contact.phone"] });
      const [raw] = await h.dataSource.query(
        `SELECT "email"::text, "address"::text FROM "case_contact" WHERE "id" = $1`,
        [databaseId(contact.id)],
      );
      expect(JSON.stringify(raw)).not.toContain("moved.victim");
      expect(JSON.stringify(raw)).not.toContain("Larkspur");
      // The case can no longer be reached by phone.
      const [row] = await h.dataSource.query(`SELECT "context" FROM "victim_case" WHERE "id" = $1`, [
        databaseId(victimCase.id),
      ]);
      expect(row.context.reachableChannels).toEqual(["LETTER", "EMAIL"]);
    });

    it("should answer an unknown or malformed contact id, and another region's contact, with NOT_FOUND and write nothing", async () => {
      const victimCase = await referCase(h, offenderId);
      const [contact] = (await caseOf(victimCase.id)).contacts;
      const missing = toGlobalId("CaseContact", "00000000-0000-0000-0000-000000000000");
      for (const contactId of [missing, "not-an-id", victimCase.id])
        await expectRefused(
          victimCase.id,
          UPDATE,
          { contactId, set: { email: NEW_EMAIL } },
          {
            code: "NOT_FOUND",
            field: ["input", "contactId"],
          },
        );
      await expectRefused(
        victimCase.id,
        UPDATE,
        { contactId: contact.id, set: { email: NEW_EMAIL } },
        { code: "NOT_FOUND", field: ["input", "contactId"] },
        LONDON_VLO,
      );
    });

    it("should refuse a closed case, a stale version, a field both set and cleared, and nothing to change, writing nothing", async () => {
      const victimCase = await referCase(h, offenderId);
      const [contact] = (await caseOf(victimCase.id)).contacts;
      await expectRefused(
        victimCase.id,
        UPDATE,
        { contactId: contact.id, expectedVersion: victimCase.version + 1, set: { email: NEW_EMAIL } },
        { code: "STALE_VERSION" },
      );
      await expectRefused(
        victimCase.id,
        UPDATE,
        { contactId: contact.id, set: { email: NEW_EMAIL }, clear: ["EMAIL"] },
        { code: "INVALID_INPUT", field: ["input", "clear"] },
      );
      await expectRefused(
        victimCase.id,
        UPDATE,
        { contactId: contact.id },
        { code: "INVALID_INPUT", field: ["input"] },
      );

      await mutate(h, CLOSE_CASE, { caseId: victimCase.id, reason: "OTHER" });
      await expectRefused(
        victimCase.id,
        UPDATE,
        { contactId: contact.id, set: { email: NEW_EMAIL } },
        { code: "TRANSITION_NOT_ALLOWED", field: ["input", "caseId"] },
      );
    });

    it("should refuse a malformed value as BAD_USER_INPUT at its field, without echoing it", async () => {
      const victimCase = await referCase(h, offenderId);
      const [contact] = (await caseOf(victimCase.id)).contacts;
      const before = await footprint(victimCase.id);

      const result = await h.run(UPDATE, { input: { contactId: contact.id, set: { email: "not@@an-email" } } });

      expect(result.errors![0].extensions!.fields).toEqual([
        expect.objectContaining({ field: ["input", "set", "email"], constraints: ["isEmail"] }),
      ]);
      expect(JSON.stringify(result)).not.toContain("not@@an-email");
      expect(await footprint(victimCase.id)).toEqual(before);
    });

    it("should replay a change sent again with the same idempotency key, once", async () => {
      const victimCase = await referCase(h, offenderId);
      const [contact] = (await caseOf(victimCase.id)).contacts;
      const input = { contactId: contact.id, set: { phone: "07700 900456" }, idempotencyKey: `phone-${contact.id}` };

      const first = await run(UPDATE, input);
      const again = await run(UPDATE, input);

      expect(again).toEqual(first);
      const events = (await caseOf(victimCase.id)).history.nodes.map((node) => node.event);
      expect(events.filter((event) => event === "CONTACT_UPDATED")).toHaveLength(1);
    });

    it("should send news that waited for a detail by the channel the new detail opens", async () => {
      const victimCase = await referCase(h, offenderId);
      await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
      await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "KEY_STAGES",
        channels: ["EMAIL", "LETTER"],
      });
      const [contact] = (await caseOf(victimCase.id)).contacts;
      // The victim's email bounces and they have moved: the officer clears both.
      await run(UPDATE, { contactId: contact.id, clear: ["EMAIL", "ADDRESS"] });
      await mutate(h, RECORD_CUSTODY_EVENT, { offenderId, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-02-02" });
      const waiting = (await caseOf(victimCase.id)).notifications!.find((n) => n.kind === "OPEN_CONDITIONS")!;
      expect(waiting).toEqual({ kind: "OPEN_CONDITIONS", channel: "LETTER", status: "DUE" });

      await run(UPDATE, { contactId: contact.id, set: { email: NEW_EMAIL } });

      const open = (await caseOf(victimCase.id)).notifications!.find((n) => n.kind === "OPEN_CONDITIONS")!;
      expect(open).toEqual({ kind: "OPEN_CONDITIONS", channel: "EMAIL", status: "DUE" });
    });
  });

  describe("removeCaseContact", () => {
    it("should take a carer off the case, deleting their details, logged as an erasure", async () => {
      const victimCase = await referCase(h, offenderId);
      const added = await run(ADD, {
        caseId: victimCase.id,
        contact: contactInput({ role: "CARER", name: "Carer Person" }),
      });
      const carer = added.victimCase!.contacts.find((contact) => contact.role === "CARER")!;

      const payload = await run(REMOVE, { contactId: carer.id, expectedVersion: added.victimCase!.version });

      expect(payload.userErrors).toEqual([]);
      expect(payload.victimCase!.contacts.map((contact) => contact.role)).toEqual(["VICTIM"]);
      expect(payload.transition).toEqual({ event: "CONTACT_REMOVED", reason: "CARER" });
      expect(await h.dataSource.query(`SELECT 1 FROM "case_contact" WHERE "id" = $1`, [databaseId(carer.id)])).toEqual(
        [],
      );
      const [logged] = await h.dataSource.query(
        `SELECT "action", "fields" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'removeCaseContact'`,
        [databaseId(victimCase.id)],
      );
      expect(logged).toEqual({ action: "ERASE", fields: ["contact"] });
    });

    it("should refuse to remove the case's only contact, or its last VICTIM contact, with LAST_VICTIM_CONTACT", async () => {
      const victimCase = await referCase(h, offenderId);
      const [victim] = (await caseOf(victimCase.id)).contacts;
      await expectRefused(
        victimCase.id,
        REMOVE,
        { contactId: victim.id },
        {
          code: "LAST_VICTIM_CONTACT",
          field: ["input", "contactId"],
        },
      );

      await run(ADD, { caseId: victimCase.id, contact: contactInput({ role: "PARENT_GUARDIAN", name: "A Parent" }) });

      await expectRefused(victimCase.id, REMOVE, { contactId: victim.id }, { code: "LAST_VICTIM_CONTACT" });
    });
  });
});
