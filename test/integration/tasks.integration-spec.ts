import type { DataSource } from "typeorm";
import { londonDate } from "../../src/domain/calendar/london-date";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { addDays } from "../../src/domain/calendar/calendar";
import { toGlobalId } from "../../src/domain/ids/global-id";
import { runDueTimers, TIMER_ACTOR } from "../../src/services/work/timer-runner";
import { invitationExpiresOn, invitationFollowUpOn } from "../../src/services/work/timer-schedule";
import { addWorkingDays } from "../../src/domain/calendar/working-days";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  contactInput,
  createOffender,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  REFER,
  referCase,
  rootField,
  SEND_INVITATION,
  successfulStep,
  type CasePayload,
  type Payload,
  LIFE_SENTENCE as LIFE,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type JsonValue, type TestCaller } from "../support/harness";

// Officer tasks through GraphQL: what raises each kind (a referral, a timer on the follow-up day
// or the victim's 18th birthday, a statement invited for a hearing), what closes it in the same
// transaction (an invitation, a reply, a statement sent, a decision, an opt-out, a closure), the
// officer's completeTask with its refusals, and the work queue that lists tasks with notifications.

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
/** Noon in London on a day: any instant of the day fires that day's timers. */
const on = (day: string) => new Date(`${day}T12:00:00Z`);
const today = () => londonDate();

