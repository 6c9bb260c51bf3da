import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "pg";
import { loadOrCreateDevKeys, signDevToken } from "../src/services/security/dev-auth-keys";
import { BenchFailure } from "../bench/runner/bench-failure";
import { createDatabase, databaseUrl, dropDatabase } from "../bench/runner/bench-database";
import { seedThroughApi, type SeedTokens } from "../bench/runner/seed";
import { stopServer, type ServerProcess } from "../bench/runner/server-process";
import { freePort } from "../test/support/service-instances";
import { timedRun } from "../bench/runner/timed-run";
import { caseloadWorkload } from "../bench/runner/workloads";

// npm run footprint: the built service (`node dist/src/index.js`, as `npm start` runs it) started
// three ways, each measured for the time to a 200 from /healthz and its resident memory from then on,
// with no request, until it is idle: on PostgreSQL as production runs it, then on PGlite as `npm start`
// runs it on a fresh machine (development, demo data), from a fresh directory and again from the one
// it left. Then W3 (caseload pages) at 32 clients on PostgreSQL, with the resident memory sampled
// throughout. Bounded: about three minutes. `--no-build` skips `npm run build`; `--only=postgres` or
// `--only=pglite` measures one engine; FOOTPRINT_NODE_FLAGS adds flags to the service's node.
/** Another build to measure, as a folder holding its dist/ and node_modules/ (a before/after comparison). */
const ROOT = resolve(process.env.FOOTPRINT_ROOT ?? resolve(__dirname, ".."));
const ENTRY = "dist/src/index.js";
/** After /healthz answers: long enough for the start-up's garbage to be collected and timers to run once. */
const SETTLE_MS = 5_000;
/** What the figures measured before 2026-12-07 called idle, kept for comparison. */
const TWENTY_S_MS = 20_000;
/**
 * Idle: V8 hands the start-up's freed heap back to the system only when its memory reducer finds
 * the process quiet. It first looks 8 s after the start-up's last full collection and again every
 * 8 s; each look compares the allocation of the last ten collections (nearly all start-up) with the
 * time since, so the same build is released at 9, 17 or 25 s depending on the machine's speed
 * that minute (`node --trace-gc-verbose` shows each look). 45 s leaves room for four looks.
 */
const IDLE_MS = 45_000;
/** The RSS is read this often while idle, to report when it fell. */
const IDLE_SAMPLE_MS = 1_000;
const HEALTH_POLL_MS = 20;
const START_TIMEOUT_MS = 60_000;
const RSS_SAMPLE_MS = 50;
const W3_CLIENTS = 32;
const W3_SECONDS = 5;
/** W3 reads the officer's first 50 cases. */
const W3_CASES = { read: 50, transition: 0 };
const OFFICER = "footprint.vlo";
const ISSUER = "https://footprint.invalid/auth";
const RUNTIME_ROLE = "vcs_footprint_runtime";
const NODE_FLAGS = (process.env.FOOTPRINT_NODE_FLAGS ?? "").split(" ").filter(Boolean);

interface Row {
  label: string;
  startMs: number;
  /** VmRSS SETTLE_MS after start. */
  settledMb: number;
  /** VmRSS TWENTY_S_MS after start. */
  twentySecondsMb: number;
  /** VmRSS IDLE_MS after start. */
  idleMb: number;
  /** Seconds after start when the RSS first fell by a tenth below the settled figure, if it did. */
  releasedAtS?: number;
  /** VmHWM when idle: the start-up's high-water mark. */
  startPeakMb: number;
  w3?: { peakMb: number; perSecond: number };
}

