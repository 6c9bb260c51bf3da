import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { jwtVerify } from "jose";
import {
  NO_NAME_SALUTATION,
  NotifyAdapter,
  NotifyLookupError,
  retryDelayMs,
  type LetterAddress,
  type NotifyDelivery,
  type NotifyFailure,
  type NotifyOutcome,
} from "../../src/services/clients/notify-adapter";
import { NOTIFY_FAILURES, startNotifyStandIn, type NotifyStandIn, type NotifyStatus } from "../support/notify-stand-in";

// The adapter over the real notifications-node-client (and its axios), talking HTTP to a local
// stand-in that answers as GOV.UK Notify does: what is sent, how Notify's answers become SENT,
// RETRY or REJECTED, how its delivery statuses are read back, that nothing personal comes back
// out, and the backoff between retries.

const EMAIL = "jo.bloggs@example.com";
const NAME = "Jo Bloggs";
const SUBJECT = "An update about your case";
const BODY = "The person is expected to be released in March 2027.";
const MESSAGE = { subject: SUBJECT, body: BODY, name: NAME };
const ADDRESS: LetterAddress = { lines: ["Jo Bloggs", "14 Acacia Avenue", "Leeds"], postcode: "LS1 4AP" };
const PERSONAL_DATA = [EMAIL, NAME, BODY, "Acacia", "LS1 4AP", "Leeds", "jo.bloggs"];

let standIn: NotifyStandIn;

beforeEach(async () => {
  standIn = await startNotifyStandIn();
});

afterEach(async () => {
  expect(standIn.faults).toEqual([]);
  await standIn.close();
});

function adapterFor(
  overrides: {
    apiKey?: string;
    baseUrl?: string;
    templates?: { email: string; letter: string };
    timeoutMs?: number;
  } = {},
): NotifyAdapter {
  return new NotifyAdapter({
    apiKey: standIn.apiKey,
    baseUrl: standIn.baseUrl,
    templates: standIn.templates,
    timeoutMs: 5_000,
    ...overrides,
  });
}

