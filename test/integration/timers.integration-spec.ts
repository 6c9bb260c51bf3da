import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { londonDate } from "../../src/domain/calendar/london-date";
import { openDatabase } from "../../src/services/platform/database";
import { loadDemoData } from "../../src/services/platform/demo-data";
import { runDueTimers, TIMER_ACTOR } from "../../src/services/work/timer-runner";
import { addDays, addYears } from "../../src/domain/calendar/calendar";
import { invitationExpiresOn, invitationFollowUpOn } from "../../src/services/work/timer-schedule";
import { addWorkingDays } from "../../src/domain/calendar/working-days";
import {
  AGREE_CONTACT_PLAN,
  createOffender,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_IN,
  referCase,
  SEND_INVITATION,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
/** Noon in London on a day: any instant of the day fires that day's timers. */
const on = (day: string) => new Date(`${day}T12:00:00Z`);

// Durable timers: rows written with the events, fired by runDueTimers with the time injected.
describe.each(ENGINES)("durable timers (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function invitedCase() {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    return { offenderId: offender.id, caseId: victimCase.id, databaseId: databaseId(victimCase.id) };
  }

  const caseRow = async (id: string) =>
    (
      await h.dataSource.query(
        `SELECT "status", "context"->>'declineReason' AS "decline_reason", "version" FROM "victim_case" WHERE "id" = $1`,
        [id],
      )
    )[0];
  const timersOf = async (subjectId: string) =>
    h.dataSource.query(
      `SELECT "kind", "due_on"::text AS "due_on", "status" FROM "timer" WHERE "subject_id" = $1 ORDER BY "due_on"`,
      [subjectId],
    ) as Promise<{ kind: string; due_on: string; status: string }[]>;

  it("should expire an unanswered invitation on its day through the pipeline, by SYSTEM, once", async () => {
    const invited = await invitedCase();
    // The last day a reply is on time; the invitation expires the day after.
    const expiresOn = invitationExpiresOn(londonDate());
    const firesOn = addDays(expiresOn, 1);
    const expiryOf = async () =>
      (await timersOf(invited.databaseId)).filter((timer) => timer.kind === "INVITATION_EXPIRY");
    expect(await expiryOf()).toEqual([{ kind: "INVITATION_EXPIRY", due_on: firesOn, status: "PENDING" }]);

    // The follow-up comes first, on its own day (an officer's task, not the expiry).
    const followUp = await runDueTimers(h.dataSource, on(invitationFollowUpOn(londonDate())));
    expect(followUp).toMatchObject({ fired: 1, skipped: 0, failed: 0 });
    // On the last day a reply is on time, nothing at all fires.
    const lastDay = await runDueTimers(h.dataSource, on(expiresOn));
    expect(lastDay).toEqual({ fired: 0, skipped: 0, failed: 0, timers: [] });
    expect(await expiryOf()).toEqual([{ kind: "INVITATION_EXPIRY", due_on: firesOn, status: "PENDING" }]);
    expect((await caseRow(invited.databaseId)).status).toBe("INVITED");

    await runDueTimers(h.dataSource, on(firesOn));
    const again = await runDueTimers(h.dataSource, on(addYears(expiresOn, 1)));

    expect(await caseRow(invited.databaseId)).toMatchObject({ status: "DECLINED", decline_reason: "NO_RESPONSE" });
    expect(await expiryOf()).toEqual([{ kind: "INVITATION_EXPIRY", due_on: firesOn, status: "FIRED" }]);
    const history = await h.dataSource.query(
      `SELECT "event", "actor", "reason" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'INVITATION_EXPIRED'`,
      [invited.databaseId],
    );
    expect(history).toEqual([{ event: "INVITATION_EXPIRED", actor: TIMER_ACTOR, reason: "NO_RESPONSE" }]);
    expect(again.fired).toBe(0);
  });

  it("should do nothing when the case has moved on before the timer comes due", async () => {
    const invited = await invitedCase();
    await mutate(h, RECORD_OPT_IN, { caseId: invited.caseId });
    const before = await caseRow(invited.databaseId);

    await runDueTimers(h.dataSource, on(addDays(invitationExpiresOn(londonDate()), 1)));

    expect(await caseRow(invited.databaseId)).toEqual(before);
    expect((await timersOf(invited.databaseId))[0].status).toBe("SKIPPED");
  });

  it("should fire each due timer once when several instances run at the same moment", async () => {
    const cases = [await invitedCase(), await invitedCase(), await invitedCase()];
    const when = on(addYears(londonDate(), 1));

    const runs = await Promise.all([
      runDueTimers(h.dataSource, when),
      runDueTimers(h.dataSource, when),
      runDueTimers(h.dataSource, when),
    ]);

    expect(runs.reduce((sum, run) => sum + run.fired + run.skipped, 0)).toBeGreaterThanOrEqual(cases.length);
    for (const invited of cases) {
      const expired = await h.dataSource.query(
        `SELECT count(*)::int AS "count" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'INVITATION_EXPIRED'`,
        [invited.databaseId],
      );
      expect(expired[0].count).toBe(1);
    }
  });

  it("should queue the annual letter on each anniversary of the plan and set the next one", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "ANNUAL_LETTER",
      channels: ["EMAIL"],
    });
    const id = databaseId(victimCase.id);
    const anniversary = addYears(londonDate(), 1);

    await runDueTimers(h.dataSource, on(anniversary));

    const letters = await h.dataSource.query(
      `SELECT "kind", "channel", "due_on"::text AS "due_on" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'ANNUAL_LETTER'`,
      [id],
    );
    expect(letters).toEqual([{ kind: "ANNUAL_LETTER", channel: "EMAIL", due_on: addWorkingDays(anniversary, 5) }]);
    expect((await timersOf(id)).filter((timer) => timer.kind === "ANNUAL_LETTER")).toEqual([
      { kind: "ANNUAL_LETTER", due_on: anniversary, status: "FIRED" },
      { kind: "ANNUAL_LETTER", due_on: addYears(anniversary, 1), status: "PENDING" },
    ]);
  });

  it("should keep a 29 February plan's anniversaries, through the leap years", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const id = databaseId(victimCase.id);
    // A plan agreed on a leap day before timers existed: its first anniversary timer, as the migration sets it.
    await h.dataSource.query(
      `INSERT INTO "contact_plan" ("case_id", "information_level", "channels", "agreed_on") VALUES ($1, 'ANNUAL_LETTER', '["LETTER"]', '2024-02-29')`,
      [id],
    );
    await h.dataSource.query(
      `INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ('ANNUAL_LETTER', $1, '2025-02-28')`,
      [id],
    );

    for (const day of ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"])
      await runDueTimers(h.dataSource, on(day));

    const annual = (await timersOf(id)).filter((timer) => timer.kind === "ANNUAL_LETTER");
    expect(annual.map((timer) => timer.due_on)).toEqual([
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
      "2029-02-28",
    ]);
    // The case is only referred, so nothing is sent; the anniversaries still run on.
    expect(annual.slice(0, 4).map((timer) => timer.status)).toEqual(["SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"]);
  });

  it("should set aside a timer that fails unexpectedly until the next day, and fire the others", async () => {
    // An engaged case whose offender's sentence row has gone: its annual letter cannot be worded.
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "ANNUAL_LETTER",
      channels: ["LETTER"],
    });
    await h.dataSource.query(`DELETE FROM "sentence" WHERE "offender_id" = $1`, [databaseId(offender.id)]);
    const healthy = await invitedCase();
    const failures: string[] = [];
    const when = on(addYears(londonDate(), 1));

    const run = await runDueTimers(h.dataSource, when, { onError: (timerId) => failures.push(timerId) });

    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBe(run.failed);
    expect((await caseRow(healthy.databaseId)).status).toBe("DECLINED");
    const [setAside] = await h.dataSource.query(
      `SELECT "status", "attempts", "not_before"::text AS "not_before" FROM "timer" WHERE "id" = $1`,
      [failures[0]],
    );
    expect(setAside).toEqual({ status: "PENDING", attempts: 1, not_before: addDays(londonDate(when), 1) });
  });

  it("should keep the yearly cycle when a plan that hears yearly changes its channels", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "ANNUAL_LETTER",
      channels: ["LETTER"],
    });
    const id = databaseId(victimCase.id);
    await h.dataSource.query(`UPDATE "contact_plan" SET "agreed_on" = '2025-06-10' WHERE "case_id" = $1`, [id]);

    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "KEY_STAGES",
      channels: ["EMAIL", "LETTER"],
    });

    const [plan] = await h.dataSource.query(
      `SELECT "agreed_on"::text AS "agreed_on", "information_level" FROM "contact_plan" WHERE "case_id" = $1`,
      [id],
    );
    expect(plan).toEqual({ agreed_on: "2025-06-10", information_level: "KEY_STAGES" });
    expect((await timersOf(id)).filter((timer) => timer.kind === "ANNUAL_LETTER").map((timer) => timer.due_on)).toEqual(
      [addYears(londonDate(), 1)],
    );
  });

  it("should not chase a victim for an acknowledgement once they have opted out", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "RELEASE_MONTH_ONLY",
      channels: ["LETTER"],
    });
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "RELEASED_ON_LICENCE",
      occurredOn: londonDate(),
    });
    const [notification] = await h.dataSource.query(`SELECT "id" FROM "notification" WHERE "case_id" = $1`, [
      databaseId(victimCase.id),
    ]);
    await mutate(
      h,
      `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { userErrors { code } } }`,
      {
        notificationId: Buffer.from(`Notification:${notification.id}`, "utf8").toString("base64url"),
      },
    );
    await mutate(h, `mutation ($input: RecordOptOutInput!) { recordOptOut(input: $input) { userErrors { code } } }`, {
      caseId: victimCase.id,
    });

    await runDueTimers(h.dataSource, on(addDays(addWorkingDays(londonDate(), 10), 1)));

    const [after] = await h.dataSource.query(`SELECT "status" FROM "notification" WHERE "id" = $1`, [notification.id]);
    expect(after.status).toBe("SENT");
    expect((await timersOf(notification.id))[0].status).toBe("SKIPPED");
  });

  it("should set no annual letter for a victim who hears only of the release month", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "RELEASE_MONTH_ONLY",
      channels: ["LETTER"],
    });

    expect((await timersOf(databaseId(victimCase.id))).map((timer) => timer.kind)).toEqual([
      "INVITATION_FOLLOW_UP",
      "INVITATION_EXPIRY",
    ]);
  });

  describe("the final confirmation of the release month (issue 11 §8)", () => {
    // A 48-month violent SDS from June 2026: automatic release at half, in 2028.
    const FUTURE_RELEASE = { type: "SDS", sentenceDate: "2026-06-01", lengthMonths: 48, offenceCategory: "VIOLENT" };
    const LEAD_DAYS = 28; // DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS
    const RECORD_KEY_DATES = `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { userErrors { code } } }`;
    const CRD = `query ($id: ID!) { offender(id: $id) { sentence { keyDates { type date } } } }`;

    async function engagedCase(offenderId: string, informationLevel: string) {
      const victimCase = await referCase(h, offenderId);
      await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
      await mutate(h, AGREE_CONTACT_PLAN, { caseId: victimCase.id, informationLevel, channels: ["LETTER"] });
      return databaseId(victimCase.id);
    }
    const confirmationsOf = async (caseId: string) =>
      (await h.dataSource.query(
        `SELECT "kind", "channel", "trigger_id" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'RELEASE_MONTH_FINAL_CONFIRMATION'`,
        [caseId],
      )) as { kind: string; channel: string; trigger_id: string }[];
    async function releaseDateOf(offenderId: string): Promise<string> {
      const result = await h.run<{ offender: { sentence: { keyDates: { type: string; date: string }[] } } }>(CRD, {
        id: offenderId,
      });
      return result.data!.offender.sentence.keyDates.find((date) => date.type === "CRD")!.date;
    }

    it("should confirm the month to every victim, at every level, the lead time before the release, once", async () => {
      const offender = await createOffender(h, {}, FUTURE_RELEASE);
      const offenderId = databaseId(offender.id);
      const monthOnly = await engagedCase(offender.id, "RELEASE_MONTH_ONLY");
      const annual = await engagedCase(offender.id, "ANNUAL_LETTER");
      const release = await releaseDateOf(offender.id);
      const dueOn = addDays(release, -LEAD_DAYS);
      expect(await timersOf(offenderId)).toEqual([{ kind: "RELEASE_CONFIRMATION", due_on: dueOn, status: "PENDING" }]);

      await runDueTimers(h.dataSource, on(addDays(dueOn, -1)));
      expect(await confirmationsOf(monthOnly)).toEqual([]);
      await runDueTimers(h.dataSource, on(dueOn));
      await runDueTimers(h.dataSource, on(addDays(dueOn, 1)));

      expect(await timersOf(offenderId)).toEqual([{ kind: "RELEASE_CONFIRMATION", due_on: dueOn, status: "FIRED" }]);
      for (const caseId of [monthOnly, annual])
        expect(await confirmationsOf(caseId)).toEqual([
          { kind: "RELEASE_MONTH_FINAL_CONFIRMATION", channel: "LETTER", trigger_id: expect.any(String) },
        ]);
      const [letter] = await h.dataSource.query(
        `SELECT "facts"->>'expectedReleaseMonth' AS "month" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'RELEASE_MONTH_FINAL_CONFIRMATION'`,
        [monthOnly],
      );
      expect(letter.month).toBe(release.slice(0, 7));
    });

    it("should move the confirmation with HMPPS's new dates, and send none once the offender has been released", async () => {
      const offender = await createOffender(h, {}, FUTURE_RELEASE);
      const offenderId = databaseId(offender.id);
      const monthOnly = await engagedCase(offender.id, "RELEASE_MONTH_ONLY");
      const firstDue = addDays(await releaseDateOf(offender.id), -LEAD_DAYS);

      const recorded = await h.run<{ recordKeyDates: { userErrors: unknown[] } }>(RECORD_KEY_DATES, {
        input: { offenderId: offender.id, keyDates: [{ type: "CRD", date: "2028-09-14" }] },
      });
      expect(recorded.data!.recordKeyDates.userErrors).toEqual([]);
      const secondDue = addDays("2028-09-14", -LEAD_DAYS);
      expect(await timersOf(offenderId)).toEqual(
        [
          { kind: "RELEASE_CONFIRMATION", due_on: firstDue, status: "SKIPPED" },
          { kind: "RELEASE_CONFIRMATION", due_on: secondDue, status: "PENDING" },
        ].sort((a, b) => a.due_on.localeCompare(b.due_on)),
      );
      // Released early (e.g. on a curfew) before the confirmation came due: nothing left to confirm.
      await mutate(h, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "RELEASED_ON_LICENCE",
        occurredOn: londonDate(),
      });
      await runDueTimers(h.dataSource, on(secondDue));

      expect(await confirmationsOf(monthOnly)).toEqual([]);
      expect((await timersOf(offenderId)).map((timer) => timer.status)).toEqual(["SKIPPED", "SKIPPED"]);
    });

    it("should set no confirmation for a sentence with no release date in force, or one already past", async () => {
      const life = await createOffender(
        h,
        {},
        { type: "LIFE", sentenceDate: "2026-01-10", tariffMonths: 180, offenceCategory: "VIOLENT" },
      );
      const past = await createOffender(h);

      expect(await timersOf(databaseId(life.id))).toEqual([]);
      expect(await timersOf(databaseId(past.id))).toEqual([]);
    });
  });

  it("should escalate a sent notification nobody acknowledged, and not one that was acknowledged", async () => {
    const offender = await createOffender(h);
    const cases = [];
    for (let index = 0; index < 2; index++) {
      const victimCase = await referCase(h, offender.id);
      await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
      await mutate(h, AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["LETTER"],
      });
      cases.push(databaseId(victimCase.id));
    }
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "RELEASED_ON_LICENCE",
      occurredOn: londonDate(),
    });
    const notifications = (await h.dataSource.query(
      `SELECT "id", "case_id" FROM "notification" WHERE "case_id" = ANY($1) ORDER BY "case_id" = $2 DESC`,
      [cases, cases[0]],
    )) as { id: string }[];
    const globalId = (id: string) => Buffer.from(`Notification:${id}`, "utf8").toString("base64url");
    for (const { id } of notifications)
      await mutate(
        h,
        `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { userErrors { code } } }`,
        { notificationId: globalId(id) },
      );
    await mutate(
      h,
      `mutation ($input: RecordNotificationAcknowledgedInput!) { recordNotificationAcknowledged(input: $input) { userErrors { code } } }`,
      { notificationId: globalId(notifications[1].id) },
    );

    await runDueTimers(h.dataSource, on(addDays(addWorkingDays(londonDate(), 10), 1)));

    const statuses = await h.dataSource.query(
      `SELECT "status" FROM "notification" WHERE "id" = ANY($1) ORDER BY "case_id" = $2 DESC`,
      [notifications.map(({ id }) => id), cases[0]],
    );
    expect(statuses).toEqual([{ status: "ESCALATED" }, { status: "ACKNOWLEDGED" }]);
  });
});

