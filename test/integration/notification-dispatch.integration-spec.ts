import { CANARY_EMAIL_LOCAL_PART } from "../support/canary";
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
import { NOTIFY_FAILURES, startNotifyStandIn, type NotifyStandIn } from "../support/notify-stand-in";
import { dispatchDueNotifications, NOTIFY_ACTOR } from "../../src/services/notifications/notification-dispatcher";
import { NotifyAdapter } from "../../src/services/clients/notify-adapter";

const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];

// Sending through GOV.UK Notify, against a local stand-in that answers as Notify does.
describe.each(ENGINES)("sending notifications through GOV.UK Notify (%s)", (engine) => {
  let h: Harness;
  let notify: NotifyStandIn;
  let adapter: NotifyAdapter;
  beforeAll(async () => {
    h = await startHarness(engine);
    notify = await startNotifyStandIn();
    adapter = new NotifyAdapter({
      apiKey: notify.apiKey,
      baseUrl: notify.baseUrl,
      templates: notify.templates,
      timeoutMs: 500,
    });
  });
  afterAll(async () => {
    await notify.close();
    await h.close();
  });

  /** A month-only victim's case on the given channels, engaged. */
  async function engagedCase(channels: string[]) {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, { caseId: victimCase.id, informationLevel: "RELEASE_MONTH_ONLY", channels });
    return { offender, victimCase };
  }

  /** An engaged case on the given channels whose offender has just been released: a RELEASE notification is due. */
  async function releaseDue(channels: string[]): Promise<{ caseId: string; notificationId: string }> {
    const { offender, victimCase } = await engagedCase(channels);
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "RELEASED_ON_LICENCE",
      occurredOn: "2026-11-02",
    });
    const [row] = await h.dataSource.query(
      `SELECT "id" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'RELEASE'`,
      [databaseId(victimCase.id)],
    );
    return { caseId: databaseId(victimCase.id), notificationId: row.id };
  }

  async function state(notificationId: string) {
    const [row] = await h.dataSource.query(
      `SELECT "status", "notify_id", "dispatch_attempts", "next_dispatch_at" FROM "notification" WHERE "id" = $1`,
      [notificationId],
    );
    return row;
  }

  const sentWith = (reference: string) => notify.notifications.filter((stored) => stored.reference === reference);
  const later = (ms: number) => () => new Date(Date.now() + ms);

  it("should send a due email once, with the notification id as reference, record it SENT by the system and log the read of the address", async () => {
    const { caseId, notificationId } = await releaseDue(["EMAIL"]);

    const result = await dispatchDueNotifications(h.dataSource, { adapter });
    // Nothing is left for a second run.
    const again = await dispatchDueNotifications(h.dataSource, { adapter, now: later(3_600_000) });

    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(again).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [email] = sentWith(notificationId);
    expect(sentWith(notificationId)).toHaveLength(1);
    expect(email).toMatchObject({
      type: "email",
      emailAddress: expect.stringMatching(new RegExp(`^${CANARY_EMAIL_LOCAL_PART}\\+\\d+@example\\.org$`)),
      templateId: notify.templates.email,
    });
    expect(String(email.personalisation.body)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await state(notificationId)).toMatchObject({ status: "SENT", notify_id: email.id, next_dispatch_at: null });
    const [history] = await h.dataSource.query(
      `SELECT "event", "actor" FROM "case_transition" WHERE "case_id" = $1 ORDER BY "sequence" DESC LIMIT 1`,
      [caseId],
    );
    expect(history).toEqual({ event: "NOTIFICATION_SENT", actor: NOTIFY_ACTOR });
    const logged = await h.dataSource.query(
      `SELECT "action", "fields", "purpose" FROM "access_log" WHERE "actor" = $1 AND "case_id" = $2`,
      [NOTIFY_ACTOR, caseId],
    );
    expect(logged).toEqual([{ action: "READ", fields: ["email", "name"], purpose: "NOTIFICATION" }]);
  });

  it("should quote in the letter the reason a condition the victim asked for was not adopted, and log that read", async () => {
    const { victimCase } = await engagedCase(["EMAIL"]);
    const asked = await h.run<{ requestLicenceCondition: { licenceConditionRequest: { id: string } } }>(
      `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } } }`,
      {
        input: {
          caseId: victimCase.id,
          kind: "NO_CONTACT",
          description: "No contact with me.",
          decisionPoint: "LICENCE_RELEASE",
        },
      },
    );
    const requestId = asked.data!.requestLicenceCondition.licenceConditionRequest.id;
    await h.run(
      `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { userErrors { code } } }`,
      {
        input: { requestId },
      },
    );
    const decided = await h.run<{ recordLicenceConditionDecision: { userErrors: unknown[] } }>(
      `mutation ($input: RecordLicenceConditionDecisionInput!) { recordLicenceConditionDecision(input: $input) { userErrors { code } } }`,
      { input: { requestId, adopted: false, reason: "A no-contact condition is already on the licence." } },
    );
    expect(decided.data!.recordLicenceConditionDecision.userErrors).toEqual([]);
    const caseId = databaseId(victimCase.id);
    const [due] = await h.dataSource.query(
      `SELECT "id", "facts"::text AS "facts" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'LICENCE_CONDITION_DECISION'`,
      [caseId],
    );

    await dispatchDueNotifications(h.dataSource, { adapter });

    const [email] = sentWith(due.id);
    expect(String(email.personalisation.body)).toContain(
      "No contact with you: this was not made a condition of the licence. The reason given was: A no-contact condition is already on the licence.",
    );
    // The facts kept unsealed with the notification never hold the reason: it is read, sealed, at sending.
    expect(due.facts).not.toContain("already on the licence");
    const logged = await h.dataSource.query(
      `SELECT "fields" FROM "access_log" WHERE "actor" = $1 AND "case_id" = $2 AND "correlation_id" = $3`,
      [NOTIFY_ACTOR, caseId, `notify-${due.id}`],
    );
    expect(logged).toEqual([{ fields: ["email", "name", "reasonNotAdopted"] }]);
  });

  it("should send a letter to the contact's address, the name first and the postcode last", async () => {
    const { notificationId } = await releaseDue(["LETTER"]);

    await dispatchDueNotifications(h.dataSource, { adapter });

    const [letter] = sentWith(notificationId);
    expect(letter.type).toBe("letter");
    expect(letter.personalisation).toMatchObject({
      address_line_2: "2 Test Road",
      address_line_3: "Testbury",
      address_line_4: "TE5 7AB",
    });
    expect((await state(notificationId)).status).toBe("SENT");
  });

  it("should keep a notification due and retry it with backoff when Notify answers 500 or 429, then send it once", async () => {
    const { notificationId } = await releaseDue(["EMAIL"]);
    notify.script([NOTIFY_FAILURES.serverError]);

    const first = await dispatchDueNotifications(h.dataSource, { adapter, batchSize: 1, random: () => 0.5 });
    const waiting = await state(notificationId);
    // Before the backoff has passed, nothing is tried.
    const early = await dispatchDueNotifications(h.dataSource, { adapter });
    notify.script([NOTIFY_FAILURES.rateLimit]);
    const second = await dispatchDueNotifications(h.dataSource, { adapter, now: later(60_000), random: () => 0.5 });
    const third = await dispatchDueNotifications(h.dataSource, { adapter, now: later(3_600_000) });

    expect(first).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(waiting).toMatchObject({ status: "DUE", dispatch_attempts: 1 });
    expect(new Date(waiting.next_dispatch_at).getTime()).toBeGreaterThan(Date.now());
    expect(early.sent).toBe(0);
    expect(second.retrying).toBe(1);
    expect(third.sent).toBe(1);
    expect(sentWith(notificationId)).toHaveLength(1);
    expect(await state(notificationId)).toMatchObject({ status: "SENT", dispatch_attempts: 3 });
  });

  it("should not send twice when Notify took the email but the answer never came", async () => {
    const { notificationId } = await releaseDue(["EMAIL"]);
    notify.script([NOTIFY_FAILURES.hangAfterCreating]);

    const first = await dispatchDueNotifications(h.dataSource, { adapter, batchSize: 1 });
    const posts = () =>
      notify.received.filter(
        (request) =>
          request.method === "POST" && (request.body as { reference?: string } | null)?.reference === notificationId,
      ).length;
    const postsAfterTimeout = posts();
    const second = await dispatchDueNotifications(h.dataSource, { adapter, now: later(3_600_000) });

    expect(first.retrying).toBe(1);
    expect(second.sent).toBe(1);
    expect(postsAfterTimeout).toBe(1);
    expect(posts()).toBe(1);
    expect(sentWith(notificationId)).toHaveLength(1);
    expect((await state(notificationId)).notify_id).toBe(sentWith(notificationId)[0].id);
  });

  it("should mark a notification FAILED for the officer when Notify rejects it, and give up retrying after the last attempt", async () => {
    const rejected = await releaseDue(["EMAIL"]);
    notify.script([
      {
        kind: "error",
        status: 400,
        error: "BadRequestError",
        message: "Can't send to this recipient using a team-only API key",
      },
    ]);
    const result = await dispatchDueNotifications(h.dataSource, { adapter, batchSize: 1 });
    expect(result).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await state(rejected.notificationId)).toMatchObject({ status: "FAILED", next_dispatch_at: null });
    const [failure] = await h.dataSource.query(`SELECT "last_failure" FROM "notification" WHERE "id" = $1`, [
      rejected.notificationId,
    ]);
    expect(failure.last_failure).toBe("PROVIDER_ERROR");

    const flaky = await releaseDue(["EMAIL"]);
    notify.script([NOTIFY_FAILURES.serverError, NOTIFY_FAILURES.serverError]);
    await dispatchDueNotifications(h.dataSource, { adapter, batchSize: 1, maxAttempts: 2 });
    const gaveUp = await dispatchDueNotifications(h.dataSource, {
      adapter,
      batchSize: 1,
      maxAttempts: 2,
      now: later(3_600_000),
    });
    expect(gaveUp.failed).toBe(1);
    expect((await state(flaky.notificationId)).status).toBe("FAILED");
  });

  it("should send each notification once when two instances dispatch at the same time", async () => {
    const due = [await releaseDue(["EMAIL"]), await releaseDue(["EMAIL"]), await releaseDue(["LETTER"])];

    const [one, two] = await Promise.all([
      dispatchDueNotifications(h.dataSource, { adapter, batchSize: 2 }),
      dispatchDueNotifications(h.dataSource, { adapter, batchSize: 2 }),
    ]);

    expect(one.sent + two.sent).toBeGreaterThanOrEqual(3);
    for (const { notificationId } of due) {
      expect(sentWith(notificationId)).toHaveLength(1);
      expect((await state(notificationId)).status).toBe("SENT");
    }
  });

  it("should not send twice when a slow batch outlives its lease and another instance takes over its tail", async () => {
    const due = [await releaseDue(["EMAIL"]), await releaseDue(["EMAIL"]), await releaseDue(["EMAIL"])];
    // Each send takes 400 ms, well inside a 600 ms lease; but the third item waits 800 ms for the
    // two before it, so its lease has run out when the second instance looks.
    const slow = {
      findByReference: (reference: string) => adapter.findByReference(reference),
      sendLetter: adapter.sendLetter.bind(adapter),
      sendEmail: async (...args: Parameters<NotifyAdapter["sendEmail"]>) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return adapter.sendEmail(...args);
      },
    } as unknown as NotifyAdapter;

    const first = dispatchDueNotifications(h.dataSource, { adapter: slow, batchSize: 3, leaseMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The second instance's look-up is slow too, so both are at the third item at once.
    const lookingUp = {
      findByReference: async (reference: string) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return adapter.findByReference(reference);
      },
      sendLetter: adapter.sendLetter.bind(adapter),
      sendEmail: adapter.sendEmail.bind(adapter),
    } as unknown as NotifyAdapter;
    const second = dispatchDueNotifications(h.dataSource, { adapter: lookingUp, batchSize: 3, leaseMs: 600 });
    const [one, two] = await Promise.all([first, second]);

    expect(two.sent).toBeGreaterThanOrEqual(1);
    expect(one.sent + two.sent).toBe(3);

    for (const { notificationId } of due) {
      expect(sentWith(notificationId)).toHaveLength(1);
      expect((await state(notificationId)).status).toBe("SENT");
    }
  });

  it("should never send a call: calls are the officer's to make", async () => {
    const { notificationId } = await releaseDue(["PHONE", "EMAIL"]);
    const before = notify.received.length;

    const result = await dispatchDueNotifications(h.dataSource, { adapter });

    expect(result.sent + result.failed + result.retrying).toBe(0);
    expect(notify.received.length).toBe(before);
    expect((await state(notificationId)).status).toBe("DUE");
  });
});