function lastResponseMessages(): string[] {
  const body = standIn.received.at(-1)?.response?.body as { errors?: { message: string }[] } | undefined;
  return (body?.errors ?? []).map((error) => error.message);
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("NotifyAdapter: sending", () => {
  it("should send an email with the email template, the personalisation and our reference, under a valid Notify JWT", async () => {
    const reference = randomUUID();
    const outcome = await adapterFor().sendEmail(EMAIL, MESSAGE, reference);

    expect(standIn.notifications).toHaveLength(1);
    expect(outcome).toEqual({ kind: "SENT", notifyId: standIn.notifications[0].id });
    const [request] = standIn.received;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v2/notifications/email");
    expect(request.body).toEqual({
      email_address: EMAIL,
      template_id: standIn.templates.email,
      personalisation: { subject: SUBJECT, body: BODY, name: NAME },
      reference,
    });
    expect(request.response?.status).toBe(201);

    // Verified here independently of the stand-in: HS256 with the key's secret, iss = service id, iat now.
    const secret = standIn.apiKey.slice(-36);
    const { payload, protectedHeader } = await jwtVerify(request.token!, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      issuer: standIn.serviceId,
    });
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThanOrEqual(30);
    expect(request.claims).toEqual({ iss: standIn.serviceId, iat: payload.iat });
  });

  it("should greet 'Sir or Madam' when no name is held", async () => {
    await adapterFor().sendEmail(EMAIL, { ...MESSAGE, name: null }, randomUUID());
    await adapterFor().sendEmail(EMAIL, { ...MESSAGE, name: "   " }, randomUUID());

    expect(standIn.received.map((r) => (r.body as { personalisation: { name: string } }).personalisation.name)).toEqual(
      [NO_NAME_SALUTATION, NO_NAME_SALUTATION],
    );
    expect(standIn.received.every((r) => r.response?.status === 201)).toBe(true);
  });

  it("should send a letter with the letter template, the address numbered from line 1 with the postcode last, and our reference", async () => {
    const reference = randomUUID();
    const outcome = await adapterFor().sendLetter(
      { lines: ["Jo Bloggs", " ", "14 Acacia Avenue", "Leeds"], postcode: " LS1 4AP " },
      MESSAGE,
      reference,
    );

    expect(outcome).toEqual({ kind: "SENT", notifyId: standIn.notifications[0].id });
    const [request] = standIn.received;
    expect(request.path).toBe("/v2/notifications/letter");
    expect(request.body).toEqual({
      template_id: standIn.templates.letter,
      personalisation: {
        address_line_1: "Jo Bloggs",
        address_line_2: "14 Acacia Avenue",
        address_line_3: "Leeds",
        address_line_4: "LS1 4AP",
        subject: SUBJECT,
        body: BODY,
        name: NAME,
      },
      reference,
    });
    expect(request.response?.status).toBe(201);
    expect(request.claims?.iss).toBe(standIn.serviceId);
  });

  it("should refuse, without calling Notify, a letter address longer than Notify's seven lines", async () => {
    const outcome = await adapterFor().sendLetter(
      { lines: ["1", "2", "3", "4", "5", "6", "7"], postcode: "LS1 4AP" },
      MESSAGE,
      randomUUID(),
    );

    expect(outcome).toEqual({ kind: "REJECTED", code: "ADDRESS_TOO_MANY_LINES" });
    expect(standIn.received).toHaveLength(0);
  });

  it("should refuse an empty reference, which could never be looked up, without calling Notify", async () => {
    const adapter = adapterFor();

    await expect(adapter.sendEmail(EMAIL, MESSAGE, "")).rejects.toThrow("Notify reference is required");
    await expect(adapter.sendLetter(ADDRESS, MESSAGE, " ")).rejects.toThrow("Notify reference is required");
    await expect(adapter.findByReference("")).rejects.toThrow("Notify reference is required");
    expect(standIn.received).toHaveLength(0);
  });

  it("should refuse an API key not in Notify's form, without echoing it", () => {
    const key = "not-a-notify-key-with-secret-parts";

    expect(() => adapterFor({ apiKey: key })).toThrow("Notify API key must be {key_name}-{service_id}-{secret}");
    try {
      adapterFor({ apiKey: key });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(key);
    }
  });
});

describe("NotifyAdapter: finding by reference", () => {
  it("should find a notification sent with the reference and return null for an unknown reference", async () => {
    const adapter = adapterFor();
    const reference = randomUUID();
    const sent = await adapter.sendEmail(EMAIL, MESSAGE, reference);
    await adapter.sendLetter(ADDRESS, MESSAGE, randomUUID());

    expect(await adapter.findByReference(reference)).toEqual({ notifyId: (sent as { notifyId: string }).notifyId });
    expect(await adapter.findByReference(randomUUID())).toBeNull();
    const lookups = standIn.received.filter((r) => r.method === "GET");
    expect(lookups.map((r) => r.path)).toEqual([
      `/v2/notifications?reference=${reference}`,
      expect.stringMatching(/^\/v2\/notifications\?reference=[0-9a-f-]{36}$/),
    ]);
    expect(lookups.every((r) => r.response?.status === 200)).toBe(true);
  });

  it("should find a notification Notify created although the send timed out, so it is not sent twice", async () => {
    const adapter = adapterFor({ timeoutMs: 300 });
    const reference = randomUUID();
    standIn.script([NOTIFY_FAILURES.hangAfterCreating]);

    expect(await adapter.sendEmail(EMAIL, MESSAGE, reference)).toEqual({ kind: "RETRY", code: "TIMEOUT" });
    expect(await adapter.findByReference(reference)).toEqual({ notifyId: standIn.notifications[0].id });
  });

  it("should throw a lookup error carrying only a code when Notify cannot answer", async () => {
    standIn.script([NOTIFY_FAILURES.serverError]);
    const failure = await adapterFor()
      .findByReference(randomUUID())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifyLookupError);
    expect(failure).toMatchObject({ kind: "RETRY", code: "Exception" });

    const wrongKey = adapterFor({ apiKey: `vcs-${standIn.serviceId}-${randomUUID()}` });
    await expect(wrongKey.findByReference(randomUUID())).rejects.toMatchObject({ kind: "REJECTED", code: "AuthError" });
  });
});