const TASK = `id kind status dueOn overdue raisedAt closedAt closedBy closedReason needsReasonToComplete version availableActions victimCase { id } paroleReview { id }`;
const CASE_TASKS = `query ($id: ID!) { victimCase(id: $id) { id status version tasks { ${TASK} } history(first: 100) { nodes { event actor reason } } } }`;
// The officer's note on a history row is personal data (READ_PERSONAL_DATA): asked for only where it is the point.
const CASE_NOTES = `query ($id: ID!) { victimCase(id: $id) { history(first: 100) { nodes { event actor reason note } } } }`;
const ERRORS = `userErrors { code message field }`;
const COMPLETE = `mutation ($input: CompleteTaskInput!) { completeTask(input: $input) { task { ${TASK} } victimCase { id version } transition { event actor } ${ERRORS} } }`;
const CANCEL = `mutation ($input: CancelTaskInput!) { cancelTask(input: $input) { task { ${TASK} } victimCase { id version } transition { event actor } ${ERRORS} } }`;
const ADD_CONTACT = `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { victimCase { id version contacts { role } } transition { event reason } ${ERRORS} } }`;
const WORK_QUEUE = `query ($first: Int, $after: String, $filter: WorkQueueFilter) {
  workQueue(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id action dueOn overdue urgent notification { id kind } task { id kind status } victimCase { id } } }
  }
}`;
const REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id status } } }`;
const SCHEDULE = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { ${ERRORS} } }`;
const INVITE_STATEMENT = `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { ${ERRORS} } }`;
const SUBMIT_STATEMENT = `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { ${ERRORS} } }`;
const PAROLE_DECISION = `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { ${ERRORS} } }`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { ${ERRORS} } }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on Task { kind status victimCase { id } } } }`;

const LONDON_VLO = asUser("tasks.london.vlo", [Role.VLO], Region.LONDON);
const ALL_CASE_ROLES = [Role.VLO, Role.MANAGER, Role.CUSTODY_FEED];

interface Task {
  id: string;
  kind: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  raisedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closedReason: string | null;
  version: number;
  availableActions: string[];
  victimCase: { id: string };
  paroleReview: { id: string } | null;
}

/** COMPLETE. */
interface CompletePayload extends Payload {
  task: Task | null;
  victimCase: { id: string; version: number } | null;
  transition: { event: string; actor: string } | null;
}
/** ADD_CONTACT. */
interface AddContactPayload extends Payload {
  victimCase: { id: string; version: number; contacts: { role: string }[] } | null;
  transition: { event: string; reason: string | null } | null;
}
/** REVIEWS's offender. */
interface Reviews {
  paroleReviews: { id: string; status: string }[];
}

interface WorkItem {
  id: string;
  action: string;
  dueOn: string;
  overdue: boolean;
  urgent: boolean;
  notification: { id: string; kind: string } | null;
  task: { id: string; kind: string; status: string } | null;
  victimCase: { id: string };
}

/**
 * Born on 1 June 2008: 18 on 1 June 2026, after the test referrals of 10 January 2026 and before
 * any day these tests run. A child who came of age in the scheme, while a guardian was acting.
 */
const CAME_OF_AGE_SINCE_REFERRAL = "2008-06-01";

/** The date of birth of someone who turns 18 `days` from today (never a 29 February, which would not exist 18 years earlier). */
function bornToTurn18In(days: number): string {
  let birthday = addDays(today(), days);
  if (birthday.endsWith("-02-29")) birthday = addDays(birthday, 1);
  return `${Number(birthday.slice(0, 4)) - 18}${birthday.slice(4)}`;
}

describe.each(ENGINES)("officer tasks (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  const run = <T = JsonValue>(query: string, variables: Record<string, unknown>, as?: TestCaller) =>
    rootField<T>(h, query, variables, as);
  const step = <T extends Payload = Payload>(mutation: string, input: Record<string, unknown>, as?: TestCaller) =>
    successfulStep<T>(h, mutation, input, as);

  async function caseOf(
    caseId: string,
    as?: TestCaller,
  ): Promise<{
    id: string;
    status: string;
    version: number;
    tasks: Task[];
    history: { nodes: { event: string; actor: string; reason: string | null }[] };
  }> {
    return run(CASE_TASKS, { id: caseId }, as);
  }

  async function notesOf(
    caseId: string,
  ): Promise<{ event: string; actor: string; reason: string | null; note: string | null }[]> {
    const read = await run<{
      history: { nodes: { event: string; actor: string; reason: string | null; note: string | null }[] };
    }>(CASE_NOTES, { id: caseId });
    return read.history.nodes;
  }

  const tasksOf = async (caseId: string) => (await caseOf(caseId)).tasks;
  const taskOf = async (caseId: string, kind: string) => {
    const found = (await tasksOf(caseId)).filter((task) => task.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };

  const timersOf = async (caseId: string) =>
    h.dataSource.query(
      `SELECT "kind", "due_on"::text AS "due_on", "status" FROM "timer" WHERE "subject_id" = $1 ORDER BY "due_on", "kind"`,
      [databaseId(caseId)],
    ) as Promise<{ kind: string; due_on: string; status: string }[]>;

  async function queue(
    filter: Record<string, unknown>,
    as?: TestCaller,
    first = 100,
    after: string | null = null,
  ): Promise<{
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: WorkItem }[];
  }> {
    return run(WORK_QUEUE, { first, after, filter }, as);
  }

  /** A referral made by `as`, so the case is theirs. */
  async function referAs(
    offenderId: string,
    overrides: Record<string, unknown>,
    as: TestCaller,
  ): Promise<{ id: string }> {
    return (
      await step<CasePayload>(
        REFER,
        { offenderId, referredOn: "2026-01-10", contact: contactInput(), ...overrides },
        as,
      )
    ).victimCase!;
  }

  const officerIdOf = async (as: TestCaller) =>
    (await run<{ officer: { id: string } | null }>(`{ viewer { officer { id } } }`, {}, as)).officer!.id as string;

  /** What a refused step must leave as it was. */
  async function footprint(caseId: string) {
    const [row] = await h.dataSource.query(
      `SELECT c."version", (SELECT count(*)::int FROM "case_transition" t WHERE t."case_id" = c."id") AS "history",
              (SELECT json_agg(json_build_object('status', k."status", 'version', k."version") ORDER BY k."id") FROM "task" k WHERE k."case_id" = c."id") AS "tasks",
              (SELECT count(*)::int FROM "access_log" WHERE "action" <> 'READ') AS "changes", (SELECT count(*)::int FROM "idempotency_key") AS "keys"
         FROM "victim_case" c WHERE c."id" = $1`,
      [databaseId(caseId)],
    );
    return row;
  }

  async function expectRefused(
    caseId: string,
    input: Record<string, unknown>,
    code: string,
    as?: TestCaller,
  ): Promise<CompletePayload> {
    const before = await footprint(caseId);
    const payload = await run<CompletePayload>(COMPLETE, { input }, as);
    expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(payload).toMatchObject({ task: null, victimCase: null, transition: null });
    expect(await footprint(caseId)).toEqual(before);
    return payload;
  }

  /** A case whose parent or guardian was referred, and the child victim added with their date of birth. */
  async function childVictimCase(victimBorn: string, as?: TestCaller): Promise<{ caseId: string; offenderId: string }> {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id, {
      contact: contactInput({ role: "PARENT_GUARDIAN", dateOfBirth: "1979-04-02" }),
    });
    const added = await step<AddContactPayload>(
      ADD_CONTACT,
      { caseId: victimCase.id, contact: { role: "VICTIM", name: "Child Victim", dateOfBirth: victimBorn } },
      as,
    );
    expect(added.transition).toEqual({ event: "CONTACT_ADDED", reason: "VICTIM" });
    expect(added.victimCase!.contacts.map((contact: { role: string }) => contact.role)).toEqual([
      "PARENT_GUARDIAN",
      "VICTIM",
    ]);
    return { caseId: victimCase.id, offenderId: offender.id };
  }

  /** A child victim who turns 18 today: the task is raised at once. */
  async function cameOfAgeToday(): Promise<{ caseId: string; task: Task }> {
    const { caseId } = await childVictimCase(bornToTurn18In(0));
    return { caseId, task: await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY") };
  }

  // ---------------------------------------------------------------------------------------------

  describe("first contact", () => {
    it("should raise FIRST_CONTACT at referral, due 20 working days after it, and list it on the work queue as SEND_INVITATION", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id, { referredOn: "2026-01-10" });

      const task = await taskOf(victimCase.id, "FIRST_CONTACT");

      // Saturday 10 January 2026 + 20 working days: Jan 12-16 (5), 19-23 (10), 26-30 (15), Feb 2-6 (20) → Friday 6 February.
      expect(task).toMatchObject({
        status: "OPEN",
        dueOn: "2026-02-06",
        overdue: true,
        closedAt: null,
        closedBy: null,
        closedReason: null,
        version: 1,
        availableActions: ["COMPLETE", "CANCEL"],
        victimCase: { id: victimCase.id },
        paroleReview: null,
      });
      const items = (await queue({ taskKinds: ["FIRST_CONTACT"], dueWithinWorkingDays: 0 })).edges.map(
        (edge) => edge.node,
      );
      expect(items.find((item) => item.id === task.id)).toEqual({
        id: task.id,
        action: "SEND_INVITATION",
        dueOn: "2026-02-06",
        overdue: true,
        urgent: false,
        notification: null,
        task: { id: task.id, kind: "FIRST_CONTACT", status: "OPEN" },
        victimCase: { id: victimCase.id },
      });
    });

    it("should close FIRST_CONTACT with the first invitation, in its transaction, and take it off the work queue", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      const open = await taskOf(victimCase.id, "FIRST_CONTACT");

      // A refused invitation writes nothing, so the task stays open.
      const refused = await run<CasePayload>(SEND_INVITATION, {
        input: { caseId: victimCase.id, channel: "LETTER", expectedVersion: 99 },
      });
      expect(refused.userErrors[0].code).toBe("STALE_VERSION");
      expect(await taskOf(victimCase.id, "FIRST_CONTACT")).toEqual(open);

      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });

      const done = await taskOf(victimCase.id, "FIRST_CONTACT");
      expect(done).toMatchObject({
        status: "DONE",
        overdue: false,
        closedBy: "test.officer",
        closedReason: "SEND_INVITATION",
        version: 2,
      });
      expect(done.closedAt).not.toBeNull();
      const items = (await queue({ taskKinds: ["FIRST_CONTACT"] })).edges.map((edge) => edge.node.id);
      expect(items).not.toContain(done.id);
    });

    it("should refuse completeTask without a reason on a task that closes with its own step, and write nothing", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      const task = await taskOf(victimCase.id, "FIRST_CONTACT");

      const payload = await expectRefused(victimCase.id, { taskId: task.id }, "INVALID_INPUT");

      expect(payload.userErrors[0]).toEqual({
        code: "INVALID_INPUT",
        message: expect.stringContaining("sendInvitation"),
        field: ["input", "reason"],
      });
    });

    it("should cancel FIRST_CONTACT when the case is closed before the invitation", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);

      await step(CLOSE_CASE, { caseId: victimCase.id, reason: "INELIGIBLE" });

      expect(await taskOf(victimCase.id, "FIRST_CONTACT")).toMatchObject({
        status: "CANCELLED",
        closedBy: "test.officer",
        closedReason: "CLOSE",
        availableActions: [],
      });
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("invitation follow-up", () => {
    async function invited() {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      return { caseId: victimCase.id, followUpOn: invitationFollowUpOn(today()), offenderId: offender.id };
    }

    it("should set the follow-up timer with the expiry timer at the first invitation, and raise the task on its day, once", async () => {
      const { caseId, followUpOn } = await invited();
      expect(await timersOf(caseId)).toEqual([
        { kind: "INVITATION_FOLLOW_UP", due_on: followUpOn, status: "PENDING" },
        { kind: "INVITATION_EXPIRY", due_on: addDays(invitationExpiresOn(today()), 1), status: "PENDING" },
      ]);

      await runDueTimers(h.dataSource, on(addDays(followUpOn, -1)));
      expect((await tasksOf(caseId)).filter((task) => task.kind === "INVITATION_FOLLOW_UP")).toEqual([]);

      await runDueTimers(h.dataSource, on(followUpOn));
      await runDueTimers(h.dataSource, on(followUpOn));

      const task = await taskOf(caseId, "INVITATION_FOLLOW_UP");
      expect(task).toMatchObject({
        status: "OPEN",
        dueOn: followUpOn,
        overdue: false,
        availableActions: ["COMPLETE", "CANCEL"],
      });
      expect((await timersOf(caseId))[0]).toEqual({
        kind: "INVITATION_FOLLOW_UP",
        due_on: followUpOn,
        status: "FIRED",
      });
      const item = (await queue({ taskKinds: ["INVITATION_FOLLOW_UP"] })).edges.find(
        (edge) => edge.node.id === task.id,
      )!.node;
      expect(item).toMatchObject({
        action: "SEND_FOLLOW_UP_INVITATION",
        dueOn: followUpOn,
        task: { kind: "INVITATION_FOLLOW_UP" },
      });
    });

    it("should mark the follow-up done by the follow-up invitation", async () => {
      const { caseId, followUpOn } = await invited();
      await runDueTimers(h.dataSource, on(followUpOn));

      await step(SEND_INVITATION, { caseId, channel: "EMAIL" });

      expect(await taskOf(caseId, "INVITATION_FOLLOW_UP")).toMatchObject({
        status: "DONE",
        closedReason: "SEND_INVITATION",
        closedBy: "test.officer",
      });
    });

    it.each([
      ["an opt-in", RECORD_OPT_IN, "RECORD_OPT_IN"],
      ["a decline", RECORD_DECLINE, "RECORD_DECLINE"],
    ])("should cancel the follow-up on %s", async (_label, mutation, reason) => {
      const { caseId, followUpOn } = await invited();
      await runDueTimers(h.dataSource, on(followUpOn));

      await step(mutation, { caseId });

      expect(await taskOf(caseId, "INVITATION_FOLLOW_UP")).toMatchObject({ status: "CANCELLED", closedReason: reason });
    });

    it("should cancel the follow-up when the invitation expires, by SYSTEM", async () => {
      const { caseId, followUpOn } = await invited();
      await runDueTimers(h.dataSource, on(followUpOn));

      await runDueTimers(h.dataSource, on(addDays(invitationExpiresOn(today()), 1)));

      expect((await caseOf(caseId)).status).toBe("DECLINED");
      expect(await taskOf(caseId, "INVITATION_FOLLOW_UP")).toMatchObject({
        status: "CANCELLED",
        closedReason: "INVITATION_EXPIRED",
        closedBy: TIMER_ACTOR,
      });
    });

    it.each([
      ["the victim replied", async (caseId: string) => step(RECORD_OPT_IN, { caseId })],
      ["the follow-up was sent early", async (caseId: string) => step(SEND_INVITATION, { caseId, channel: "LETTER" })],
      ["the case was closed", async (caseId: string) => step(CLOSE_CASE, { caseId, reason: "OTHER" })],
    ])("should skip the follow-up timer, raising nothing, when %s before its day", async (_label, moveOn) => {
      const { caseId, followUpOn } = await invited();
      await moveOn(caseId);

      await runDueTimers(h.dataSource, on(followUpOn));

      expect((await tasksOf(caseId)).filter((task) => task.kind === "INVITATION_FOLLOW_UP")).toEqual([]);
      expect((await timersOf(caseId)).find((timer) => timer.kind === "INVITATION_FOLLOW_UP")!.status).toBe("SKIPPED");
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("personal statement", () => {
    /** A LIFE offender referred to the Board, with an engaged case; the review. */
    async function underReview() {
      const offender = await createOffender(h, {}, LIFE);
      const victimCase = await referCase(h, offender.id);
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await step(RECORD_OPT_IN, { caseId: victimCase.id });
      await step(AGREE_CONTACT_PLAN, { caseId: victimCase.id, informationLevel: "KEY_STAGES", channels: ["LETTER"] });
      await step(RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "REFERRED_TO_PAROLE_BOARD",
        occurredOn: addDays(today(), -10),
      });
      const [review] = (await run<Reviews | null>(REVIEWS, { id: offender.id }))!.paroleReviews;
      return { offenderId: offender.id, caseId: victimCase.id, reviewId: review.id as string };
    }

    const statementTask = async (caseId: string) =>
      (await tasksOf(caseId)).filter((task) => task.kind === "PERSONAL_STATEMENT");

    it("should raise the task when the hearing is set for an invited statement, move it with the hearing, and close it when the statement is sent", async () => {
      const { caseId, reviewId } = await underReview();
      await step(INVITE_STATEMENT, { caseId, paroleReviewId: reviewId });
      // No hearing yet, so no deadline: no task.
      expect(await statementTask(caseId)).toEqual([]);

      const hearing = addDays(today(), 90);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: hearing, hearingType: "ORAL" });
      const [raised] = await statementTask(caseId);
      expect(raised).toMatchObject({
        status: "OPEN",
        dueOn: addDays(hearing, -28),
        version: 1,
        paroleReview: { id: reviewId },
      });

      const moved = addDays(today(), 120);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: moved, hearingType: "ORAL" });
      expect(await statementTask(caseId)).toEqual([{ ...raised, dueOn: addDays(moved, -28), version: 2 }]);
      const item = (await queue({ taskKinds: ["PERSONAL_STATEMENT"] })).edges.find(
        (edge) => edge.node.id === raised.id,
      )!.node;
      expect(item).toMatchObject({ action: "SUBMIT_PERSONAL_STATEMENT", dueOn: addDays(moved, -28) });
      await expectRefused(caseId, { taskId: raised.id }, "INVALID_INPUT");

      await step(SUBMIT_STATEMENT, {
        caseId,
        paroleReviewId: reviewId,
        format: "READ_BY_PANEL",
        text: "How it changed my life.",
      });

      expect(await statementTask(caseId)).toEqual([
        expect.objectContaining({
          id: raised.id,
          status: "DONE",
          closedReason: "PERSONAL_STATEMENT_SUBMITTED",
          version: 3,
        }),
      ]);
    });

    it("should raise the task at the invitation when the hearing is already set, and cancel it when the Board decides", async () => {
      const { caseId, reviewId } = await underReview();
      const hearing = addDays(today(), 60);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: hearing, hearingType: "PAPER" });

      await step(INVITE_STATEMENT, { caseId, paroleReviewId: reviewId });
      expect(await statementTask(caseId)).toEqual([
        expect.objectContaining({ status: "OPEN", dueOn: addDays(hearing, -28) }),
      ]);

      await step(PAROLE_DECISION, { paroleReviewId: reviewId, outcome: "NO_RELEASE", issuedOn: today() });

      expect(await statementTask(caseId)).toEqual([
        expect.objectContaining({ status: "CANCELLED", closedReason: "PAROLE_DECISION" }),
      ]);
    });

    it("should raise the statement task afresh, due by the hearing as it stands, when the victim opts back in while the statement is still invited", async () => {
      const { caseId, reviewId } = await underReview();
      const hearing = addDays(today(), 60);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: hearing, hearingType: "ORAL" });
      await step(INVITE_STATEMENT, { caseId, paroleReviewId: reviewId });
      const [first] = await statementTask(caseId);
      await step(RECORD_OPT_OUT, { caseId });
      // The hearing moves while the victim is out of the scheme.
      const moved = addDays(today(), 90);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: moved, hearingType: "ORAL" });
      const cancelled = {
        ...first,
        status: "CANCELLED",
        closedReason: "RECORD_OPT_OUT",
        closedBy: "test.officer",
        closedAt: expect.any(String),
        version: 2,
        availableActions: [],
      };
      expect(await statementTask(caseId)).toEqual([cancelled]);

      await step(RECORD_OPT_IN, { caseId });

      const tasks = await statementTask(caseId);
      expect(tasks).toHaveLength(2);
      // The cancelled task keeps its record; a new one is open.
      expect(tasks.find((task) => task.id === first.id)).toEqual(cancelled);
      const again = tasks.find((task) => task.id !== first.id)!;
      expect(again).toMatchObject({
        status: "OPEN",
        dueOn: addDays(moved, -28),
        version: 1,
        closedAt: null,
        paroleReview: { id: reviewId },
      });
      const item = (await queue({ taskKinds: ["PERSONAL_STATEMENT"] })).edges.find(
        (edge) => edge.node.id === again.id,
      )!.node;
      expect(item).toMatchObject({ action: "SUBMIT_PERSONAL_STATEMENT", dueOn: addDays(moved, -28) });
      // It works as the first did: the submission closes it.
      await step(SUBMIT_STATEMENT, { caseId, paroleReviewId: reviewId, format: "READ_BY_PANEL", text: "I am back." });
      expect((await statementTask(caseId)).find((task) => task.id === again.id)).toMatchObject({
        status: "DONE",
        closedReason: "PERSONAL_STATEMENT_SUBMITTED",
      });
      expect((await statementTask(caseId)).find((task) => task.id === first.id)).toEqual(cancelled);
    });

    it.each([
      [
        "the Board has decided",
        async (reviewId: string) =>
          step(PAROLE_DECISION, { paroleReviewId: reviewId, outcome: "NO_RELEASE", issuedOn: today() }),
      ],
      ["the statement was sent before the opt-out", null],
    ])("should raise no statement task on opting back in when %s", async (_label, meanwhile) => {
      const { caseId, reviewId } = await underReview();
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: addDays(today(), 60), hearingType: "ORAL" });
      await step(INVITE_STATEMENT, { caseId, paroleReviewId: reviewId });
      if (!meanwhile)
        await step(SUBMIT_STATEMENT, {
          caseId,
          paroleReviewId: reviewId,
          format: "READ_BY_PANEL",
          text: "Already sent.",
        });
      await step(RECORD_OPT_OUT, { caseId });
      if (meanwhile) await meanwhile(reviewId);
      const before = await statementTask(caseId);

      await step(RECORD_OPT_IN, { caseId });

      expect(await statementTask(caseId)).toEqual(before);
    });

    it("should cancel the statement task when the victim opts out", async () => {
      const { caseId, reviewId } = await underReview();
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: addDays(today(), 60), hearingType: "ORAL" });
      await step(INVITE_STATEMENT, { caseId, paroleReviewId: reviewId });

      await step(RECORD_OPT_OUT, { caseId });

      expect(await statementTask(caseId)).toEqual([
        expect.objectContaining({ status: "CANCELLED", closedReason: "RECORD_OPT_OUT" }),
      ]);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("a child victim comes of age", () => {
    it("should set a timer for the 18th birthday and raise the task on the day, due 5 working days later, once", async () => {
      const birthday = addDays(today(), 30);
      const { caseId } = await childVictimCase(bornToTurn18In(30));
      const adult = (await timersOf(caseId)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE");
      expect(adult.map((timer) => timer.due_on)).toEqual([
        birthday.endsWith("-02-29") ? addDays(birthday, 1) : birthday,
      ]);
      const day = adult[0].due_on;

      await runDueTimers(h.dataSource, on(addDays(day, -1)));
      expect((await tasksOf(caseId)).filter((task) => task.kind === "CONTACT_VICTIM_DIRECTLY")).toEqual([]);

      const first = await runDueTimers(h.dataSource, on(day));
      await runDueTimers(h.dataSource, on(addDays(day, 1)));

      expect(first.fired).toBeGreaterThanOrEqual(1);
      const task = await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY");
      expect(task).toMatchObject({
        status: "OPEN",
        dueOn: addWorkingDays(day, 5),
        availableActions: ["COMPLETE", "CANCEL"],
      });
      expect((await timersOf(caseId)).find((timer) => timer.kind === "VICTIM_COMES_OF_AGE")!.status).toBe("FIRED");
    });

    it("should raise the task at once when the victim turned 18 after the referral and before the contacts were recorded", async () => {
      const { caseId } = await childVictimCase(CAME_OF_AGE_SINCE_REFERRAL);

      expect(await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY")).toMatchObject({
        status: "OPEN",
        dueOn: addWorkingDays(today(), 5),
        availableActions: ["COMPLETE", "CANCEL"],
      });
      expect((await timersOf(caseId)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")).toEqual([]);
    });

    it("should follow a guardian added after the victim was referred", async () => {
      const offender = await createOffender(h);
      const born = bornToTurn18In(10);
      const victimCase = await referCase(h, offender.id, {
        contact: contactInput({ role: "VICTIM", dateOfBirth: born }),
      });
      // A victim referred alone speaks for themselves: nothing to hand over.
      expect((await timersOf(victimCase.id)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")).toEqual([]);

      await step(ADD_CONTACT, { caseId: victimCase.id, contact: { role: "PARENT_GUARDIAN", name: "A Parent" } });

      const day = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
      expect(
        (await timersOf(victimCase.id))
          .filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")
          .map((timer) => timer.due_on),
      ).toEqual([day]);
    });

    it("should raise nothing, and set no timer, when a guardian is added for a victim already an adult when referred (e.g. one who lacks capacity)", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id, {
        contact: contactInput({ role: "VICTIM", dateOfBirth: "1979-03-14" }),
      });

      await step(ADD_CONTACT, { caseId: victimCase.id, contact: { role: "PARENT_GUARDIAN", name: "A Guardian" } });

      expect((await tasksOf(victimCase.id)).map((task) => task.kind)).toEqual(["FIRST_CONTACT"]);
      expect((await timersOf(victimCase.id)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")).toEqual([]);
    });

    it.each([
      // Referred on 10 January 2026.
      ["on the referral day", "2008-01-10", ["FIRST_CONTACT", "CONTACT_VICTIM_DIRECTLY"]],
      ["the day before the referral", "2008-01-09", ["FIRST_CONTACT"]],
    ])(
      "should raise the task at once only for a birthday on or after the referral: a victim who turned 18 %s",
      async (_label, born, kinds) => {
        const { caseId } = await childVictimCase(born);

        expect((await tasksOf(caseId)).map((task) => task.kind).sort()).toEqual([...kinds].sort());
        expect((await timersOf(caseId)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")).toEqual([]);
      },
    );

    it("should raise nothing for a carer, or for a guardian whose victim's birthday is not known", async () => {
      const offender = await createOffender(h);
      const carer = await referCase(h, offender.id, { contact: contactInput({ role: "CARER" }) });
      await step(ADD_CONTACT, {
        caseId: carer.id,
        contact: { role: "VICTIM", name: "Adult Victim", dateOfBirth: "1990-01-01" },
      });
      const guardian = await referCase(h, offender.id, { contact: contactInput({ role: "PARENT_GUARDIAN" }) });
      await step(ADD_CONTACT, { caseId: guardian.id, contact: { role: "VICTIM", name: "Child Victim" } });

      for (const caseId of [carer.id, guardian.id]) {
        expect((await tasksOf(caseId)).map((task) => task.kind)).toEqual(["FIRST_CONTACT"]);
        expect((await timersOf(caseId)).filter((timer) => timer.kind === "VICTIM_COMES_OF_AGE")).toEqual([]);
      }
    });

    it("should skip a timer whose birthday no longer matches the contacts", async () => {
      const { caseId } = await childVictimCase(bornToTurn18In(30));
      // A timer left from an earlier date of birth (as a change of contacts would leave it).
      const stale = addDays(today(), 5);
      await h.dataSource.query(
        `INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ('VICTIM_COMES_OF_AGE', $1, $2)`,
        [databaseId(caseId), stale],
      );

      await runDueTimers(h.dataSource, on(stale));

      expect((await tasksOf(caseId)).filter((task) => task.kind === "CONTACT_VICTIM_DIRECTLY")).toEqual([]);
      expect((await timersOf(caseId)).find((timer) => timer.due_on === stale)!.status).toBe("SKIPPED");
    });

    it.each([
      ["closed", async (caseId: string) => step(CLOSE_CASE, { caseId, reason: "VICTIM_REQUEST" })],
      ["erased", async (caseId: string) => step(ERASE, { caseId, requestReference: "ER-2026-0007" })],
    ])("should skip the birthday timer of a case %s before the birthday", async (_label, moveOn) => {
      const { caseId } = await childVictimCase(bornToTurn18In(20));
      const [timer] = (await timersOf(caseId)).filter((row) => row.kind === "VICTIM_COMES_OF_AGE");
      await moveOn(caseId);

      await runDueTimers(h.dataSource, on(timer.due_on));

      expect((await tasksOf(caseId)).filter((task) => task.kind === "CONTACT_VICTIM_DIRECTLY")).toEqual([]);
      expect((await timersOf(caseId)).find((row) => row.kind === "VICTIM_COMES_OF_AGE")!.status).toBe("SKIPPED");
    });

    describe("reading the victim's date of birth", () => {
      /** Reads of the date of birth on the case's access log, oldest first. */
      const birthdayReads = async (caseId: string) =>
        h.dataSource.query(
          `SELECT "actor", "roles", "operation", "fields", "purpose", "correlation_id" FROM "access_log" WHERE "case_id" = $1 AND "action" = 'READ' AND "fields" @> '["dateOfBirth"]' ORDER BY "sequence"`,
          [databaseId(caseId)],
        ) as Promise<
          {
            actor: string;
            roles: string[];
            operation: string;
            fields: string[];
            purpose: string;
            correlation_id: string;
          }[]
        >;

      it("should load no name, email, phone, address or needs to follow the victim's birthday, and log the date of birth read as the officer's, in their request", async () => {
        const offender = await createOffender(h);
        const victimCase = await referCase(h, offender.id, {
          contact: contactInput({ role: "PARENT_GUARDIAN", dateOfBirth: "1979-04-02" }),
        });
        h.statements.reset();

        await step(ADD_CONTACT, {
          caseId: victimCase.id,
          contact: { role: "VICTIM", name: "Child Victim", dateOfBirth: bornToTurn18In(30) },
        });

        // The mutation's own transaction (the payload's contacts are read after it, through the API).
        const statements = h.statements.statements.map((sql) => sql.trim());
        const command = statements.slice(
          statements.findIndex((sql) => /^START TRANSACTION/i.test(sql)),
          statements.findIndex((sql) => /^COMMIT/i.test(sql)),
        );
        // Which details the contacts hold (for the channels they can be reached by) is asked as
        // IS NOT NULL, never read; the birthday is the one value read.
        const contactReads = command
          .filter((sql) => /^SELECT/i.test(sql) && sql.includes(`FROM "case_contact"`))
          .map((sql) => sql.replace(/"(address|phone|email)" IS NOT NULL AS "\1"/g, "held"));
        expect(contactReads).toHaveLength(2);
        for (const read of contactReads)
          for (const column of ["name", "email", "phone", "address", "needs"])
            expect(read).not.toContain(`"${column}"`);
        const [change] = await h.dataSource.query(
          `SELECT "correlation_id" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'addCaseContact' AND "action" = 'CHANGE'`,
          [databaseId(victimCase.id)],
        );
        expect(await birthdayReads(victimCase.id)).toEqual([
          {
            actor: "test.officer",
            roles: [],
            operation: "addCaseContact",
            fields: ["dateOfBirth"],
            purpose: "COMING_OF_AGE",
            correlation_id: change.correlation_id,
          },
        ]);
      });

      it("should log the timer's read of the date of birth on the birthday as SYSTEM's", async () => {
        const { caseId } = await childVictimCase(bornToTurn18In(30));
        const [timer] = await h.dataSource.query(
          `SELECT "id", "due_on"::text AS "due_on" FROM "timer" WHERE "subject_id" = $1 AND "kind" = 'VICTIM_COMES_OF_AGE'`,
          [databaseId(caseId)],
        );

        await runDueTimers(h.dataSource, on(timer.due_on));

        expect(await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY")).toMatchObject({ status: "OPEN" });
        expect((await birthdayReads(caseId)).map(({ correlation_id: _id, ...read }) => read)).toEqual([
          {
            actor: "test.officer",
            roles: [],
            operation: "addCaseContact",
            fields: ["dateOfBirth"],
            purpose: "COMING_OF_AGE",
          },
          {
            actor: TIMER_ACTOR,
            roles: [],
            operation: "victimComesOfAgeTimer",
            fields: ["dateOfBirth"],
            purpose: "COMING_OF_AGE",
          },
        ]);
        expect((await birthdayReads(caseId))[1].correlation_id).toBe(`timer-${timer.id}`);
      });

      it("should read, and log, no date of birth when no parent or guardian speaks for the victim", async () => {
        const offender = await createOffender(h);
        const victimCase = await referCase(h, offender.id);

        await step(ADD_CONTACT, {
          caseId: victimCase.id,
          contact: { role: "CARER", name: "A Carer", dateOfBirth: "1960-02-03" },
        });

        expect(await birthdayReads(victimCase.id)).toEqual([]);
      });
    });

    it("should refuse to add a contact to a closed case", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      await step(CLOSE_CASE, { caseId: victimCase.id, reason: "OTHER" });

      const payload = await run<AddContactPayload>(ADD_CONTACT, {
        input: { caseId: victimCase.id, contact: { role: "VICTIM", name: "Late Victim", dateOfBirth: "2010-01-01" } },
      });

      expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual(["TRANSITION_NOT_ALLOWED"]);
      expect(
        await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "case_contact" WHERE "case_id" = $1`, [
          databaseId(victimCase.id),
        ]),
      ).toEqual([{ n: 1 }]);
    });

    it("should keep the coming-of-age task open when the guardian opts out for the victim (the adult victim has their own say)", async () => {
      const { caseId } = await childVictimCase(CAME_OF_AGE_SINCE_REFERRAL);
      await step(SEND_INVITATION, { caseId, channel: "LETTER" });
      await step(RECORD_OPT_IN, { caseId });

      await step(RECORD_OPT_OUT, { caseId });

      expect(await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY")).toMatchObject({ status: "OPEN" });
    });
  });

  // ---------------------------------------------------------------------------------------------

  // Issue 11 §11: Victims' Code right 11, the victim's views before a decision on a key stage.
  describe("seeking the victim's views", () => {
    const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 48, offenceCategory: "VIOLENT" };

    /** An SDS offender with an engaged case, an opted-in one, a referred one and an opted-out one. */
    async function world() {
      const offender = await createOffender(h, {}, SDS);
      const engagedCase = await referCase(h, offender.id);
      const optedIn = await referCase(h, offender.id);
      const referred = await referCase(h, offender.id);
      const optedOut = await referCase(h, offender.id);
      for (const caseId of [engagedCase.id, optedIn.id, optedOut.id]) {
        await step(SEND_INVITATION, { caseId, channel: "LETTER" });
        await step(RECORD_OPT_IN, { caseId });
      }
      await step(AGREE_CONTACT_PLAN, {
        caseId: engagedCase.id,
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["LETTER"],
      });
      await step(RECORD_OPT_OUT, { caseId: optedOut.id });
      return {
        offenderId: offender.id,
        engaged: engagedCase.id,
        optedIn: optedIn.id,
        referred: referred.id,
        optedOut: optedOut.id,
      };
    }

    it.each([
      "CONSIDERED_FOR_OPEN_CONDITIONS",
      "CONSIDERED_FOR_TEMPORARY_RELEASE",
      "CONSIDERED_FOR_HOME_DETENTION_CURFEW",
    ])(
      "should raise SEEK_VICTIM_VIEWS on every case in the scheme when the offender is %s, due 10 working days later, and send no letter",
      async (type) => {
        const cases = await world();
        const occurredOn = addDays(today(), -1);

        const payload = await step<Payload & { offender: { custodyPhase: string } }>(RECORD_CUSTODY_EVENT, {
          offenderId: cases.offenderId,
          type,
          occurredOn,
        });

        expect(payload.offender.custodyPhase).toBe("IN_CUSTODY");
        for (const caseId of [cases.engaged, cases.optedIn]) {
          expect(await taskOf(caseId, "SEEK_VICTIM_VIEWS")).toMatchObject({
            status: "OPEN",
            dueOn: addWorkingDays(occurredOn, 10),
            availableActions: ["COMPLETE", "CANCEL"],
          });
        }
        for (const caseId of [cases.referred, cases.optedOut])
          expect((await tasksOf(caseId)).filter((task) => task.kind === "SEEK_VICTIM_VIEWS")).toEqual([]);
        const letters = await h.dataSource.query(
          `SELECT count(*)::int AS "n" FROM "notification" WHERE "case_id" = $1`,
          [databaseId(cases.engaged)],
        );
        expect(letters[0].n).toBe(0);
        expect((await queue({ taskKinds: ["SEEK_VICTIM_VIEWS"] })).edges.map((edge) => edge.node.action)).toContain(
          "SEEK_VICTIM_VIEWS",
        );
      },
    );

    it("should raise one task per consideration, closed by the officer, and cancel an open one when the victim opts out", async () => {
      const cases = await world();
      for (const type of ["CONSIDERED_FOR_OPEN_CONDITIONS", "CONSIDERED_FOR_TEMPORARY_RELEASE"])
        await step(RECORD_CUSTODY_EVENT, { offenderId: cases.offenderId, type, occurredOn: today() });
      const [first, second] = (await tasksOf(cases.engaged)).filter((task) => task.kind === "SEEK_VICTIM_VIEWS");
      expect(second).toBeDefined();

      const done = await step<CompletePayload>(COMPLETE, { taskId: first.id });
      expect(done.task).toMatchObject({ status: "DONE", closedReason: "COMPLETED" });
      await step(RECORD_OPT_OUT, { caseId: cases.engaged });
      expect((await tasksOf(cases.engaged)).find((task) => task.id === second.id)).toMatchObject({
        status: "CANCELLED",
        closedReason: "RECORD_OPT_OUT",
      });
    });

    it("should refuse a curfew consideration as not eligible for a sentence that allows no curfew, raising nothing", async () => {
      const offender = await createOffender(h, {}, { ...SDS, offenceCategory: "SEXUAL" });
      const victimCase = await referCase(h, offender.id);
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await step(RECORD_OPT_IN, { caseId: victimCase.id });

      const refused = await mutate<Payload>(h, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "CONSIDERED_FOR_HOME_DETENTION_CURFEW",
        occurredOn: today(),
      });

      expect(refused.userErrors.map((error) => error.code)).toEqual(["NOT_ELIGIBLE"]);
      expect((await tasksOf(victimCase.id)).filter((task) => task.kind === "SEEK_VICTIM_VIEWS")).toEqual([]);
    });
  });

  describe("completeTask", () => {
    it("should mark the task done, write the case's history and move both versions on", async () => {
      const { caseId, task } = await cameOfAgeToday();
      const before = await caseOf(caseId);

      const payload = await step<CompletePayload>(COMPLETE, { taskId: task.id, expectedVersion: task.version });

      expect(payload.task).toMatchObject({
        id: task.id,
        status: "DONE",
        closedBy: "test.officer",
        closedReason: "COMPLETED",
        version: task.version + 1,
        availableActions: [],
      });
      expect(payload.transition).toEqual({ event: "TASK_COMPLETED", actor: "test.officer" });
      expect(payload.victimCase).toEqual({ id: caseId, version: before.version + 1 });
      const after = await caseOf(caseId);
      expect(after.history.nodes.at(-1)).toEqual({ event: "TASK_COMPLETED", actor: "test.officer", reason: null });
      expect((await queue({ taskKinds: ["CONTACT_VICTIM_DIRECTLY"] })).edges.map((edge) => edge.node.id)).not.toContain(
        task.id,
      );
    });

    it("should answer ALREADY_RECORDED when the task is completed twice", async () => {
      const { caseId, task } = await cameOfAgeToday();
      await step(COMPLETE, { taskId: task.id });

      await expectRefused(caseId, { taskId: task.id }, "ALREADY_RECORDED");
    });

    it("should refuse to complete a cancelled task", async () => {
      const { caseId, task } = await cameOfAgeToday();
      await step(CLOSE_CASE, { caseId, reason: "OTHER" });
      expect(await taskOf(caseId, "CONTACT_VICTIM_DIRECTLY")).toMatchObject({
        status: "CANCELLED",
        closedReason: "CLOSE",
      });

      const payload = await expectRefused(caseId, { taskId: task.id }, "TRANSITION_NOT_ALLOWED");

      expect(payload.userErrors[0].message).toMatch(/cancelled/);
    });

    it("should refuse a stale expectedVersion with STALE_VERSION and write nothing", async () => {
      const { caseId, task } = await cameOfAgeToday();

      await expectRefused(caseId, { taskId: task.id, expectedVersion: task.version + 1 }, "STALE_VERSION");
    });

    it("should answer NOT_FOUND for an unknown, malformed or other-type task id", async () => {
      const { caseId } = await cameOfAgeToday();
      for (const taskId of [toGlobalId("Task", "00000000-0000-0000-0000-000000000000"), "not-an-id", caseId]) {
        const payload = await expectRefused(caseId, { taskId }, "NOT_FOUND");
        expect(payload.userErrors[0].field).toEqual(["input", "taskId"]);
      }
    });

    it("should hide a North East task from a London VLO: NOT_FOUND exactly as for an unknown id, absent from their queue and node", async () => {
      const { caseId, task } = await cameOfAgeToday();

      const theirs = await expectRefused(caseId, { taskId: task.id }, "NOT_FOUND", LONDON_VLO);
      const unknown = await run(
        COMPLETE,
        { input: { taskId: toGlobalId("Task", "00000000-0000-0000-0000-000000000000") } },
        LONDON_VLO,
      );

      expect(theirs).toEqual(unknown);
      expect((await queue({}, LONDON_VLO)).edges.map((edge) => edge.node.id)).not.toContain(task.id);
      expect(await run(NODE, { id: task.id }, LONDON_VLO)).toBeNull();
      expect(await run(NODE, { id: task.id })).toEqual({
        id: task.id,
        kind: "CONTACT_VICTIM_DIRECTLY",
        status: "OPEN",
        victimCase: { id: caseId },
      });
    });

    it("should offer no action to a caller who may not change the case", async () => {
      const { caseId } = await cameOfAgeToday();
      const analyst = asUser("tasks.analyst", [Role.ANALYST], null);

      const [task] = (await caseOf(caseId, analyst)).tasks.filter((entry) => entry.kind === "CONTACT_VICTIM_DIRECTLY");

      expect(task.availableActions).toEqual([]);
    });

    it("should replay a completion sent again with the same idempotency key, and refuse the key for another request", async () => {
      const { caseId, task } = await cameOfAgeToday();
      const first = await step<CompletePayload>(COMPLETE, { taskId: task.id, idempotencyKey: `complete-${task.id}` });

      const again = await step<CompletePayload>(COMPLETE, { taskId: task.id, idempotencyKey: `complete-${task.id}` });
      const other = await run<CompletePayload>(COMPLETE, {
        input: { taskId: task.id, expectedVersion: 1, idempotencyKey: `complete-${task.id}` },
      });

      expect(again.task).toEqual(first.task);
      expect(again.transition).toEqual(first.transition);
      expect(other.userErrors.map((error: { code: string }) => error.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
      expect((await caseOf(caseId)).history.nodes.filter((node) => node.event === "TASK_COMPLETED")).toHaveLength(1);
    });

    it("should complete a task its own step closes when the officer says why, keeping the reason as the history row's note", async () => {
      const offender = await createOffender(h);
      const victimCase = await referCase(h, offender.id);
      const task = await taskOf(victimCase.id, "FIRST_CONTACT");
      expect(task).toMatchObject({ needsReasonToComplete: true, availableActions: ["COMPLETE", "CANCEL"] });
      const reason = "Invited in person at the victims' service office.";

      const payload = await step<CompletePayload>(COMPLETE, { taskId: task.id, reason: `  ${reason} ` });

      expect(payload.task).toMatchObject({ status: "DONE", closedReason: "COMPLETED", availableActions: [] });
      expect((await notesOf(victimCase.id)).at(-1)).toEqual({
        event: "TASK_COMPLETED",
        actor: "test.officer",
        reason: null,
        note: reason,
      });
    });

    it("should let the officer cancel an open task with a reason, and refuse one already closed", async () => {
      const { caseId, task } = await cameOfAgeToday();
      expect(task).toMatchObject({ needsReasonToComplete: false });
      const reason = "The victim asked us to deal only with their solicitor.";

      const payload = await step<CompletePayload>(CANCEL, { taskId: task.id, reason, expectedVersion: task.version });

      expect(payload.task).toMatchObject({ status: "CANCELLED", closedBy: "test.officer", closedReason: "CANCEL" });
      expect(payload.transition).toEqual({ event: "TASK_CANCELLED", actor: "test.officer" });
      expect((await notesOf(caseId)).at(-1)).toEqual({
        event: "TASK_CANCELLED",
        actor: "test.officer",
        reason: null,
        note: reason,
      });
      expect((await queue({ taskKinds: ["CONTACT_VICTIM_DIRECTLY"] })).edges.map((edge) => edge.node.id)).not.toContain(
        task.id,
      );

      const before = await footprint(caseId);
      const again = await run<CompletePayload>(CANCEL, { input: { taskId: task.id, reason } });
      expect(again.userErrors).toEqual([
        {
          code: "TRANSITION_NOT_ALLOWED",
          message: "The task was cancelled: it is no longer needed.",
          field: ["input", "taskId"],
        },
      ]);
      expect(await footprint(caseId)).toEqual(before);
    });

    it("should refuse a cancellation without a reason as BAD_USER_INPUT, and write nothing", async () => {
      const { caseId, task } = await cameOfAgeToday();
      const before = await footprint(caseId);

      for (const input of [{ taskId: task.id, reason: "" }, { taskId: task.id }]) {
        const result = await h.run(`mutation ($input: CancelTaskInput!) { cancelTask(input: $input) { ${ERRORS} } }`, {
          input,
        });
        expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      }
      expect(await footprint(caseId)).toEqual(before);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("the work queue", () => {
    /** An officer of their own: a referral of 1 December 2025, one of 10 January 2026, and an engaged case told of open conditions on 5 January 2026. */
    async function queueWorld(username: string) {
      const officer = asUser(username, ALL_CASE_ROLES, Region.NORTH_EAST);
      const officerId = await officerIdOf(officer);
      const offender = await createOffender(h, {}, LIFE);
      const early = await referAs(offender.id, { referredOn: "2025-12-01" }, officer);
      const late = await referAs(offender.id, { referredOn: "2026-01-10" }, officer);
      const engaged = await referAs(offender.id, {}, officer);
      await step(SEND_INVITATION, { caseId: engaged.id, channel: "LETTER" }, officer);
      await step(RECORD_OPT_IN, { caseId: engaged.id }, officer);
      await step(
        AGREE_CONTACT_PLAN,
        { caseId: engaged.id, informationLevel: "KEY_STAGES", channels: ["LETTER"] },
        officer,
      );
      await step(RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "MOVED_TO_OPEN_CONDITIONS",
        occurredOn: "2026-01-05",
      });
      return { officer, officerId, offenderId: offender.id, early: early.id, late: late.id, engaged: engaged.id };
    }

    const summary = (items: WorkItem[]) =>
      items.map((item) => [item.action, item.dueOn, item.task?.kind ?? item.notification?.kind, item.victimCase.id]);

    it("should list tasks and notifications together, oldest due first, each with its action", async () => {
      const { officerId, early, late, engaged } = await queueWorld("tasks.queue.order");

      const page = await queue({ officerId });

      // 1 December 2025 + 20 working days (Christmas, Boxing Day): 31 December; open conditions 5 January + 5 working days: 12 January.
      expect(summary(page.edges.map((edge) => edge.node))).toEqual([
        ["SEND_INVITATION", "2025-12-31", "FIRST_CONTACT", early],
        ["SEND_LETTER", "2026-01-12", "OPEN_CONDITIONS", engaged],
        ["SEND_INVITATION", "2026-02-06", "FIRST_CONTACT", late],
      ]);
      expect(page.totalCount).toBe(3);
      expect(page.edges.every((edge) => edge.node.overdue && !edge.node.urgent)).toBe(true);
      expect(page.edges.every((edge) => (edge.node.task === null) !== (edge.node.notification === null))).toBe(true);
      expect(page.edges.every((edge) => edge.node.id === (edge.node.task ?? edge.node.notification)!.id)).toBe(true);
    });

    it("should page across both with after, without duplicates or gaps, even when an earlier item is added between pages", async () => {
      const { officer, officerId, offenderId } = await queueWorld("tasks.queue.pages");
      const all = (await queue({ officerId })).edges.map((edge) => edge.node.id);

      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 1; ; pages++) {
        const page: Awaited<ReturnType<typeof queue>> = await queue({ officerId }, undefined, 1, after);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((edge) => edge.node.id));
        // A task due long before the cursor must not shift the pages that follow.
        if (pages === 1) await referAs(offenderId, { referredOn: "2025-06-02" }, officer);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }

      expect(seen).toEqual(all);
      const fresh = await queue({ officerId });
      expect(fresh.totalCount).toBe(4);
      expect(fresh.edges[0].node).toMatchObject({ action: "SEND_INVITATION", task: { kind: "FIRST_CONTACT" } });
      expect(fresh.edges.slice(1).map((edge) => edge.node.id)).toEqual(all);
    });

    it("should filter by notification kinds, by task kinds, by both, by overdue and by working days to go", async () => {
      const { officerId, early, late, engaged } = await queueWorld("tasks.queue.filter");
      const cases = async (filter: Record<string, unknown>) =>
        (await queue({ officerId, ...filter })).edges.map((edge) => edge.node.victimCase.id);

      expect(await cases({ kinds: ["OPEN_CONDITIONS"] })).toEqual([engaged]);
      expect(await cases({ taskKinds: ["FIRST_CONTACT"] })).toEqual([early, late]);
      expect(await cases({ kinds: ["OPEN_CONDITIONS"], taskKinds: ["FIRST_CONTACT"] })).toEqual([early, engaged, late]);
      expect(await cases({ taskKinds: ["CONTACT_VICTIM_DIRECTLY"] })).toEqual([]);
      expect(await cases({ overdueOnly: true })).toEqual([early, engaged, late]);

      // Work due soon: a referral today is due in 20 working days, inside a window of 20 and outside one of 19.
      const fresh = await referAs(
        (await createOffender(h)).id,
        { referredOn: today() },
        asUser("tasks.queue.filter", ALL_CASE_ROLES, Region.NORTH_EAST),
      );
      expect(await cases({ dueWithinWorkingDays: 20 })).toEqual([early, engaged, late, fresh.id]);
      expect(await cases({ dueWithinWorkingDays: 19 })).toEqual([early, engaged, late]);
      expect(await cases({ dueWithinWorkingDays: 0, overdueOnly: false })).toEqual([early, engaged, late]);
    });

    it("should refuse a forged cursor whose due date is not a real day as BAD_USER_INPUT, not an internal error", async () => {
      for (const position of ["2026-13-01", "2026-02-30", "0000-00-00"]) {
        const after = Buffer.from(`WorkItem|${position}|00000000-0000-4000-8000-000000000000`).toString("base64url");
        const result = await h.run(WORK_QUEUE, { first: 5, after });
        expect({ position, codes: result.errors?.map((error) => error.extensions?.code) }).toEqual({
          position,
          codes: ["BAD_USER_INPUT"],
        });
      }
    });

    it("should refuse a window outside 0 to 60 working days as BAD_USER_INPUT", async () => {
      for (const days of [-1, 61]) {
        const result = await h.run(WORK_QUEUE, { first: 5, filter: { dueWithinWorkingDays: days } });
        expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe.each(ENGINES)("the tasks migration (%s)", (engine) => {
  let h: Harness;
  // Migrations are run, and undone, by the tables' owner (issue 13 §1).
  let owner: DataSource;
  beforeAll(async () => {
    h = await startHarness(engine);
    owner = await h.owner();
  });
  afterAll(() => h.close());

  /** Back to before this migration (and every one after it). */
  async function undoTasksMigration(): Promise<void> {
    const applied = async () =>
      ((await owner.query(`SELECT "name" FROM "migrations"`)) as { name: string }[]).map((row) => row.name);
    while ((await applied()).includes("Tasks1765100000000")) await owner.undoLastMigration();
  }

  it("should raise first-contact tasks for referred cases, set the invitation timers of cases invited before timers, and statement tasks, when it runs", async () => {
    const offender = await createOffender(h, {}, LIFE);
    const referred = await referCase(h, offender.id, { referredOn: "2026-01-10" });
    const invited = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: invited.id, channel: "LETTER" });
    const followedUp = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: followedUp.id, channel: "LETTER" });
    await mutate(h, SEND_INVITATION, { caseId: followedUp.id, channel: "EMAIL" });
    const engaged = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: engaged.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: engaged.id });
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: addDays(londonDate(), -10),
    });
    const [review] = (await h.run<{ offender: Reviews | null }>(REVIEWS, { id: offender.id })).data!.offender!
      .paroleReviews;
    const hearing = addDays(londonDate(), 100);
    await mutate(h, SCHEDULE, { paroleReviewId: review.id, targetHearingDate: hearing, hearingType: "ORAL" });
    await mutate(h, INVITE_STATEMENT, { caseId: engaged.id, paroleReviewId: review.id });
    const ids = [referred, invited, followedUp, engaged].map((victimCase) => databaseId(victimCase.id));
    // As before timers: no invitation timers at all.
    await owner.query(`DELETE FROM "timer" WHERE "subject_id" = ANY($1)`, [ids]);

    await undoTasksMigration();
    await owner.runMigrations();

    const tasks = await owner.query(
      `SELECT "case_id", "kind", "subject_id", "due_on"::text AS "due_on", "status" FROM "task" WHERE "case_id" = ANY($1) ORDER BY "kind"`,
      [ids],
    );
    expect(tasks).toEqual([
      { case_id: ids[0], kind: "FIRST_CONTACT", subject_id: ids[0], due_on: "2026-02-06", status: "OPEN" },
      {
        case_id: ids[3],
        kind: "PERSONAL_STATEMENT",
        subject_id: databaseId(review.id),
        due_on: addDays(hearing, -28),
        status: "OPEN",
      },
    ]);
    const timers = await owner.query(
      `SELECT "subject_id", "kind", "due_on"::text AS "due_on" FROM "timer" WHERE "subject_id" = ANY($1) ORDER BY "subject_id" = $2 DESC, "kind"`,
      [ids, ids[1]],
    );
    expect(timers).toEqual([
      { subject_id: ids[1], kind: "INVITATION_EXPIRY", due_on: addDays(invitationExpiresOn(londonDate()), 1) },
      { subject_id: ids[1], kind: "INVITATION_FOLLOW_UP", due_on: invitationFollowUpOn(londonDate()) },
      // Already followed up: only the expiry.
      { subject_id: ids[2], kind: "INVITATION_EXPIRY", due_on: addDays(invitationExpiresOn(londonDate()), 1) },
    ]);
  });

  it("should leave the timers' kinds as they were when it is undone", async () => {
    await undoTasksMigration();
    try {
      await expect(
        owner.query(
          `INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ('VICTIM_COMES_OF_AGE', gen_random_uuid(), '2030-01-01')`,
        ),
      ).rejects.toThrow(/chk_timer_kind/);
      expect(await owner.query(`SELECT to_regclass('task') AS "table"`)).toEqual([{ table: null }]);
    } finally {
      await owner.runMigrations();
    }
  });
});
