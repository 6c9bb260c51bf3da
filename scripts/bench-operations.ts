import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/server";
import { loadOrCreateDevKeys, signDevToken } from "../src/services/security/dev-auth-keys";
import { createTokenVerifier } from "../src/services/security/identity";
import { cachingTokenVerifier } from "../src/services/security/token-cache";
import { openDatabase } from "../src/services/platform/database";
import { configureFieldEncryption } from "../src/entities/field-encryption.transformer";
import { createLogger } from "../src/services/platform/logger";
import { LiveUpdates } from "../src/services/platform/live-updates";
import { OfficerDirectory } from "../src/services/security/officer-directory";
import { benchOffenderInput } from "../bench/runner/seed";
import { serveSubscriptions } from "../src/graphql/subscription-server";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

/** The parts of a root field's answer the benchmark reads. */
interface Payload {
  userErrors?: unknown[];
  offender?: { id: string };
  victimCase?: { id: string };
  paroleReview?: { id: string };
  paroleReviews?: { id: string }[];
}

// Throughput and latency of the main operations over HTTP on loopback, against the embedded
// database (default) or DATABASE_URL (use an empty database: the script writes to it).
// Client and server share this process, so figures are conservative. Bounded: it stops by itself.
const CASES = Number(process.env.BENCH_CASES ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CASES_PER_OFFENDER = 10;
/** Open caseUpdated subscriptions during the live-update phase (one per case, each on its own connection). */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);

type Sample = number[];
const samples = new Map<string, Sample>();
const wall = new Map<string, number>();