describe("NotifyAdapter: Notify's refusals are REJECTED", () => {
  it("should return REJECTED BadRequestError for a template Notify does not have", async () => {
    const adapter = adapterFor({ templates: { email: randomUUID(), letter: standIn.templates.email } });

    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({
      kind: "REJECTED",
      code: "BadRequestError",
    });
    expect(lastResponseMessages()).toEqual(["Template not found"]);
    expect(await adapter.sendLetter(ADDRESS, MESSAGE, randomUUID())).toEqual({
      kind: "REJECTED",
      code: "BadRequestError",
    });
    expect(lastResponseMessages()).toEqual(["email template is not suitable for letter notification"]);
  });

  it("should return REJECTED ValidationError for an email address Notify cannot send to", async () => {
    expect(await adapterFor().sendEmail("jo.bloggs-at-example.com", MESSAGE, randomUUID())).toEqual({
      kind: "REJECTED",
      code: "ValidationError",
    });
    expect(lastResponseMessages()).toEqual(["email_address Not a valid email address"]);
    expect(standIn.notifications).toHaveLength(0);
  });

  it("should return REJECTED ValidationError for a letter without a real UK postcode or with too few lines", async () => {
    const adapter = adapterFor();

    expect(await adapter.sendLetter({ ...ADDRESS, postcode: "LS1 ZZZ" }, MESSAGE, randomUUID())).toEqual({
      kind: "REJECTED",
      code: "ValidationError",
    });
    expect(lastResponseMessages()).toEqual(["Must be a real UK postcode"]);
    expect(await adapter.sendLetter({ lines: ["Jo Bloggs"], postcode: "LS1 4AP" }, MESSAGE, randomUUID())).toEqual({
      kind: "REJECTED",
      code: "ValidationError",
    });
    expect(lastResponseMessages()).toEqual(["Address must be at least 3 lines"]);
    expect(standIn.notifications).toHaveLength(0);
  });

  it("should return REJECTED AuthError for a key whose secret Notify does not hold", async () => {
    const outcome = await adapterFor({ apiKey: `vcs_live-${standIn.serviceId}-${randomUUID()}` }).sendEmail(
      EMAIL,
      MESSAGE,
      randomUUID(),
    );

    expect(outcome).toEqual({ kind: "REJECTED", code: "AuthError" });
    expect(standIn.received[0].response?.status).toBe(403);
    expect(lastResponseMessages()).toEqual(["Invalid token: signature, api token not found"]);
    expect(standIn.notifications).toHaveLength(0);
  });

  it("should return REJECTED AuthError for a key of another service", async () => {
    const outcome = await adapterFor({ apiKey: `vcs_live-${randomUUID()}-${randomUUID()}` }).sendLetter(
      ADDRESS,
      MESSAGE,
      randomUUID(),
    );

    expect(outcome).toEqual({ kind: "REJECTED", code: "AuthError" });
    expect(lastResponseMessages()).toEqual(["Invalid token: service not found"]);
  });

  it("should return REJECTED AuthError when our clock is more than 30 seconds off Notify's", async () => {
    await standIn.close();
    standIn = await startNotifyStandIn({ now: () => Date.now() + 45_000 });

    expect(await adapterFor().sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "REJECTED", code: "AuthError" });
    expect(lastResponseMessages()).toEqual(["Error: Your system clock must be accurate to within 30 seconds"]);
  });
});

