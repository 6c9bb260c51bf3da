import type { NotifyClient } from "notifications-node-client";

// The one place that talks to GOV.UK Notify. Callers get outcomes carrying codes only: Notify's
// error messages, the client's errors and axios's errors can all echo the request (email address,
// name, letter text), so none of them leaves this module.

export interface NotifyTemplates {
  email: string;
  letter: string;
}

export interface NotifyAdapterOptions {
  /** `{key_name}-{service_id}-{secret}`, as Notify issues it. */
  apiKey: string;
  /** Defaults to the production API. */
  baseUrl?: string;
  templates: NotifyTemplates;
  /** Bounds each call, connection to last byte. Defaults to 10 s. */
  timeoutMs?: number;
}

export type NotifyOutcome =
  | { kind: "SENT"; notifyId: string }
  /** 429, 5xx, network error, timeout: try again later with backoff (after findByReference). */
  | { kind: "RETRY"; code: string }
  /** 400/403 and the like: retrying will not help; the officer must act. */
  | { kind: "REJECTED"; code: string };

export interface LetterAddress {
  lines: string[];
  postcode: string;
}

export interface NotifyMessage {
  subject: string;
  body: string;
  name: string | null;
}

/** What Notify says became of a message it accepted, in the terms the scheme acts on. */
export type NotifyDelivery =
  /** Queued, sending, waiting to be printed, or a status this module does not know: ask again later. */
  | { kind: "IN_FLIGHT" }
  /** An email accepted by the recipient's mail server; a letter printed and posted (Notify sees no further). */
  | { kind: "DELIVERED"; completedAt: Date | null }
  /** It will not arrive, and Notify will not try again: the officer must act. */
  | { kind: "FAILED"; failure: NotifyFailure };

/**
 * Why a message will not arrive. PERMANENT: the email address does not exist, or the letter's
 * content or address is not valid (validation-failed). TEMPORARY: the recipient's server refused
 * the email for 72 hours (a full inbox, a spam filter) and Notify has given up. NOT_PRINTED: the
 * print provider cannot print the letter, so it will not be posted (a letter's permanent-failure:
 * the provider's fault, not the address's). NOT_SENT: it never left Notify (a fault between Notify
 * and its provider, a failed virus scan, or cancelled in Notify).
 */
export type NotifyFailure = "PERMANENT" | "TEMPORARY" | "NOT_PRINTED" | "NOT_SENT";

/** A lookup that could not be answered; carries a code only, like an outcome. */
export class NotifyLookupError extends Error {
  constructor(
    readonly kind: "RETRY" | "REJECTED",
    readonly code: string,
  ) {
    super(`Notify lookup failed: ${code}`);
    this.name = "NotifyLookupError";
  }
}

const NOTIFY_PRODUCTION_URL = "https://api.notifications.service.gov.uk";
const DEFAULT_TIMEOUT_MS = 10_000;
/** What the letter and email templates say when we hold no name. */
export const NO_NAME_SALUTATION = "Sir or Madam";
/** Notify has address_line_1 to address_line_7; the postcode takes the last one used. */
const MAX_ADDRESS_LINES = 7;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const API_KEY = new RegExp(`^.+-${UUID}-${UUID}$`, "i");
const NOTIFY_ID = new RegExp(`^${UUID}$`, "i");
/** Notify's error names are identifiers; anything else is not passed on. */
const ERROR_NAME = /^[A-Za-z]{1,64}$/;
/** Notify's timestamps: ISO 8601, microseconds, normally with Z. */
const NOTIFY_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:\d{2})?$/;

// The client's own axios (it exposes it, typed only as `any`): a timeout set on it is the one the
// client uses, and the project takes no direct dependency on axios.
type RestClient = Parameters<NotifyClient["setClient"]>[0];
interface ClientInternals {
  apiClient?: { restClient?: { create?: (config: { timeout: number; maxRedirects: number }) => RestClient } };
}

// The client brings axios, form-data and mime-db (about 4 MB of heap), and only an instance with a
// Notify key uses them: loaded when the first adapter is made, not when this module is.
function loadNotifyClient(): typeof NotifyClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a load on first use, typed by the import above
  return (require("notifications-node-client") as typeof import("notifications-node-client")).NotifyClient;
}

export class NotifyAdapter {
  private readonly client: NotifyClient;
  private readonly templates: NotifyTemplates;

