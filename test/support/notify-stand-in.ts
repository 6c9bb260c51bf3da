import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local GOV.UK Notify for tests: the real API cannot be reached from here. It answers the v2
// endpoints the adapter uses the way Notify does (as documented for notifications-node-client and
// in notifications-api), errors included, and can be told to fail or hang on the next requests.

interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Parsed JSON body; null when there was none or it was not JSON. */
  body: unknown;
  /** The JWT's claims, decoded whether or not the token was valid; null without a readable token. */
  claims: Record<string, unknown> | null;
  /** The JWT's header, decoded likewise. */
  tokenHeader: Record<string, unknown> | null;
  /** The raw bearer token, so a test can verify it independently. */
  token: string | null;
  /** What the stand-in answered; null if it never answered (a hang or a dropped connection). */
  response: { status: number; body: unknown } | null;
}

/** Answers for the next requests, in order, after the token has been checked (as Notify limits after auth). */
export type ScriptedResponse =
  /** Notify's error envelope with this status, error name and message. */
  | { kind: "error"; status: number; error: string; message: string }
  /** A non-JSON body, as a load balancer in front of Notify might send. */
  | { kind: "raw"; status: number; contentType: string; body: string }
  /** Never answer (until close). With `process`, the request is handled first, so a send is stored. */
  | { kind: "hang"; process?: boolean }
  /** Close the connection without answering. */
  | { kind: "drop" };

/** The failures Notify documents, ready to script. */
export const NOTIFY_FAILURES = {
  rateLimit: {
    kind: "error",
    status: 429,
    error: "RateLimitError",
    message: "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
  },
  dailyLimit: {
    kind: "error",
    status: 429,
    error: "TooManyRequestsError",
    message: "Exceeded send limits (250000) for today",
  },
  serverError: { kind: "error", status: 500, error: "Exception", message: "Internal server error" },
  badGateway: {
    kind: "raw",
    status: 502,
    contentType: "text/html",
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
  },
  hang: { kind: "hang" },
  hangAfterCreating: { kind: "hang", process: true },
  drop: { kind: "drop" },
} satisfies Record<string, ScriptedResponse>;

/**
 * Notify's own statuses, as it stores them. The API shows a letter's created and sending as
 * "accepted", and delivered and returned-letter as "received"; an email's as they are.
 */
export type NotifyStatus =
  | "created"
  | "sending"
  | "delivered"
  | "permanent-failure"
  | "temporary-failure"
  | "technical-failure"
  | "cancelled"
  | "pending-virus-check"
  | "validation-failed"
  | "virus-scan-failed"
  | "returned-letter";

interface StoredNotification {
  id: string;
  type: "email" | "letter";
  reference: string | null;
  templateId: string;
  personalisation: Record<string, unknown>;
  emailAddress: string | null;
  createdAt: string;
  /** Starts as created; a test moves it on with setStatus. Any string, to play a status Notify may add. */
  status: NotifyStatus | (string & {});
  sentAt: string | null;
  completedAt: string | null;
}

export interface NotifyStandIn {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  /** A live key for the stand-in's service: `{key_name}-{service_id}-{secret}`. */
  apiKey: string;
  serviceId: string;
  /** Template ids the stand-in knows; each uses ((subject)), ((body)) and ((name)). */
  templates: { email: string; letter: string };
  received: RecordedRequest[];
  /** Notifications created so far, oldest first. */
  notifications: StoredNotification[];
  /** Errors thrown by the stand-in itself (answered as 500 Exception); a passing test leaves this empty. */
  faults: unknown[];
  script(next: ScriptedResponse[]): void;
  /** Moves a notification on, as Notify's provider callbacks would; stamps sent_at and completed_at like Notify. */
  setStatus(notifyId: string, status: NotifyStatus | (string & {})): void;
  close(): Promise<void>;
}

export interface NotifyStandInOptions {
  /** The stand-in's clock in ms, to test Notify's 30-second iat window. Defaults to Date.now. */
  now?: () => number;
}

interface Template {
  id: string;
  type: "email" | "letter";
  subject: string;
  body: string;
}

const CLOCK_BOUND_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Notify's check after normalising (spaces removed, upper case); BFPO and overseas are out of scope.
const UK_POSTCODE = /^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][ABD-HJLNP-UW-Z]{2})$/;
// Notify's own check is looser than RFC 5322 too: something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const ADDRESS_KEYS = [1, 2, 3, 4, 5, 6, 7].map((n) => `address_line_${n}`);
// Statuses after which Notify fills completed_at.
const COMPLETED: ReadonlySet<string> = new Set([
  "delivered",
  "permanent-failure",
  "temporary-failure",
  "technical-failure",
  "cancelled",
  "validation-failed",
  "virus-scan-failed",
  "returned-letter",
]);