async function main(): Promise<void> {
  configureFieldEncryption(randomBytes(32));
  const dataSource = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: "memory://" });
  // The benchmark is its own token issuer, with a throwaway key.
  const keys = await loadOrCreateDevKeys(mkdtempSync(join(tmpdir(), "vcs-bench-keys-")));
  const issuer = "http://bench.invalid";
  const verifyToken = cachingTokenVerifier(createTokenVerifier({ issuer, jwks: keys.publicJwks }));
  // One caller makes hundreds of requests a minute here: the per-caller limits are off.
  const logger = createLogger("warn");
  // As the service runs: officer records kept while live updates hear their changes.
  const officers = new OfficerDirectory(dataSource);
  const liveUpdates = await LiveUpdates.start(dataSource, {
    databaseUrl: process.env.DATABASE_URL,
    logger,
    officers,
  });
  const { listener, apollo, schema } = await createApp({
    dataSource,
    logger,
    sandboxEnabled: false,
    verifyToken,
    mutationsPerMinute: 0,
    queriesPerMinute: 0,
    officers,
  });
  const server = createServer(listener).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const subscriptions = serveSubscriptions(server, {
    schema,
    dataSource,
    logger,
    verifyToken,
    liveUpdates,
    officers,
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  let token = await signDevToken(keys, { issuer, user: "bench.admin", roles: ["VCS_ADMIN"] });

  const call = async (name: string, query: string, variables: Record<string, unknown> = {}, bearer = token) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, Payload | null>; errors?: unknown[] };
    record(name, performance.now() - started);
    const payload = body.data && Object.values(body.data)[0];
    if (!payload || body.errors || payload.userErrors?.length)
      throw new Error(`${name} failed: ${JSON.stringify(body).slice(0, 300)}`);
    return payload;
  };

  await call(
    "createOfficer",
    `mutation { createOfficer(input: { username: "bench.vlo", name: "Bench VLO", region: NORTH_EAST }) { officer { id } userErrors { code } } }`,
  );
  // A caller may hold 10 live-update connections on an instance: the subscribers are officers of
  // the same region, each with up to 10 case pages open.
  const watchers = Array.from({ length: Math.ceil(SUBSCRIBERS / 10) }, (_, i) => `bench.watch.${i}`);
  for (const username of watchers) {
    await call(
      "createOfficer",
      `mutation { createOfficer(input: { username: "${username}", name: "Bench watcher", region: NORTH_EAST }) { officer { id } userErrors { code } } }`,
    );
  }
  samples.delete("createOfficer");
  const watcherTokens = await Promise.all(
    watchers.map((user) => signDevToken(keys, { issuer, user, roles: ["VCS_VLO"], ttlSeconds: 3600 })),
  );
  // One officer who does the case work, and the custody feed (a client-credentials token: its role
  // grants nothing in a user's token) that records offenders, custody and parole hearings.
  token = await signDevToken(keys, { issuer, user: "bench.vlo", roles: ["VCS_VLO"], ttlSeconds: 3600 });
  const feedToken = await signDevToken(keys, {
    issuer,
    client: "bench-feed",
    roles: ["VCS_CUSTODY_FEED"],
    ttlSeconds: 3600,
  });
  const offenderCount = Math.ceil(CASES / CASES_PER_OFFENDER);
  const offenders = await phase("createOffender", offenderCount, (i) =>
    call(
      "createOffender",
      `mutation ($input: CreateOffenderInput!) { createOffender(input: $input) { offender { id } userErrors { code } } }`,
      { input: benchOffenderInput(i) },
      feedToken,
    ).then((payload) => payload.offender!.id),
  );
  const cases = await phase("referVictimCase", CASES, (i) =>
    call(
      "referVictimCase",
      `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { victimCase { id } userErrors { code } } }`,
      {
        input: {
          offenderId: offenders[i % offenders.length],
          referredOn: "2026-11-02",
          contact: {
            role: "VICTIM",
            name: `Bench Victim ${i}`,
            email: `victim${i}@example.org`,
            address: { line1: "1 Bench Road", town: "Leeds", postcode: "LS1 1AA" },
          },
        },
      },
    ).then((payload) => payload.victimCase!.id),
  );
  // Variables, as real clients send them, so the server's parsed-document cache applies.
  const transition = (field: string, inputType: string, extra: Record<string, unknown>) => (i: number) =>
    call(
      field,
      `mutation ($input: ${inputType}!) { ${field}(input: $input) { victimCase { status version } userErrors { code } } }`,
      { input: { caseId: cases[i], ...extra } },
    );
  await phase("sendInvitation", CASES, transition("sendInvitation", "SendInvitationInput", { channel: "LETTER" }));
  await phase("recordOptIn", CASES, transition("recordOptIn", "RecordOptInInput", { expectedVersion: 2 }));
  await phase(
    "agreeContactPlan",
    CASES,
    transition("agreeContactPlan", "AgreeContactPlanInput", {
      informationLevel: "KEY_STAGES",
      channels: ["LETTER", "EMAIL"],
    }),
  );
  await phase("victimCase (read)", CASES, (i) =>
    call(
      "victimCase (read)",
      `query ($id: ID!) { victimCase(id: $id) { reference status availableActions offender { name custodyPhase } contacts { name email } contactPlan { channels } history { totalCount nodes { event } } } }`,
      { id: cases[i] },
    ),
  );
  await phase("victimCases(first: 50)", 100, () =>
    call(
      "victimCases(first: 50)",
      `{ victimCases(first: 50, filter: { status: [ACTIVE] }) { totalCount nodes { reference status offender { name } contacts { name } availableActions } } }`,
    ),
  );
  await phase(`recordCustodyEvent (fan-out to ${CASES_PER_OFFENDER})`, offenders.length, (i) =>
    call(
      `recordCustodyEvent (fan-out to ${CASES_PER_OFFENDER})`,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { affectedCases { status } userErrors { code } } }`,
      {
        input: { offenderId: offenders[i], type: "REFERRED_TO_PAROLE_BOARD", occurredOn: "2026-11-02" },
      },
      feedToken,
    ),
  );
  // The parole referral above left every case a notification to send: a full queue to page through.
  await phase("workQueue(first: 50)", 100, () =>
    call(
      "workQueue(first: 50)",
      `{ workQueue(first: 50) { totalCount nodes { action dueOn overdue victimCase { reference } notification { kind subject } task { kind } } } }`,
    ),
  );
  // Parole: each review gets a hearing far enough ahead that every victim window is open.
  const reviews = await phase("scheduleParoleHearing", offenders.length, async (i) => {
    const offender = await call(
      "offender (reviews)",
      `query ($id: ID!) { offender(id: $id) { paroleReviews { id } } }`,
      { id: offenders[i] },
    );
    const hearing = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    return call(
      "scheduleParoleHearing",
      `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { paroleReview { id } userErrors { code } } }`,
      {
        input: { paroleReviewId: offender.paroleReviews![0].id, targetHearingDate: hearing, hearingType: "ORAL" },
      },
      feedToken,
    ).then((payload) => payload.paroleReview!.id);
  });
  samples.delete("offender (reviews)");
  await phase("submitVictimPersonalStatement", CASES, (i) =>
    call(
      "submitVictimPersonalStatement",
      `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { personalStatement { status } userErrors { code } } }`,
      {
        input: {
          caseId: cases[i],
          paroleReviewId: reviews[i % reviews.length],
          format: "READ_BY_PANEL",
          text: `Statement ${i}: how the offence changed my life.`,
        },
      },
    ),
  );
  await phase("requestLicenceCondition", CASES, (i) =>
    call(
      "requestLicenceCondition",
      `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { status } userErrors { code } } }`,
      {
        input: {
          caseId: cases[i],
          kind: "EXCLUSION_ZONE",
          description: "The town centre and the streets north of the river.",
          decisionPoint: "PAROLE_REVIEW",
          paroleReviewId: reviews[i % reviews.length],
        },
      },
    ),
  );
  await phase("victimCase (parole read)", CASES, (i) =>
    call(
      "victimCase (parole read)",
      `query ($id: ID!) { victimCase(id: $id) { personalStatements { status text } licenceConditionRequests { status description } releaseInformation { expectedReleaseMonth licenceConditions { kind outcome } } offender { paroleReviews { status statementDueOn } } } }`,
      { id: cases[i] },
    ),
  );

  // Live updates: a subscriber per case on its own connection, as that many open case pages; the
  // figure is from sending the mutation to the subscriber receiving the changed case.
  const followed = cases.slice(0, Math.min(SUBSCRIBERS, cases.length));
  const arrivals = new Map<string, () => void>();
  const clients = followed.map((caseId, i) => {
    const watcherToken = watcherTokens[Math.floor(i / 10)];
    const client = createClient({
      url: url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${watcherToken}` },
      lazy: false,
      retryAttempts: 0,
    });
    let first = true;
    const ready = new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: `subscription ($id: ID!) { caseUpdated(caseId: $id) { version } }`, variables: { id: caseId } },
        {
          next: () => {
            if (first) return void ((first = false), resolve());
            arrivals.get(caseId)?.();
          },
          error: reject,
          complete: () => undefined,
        },
      ),
    );
    return { client, ready };
  });
  await Promise.all(clients.map((entry) => entry.ready));
  await phase("caseUpdated (mutation sent → received)", followed.length, async (i) => {
    const started = performance.now();
    const arrived = new Promise<void>((resolve) => arrivals.set(followed[i], resolve));
    await call(
      "agreeContactPlan (followed)",
      `mutation ($input: AgreeContactPlanInput!) { agreeContactPlan(input: $input) { victimCase { version } userErrors { code } } }`,
      {
        input: { caseId: followed[i], informationLevel: "RELEASE_MONTH_ONLY", channels: ["LETTER"] },
      },
    );
    await arrived;
    record("caseUpdated (mutation sent → received)", performance.now() - started);
  });
  samples.delete("agreeContactPlan (followed)");
  for (const { client } of clients) await client.dispose();

  const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  console.log(`\n${engine}, ${CASES} cases, ${CONCURRENCY} concurrent clients, HTTP on loopback\n`);
  console.log("operation                              count   ops/s    p50 ms   p95 ms   p99 ms");
  for (const [name, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
    const rate = (values.length / (wall.get(name)! / 1000)).toFixed(0);
    console.log(
      `${name.padEnd(38)} ${String(values.length).padStart(5)} ${rate.padStart(7)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)} ${at(0.99).padStart(8)}`,
    );
  }
  await subscriptions.close();
  await liveUpdates.stop();
  server.close();
  await apollo.stop();
  await dataSource.destroy();
}

function record(name: string, ms: number): void {
  if (!samples.has(name)) samples.set(name, []);
  samples.get(name)!.push(ms);
}

// Runs `count` operations with CONCURRENCY in flight, keeping results in order.
async function phase<T>(name: string, count: number, operation: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await operation(index);
      }
    }),
  );
  wall.set(name, performance.now() - started);
  return results;
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