describe("NotifyAdapter: transient failures are RETRY", () => {
  it("should return RETRY RateLimitError and TooManyRequestsError on 429, and send once Notify accepts again", async () => {
    const adapter = adapterFor();
    standIn.script([NOTIFY_FAILURES.rateLimit, NOTIFY_FAILURES.dailyLimit]);

    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "RateLimitError" });
    expect(await adapter.sendLetter(ADDRESS, MESSAGE, randomUUID())).toEqual({
      kind: "RETRY",
      code: "TooManyRequestsError",
    });
    expect(standIn.received.map((r) => r.response?.status)).toEqual([429, 429]);
    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toMatchObject({ kind: "SENT" });
    expect(standIn.notifications).toHaveLength(1);
  });

  it("should return RETRY Exception on Notify's 500, and RETRY with the status for a non-JSON 502", async () => {
    const adapter = adapterFor();
    standIn.script([NOTIFY_FAILURES.serverError, NOTIFY_FAILURES.badGateway]);

    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "Exception" });
    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "HTTP_502" });
    expect(standIn.notifications).toHaveLength(0);
  });

  it("should return RETRY TIMEOUT for a hung response, within the timeout", async () => {
    const timeoutMs = 400;
    const adapter = adapterFor({ timeoutMs });
    standIn.script([NOTIFY_FAILURES.hang, NOTIFY_FAILURES.hang]);

    const started = Date.now();
    expect(await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "TIMEOUT" });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 1_000);
    await expect(adapter.findByReference(randomUUID())).rejects.toMatchObject({ kind: "RETRY", code: "TIMEOUT" });
  });

  it("should return RETRY NETWORK_ERROR when the connection is refused or dropped", async () => {
    const refused = adapterFor({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await refused.sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "NETWORK_ERROR" });
    expect(await refused.sendLetter(ADDRESS, MESSAGE, randomUUID())).toEqual({ kind: "RETRY", code: "NETWORK_ERROR" });
    await expect(refused.findByReference(randomUUID())).rejects.toMatchObject({ kind: "RETRY", code: "NETWORK_ERROR" });

    standIn.script([NOTIFY_FAILURES.drop]);
    expect(await adapterFor().sendEmail(EMAIL, MESSAGE, randomUUID())).toEqual({
      kind: "RETRY",
      code: "NETWORK_ERROR",
    });
  });
});

describe("NotifyAdapter: personal data", () => {
  it("should put no email address, name, body or address into any outcome or error", async () => {
    const results: unknown[] = [];
    const record = async (work: Promise<NotifyOutcome | { notifyId: string } | null>) => {
      try {
        results.push(await work);
      } catch (error) {
        const e = error as Error;
        results.push({ message: e.message, stack: e.stack, own: JSON.stringify(e) });
      }
    };
    const adapter = adapterFor({ timeoutMs: 300 });
    await record(adapter.sendEmail(EMAIL, MESSAGE, randomUUID()));
    await record(adapter.sendLetter(ADDRESS, MESSAGE, randomUUID()));
    await record(adapter.sendEmail("jo.bloggs-at-example.com", MESSAGE, randomUUID()));
    await record(adapter.sendLetter({ ...ADDRESS, postcode: "Leeds" }, MESSAGE, randomUUID()));
    await record(
      adapterFor({ templates: { email: randomUUID(), letter: randomUUID() } }).sendEmail(EMAIL, MESSAGE, randomUUID()),
    );
    await record(
      adapterFor({ apiKey: `vcs-${standIn.serviceId}-${randomUUID()}` }).sendEmail(EMAIL, MESSAGE, randomUUID()),
    );
    for (const failure of [
      NOTIFY_FAILURES.rateLimit,
      NOTIFY_FAILURES.serverError,
      NOTIFY_FAILURES.badGateway,
      NOTIFY_FAILURES.hang,
      NOTIFY_FAILURES.drop,
    ]) {
      standIn.script([failure]);
      await record(adapter.sendEmail(EMAIL, MESSAGE, randomUUID()));
      standIn.script([failure]);
      await record(adapter.sendLetter(ADDRESS, MESSAGE, randomUUID()));
    }
    // Answers that echo the request (a proxy, or a future Notify message): nothing of them passes.
    standIn.script([
      {
        kind: "error",
        status: 400,
        error: "ValidationError",
        message: `email_address ${EMAIL} is not valid for ${NAME}`,
      },
      { kind: "error", status: 400, error: EMAIL, message: BODY },
      { kind: "raw", status: 502, contentType: "text/plain", body: `upstream failed for ${EMAIL}: ${BODY}` },
    ]);
    await record(adapter.sendEmail(EMAIL, MESSAGE, randomUUID()));
    await record(adapter.sendEmail(EMAIL, MESSAGE, randomUUID()));
    await record(adapter.sendEmail(EMAIL, MESSAGE, randomUUID()));
    standIn.script([NOTIFY_FAILURES.serverError]);
    await record(adapter.findByReference(randomUUID()));
    await record(
      adapterFor({ baseUrl: `http://127.0.0.1:${await closedPort()}` }).sendEmail(EMAIL, MESSAGE, randomUUID()),
    );
    await record(adapter.sendEmail(EMAIL, MESSAGE, ""));

    expect(results).toHaveLength(22);
    expect(results.slice(16, 19)).toEqual([
      { kind: "REJECTED", code: "ValidationError" },
      { kind: "REJECTED", code: "HTTP_400" },
      { kind: "RETRY", code: "HTTP_502" },
    ]);
    const text = JSON.stringify(results).toLowerCase();
    for (const personal of PERSONAL_DATA) expect(text).not.toContain(personal.toLowerCase());
    // The answers the adapter read did carry it, so the check bites.
    const answers = JSON.stringify(standIn.received.map((r) => r.response?.body));
    expect(answers).toContain(EMAIL);
    expect(answers).toContain(BODY);
  });
});

