import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  createOffender,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  referCase,
  SEND_INVITATION,
  type Payload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";
import { NOTIFY_FAILURES, startNotifyStandIn, type NotifyStandIn, type NotifyStatus } from "../support/notify-stand-in";
import { STATUS_CHECK_DAYS } from "../../src/domain/notifications/delivery-check-schedule";
import { checkDeliveryStatus, type DeliveryCheckResult } from "../../src/services/notifications/notification-delivery";
import { dispatchDueNotifications, NOTIFY_ACTOR } from "../../src/services/notifications/notification-dispatcher";
import { NotifyAdapter } from "../../src/services/clients/notify-adapter";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOTHING: DeliveryCheckResult = { delivered: 0, failed: 0, inFlight: 0, unanswered: 0, stopped: 0 };
const databaseId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
const notificationGlobalId = (id: string) => Buffer.from(`Notification:${id}`).toString("base64url");

const ACKNOWLEDGED = `mutation ($input: RecordNotificationAcknowledgedInput!) { recordNotificationAcknowledged(input: $input) { userErrors { code } } }`;
const FAILED = `mutation ($input: RecordNotificationFailedInput!) { recordNotificationFailed(input: $input) { userErrors { code } } }`;
const SENT_BY_HAND = `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { userErrors { code } } }`;
const CASE_NOTIFICATIONS = `query ($id: ID!) { victimCase(id: $id) { notifications { id status sentOn deliveredAt lastFailure } } }`;
interface CaseNotifications {
  victimCase: {
    notifications: {
      id: string;
      status: string;
      sentOn: string | null;
      deliveredAt: string | null;
      lastFailure: string | null;
    }[];
  } | null;
}
const WORK_QUEUE = `query ($after: String) { workQueue(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id action } } }`;