const cleanups: (() => Promise<unknown>)[] = [];
const log = (message: string) => process.stderr.write(`footprint: ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A /proc/<pid>/status figure in MB (VmRSS now, VmHWM the high-water mark). */
function memoryMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return kilobytes / 1024;
}

/** Spawns the built service with only `env` (and PATH), and times it to its first 200 from /healthz. */
async function started(name: string, env: Record<string, string>): Promise<{ server: ServerProcess; ms: number }> {
  const port = await freePort();
  const begun = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const server: ServerProcess = { name, url: `http://127.0.0.1:${port}/graphql`, child, output };
  cleanups.push(() => stopServer(server));
  while (performance.now() - begun < START_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new BenchFailure(`${name} exited at start: ${output.join("").slice(-2000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { server, ms: performance.now() - begun };
    } catch {
      // not listening yet
    }
    await sleep(HEALTH_POLL_MS);
  }
  throw new BenchFailure(`${name} did not answer /healthz: ${output.join("").slice(-2000)}`);
}

async function measured(label: string, env: Record<string, string>): Promise<{ row: Row; server: ServerProcess }> {
  log(`starting ${label}`);
  const { server, ms } = await started(label, env);
  const pid = server.child.pid!;
  const samples: { atMs: number; mb: number }[] = [];
  for (let atMs = IDLE_SAMPLE_MS; atMs <= IDLE_MS; atMs += IDLE_SAMPLE_MS) {
    await sleep(IDLE_SAMPLE_MS);
    samples.push({ atMs, mb: memoryMb(pid, "VmRSS") });
  }
  const at = (atMs: number) => samples.find((sample) => sample.atMs === atMs)!.mb;
  const settledMb = at(SETTLE_MS);
  const released = samples.find((sample) => sample.atMs > SETTLE_MS && sample.mb < settledMb * 0.9);
  return {
    server,
    row: {
      label,
      startMs: ms,
      settledMb,
      twentySecondsMb: at(TWENTY_S_MS),
      idleMb: at(IDLE_MS),
      releasedAtS: released && released.atMs / 1000,
      startPeakMb: memoryMb(pid, "VmHWM"),
    },
  };
}

/** The highest VmRSS seen while `work` runs. */
async function peakWhile<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = memoryMb(pid, "VmRSS");
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, memoryMb(pid, "VmRSS"))), RSS_SAMPLE_MS);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, memoryMb(pid, "VmRSS")) };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Production takes tokens from an https JWKS only: one served here, on a self-signed certificate
 * the service trusts through NODE_EXTRA_CA_CERTS.
 */
async function jwksIssuer(scratch: string): Promise<{ jwksUrl: string; caFile: string; tokens: SeedTokens }> {
  const keyFile = join(scratch, "tls.key");
  const caFile = join(scratch, "tls.crt");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"],
      ...["-keyout", keyFile, "-out", caFile, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    ],
    { stdio: "ignore" },
  );
  const keys = await loadOrCreateDevKeys(join(scratch, "issuer"));
  const server: Server = createHttpsServer(
    { key: readFileSync(keyFile), cert: readFileSync(caFile) },
    (_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(keys.publicJwks));
    },
  );
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, "127.0.0.1", listening));
  cleanups.push(() => new Promise((closed) => server.close(closed)));
  // Production refuses a token living longer than an hour.
  const sign = (request: { user?: string; client?: string; roles: string[] }) =>
    signDevToken(keys, { issuer: ISSUER, ttlSeconds: 3600, ...request });
  return {
    jwksUrl: `https://127.0.0.1:${port}/jwks.json`,
    caFile,
    tokens: {
      admin: await sign({ user: "footprint.admin", roles: ["VCS_ADMIN"] }),
      feed: await sign({ client: "footprint-feed", roles: ["VCS_CUSTODY_FEED"] }),
      officer: await sign({ user: OFFICER, roles: ["VCS_VLO"] }),
    },
  };
}

/** Production refuses to run as a role that could rewrite the histories: a login member of vcs_runtime. */
async function runtimeUrl(database: string): Promise<string> {
  const owner = databaseUrl(database);
  const client = new Client({ connectionString: owner });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Roles belong to the whole server, and the test harness makes vcs_runtime too.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('vcs test roles'))");
    const { rows } = await client.query<{ rolname: string }>(
      "SELECT rolname FROM pg_roles WHERE rolname IN ('vcs_runtime', $1)",
      [RUNTIME_ROLE],
    );
    const existing = new Set(rows.map((row) => row.rolname));
    if (!existing.has("vcs_runtime")) await client.query("CREATE ROLE vcs_runtime NOLOGIN");
    if (!existing.has(RUNTIME_ROLE)) await client.query(`CREATE ROLE ${RUNTIME_ROLE} LOGIN IN ROLE vcs_runtime`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  const url = new URL(owner);
  url.username = RUNTIME_ROLE;
  url.password = "";
  return url.toString();
}

async function onPostgres(scratch: string): Promise<Row> {
  const issuer = await jwksIssuer(scratch);
  const database = `vcs_footprint_${Date.now()}`;
  await createDatabase(database);
  cleanups.push(() => dropDatabase(database));
  const { row, server } = await measured("PostgreSQL (production)", {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: await runtimeUrl(database),
    MIGRATION_DATABASE_URL: databaseUrl(database),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    AUTH_JWKS_URL: issuer.jwksUrl,
    AUTH_ISSUER: ISSUER,
    NODE_EXTRA_CA_CERTS: issuer.caFile,
    // One caller sends thousands a minute here.
    MUTATIONS_PER_MINUTE: "0",
    QUERIES_PER_MINUTE: "0",
  });
  log("seeding W3's cases");
  await seedThroughApi(server.url, issuer.tokens, OFFICER, W3_CASES);
  const workload = caseloadWorkload();
  await timedRun(server.url, issuer.tokens.officer, workload, W3_CLIENTS, 1);
  log(`W3 at ${W3_CLIENTS} clients for ${W3_SECONDS} s`);
  const { result, peakMb } = await peakWhile(server.child.pid!, () =>
    timedRun(server.url, issuer.tokens.officer, workload, W3_CLIENTS, W3_SECONDS),
  );
  await stopServer(server);
  return { ...row, w3: { peakMb, perSecond: result.operations / result.seconds } };
}

async function onPglite(scratch: string): Promise<Row[]> {
  // As `npm start` runs on a fresh machine: development, the embedded database, demo data.
  const env = {
    LOG_LEVEL: "warn",
    PGLITE_DIR: join(scratch, "pglite"),
    AUTH_DEV_KEY_DIR: join(scratch, "dev-auth"),
  };
  const rows: Row[] = [];
  for (const label of ["PGlite, fresh directory", "PGlite, existing directory"]) {
    const { row, server } = await measured(label, env);
    await stopServer(server);
    rows.push(row);
  }
  return rows;
}

function table(rows: Row[]): string {
  const header = [
    "",
    "start (s)",
    `RSS at ${SETTLE_MS / 1000} s (MB)`,
    `RSS at ${TWENTY_S_MS / 1000} s (MB)`,
    `idle RSS at ${IDLE_MS / 1000} s (MB)`,
    "released at (s)",
    "start-up peak (MB)",
    "W3 c=32 peak (MB)",
    "W3 c=32 (ops/s)",
  ];
  const lines = rows.map((row) => [
    row.label,
    (row.startMs / 1000).toFixed(2),
    row.settledMb.toFixed(0),
    row.twentySecondsMb.toFixed(0),
    row.idleMb.toFixed(0),
    row.releasedAtS === undefined ? "" : row.releasedAtS.toFixed(0),
    row.startPeakMb.toFixed(0),
    row.w3 ? row.w3.peakMb.toFixed(0) : "",
    row.w3 ? row.w3.perSecond.toFixed(0) : "",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join("  ");
  return [format(header), ...lines.map(format)].join("\n");
}

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    log("npm run build");
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const scratch = mkdtempSync(join(tmpdir(), "vcs-footprint-"));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const only = process.argv.find((argument) => argument.startsWith("--only="))?.slice("--only=".length);
  const rows = [
    ...(only === "pglite" ? [] : [await onPostgres(scratch)]),
    ...(only === "postgres" ? [] : await onPglite(scratch)),
  ];
  await cleanUp();
  const flags = NODE_FLAGS.length > 0 ? ` (node ${NODE_FLAGS.join(" ")})` : "";
  process.stdout.write(
    `\n${table(rows)}\n\nVmRSS read every ${IDLE_SAMPLE_MS / 1000} s after /healthz first answered, no request between; released: when it first fell by a tenth${flags}\n`,
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

main().catch(async (error: unknown) => {
  log(error instanceof BenchFailure ? error.message : `failed: ${error instanceof Error ? error.stack : error}`);
  await cleanUp();
  process.exit(1);
});