  constructor(options: NotifyAdapterOptions) {
    // The message names the expected shape, never the key.
    if (!API_KEY.test(options.apiKey)) throw new Error("Notify API key must be {key_name}-{service_id}-{secret}");
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
      throw new RangeError("Notify timeoutMs must be a positive integer");
    this.templates = options.templates;
    const Client = loadNotifyClient();
    this.client = new Client((options.baseUrl ?? NOTIFY_PRODUCTION_URL).replace(/\/+$/, ""), options.apiKey);

    const axios = (this.client as unknown as ClientInternals).apiClient?.restClient;
    // Without a timeout a stalled Notify would hold a worker forever: refuse to start instead.
    if (typeof axios?.create !== "function")
      throw new Error("notifications-node-client no longer exposes its HTTP client; cannot set a timeout");
    // Notify never redirects; following one would resend personal data to another host.
    const rest = axios.create({ timeout: timeoutMs, maxRedirects: 0 });
    // axios's timeout is per socket wait; the signal bounds the whole exchange, so a response
    // trickling in byte by byte cannot outlive the timeout either.
    rest.interceptors.request.use((config) => {
      config.signal = AbortSignal.timeout(timeoutMs);
      return config;
    });
    this.client.setClient(rest);
  }

  async sendEmail(emailAddress: string, message: NotifyMessage, reference: string): Promise<NotifyOutcome> {
    requireReference(reference);
    return this.send(() =>
      this.client.sendEmail(this.templates.email, emailAddress, {
        personalisation: personalisation(message),
        reference,
      }),
    );
  }

  async sendLetter(address: LetterAddress, message: NotifyMessage, reference: string): Promise<NotifyOutcome> {
    requireReference(reference);
    // Blank lines would leave gaps Notify prints; drop them and number the rest from 1.
    const lines = [...address.lines, address.postcode].map((line) => line.trim()).filter((line) => line !== "");
    // Notify cannot see an eighth line (there is no address_line_8) and would print the letter
    // without it, so a too-long address is refused here. Everything else is Notify's to judge.
    if (lines.length > MAX_ADDRESS_LINES) return { kind: "REJECTED", code: "ADDRESS_TOO_MANY_LINES" };
    const addressFields = Object.fromEntries(lines.map((line, index) => [`address_line_${index + 1}`, line]));
    return this.send(() =>
      this.client.sendLetter(this.templates.letter, {
        personalisation: { ...addressFields, ...personalisation(message) },
        reference,
      }),
    );
  }

  /** Whether Notify already has a notification with this reference (our notification id): never send twice. */
  async findByReference(reference: string): Promise<{ notifyId: string } | null> {
    // An empty reference would make Notify list every notification, and the first would "match".
    requireReference(reference);
    let notifications: unknown;
    try {
      notifications = (await this.client.getNotifications(undefined, undefined, reference)).data?.notifications;
    } catch (error) {
      const outcome = classify(error);
      throw new NotifyLookupError(outcome.kind, outcome.code);
    }
    if (!Array.isArray(notifications)) throw new NotifyLookupError("RETRY", "MALFORMED_RESPONSE");
    // Notify filters by exact reference already; checking again costs nothing.
    const match = notifications.find(
      (notification) => notification?.reference === reference && typeof notification.id === "string",
    );
    return match ? { notifyId: match.id } : null;
  }

  /** What became of a message Notify accepted (GET /v2/notifications/{id}); throws NotifyLookupError when Notify cannot say. */
  async getDeliveryStatus(notifyId: string): Promise<NotifyDelivery> {
    // The id goes into the path: only Notify's own form, so it can name nothing else.
    if (typeof notifyId !== "string" || !NOTIFY_ID.test(notifyId))
      throw new NotifyLookupError("REJECTED", "INVALID_NOTIFY_ID");
    let data: { id?: unknown; type?: unknown; status?: unknown; completed_at?: unknown } | undefined;
    try {
      data = (await this.client.getNotificationById(notifyId)).data;
    } catch (error) {
      const outcome = classify(error);
      throw new NotifyLookupError(outcome.kind, outcome.code);
    }
    // Only the id, type, status and completion time are read: the rest is the message itself (address, words).
    const statuses = data?.type === "email" ? EMAIL_STATUSES : data?.type === "letter" ? LETTER_STATUSES : null;
    if (
      !statuses ||
      typeof data?.id !== "string" ||
      data.id.toLowerCase() !== notifyId.toLowerCase() ||
      typeof data.status !== "string"
    ) {
      throw new NotifyLookupError("RETRY", "MALFORMED_RESPONSE");
    }
    const delivery = statuses.get(data.status) ?? IN_FLIGHT;
    if (delivery.kind !== "DELIVERED") return delivery;
    return { kind: "DELIVERED", completedAt: notifyTime(data.completed_at) };
  }

  private async send(call: () => Promise<{ data?: { id?: unknown } }>): Promise<NotifyOutcome> {
    let id: unknown;
    try {
      id = (await call()).data?.id;
    } catch (error) {
      return classify(error);
    }
    // A 2xx without an id may still have created the notification: retry, which looks it up first.
    return typeof id === "string" && id !== ""
      ? { kind: "SENT", notifyId: id }
      : { kind: "RETRY", code: "MALFORMED_RESPONSE" };
  }
}