// Reading back from GOV.UK Notify what became of the letters and emails it accepted, against a local
// stand-in that answers as Notify does. Time is injected: each question is asked "later" by passing
// the clock, never by sleeping.
describe.each(ENGINES)("reading GOV.UK Notify's delivery status back (%s)", (engine) => {
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
  // Each test follows only its own notifications: the questions earlier tests left open are dropped.
  beforeEach(async () => {
    await h.dataSource.query(`UPDATE "notification" SET "next_status_check_at" = NULL`);
  });
  afterEach(() => expect(notify.faults).toEqual([]));
  afterAll(async () => {
    await notify.close();
    await h.close();
  });

  interface Sent {
    caseId: string;
    caseGlobalId: string;
    notificationId: string;
    notifyId: string;
    /** The real time just after it was sent; the questions' injected clock counts from here. */
    sentAt: number;
  }

  /** An engaged case on one channel whose offender has just been released, its RELEASE notification sent through Notify. */
  async function sentThroughNotify(channel: "EMAIL" | "LETTER"): Promise<Sent> {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
    await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "RELEASE_MONTH_ONLY",
      channels: [channel],
    });
    await mutate(h, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "RELEASED_ON_LICENCE",
      occurredOn: "2026-11-02",
    });
    const caseId = databaseId(victimCase.id);
    const [row] = await h.dataSource.query(
      `SELECT "id" FROM "notification" WHERE "case_id" = $1 AND "kind" = 'RELEASE'`,
      [caseId],
    );
    await dispatchDueNotifications(h.dataSource, { adapter });
    const sentAt = Date.now();
    const [sent] = await h.dataSource.query(`SELECT "status", "notify_id" FROM "notification" WHERE "id" = $1`, [
      row.id,
    ]);
    expect(sent.status).toBe("SENT");
    return { caseId, caseGlobalId: victimCase.id, notificationId: row.id, notifyId: sent.notify_id, sentAt };
  }

  async function state(notificationId: string) {
    const [row] = await h.dataSource.query(
      `SELECT "status", "version", "attempts", "last_failure", "delivered_at", "next_status_check_at", "status_checks" FROM "notification" WHERE "id" = $1`,
      [notificationId],
    );
    return row;
  }

  async function history(caseId: string): Promise<{ event: string; actor: string; reason: string | null }[]> {
    return h.dataSource.query(
      `SELECT "event", "actor", "reason" FROM "case_transition" WHERE "case_id" = $1 ORDER BY "sequence"`,
      [caseId],
    );
  }

  /** Runs the checker with the clock `ms` after the notification was sent. */
  const check = (sent: Sent, ms: number, options: { adapter?: NotifyAdapter; leaseMs?: number; limit?: number } = {}) =>
    checkDeliveryStatus(h.dataSource, { adapter, now: () => new Date(sent.sentAt + ms), ...options });
  const lookups = (notifyId: string) =>
    notify.received.filter((request) => request.method === "GET" && request.path === `/v2/notifications/${notifyId}`)
      .length;
  const at = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());

  /** The officer records the notification FAILED, then sends it again by hand and records that. */
  async function failedThenSentByHand(notificationId: string): Promise<void> {
    const failed = await mutate<Payload>(h, FAILED, {
      notificationId: notificationGlobalId(notificationId),
      failure: "NO_ANSWER",
    });
    const sentByHand = await mutate<Payload>(h, SENT_BY_HAND, { notificationId: notificationGlobalId(notificationId) });
    expect([...failed.userErrors, ...sentByHand.userErrors]).toEqual([]);
  }

  interface WorkQueuePage {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; action: string }[];
  }

  /** The actions the whole work queue (every page) holds for one notification. */
  async function queuedFor(notificationId: string): Promise<string[]> {
    const actions: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data } = await h.run<{ workQueue: WorkQueuePage }>(WORK_QUEUE, { after });
      const page: WorkQueuePage = data!.workQueue;
      for (const node of page.nodes) if (node.id === notificationGlobalId(notificationId)) actions.push(node.action);
      if (!page.pageInfo.hasNextPage) return actions;
      after = page.pageInfo.endCursor;
    }
  }

  it("should record an email Notify delivered with Notify's time, keep it SENT at the same version, and ask no more", async () => {
    const started = Date.now();
    const sent = await sentThroughNotify("EMAIL");
    const before = await state(sent.notificationId);
    const historyBefore = await history(sent.caseId);

    // The first question is a minute after sending: not before.
    const early = await check(sent, 30_000);
    notify.setStatus(sent.notifyId, "delivered");
    const result = await check(sent, 2 * MINUTE);
    const after = await state(sent.notificationId);
    const again = await check(sent, 30 * DAY);

    expect(at(before.next_status_check_at)).toBeGreaterThanOrEqual(started + MINUTE);
    expect(at(before.next_status_check_at)).toBeLessThanOrEqual(sent.sentAt + MINUTE);
    expect(early).toEqual(NOTHING);
    expect(result).toEqual({ ...NOTHING, delivered: 1 });
    expect(again).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(1);
    expect(after).toMatchObject({
      status: "SENT",
      version: before.version,
      attempts: 0,
      last_failure: null,
      next_status_check_at: null,
      status_checks: 1,
    });
    expect(at(after.delivered_at)).toBe(
      new Date(notify.notifications.find((n) => n.id === sent.notifyId)!.completedAt!).getTime(),
    );
    // Delivery is not a change of status: nothing is added to the case's history.
    expect(await history(sent.caseId)).toEqual(historyBefore);
    const { data } = await h.run<CaseNotifications>(CASE_NOTIFICATIONS, { id: sent.caseGlobalId });
    expect(data?.victimCase!.notifications).toEqual([
      {
        id: notificationGlobalId(sent.notificationId),
        status: "SENT",
        sentOn: expect.any(String),
        deliveredAt: new Date(after.delivered_at).toISOString(),
        lastFailure: null,
      },
    ]);
  });

  it("should record a letter delivered when Notify shows it received (printed and posted)", async () => {
    const sent = await sentThroughNotify("LETTER");
    notify.setStatus(sent.notifyId, "sending");

    const accepted = await check(sent, 2 * MINUTE);
    notify.setStatus(sent.notifyId, "delivered");
    const received = await check(sent, 4 * MINUTE);

    expect(accepted).toEqual({ ...NOTHING, inFlight: 1 });
    expect(received).toEqual({ ...NOTHING, delivered: 1 });
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      next_status_check_at: null,
      delivered_at: expect.anything(),
    });
  });

  it("should make an email Notify could not deliver FAILED with EMAIL_BOUNCED, in the case's history by system:notify, and ask no more", async () => {
    const sent = await sentThroughNotify("EMAIL");
    const before = await state(sent.notificationId);
    notify.setStatus(sent.notifyId, "permanent-failure");

    const result = await check(sent, 2 * MINUTE);
    const again = await check(sent, 30 * DAY);

    expect(result).toEqual({ ...NOTHING, failed: 1 });
    expect(again).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(1);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "FAILED",
      version: before.version + 1,
      attempts: 1,
      last_failure: "EMAIL_BOUNCED",
      delivered_at: null,
      next_status_check_at: null,
    });
    expect((await history(sent.caseId)).at(-1)).toEqual({
      event: "NOTIFICATION_FAILED",
      actor: NOTIFY_ACTOR,
      reason: "EMAIL_BOUNCED",
    });
    const { data } = await h.run<CaseNotifications>(CASE_NOTIFICATIONS, { id: sent.caseGlobalId });
    expect(data?.victimCase!.notifications[0]).toMatchObject({
      status: "FAILED",
      lastFailure: "EMAIL_BOUNCED",
      deliveredAt: null,
    });
  });

  it.each<["EMAIL" | "LETTER", NotifyStatus, string]>([
    // Notify gave up after 72 hours of a full inbox or a spam filter: a bounce all the same.
    ["EMAIL", "temporary-failure", "EMAIL_BOUNCED"],
    // Never left Notify: the provider's failure, for the officer to send again.
    ["EMAIL", "technical-failure", "PROVIDER_ERROR"],
    // Its content or address is not valid: the details need checking.
    ["LETTER", "validation-failed", "WRONG_DETAILS"],
    // The provider cannot print it and will not post it: the provider's failure, not the address.
    ["LETTER", "permanent-failure", "PROVIDER_ERROR"],
    ["LETTER", "technical-failure", "PROVIDER_ERROR"],
    ["LETTER", "cancelled", "PROVIDER_ERROR"],
  ])("should make a %s in Notify's %s FAILED with %s", async (channel, status, failure) => {
    const sent = await sentThroughNotify(channel);
    notify.setStatus(sent.notifyId, status);

    const result = await check(sent, 2 * MINUTE);

    expect(result).toEqual({ ...NOTHING, failed: 1 });
    expect(await state(sent.notificationId)).toMatchObject({
      status: "FAILED",
      last_failure: failure,
      next_status_check_at: null,
    });
    expect((await history(sent.caseId)).at(-1)).toEqual({
      event: "NOTIFICATION_FAILED",
      actor: NOTIFY_ACTOR,
      reason: failure,
    });
  });

  it("should ask again about a message still on its way, later each time up to every 3 hours, and not before", async () => {
    const sent = await sentThroughNotify("LETTER");
    const asked: number[] = [];
    let now = 2 * MINUTE;

    for (let question = 0; question < 10; question += 1) {
      const lookupsBefore = lookups(sent.notifyId);
      // A moment before the next question is due, nothing is asked.
      if (question > 0) expect(await check(sent, now - 1_000)).toEqual(NOTHING);
      expect(lookups(sent.notifyId)).toBe(lookupsBefore);
      expect(await check(sent, now)).toEqual({ ...NOTHING, inFlight: 1 });
      const next = at((await state(sent.notificationId)).next_status_check_at)! - sent.sentAt;
      asked.push((next - now) / MINUTE);
      now = next;
    }
    notify.setStatus(sent.notifyId, "delivered");
    const settled = await check(sent, now);

    expect(asked).toEqual([2, 4, 8, 16, 32, 64, 128, 180, 180, 180]);
    expect(settled).toEqual({ ...NOTHING, delivered: 1 });
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      status_checks: 11,
      next_status_check_at: null,
    });
  });

  it(`should stop asking, and leave it SENT for the acknowledgement timer, when nothing is final ${STATUS_CHECK_DAYS} days after sending`, async () => {
    const sent = await sentThroughNotify("LETTER");
    const before = await state(sent.notificationId);

    const late = await check(sent, STATUS_CHECK_DAYS * DAY);
    const again = await check(sent, 60 * DAY);

    expect(late).toEqual({ ...NOTHING, stopped: 1 });
    expect(again).toEqual(NOTHING);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      version: before.version,
      next_status_check_at: null,
      delivered_at: null,
    });
  });

  it("should leave alone a notification the officer acknowledged before Notify was asked, without asking", async () => {
    const sent = await sentThroughNotify("EMAIL");
    await mutate<Payload>(h, ACKNOWLEDGED, { notificationId: notificationGlobalId(sent.notificationId) });
    notify.setStatus(sent.notifyId, "permanent-failure");

    const result = await check(sent, 2 * MINUTE);

    // The acknowledgement itself ended the questions: there is nothing left to claim.
    expect(result).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(0);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "ACKNOWLEDGED",
      last_failure: null,
      next_status_check_at: null,
    });
    expect((await history(sent.caseId)).map((row) => row.event)).not.toContain("NOTIFICATION_FAILED");
  });

  it("should leave alone what the officer recorded while Notify was being asked: an acknowledgement stands against a bounce, a failure against a delivery", async () => {
    // The officer's step lands between Notify's answer and its recording.
    const officerActsMeanwhile = (step: string, input: Record<string, unknown>) =>
      ({
        getDeliveryStatus: async (notifyId: string) => {
          const answer = await adapter.getDeliveryStatus(notifyId);
          const { userErrors } = await mutate(h, step, input);
          expect(userErrors).toEqual([]);
          return answer;
        },
      }) as unknown as NotifyAdapter;

    const acknowledged = await sentThroughNotify("EMAIL");
    notify.setStatus(acknowledged.notifyId, "permanent-failure");
    const first = await check(acknowledged, 2 * MINUTE, {
      adapter: officerActsMeanwhile(ACKNOWLEDGED, {
        notificationId: notificationGlobalId(acknowledged.notificationId),
      }),
    });
    const failedByHand = await sentThroughNotify("EMAIL");
    notify.setStatus(failedByHand.notifyId, "delivered");
    const second = await check(failedByHand, 2 * MINUTE, {
      adapter: officerActsMeanwhile(FAILED, {
        notificationId: notificationGlobalId(failedByHand.notificationId),
        failure: "NO_ANSWER",
      }),
    });

    expect(first).toEqual({ ...NOTHING, stopped: 1 });
    expect(second).toEqual({ ...NOTHING, stopped: 1 });
    expect(await state(acknowledged.notificationId)).toMatchObject({
      status: "ACKNOWLEDGED",
      last_failure: null,
      next_status_check_at: null,
    });
    expect(await state(failedByHand.notificationId)).toMatchObject({
      status: "FAILED",
      last_failure: "NO_ANSWER",
      delivered_at: null,
      next_status_check_at: null,
    });
    expect(
      (await history(acknowledged.caseId)).filter((row) => row.actor === NOTIFY_ACTOR).map((row) => row.event),
    ).toEqual(["NOTIFICATION_SENT"]);
    expect((await history(failedByHand.caseId)).filter((row) => row.event === "NOTIFICATION_FAILED")).toEqual([
      { event: "NOTIFICATION_FAILED", actor: expect.not.stringMatching(NOTIFY_ACTOR), reason: "NO_ANSWER" },
    ]);
  });

  it("should change nothing when Notify answers 429, 500, nothing (a timeout) or 404, and ask again later until it answers", async () => {
    const sent = await sentThroughNotify("EMAIL");
    const before = await state(sent.notificationId);
    const stored = notify.notifications.findIndex((n) => n.id === sent.notifyId);
    const results: DeliveryCheckResult[] = [];
    const waits: number[] = [];
    let now = 2 * MINUTE;
    const ask = async () => {
      results.push(await check(sent, now));
      const row = await state(sent.notificationId);
      // Untouched: still SENT at the same version, nothing recorded.
      expect(row).toMatchObject({
        status: "SENT",
        version: before.version,
        attempts: 0,
        last_failure: null,
        delivered_at: null,
      });
      const next = at(row.next_status_check_at)! - sent.sentAt;
      waits.push((next - now) / MINUTE);
      now = next;
    };

    notify.script([NOTIFY_FAILURES.rateLimit]);
    await ask();
    notify.script([NOTIFY_FAILURES.serverError]);
    await ask();
    notify.script([NOTIFY_FAILURES.hang]);
    await ask();
    // Notify no longer holds it (as after its retention period): its own 404.
    const [held] = notify.notifications.splice(stored, 1);
    await ask();
    notify.notifications.splice(stored, 0, held);
    notify.setStatus(sent.notifyId, "delivered");
    const answered = await check(sent, now);

    expect(results).toEqual([1, 2, 3, 4].map(() => ({ ...NOTHING, unanswered: 1 })));
    expect(waits).toEqual([2, 4, 8, 16]);
    const statuses = notify.received
      .filter((r) => r.path === `/v2/notifications/${sent.notifyId}`)
      .map((r) => r.response?.status ?? "no answer");
    expect(statuses).toEqual([429, 500, "no answer", 404, 200]);
    expect(answered).toEqual({ ...NOTHING, delivered: 1 });
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      version: before.version,
      next_status_check_at: null,
    });
  });

  it("should ask about each notification once when two instances check at the same time, and record each answer once", async () => {
    const sent = [
      await sentThroughNotify("EMAIL"),
      await sentThroughNotify("EMAIL"),
      await sentThroughNotify("LETTER"),
    ];
    notify.setStatus(sent[0].notifyId, "permanent-failure");
    notify.setStatus(sent[1].notifyId, "delivered");
    notify.setStatus(sent[2].notifyId, "validation-failed");
    const latest = sent[2];

    const [one, two] = await Promise.all([
      check(latest, 2 * MINUTE, { limit: 2 }),
      check(latest, 2 * MINUTE, { limit: 2 }),
    ]);

    expect(one.failed + two.failed).toBe(2);
    expect(one.delivered + two.delivered).toBe(1);
    for (const { notifyId, caseId } of sent) {
      expect(lookups(notifyId)).toBe(1);
      expect((await history(caseId)).filter((row) => row.event === "NOTIFICATION_FAILED").length).toBeLessThanOrEqual(
        1,
      );
    }
    expect((await state(sent[0].notificationId)).status).toBe("FAILED");
    expect((await state(sent[2].notificationId)).last_failure).toBe("WRONG_DETAILS");
  });

  it("should let only one instance act when a slow check outlives its lease and another asks again", async () => {
    const sent = await sentThroughNotify("EMAIL");
    notify.setStatus(sent.notifyId, "permanent-failure");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let asked: () => void = () => {};
    const askedOnce = new Promise<void>((resolve) => (asked = resolve));
    // The first instance hears from Notify, then stalls past its lease before recording.
    const stalled = {
      getDeliveryStatus: async (notifyId: string) => {
        const answer = await adapter.getDeliveryStatus(notifyId);
        asked();
        await gate;
        return answer;
      },
    } as unknown as NotifyAdapter;

    const first = check(sent, 2 * MINUTE, { adapter: stalled, leaseMs: 1_000 });
    await askedOnce;
    const second = await check(sent, 2 * MINUTE + 2_000);
    release();
    const stale = await first;

    expect(second).toEqual({ ...NOTHING, failed: 1 });
    expect(stale).toEqual({ ...NOTHING, stopped: 1 });
    expect(lookups(sent.notifyId)).toBe(2);
    expect((await history(sent.caseId)).filter((row) => row.event === "NOTIFICATION_FAILED")).toEqual([
      { event: "NOTIFICATION_FAILED", actor: NOTIFY_ACTOR, reason: "EMAIL_BOUNCED" },
    ]);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      next_status_check_at: null,
    });
  });

  it("should not follow a notification the officer sent again by hand after Notify's bounce: the old Notify id is not theirs", async () => {
    const sent = await sentThroughNotify("EMAIL");
    notify.setStatus(sent.notifyId, "permanent-failure");
    await check(sent, 2 * MINUTE);
    await mutate<Payload>(h, SENT_BY_HAND, { notificationId: notificationGlobalId(sent.notificationId) });

    const later = await check(sent, 2 * DAY);

    expect(later).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(1);
    expect(await state(sent.notificationId)).toMatchObject({ status: "SENT", next_status_check_at: null });
  });

  it("should not follow a notification the officer failed and then sent again by hand before Notify was asked: the old Notify id is not theirs", async () => {
    const sent = await sentThroughNotify("EMAIL");
    await failedThenSentByHand(sent.notificationId);
    notify.setStatus(sent.notifyId, "permanent-failure");

    const result = await check(sent, 2 * MINUTE);
    const later = await check(sent, 2 * DAY);

    expect(result).toEqual(NOTHING);
    expect(later).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(0);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      attempts: 1,
      last_failure: "NO_ANSWER",
      next_status_check_at: null,
    });
    expect((await history(sent.caseId)).filter((row) => row.actor === NOTIFY_ACTOR).map((row) => row.event)).toEqual([
      "NOTIFICATION_SENT",
    ]);
  });

  it("should forget Notify's delivery when the officer sends it again by hand: a resend is a new delivery", async () => {
    const sent = await sentThroughNotify("EMAIL");
    notify.setStatus(sent.notifyId, "delivered");
    expect(await check(sent, 2 * MINUTE)).toEqual({ ...NOTHING, delivered: 1 });
    expect((await state(sent.notificationId)).delivered_at).not.toBeNull();

    await failedThenSentByHand(sent.notificationId);

    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      delivered_at: null,
      next_status_check_at: null,
    });
    const { data } = await h.run<CaseNotifications>(CASE_NOTIFICATIONS, { id: sent.caseGlobalId });
    expect(data?.victimCase!.notifications[0]).toMatchObject({ status: "SENT", deliveredAt: null });
  });

  it("should not ask again about the old message when the officer failed it and sent it by hand while Notify was being asked", async () => {
    const sent = await sentThroughNotify("EMAIL");
    notify.setStatus(sent.notifyId, "sending");
    // Notify says it is on its way; before that is recorded, the officer fails it and sends it by hand.
    const officerResendsMeanwhile = {
      getDeliveryStatus: async (notifyId: string) => {
        const answer = await adapter.getDeliveryStatus(notifyId);
        await failedThenSentByHand(sent.notificationId);
        return answer;
      },
    } as unknown as NotifyAdapter;

    const result = await check(sent, 2 * MINUTE, { adapter: officerResendsMeanwhile });
    notify.setStatus(sent.notifyId, "permanent-failure");
    const later = await check(sent, 2 * DAY);

    expect(result).toEqual({ ...NOTHING, stopped: 1 });
    expect(later).toEqual(NOTHING);
    expect(lookups(sent.notifyId)).toBe(1);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      attempts: 1,
      last_failure: "NO_ANSWER",
      next_status_check_at: null,
    });
  });

  it.each([
    ["who opted out", RECORD_OPT_OUT, {}, "OPTED_OUT"],
    ["whose case closed", CLOSE_CASE, { reason: "OTHER" }, "CLOSED"],
  ])(
    "should stop following, and put nothing back on the queue, when Notify reports a bounce for a victim %s",
    async (_, step, input, caseStatus) => {
      const sent = await sentThroughNotify("EMAIL");
      const { userErrors, victimCase } = await mutate(h, step, { caseId: sent.caseGlobalId, ...input });
      expect(userErrors).toEqual([]);
      expect(victimCase!.status).toBe(caseStatus);
      const before = await state(sent.notificationId);
      const historyBefore = await history(sent.caseId);
      notify.setStatus(sent.notifyId, "permanent-failure");

      const result = await check(sent, 2 * MINUTE);
      const again = await check(sent, 2 * DAY);

      expect(result).toEqual({ ...NOTHING, stopped: 1 });
      expect(again).toEqual(NOTHING);
      expect(lookups(sent.notifyId)).toBe(1);
      expect(await state(sent.notificationId)).toMatchObject({
        status: "SENT",
        version: before.version,
        attempts: 0,
        last_failure: null,
        next_status_check_at: null,
      });
      expect(await history(sent.caseId)).toEqual(historyBefore);
      expect(await queuedFor(sent.notificationId)).toEqual([]);
    },
  );

  it("should still record a delivery for a victim who opted out since: a fact, with nothing to do", async () => {
    const sent = await sentThroughNotify("EMAIL");
    await mutate(h, RECORD_OPT_OUT, { caseId: sent.caseGlobalId });
    const before = await state(sent.notificationId);
    notify.setStatus(sent.notifyId, "delivered");

    const result = await check(sent, 2 * MINUTE);

    expect(result).toEqual({ ...NOTHING, delivered: 1 });
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      version: before.version,
      delivered_at: expect.anything(),
      next_status_check_at: null,
    });
    expect(await queuedFor(sent.notificationId)).toEqual([]);
  });

  it("should keep following a fresh send by the dispatcher when an older check of the same notification misses on its version", async () => {
    const sent = await sentThroughNotify("EMAIL");
    notify.setStatus(sent.notifyId, "permanent-failure");
    let freshNotifyId = "";
    // Between Notify's answer about the old message and its recording, the notification is sent
    // afresh through Notify. No step leads a notification back to DUE today; it is played here by
    // hand, so that what the checker leaves behind does not rest on that.
    const sentAfreshMeanwhile = {
      getDeliveryStatus: async (notifyId: string) => {
        const answer = await adapter.getDeliveryStatus(notifyId);
        await h.dataSource.query(
          `UPDATE "notification" SET "status" = 'DUE', "version" = "version" + 1, "dispatch_attempts" = 0, "next_dispatch_at" = NULL, "next_status_check_at" = NULL WHERE "id" = $1`,
          [sent.notificationId],
        );
        expect(await dispatchDueNotifications(h.dataSource, { adapter })).toMatchObject({ sent: 1 });
        [{ notify_id: freshNotifyId }] = await h.dataSource.query(
          `SELECT "notify_id" FROM "notification" WHERE "id" = $1`,
          [sent.notificationId],
        );
        return answer;
      },
    } as unknown as NotifyAdapter;

    const stale = await check(sent, 2 * MINUTE, { adapter: sentAfreshMeanwhile });
    const fresh = await state(sent.notificationId);
    notify.setStatus(freshNotifyId, "delivered");
    const followed = await check(sent, 2 * DAY);

    expect(stale).toEqual({ ...NOTHING, stopped: 1 });
    expect(freshNotifyId).not.toBe(sent.notifyId);
    expect(fresh).toMatchObject({
      status: "SENT",
      status_checks: 0,
      last_failure: null,
      next_status_check_at: expect.anything(),
    });
    expect(followed).toEqual({ ...NOTHING, delivered: 1 });
    expect(lookups(freshNotifyId)).toBe(1);
    expect(await state(sent.notificationId)).toMatchObject({
      status: "SENT",
      delivered_at: expect.anything(),
      next_status_check_at: null,
    });
  });
});