describe("durable timers across a restart of the embedded database", () => {
  it("should fire a timer set before the restart exactly once after it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "vcs-timers-"));
    try {
      let dataSource = await openDatabase({ pgliteDir: directory });
      await loadDemoData(dataSource, "2026-11-02");
      const [invited] = await dataSource.query(`SELECT c."id" FROM "victim_case" c WHERE c."status" = 'INVITED'`);
      await dataSource.destroy();

      dataSource = await openDatabase({ pgliteDir: directory });
      const first = await runDueTimers(dataSource, on("2027-06-01"));
      await dataSource.destroy();
      dataSource = await openDatabase({ pgliteDir: directory });
      const second = await runDueTimers(dataSource, on("2027-06-01"));
      const [after] = await dataSource.query(`SELECT "status" FROM "victim_case" WHERE "id" = $1`, [invited.id]);
      const expired = await dataSource.query(
        `SELECT count(*)::int AS "count" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'INVITATION_EXPIRED'`,
        [invited.id],
      );
      await dataSource.destroy();

      expect(first.fired).toBeGreaterThanOrEqual(1);
      expect(second).toEqual({ fired: 0, skipped: 0, failed: 0, timers: [] });
      expect(after.status).toBe("DECLINED");
      expect(expired[0].count).toBe(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000); // Builds a fresh embedded database twice from every migration: slow on a loaded machine.
});