describe("NotifyAdapter: delivery status", () => {
  async function sentEmail(adapter: NotifyAdapter): Promise<string> {
    return ((await adapter.sendEmail(EMAIL, MESSAGE, randomUUID())) as { notifyId: string }).notifyId;
  }
  async function sentLetter(adapter: NotifyAdapter): Promise<string> {
    return ((await adapter.sendLetter(ADDRESS, MESSAGE, randomUUID())) as { notifyId: string }).notifyId;
  }

  it("should read an email's status with GET /v2/notifications/{id} under a valid JWT and map each of Notify's email statuses", async () => {
    const adapter = adapterFor();
    const notifyId = await sentEmail(adapter);
    const expected: [NotifyStatus, NotifyDelivery["kind"], NotifyFailure?][] = [
      ["created", "IN_FLIGHT"],
      ["sending", "IN_FLIGHT"],
      ["delivered", "DELIVERED"],
      ["permanent-failure", "FAILED", "PERMANENT"],
      ["temporary-failure", "FAILED", "TEMPORARY"],
      ["technical-failure", "FAILED", "NOT_SENT"],
    ];

    const answers = [];
    for (const [status] of expected) {
      standIn.setStatus(notifyId, status);
      answers.push(await adapter.getDeliveryStatus(notifyId));
    }

    expect(answers.map((answer) => answer.kind)).toEqual(expected.map(([, kind]) => kind));
    expect(answers.map((answer) => (answer.kind === "FAILED" ? answer.failure : undefined))).toEqual(
      expected.map(([, , failure]) => failure),
    );
    const lookups = standIn.received.filter((r) => r.method === "GET");
    expect(lookups.map((r) => r.path)).toEqual(expected.map(() => `/v2/notifications/${notifyId}`));
    expect(lookups.map((r) => (r.response?.body as { status: string }).status)).toEqual(
      expected.map(([status]) => status),
    );
    expect(lookups.every((r) => r.claims?.iss === standIn.serviceId && r.response?.status === 200)).toBe(true);
  });

  it("should map a letter's statuses as Notify shows them (accepted, received) and its failures", async () => {
    const adapter = adapterFor();
    const notifyId = await sentLetter(adapter);
    const expected: [NotifyStatus, string, NotifyDelivery["kind"], NotifyFailure?][] = [
      ["created", "accepted", "IN_FLIGHT"],
      ["sending", "accepted", "IN_FLIGHT"],
      ["pending-virus-check", "pending-virus-check", "IN_FLIGHT"],
      ["delivered", "received", "DELIVERED"],
      ["returned-letter", "received", "DELIVERED"],
      // The provider cannot print it; Notify will not post it.
      ["permanent-failure", "permanent-failure", "FAILED", "NOT_PRINTED"],
      ["validation-failed", "validation-failed", "FAILED", "PERMANENT"],
      ["technical-failure", "technical-failure", "FAILED", "NOT_SENT"],
      ["virus-scan-failed", "virus-scan-failed", "FAILED", "NOT_SENT"],
      ["cancelled", "cancelled", "FAILED", "NOT_SENT"],
    ];

    const answers = [];
    for (const [status] of expected) {
      standIn.setStatus(notifyId, status);
      answers.push(await adapter.getDeliveryStatus(notifyId));
    }

    expect(
      standIn.received.filter((r) => r.method === "GET").map((r) => (r.response?.body as { status: string }).status),
    ).toEqual(expected.map(([, shown]) => shown));
    expect(answers.map((answer) => answer.kind)).toEqual(expected.map(([, , kind]) => kind));
    expect(answers.map((answer) => (answer.kind === "FAILED" ? answer.failure : undefined))).toEqual(
      expected.map(([, , , failure]) => failure),
    );
  });

  it("should give Notify's completion time with a delivery, and treat a status it does not know as still in flight", async () => {
    const adapter = adapterFor();
    const notifyId = await sentEmail(adapter);
    standIn.setStatus(notifyId, "delivered");
    const completedAt = standIn.notifications[0].completedAt!;

    expect(completedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(await adapter.getDeliveryStatus(notifyId)).toEqual({
      kind: "DELIVERED",
      completedAt: new Date(completedAt),
    });
    standIn.setStatus(notifyId, "being-carried-by-owl");
    expect(await adapter.getDeliveryStatus(notifyId)).toEqual({ kind: "IN_FLIGHT" });
  });

  it("should throw lookup errors carrying only a code: REJECTED NoResultFound for an id Notify does not hold, RETRY for 429, 5xx and timeouts", async () => {
    const adapter = adapterFor({ timeoutMs: 300 });
    const notifyId = await sentEmail(adapter);
    const failure = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: unknown) => error,
      );

    const unknown = await failure(adapter.getDeliveryStatus(randomUUID()));
    expect(standIn.received.at(-1)?.response).toEqual({
      status: 404,
      body: { status_code: 404, errors: [{ error: "NoResultFound", message: "No result found" }] },
    });
    standIn.script([
      NOTIFY_FAILURES.rateLimit,
      NOTIFY_FAILURES.serverError,
      NOTIFY_FAILURES.badGateway,
      NOTIFY_FAILURES.hang,
      NOTIFY_FAILURES.drop,
    ]);
    const transient = [];
    for (let i = 0; i < 5; i += 1) transient.push(await failure(adapter.getDeliveryStatus(notifyId)));

    expect(unknown).toBeInstanceOf(NotifyLookupError);
    expect(unknown).toMatchObject({ kind: "REJECTED", code: "NoResultFound" });
    expect(transient.map((error) => ({ ...(error as NotifyLookupError) }))).toEqual([
      { kind: "RETRY", code: "RateLimitError", name: "NotifyLookupError" },
      { kind: "RETRY", code: "Exception", name: "NotifyLookupError" },
      { kind: "RETRY", code: "HTTP_502", name: "NotifyLookupError" },
      { kind: "RETRY", code: "TIMEOUT", name: "NotifyLookupError" },
      { kind: "RETRY", code: "NETWORK_ERROR", name: "NotifyLookupError" },
    ]);
    // Answered normally once Notify recovers.
    expect(await adapter.getDeliveryStatus(notifyId)).toEqual({ kind: "IN_FLIGHT" });
  });

  it("should refuse, without calling Notify, an id not in Notify's form, and retry an answer that is not a notification", async () => {
    const adapter = adapterFor();

    await expect(adapter.getDeliveryStatus("../v2/notifications")).rejects.toMatchObject({
      kind: "REJECTED",
      code: "INVALID_NOTIFY_ID",
    });
    await expect(adapter.getDeliveryStatus("")).rejects.toMatchObject({ kind: "REJECTED", code: "INVALID_NOTIFY_ID" });
    expect(standIn.received).toHaveLength(0);
    const notifyId = await sentEmail(adapter);
    standIn.script([
      { kind: "raw", status: 200, contentType: "application/json", body: "{}" },
      {
        kind: "raw",
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ id: randomUUID(), type: "email", status: "delivered" }),
      },
      {
        kind: "raw",
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ id: notifyId, type: "sms", status: "delivered" }),
      },
    ]);
    for (let i = 0; i < 3; i += 1)
      await expect(adapter.getDeliveryStatus(notifyId)).rejects.toMatchObject({
        kind: "RETRY",
        code: "MALFORMED_RESPONSE",
      });
  });

  it("should put no email address, name, body or address into any answer or error, though Notify's answers carry them", async () => {
    const adapter = adapterFor({ timeoutMs: 300 });
    const email = await sentEmail(adapter);
    const letter = await sentLetter(adapter);
    const results: unknown[] = [];
    const record = (work: Promise<unknown>) =>
      work.then(
        (value) => results.push(value),
        (error: Error) => results.push({ message: error.message, stack: error.stack, own: JSON.stringify(error) }),
      );
    for (const status of ["sending", "delivered", "permanent-failure", "temporary-failure"] as const) {
      standIn.setStatus(email, status);
      standIn.setStatus(letter, status === "temporary-failure" ? "validation-failed" : status);
      await record(adapter.getDeliveryStatus(email));
      await record(adapter.getDeliveryStatus(letter));
    }
    standIn.script([
      {
        kind: "error",
        status: 400,
        error: "ValidationError",
        message: `email_address ${EMAIL} is not valid for ${NAME}`,
      },
      { kind: "raw", status: 502, contentType: "text/plain", body: `upstream failed for ${EMAIL}: ${BODY}` },
      NOTIFY_FAILURES.hang,
    ]);
    for (let i = 0; i < 3; i += 1) await record(adapter.getDeliveryStatus(email));

    expect(results).toHaveLength(11);
    const text = JSON.stringify(results).toLowerCase();
    for (const personal of PERSONAL_DATA) expect(text).not.toContain(personal.toLowerCase());
    const answers = JSON.stringify(standIn.received.map((r) => r.response?.body));
    expect(answers).toContain(EMAIL);
    expect(answers).toContain("Acacia");
  });
});

