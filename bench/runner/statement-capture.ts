import { readFileSync, writeFileSync } from "node:fs";

/** One request of a workload, sent once to a server started with bench/capture/log-statements.ts. */
export interface Probe {
  workload: string;
  send: (url: string) => Promise<unknown>;
}

const SETTLE_MS = 250;

/** What a server sent to PostgreSQL for one probe, in the order sent, and what it answered. */
export interface Captured {
  statements: string[];
  answer: unknown;
}

/**
 * Sends `warmUp` once, uncaptured, then each probe once. A user's first request looks their officer
 * record up, in both servers, and none after (the service keeps it per instance, the baseline per
 * process): the warm-up makes each probe a request of a user already known, as nearly every request
 * of a timed run is. The log is read after each answer has settled: a request's writes all finish
 * before its answer, in both servers.
 */
export async function captureStatements(
  url: string,
  logFile: string,
  warmUp: Probe["send"],
  probes: Probe[],
): Promise<Map<string, Captured>> {
  const captured = new Map<string, Captured>();
  await warmUp(url);
  for (const probe of probes) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    writeFileSync(logFile, "");
    const answer = await probe.send(url);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
    captured.set(probe.workload, { statements: lines.map((line) => JSON.parse(line) as string), answer });
  }
  return captured;
}

/** Where the baseline no longer sends what the service sends (statements compared as sets in any order). */
export function statementDrift(service: Map<string, Captured>, baseline: Map<string, Captured>): string[] {
  const drift: string[] = [];
  for (const [workload, { statements }] of service) {
    const theirs = [...(baseline.get(workload)?.statements ?? [])].sort();
    const ours = [...statements].sort();
    if (ours.length !== theirs.length || ours.some((statement, index) => statement !== theirs[index]))
      drift.push(
        `${workload}: the service sends ${ours.length} statements, the baseline ${theirs.length}` +
          (ours.length === theirs.length ? " (same count, different text)" : ""),
      );
  }
  return drift;
}