class NotifyError {
  constructor(
    readonly status: number,
    readonly errors: { error: string; message: string }[],
  ) {}
}

const authError = (message: string, status = 403) => new NotifyError(status, [{ error: "AuthError", message }]);
const validation = (...messages: string[]) =>
  new NotifyError(
    400,
    messages.map((message) => ({ error: "ValidationError", message })),
  );
const badRequest = (message: string) => new NotifyError(400, [{ error: "BadRequestError", message }]);

export async function startNotifyStandIn(options: NotifyStandInOptions = {}): Promise<NotifyStandIn> {
  const now = options.now ?? Date.now;
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `vcs_test_live-${serviceId}-${secret}`;
  const templates: Template[] = [
    { id: randomUUID(), type: "email", subject: "((subject))", body: "Dear ((name))\n\n((body))" },
    { id: randomUUID(), type: "letter", subject: "((subject))", body: "Dear ((name))\n\n((body))" },
  ];
  const received: RecordedRequest[] = [];
  const notifications: StoredNotification[] = [];
  const queue: ScriptedResponse[] = [];
  const faults: unknown[] = [];
  let baseUrl = "";

  function authenticate(header: string | undefined, record: RecordedRequest): void {
    if (!header) throw authError("Unauthorized, authentication token must be provided", 401);
    if (header.slice(0, 7).toLowerCase() !== "bearer ")
      throw authError(
        "Unauthorized, Authorization header is invalid. GOV.UK Notify API supports the following authentication methods. JWT: Bearer <token>",
        401,
      );
    const token = header.slice(7);
    record.token = token;
    const parts = token.split(".");
    const tokenHeader = parts.length === 3 ? decodeSegment(parts[0]) : null;
    const claims = parts.length === 3 ? decodeSegment(parts[1]) : null;
    record.tokenHeader = tokenHeader;
    record.claims = claims;
    // The order of Notify's checks: issuer, service, algorithm, signature against the service's keys, iat.
    if (!tokenHeader || !claims) throw authError("Invalid token: signature, api token is not valid");
    if (typeof claims.iss !== "string" || claims.iss === "") throw authError("Invalid token: iss field not provided");
    if (!UUID.test(claims.iss)) throw authError("Invalid token: service id is not the right data type");
    if (claims.iss !== serviceId) throw authError("Invalid token: service not found");
    if (tokenHeader.alg !== "HS256") throw authError("Invalid token: algorithm used is not HS256");
    const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
    const actual = Buffer.from(parts[2], "base64url");
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
      throw authError("Invalid token: signature, api token not found");
    const nowSeconds = Math.floor(now() / 1000);
    if (typeof claims.iat !== "number" || Math.abs(nowSeconds - claims.iat) > CLOCK_BOUND_SECONDS) {
      throw authError("Error: Your system clock must be accurate to within 30 seconds");
    }
  }

  function handle(method: string, url: URL, body: unknown, rawBody: string): { status: number; body: unknown } {
    const path = url.pathname.replace(/\/+$/, "");
    if (method === "POST" && (path === "/v2/notifications/email" || path === "/v2/notifications/letter")) {
      if (rawBody.trim() === "") throw badRequest("Request body is empty.");
      if (body === null || typeof body !== "object" || Array.isArray(body))
        throw badRequest("Invalid JSON supplied in POST data");
      return {
        status: 201,
        body: createNotification(path.endsWith("email") ? "email" : "letter", body as Record<string, unknown>),
      };
    }
    if (method === "GET" && path === "/v2/notifications") return { status: 200, body: listNotifications(url) };
    const one = /^\/v2\/notifications\/([^/]+)$/.exec(path);
    if (method === "GET" && one) {
      if (!UUID.test(one[1])) throw validation("notification_id is not a valid UUID");
      const found = notifications.find((n) => n.id === one[1]);
      if (!found) throw new NotifyError(404, [{ error: "NoResultFound", message: "No result found" }]);
      return { status: 200, body: present(found) };
    }
    throw new NotifyError(404, [{ error: "NoResultFound", message: "The requested URL was not found on the server." }]);
  }

  function createNotification(type: "email" | "letter", body: Record<string, unknown>) {
    // Schema first, all its errors at once, as Notify's jsonschema validation reports them.
    const problems: string[] = [];
    if (body.template_id === undefined) problems.push("template_id is a required property");
    else if (typeof body.template_id !== "string" || !UUID.test(body.template_id))
      problems.push("template_id is not a valid UUID");
    if (body.reference !== undefined && body.reference !== null && typeof body.reference !== "string")
      problems.push(`reference ${JSON.stringify(body.reference)} is not of type string, null`);
    const personalisation = body.personalisation;
    if (
      personalisation !== undefined &&
      (personalisation === null || typeof personalisation !== "object" || Array.isArray(personalisation))
    ) {
      problems.push("personalisation is not of type object");
    }
    if (type === "email") {
      if (body.email_address === undefined) problems.push("email_address is a required property");
      else if (typeof body.email_address !== "string" || !EMAIL.test(body.email_address))
        problems.push("email_address Not a valid email address");
    } else if (personalisation === undefined) {
      problems.push("personalisation is a required property");
    } else if (
      typeof personalisation === "object" &&
      personalisation !== null &&
      (personalisation as Record<string, unknown>).address_line_1 === undefined
    ) {
      problems.push("personalisation address_line_1 is a required property");
    }
    if (problems.length > 0) throw validation(...problems);

    const values = (personalisation ?? {}) as Record<string, unknown>;
    const template = templates.find((t) => t.id === body.template_id);
    if (!template) throw badRequest("Template not found");
    if (template.type !== type) throw badRequest(`${template.type} template is not suitable for ${type} notification`);
    const missing = placeholders(template).filter((key) => values[key] === undefined || values[key] === null);
    if (missing.length > 0) throw badRequest(`Missing personalisation: ${missing.join(", ")}`);
    if (type === "letter") checkAddress(values);

    const notification: StoredNotification = {
      id: randomUUID(),
      type,
      reference: typeof body.reference === "string" ? body.reference : null,
      templateId: template.id,
      personalisation: values,
      emailAddress: type === "email" ? (body.email_address as string) : null,
      createdAt: notifyTime(now()),
      status: "created",
      sentAt: null,
      completedAt: null,
    };
    notifications.push(notification);
    const content = { subject: render(template.subject, values), body: render(template.body, values) };
    return {
      id: notification.id,
      reference: notification.reference,
      content:
        type === "email"
          ? {
              ...content,
              from_email: "victim.contact.scheme@notifications.service.gov.uk",
              one_click_unsubscribe_url: null,
            }
          : content,
      uri: `${baseUrl}/v2/notifications/${notification.id}`,
      template: { id: template.id, version: 1, uri: `${baseUrl}/services/${serviceId}/templates/${template.id}` },
      scheduled_for: null,
    };
  }

  function checkAddress(values: Record<string, unknown>): void {
    // Notify counts the lines that have text; the last of them must be a postcode.
    const lines = ADDRESS_KEYS.map((key) => values[key])
      .filter((value) => value !== undefined && value !== null && String(value).trim() !== "")
      .map((value) => String(value).trim());
    if (lines.length < 3) throw validation("Address must be at least 3 lines");
    const badStart = lines.some((line) => /^[@()=[\]"\\/,<>~]/.test(line));
    if (badStart)
      throw validation('Address lines must not start with any of the following characters: @ ( ) = [ ] " \\ / , < > ~');
    const postcode = lines[lines.length - 1].replace(/\s+/g, "").toUpperCase();
    // This service may not send abroad, so a country on the last line is not accepted either.
    if (!UK_POSTCODE.test(postcode)) throw validation("Must be a real UK postcode");
  }

  function listNotifications(url: URL) {
    const allowed = new Set(["template_type", "status", "reference", "older_than", "include_jobs"]);
    const unexpected = [...url.searchParams.keys()].filter((key) => !allowed.has(key));
    if (unexpected.length > 0)
      throw validation(
        `Additional properties are not allowed (${unexpected.map((k) => `'${k}'`).join(", ")} ${unexpected.length > 1 ? "were" : "was"} unexpected)`,
      );
    const templateType = url.searchParams.get("template_type");
    if (templateType !== null && !["sms", "email", "letter"].includes(templateType))
      throw validation(`template_type ${templateType} is not one of [sms, email, letter]`);
    const reference = url.searchParams.get("reference");
    const olderThan = url.searchParams.get("older_than");
    // Newest first, up to 250, as Notify pages them.
    let list = [...notifications].reverse();
    if (olderThan !== null) {
      const index = list.findIndex((n) => n.id === olderThan);
      list = index === -1 ? [] : list.slice(index + 1);
    }
    list = list
      .filter(
        (n) => (reference === null || n.reference === reference) && (templateType === null || n.type === templateType),
      )
      .slice(0, 250);
    const current = `${baseUrl}/v2/notifications${url.search}`;
    const links: Record<string, string> = { current };
    if (list.length > 0) {
      const next = new URLSearchParams(url.searchParams);
      next.set("older_than", list[list.length - 1].id);
      links.next = `${baseUrl}/v2/notifications?${next.toString()}`;
    }
    return { notifications: list.map(present), links };
  }

  function present(n: StoredNotification) {
    const template = templates.find((t) => t.id === n.templateId)!;
    const lines = Object.fromEntries(
      ADDRESS_KEYS.map((key, i) => [`line_${i + 1}`, n.type === "letter" ? (n.personalisation[key] ?? null) : null]),
    );
    return {
      id: n.id,
      reference: n.reference,
      email_address: n.emailAddress,
      phone_number: null,
      ...lines,
      postcode: null,
      postage: n.type === "letter" ? "second" : null,
      type: n.type,
      status: n.type === "letter" ? letterStatus(n.status) : n.status,
      template: { id: template.id, version: 1, uri: `${baseUrl}/v2/template/${template.id}/version/1` },
      body: render(template.body, n.personalisation),
      subject: render(template.subject, n.personalisation),
      created_at: n.createdAt,
      created_by_name: null,
      sent_at: n.sentAt,
      completed_at: n.completedAt,
      scheduled_for: null,
      one_click_unsubscribe: null,
      is_cost_data_ready: false,
      cost_in_pounds: null,
      cost_details: {},
    };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const record: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        body: parseJson(rawBody),
        claims: null,
        tokenHeader: null,
        token: null,
        response: null,
      };
      received.push(record);
      const answer = (status: number, body: unknown, contentType = "application/json") => {
        record.response = { status, body };
        res.writeHead(status, { "Content-Type": contentType });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      try {
        authenticate(req.headers.authorization, record);
        const scripted = queue.shift();
        if (scripted?.kind === "error")
          return answer(scripted.status, {
            status_code: scripted.status,
            errors: [{ error: scripted.error, message: scripted.message }],
          });
        if (scripted?.kind === "raw") return answer(scripted.status, scripted.body, scripted.contentType);
        if (scripted?.kind === "drop") return void req.socket.destroy();
        const url = new URL(req.url ?? "/", "http://stand-in");
        if (scripted?.kind === "hang") {
          if (scripted.process) {
            try {
              handle(req.method ?? "", url, record.body, rawBody);
            } catch {
              // A hang hides the outcome either way.
            }
          }
          return;
        }
        const result = handle(req.method ?? "", url, record.body, rawBody);
        answer(result.status, result.body);
      } catch (error) {
        if (error instanceof NotifyError)
          return answer(error.status, { status_code: error.status, errors: error.errors });
        // A bug in the stand-in: answer as Notify would, and keep it for the test to see.
        faults.push(error);
        answer(500, { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    apiKey,
    serviceId,
    templates: { email: templates[0].id, letter: templates[1].id },
    received,
    notifications,
    faults,
    script(next) {
      queue.push(...next);
    },
    setStatus(notifyId, status) {
      const found = notifications.find((n) => n.id === notifyId);
      if (!found) throw new Error(`The stand-in holds no notification ${notifyId}`);
      found.status = status;
      if (status !== "created") found.sentAt ??= notifyTime(now());
      found.completedAt = COMPLETED.has(status) ? notifyTime(now()) : null;
    },
    close() {
      // Hung requests keep their sockets open; end them so close() returns.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Notify's timestamps: UTC with microseconds, e.g. 2026-03-31T09:15:00.123000Z. */
function notifyTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000Z");
}

function letterStatus(status: string): string {
  if (status === "created" || status === "sending") return "accepted";
  if (status === "delivered" || status === "returned-letter") return "received";
  return status;
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  const value = parseJson(Buffer.from(segment, "base64url").toString("utf8"));
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function placeholders(template: Template): string[] {
  const keys = new Set<string>();
  for (const match of `${template.subject} ${template.body}`.matchAll(/\(\(([^()]+)\)\)/g)) keys.add(match[1].trim());
  return [...keys];
}

function render(text: string, values: Record<string, unknown>): string {
  return text.replace(/\(\(([^()]+)\)\)/g, (_, key: string) => String(values[key.trim()] ?? ""));
}