describe("retryDelayMs", () => {
  it("should stay within [0, min(cap, base·2^(attempt−1))] for any attempt and random value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 86_400_000 }),
        (attempt, r, base, cap) => {
          const delay = retryDelayMs(attempt, () => r, base, cap);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(cap, base * 2 ** (attempt - 1)));
        },
      ),
    );
  });

  it("should double with the attempt until the cap, for the same random value", () => {
    const half = () => 0.5;
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(attempt, half, 1_000, 20_000));

    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(retryDelayMs(1, () => 0, 1_000, 20_000)).toBe(0);
    expect(retryDelayMs(3, () => 0.999999, 1_000, 20_000)).toBe(3_999);
    // With the defaults too: the ceiling grows and then holds.
    const ceilings = [1, 2, 3, 10, 50, 1_000].map((attempt) => retryDelayMs(attempt, () => 0.999999));
    expect(ceilings).toEqual([...ceilings].sort((a, b) => a - b));
    expect(ceilings[4]).toBe(ceilings[5]);
  });

  it("should keep a faulty random source and a bad attempt from producing a bad delay", () => {
    expect(retryDelayMs(2, () => 7, 1_000, 20_000)).toBeLessThan(2_000);
    expect(retryDelayMs(2, () => -1, 1_000, 20_000)).toBe(0);
    expect(retryDelayMs(2, () => Number.NaN, 1_000, 20_000)).toBe(0);
    expect(() => retryDelayMs(0, Math.random)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, Math.random)).toThrow(RangeError);
  });
});