/**
 * Exponential backoff with full jitter: attempt 1 → up to base, doubling, capped. Pure; the random
 * source is injected. The result is in [0, min(cap, base·2^(attempt−1))).
 */
export function retryDelayMs(attempt: number, random: () => number, baseMs = 2_000, capMs = 15 * 60_000): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError("attempt must be an integer from 1");
  if (!(baseMs > 0) || !(capMs > 0)) throw new RangeError("baseMs and capMs must be positive");
  // 2 ** large is Infinity, which min() turns into the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  const r = random();
  // A faulty source must not produce a negative delay or one past the ceiling.
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(unit * ceiling);
}

const IN_FLIGHT: NotifyDelivery = { kind: "IN_FLIGHT" };
const DELIVERED: NotifyDelivery = { kind: "DELIVERED", completedAt: null };
const failed = (failure: NotifyFailure): NotifyDelivery => ({ kind: "FAILED", failure });

// Notify's documented statuses. A status not listed (a new one) counts as still in flight: the
// notification stays SENT and is asked about again, which loses nothing.
const EMAIL_STATUSES = new Map<string, NotifyDelivery>([
  ["created", IN_FLIGHT],
  ["sending", IN_FLIGHT],
  ["delivered", DELIVERED],
  ["permanent-failure", failed("PERMANENT")],
  ["temporary-failure", failed("TEMPORARY")],
  ["technical-failure", failed("NOT_SENT")],
]);
// Notify shows a letter's created and sending as "accepted", and delivered (returned letters too:
// Notify reports those only on its website) as "received". The virus and validation statuses are
// for precompiled letters, listed so that one would not wait forever.
const LETTER_STATUSES = new Map<string, NotifyDelivery>([
  ["created", IN_FLIGHT],
  ["sending", IN_FLIGHT],
  ["accepted", IN_FLIGHT],
  ["pending-virus-check", IN_FLIGHT],
  ["delivered", DELIVERED],
  ["received", DELIVERED],
  ["permanent-failure", failed("NOT_PRINTED")],
  ["validation-failed", failed("PERMANENT")],
  ["technical-failure", failed("NOT_SENT")],
  ["virus-scan-failed", failed("NOT_SENT")],
  ["cancelled", failed("NOT_SENT")],
]);

/** Notify writes UTC, e.g. 2026-03-31T09:15:00.123456Z; without a zone it is still UTC, not our local time. */
function notifyTime(value: unknown): Date | null {
  const match = typeof value === "string" ? NOTIFY_TIME.exec(value) : null;
  if (!match) return null;
  const time = new Date(match[2] ? match[1] + match[2] : `${match[1]}Z`);
  return Number.isFinite(time.getTime()) ? time : null;
}

function personalisation(message: NotifyMessage): Record<string, string> {
  const name = message.name?.trim();
  return { subject: message.subject, body: message.body, name: name ? name : NO_NAME_SALUTATION };
}

function requireReference(reference: string): void {
  // Without a reference a send cannot be found again, and a lookup would match everything.
  if (typeof reference !== "string" || reference.trim() === "") throw new Error("Notify reference is required");
}

interface HttpFailure {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data?: unknown };
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return typeof error === "object" && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/** Maps a failed call to an outcome. Reads the status, Notify's error name and axios's code; nothing else. */
function classify(error: unknown): Exclude<NotifyOutcome, { kind: "SENT" }> {
  if (!isHttpFailure(error)) {
    // Not from the transport (a bug here or in the client): surface it, but without its message.
    const name = error instanceof Error && ERROR_NAME.test(error.name) ? error.name : "unknown";
    throw new Error(`Notify client failed unexpectedly (${name})`);
  }
  const response = error.response;
  if (!response) {
    // ECONNABORTED/ETIMEDOUT: axios's timeout; ERR_CANCELED: the whole-call deadline (nothing else cancels).
    const timedOut = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT" || error.code === "ERR_CANCELED";
    return { kind: "RETRY", code: timedOut ? "TIMEOUT" : "NETWORK_ERROR" };
  }
  const code = notifyErrorName(response.data) ?? `HTTP_${response.status}`;
  // 429 (rate or daily limit), 408 and 5xx pass; any other 4xx is a request Notify will refuse again.
  const transient =
    response.status === 429 || response.status === 408 || response.status >= 500 || response.status < 400;
  return { kind: transient ? "RETRY" : "REJECTED", code };
}

function notifyErrorName(data: unknown): string | null {
  const errors = (data as { errors?: unknown } | null | undefined)?.errors;
  const name = Array.isArray(errors) ? (errors[0] as { error?: unknown } | undefined)?.error : undefined;
  return typeof name === "string" && ERROR_NAME.test(name) ? name : null;
}
