import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { cpus, totalmem, type as osType, release } from "node:os";
import { CACHE_OFFICER_PER_PROCESS } from "../baseline/officer-lookup";
import { markdownTable, perfLine, type ResultRow } from "./report";
import type { Captured } from "./statement-capture";

/** What the figures were measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
}

export function machineOf(postgresVersion: string): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres: postgresVersion,
  };
}

export interface PerformanceReport {
  rows: ResultRow[];
  date: Date;
  machine: Machine;
  settings: {
    seconds: number;
    rounds: number;
    warmUpSeconds: number;
    cases: { read: number; transition: number };
    pgbench: boolean;
  };
  statements: { service: Map<string, Captured>; baseline: Map<string, Captured>; drift: string[] };
}

function statementTable(statements: PerformanceReport["statements"]): string {
  const lines = ["| request | service | baseline |", "|---|---:|---:|"];
  for (const [workload, captured] of statements.service)
    lines.push(
      `| ${workload} | ${captured.statements.length} | ${statements.baseline.get(workload)?.statements.length ?? "–"} |`,
    );
  return lines.join("\n");
}

/** docs/PERFORMANCE.md, written whole by each run of npm run bench, formatted as the repository's Prettier wants it. */
export async function writePerformanceDoc(path: string, report: PerformanceReport): Promise<void> {
  const { machine, settings } = report;
  const drift =
    report.statements.drift.length === 0
      ? "The baseline sent the same statements as the service for every request."
      : `**The baseline no longer sends what the service sends** (update bench/baseline/ and bench/pgbench/):\n\n${report.statements.drift.map((line) => `- ${line}`).join("\n")}`;
  const text = `# Performance: the service against a raw baseline

Written by \`npm run bench\` (\`scripts/bench.ts\`) on ${report.date.toISOString().slice(0, 10)}. Do not edit by hand: run it again.

\`\`\`
${perfLine(report.rows)}
\`\`\`

Each ratio is the service's operations per second over the baseline's, at 8 clients (W4: 32 clients
on one case). 1.00 would mean the service's framework layers cost nothing beyond the statements it
sends; the gap is Apollo, type-graphql, TypeORM, XState and the service's own plumbing.

## Results

${markdownTable(report.rows)}

ops/s: W1–W3 answers per second, W4 winners (transitions that succeeded) per second. Latencies are
per request, every request of every round (W4's losers and reads included). CPU µs/answer: each
server process's user and system CPU time over its timed runs (from /proc) over every answer it gave
(W4's losers and reads included); it says how much of a ratio is the server's own work, and moves
less than ops/s when something else on the machine is busy. pgbench: the same
statements with no HTTP, GraphQL or Node (at 8 clients; W4 at 32). PGlite: the service alone on the
embedded database, one process, no baseline (same clients).

## Statements per request

Captured from both servers by wrapping pg's \`Client.query\` (\`bench/capture/log-statements.ts\`),
one request of each kind, before the timed runs:

${statementTable(report.statements)}

${drift}

## Workloads

- **W1, case read**: \`victimCase(id)\` with status, version, availableActions, the offender's name
  and custody phase, and the contacts' name, email and phone (sealed at rest, decrypted on read,
  each read written to the access log). Each request picks one of ${settings.cases.read} cases at random.
- **W2, transitions**: \`sendInvitation\` as a follow-up on an INVITED case (it stays INVITED, and
  its version goes up by one), with \`expectedVersion\`. The ${settings.cases.transition} cases are
  shared out so that no two clients send to one case: no contention. Each client keeps each case's
  version from the answers.
- **W3, caseload page**: \`victimCases(first: 50)\` with each case's status, availableActions,
  offender name and \`lastTransition\` (its newest history entry: event, status, time).
- **W4, contention**: 32 clients send the same follow-up, with \`expectedVersion\`, to one case.
  A winner's answer carries the new version; a loser gets \`STALE_VERSION\` (whose answer carries no
  version) and reads the case's version before trying again. A loser is refused at once, whether
  its version is behind or another client's change holds the case's row (the lock skips a held
  row when \`expectedVersion\` is sent, and one existence read tells a busy case from a missing
  one). Only winners are counted.

## Method

- A fresh PostgreSQL database (\`vcs_bench_<timestamp>\`), dropped at the end (also on failure or
  Ctrl-C). The service runs as its own process (\`node -r @swc-node/register src/index.ts\`:
  transpiled at load, the same JavaScript as a build) with no demo data, the per-caller rate limits
  off, the development token issuer with a throwaway key, and \`LOG_LEVEL=warn\`. It is seeded
  through its own GraphQL API: an officer, offenders, ${settings.cases.read + settings.cases.transition + 1} referred cases,
  each invited once.
- The baseline (\`bench/baseline/\`) runs as another process on the same database: \`node:http\`,
  graphql-js with a small schema of the service's field names for these documents only, and one
  \`pg\` pool of 10 connections with the service's connection settings. Per request it does what
  the service does: checks the ES256 token (each token checked once, then kept by its SHA-256 until
  it expires, as the service does), reads the officer by username (${CACHE_OFFICER_PER_PROCESS ? "on a user's first request only, then kept for the process, as the service keeps it per instance" : "on every request, as the service does"}:
  \`CACHE_OFFICER_PER_PROCESS\` in \`bench/baseline/officer-lookup.ts\`), sends
  the service's statements in the same order and transaction shape, decrypts every sealed column
  of each contact row as the service's entities do, and writes the same access-log rows. It does
  not: run a state machine (the actions of an INVITED case and the follow-up's new context are
  worked out by hand), parse a document twice (documents are parsed and validated once, as Apollo
  caches them), log requests, set correlation headers, apply rate or cost limits, or serve
  subscriptions.
- Before measuring, each of the requests above is sent once to each server with statement logging
  preloaded, after one uncaptured request of the officer's (a user's first request looks their
  officer record up, in both servers, and later ones do not). The W4 loser's follow-up is sent
  while another connection holds the case's row lock, as a winner holds it mid-change. The
  statements are counted and compared, and the two answers must be the same (a follow-up's version
  aside); then both servers are restarted without it.
- For each workload, a ${settings.warmUpSeconds} s warm-up on each server, then for each concurrency (1, 8 and 32 clients;
  W4 32) ${settings.rounds} rounds of ${settings.seconds} s runs alternating service, baseline, service,
  baseline. Only one server is under load at a time. autocannon runs in the bench's own process, one
  request in flight per client, each request built when sent and each answer checked: W1 every
  field against what was seeded, W2 the version (exactly the one sent + 1) and no userErrors, W3 50
  cases each with its offender and newest history entry, W4 either version + 1 or STALE_VERSION. A
  wrong answer stops the bench with a non-zero exit. Figures are the rounds' operations over their
  summed time; latency percentiles are over every request of the rounds.
- pgbench (${settings.pgbench ? "run" : "not found on PATH: not run"}): \`bench/pgbench/w1.sql\`…\`w4.sql\` send the same statements with their
  parameters written in (\`pgbench -n -c 8 -j 2 -T ${settings.seconds}\`; W4 \`-c 32\`). W1 and W2 pick their case with one
  primary-key lookup more. Under pgbench a W4 transaction that finds the row held sends the loser's
  statements; pgbench counts it, where the bench counts winners only, and it reads no version
  before the next (which reads it under the lock).

## Machine

- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB; ${machine.os}
- Node ${machine.node}; PostgreSQL ${machine.postgres} on the same machine, over TCP on loopback
- Server, baseline, PostgreSQL and autocannon share the machine's cores.

## Command

\`\`\`sh
npm run bench          # BENCH_SECONDS (default 4) per run, BENCH_ROUNDS (default 3), BENCH_WARM_UP_SECONDS (default 3); BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres) must be allowed to create databases
\`\`\`

This run: BENCH_SECONDS=${settings.seconds}, BENCH_ROUNDS=${settings.rounds}, BENCH_WARM_UP_SECONDS=${settings.warmUpSeconds}.
`;
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
}
