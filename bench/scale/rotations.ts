import { summarise, type Summary } from "../runner/summary";
import { timedRun, type RunResult } from "../runner/timed-run";
import type { Workload } from "../runner/workloads";
import { setServerState, waitForStatus } from "./haproxy-admin";
import { BACKEND, type Proxy } from "./haproxy-process";
import type { ProxyCounts } from "./proxy-log";

/** What the workloads did with some of the instances in HAProxy's rotation. */
export interface RotationResult {
  /** The instances in the rotation. */
  servers: string[];
  summaries: Map<string, Summary>;
  /** Requests by instance, each round's. */
  counts: ProxyCounts[];
}

/** Puts exactly `servers` in HAProxy's rotation (the others in maintenance) and waits until they are UP. */
export async function rotate(proxy: Proxy, everyServer: string[], servers: string[]): Promise<void> {
  for (const server of everyServer)
    await setServerState(proxy.adminSocket, BACKEND, server, servers.includes(server) ? "ready" : "maint");
  await waitForStatus(proxy.adminSocket, BACKEND, Object.fromEntries(servers.map((server) => [server, "UP" as const])));
}

/**
 * Each workload through the proxy with each rotation in turn, `rounds` times over, so that what
 * else the machine does at some moment falls on both alike. Any failed request fails the run (timedRun).
 */
export async function alternateRotations(
  proxy: Proxy,
  everyServer: string[],
  rotations: string[][],
  run: { token: string; workloads: Workload[]; clients: number; seconds: number; rounds: number },
): Promise<RotationResult[]> {
  const results = rotations.map((servers) => ({
    servers,
    runs: new Map<string, RunResult[]>(),
    counts: [] as ProxyCounts[],
  }));
  for (let round = 0; round < run.rounds; round++)
    for (const result of results) {
      await rotate(proxy, everyServer, result.servers);
      proxy.log.take();
      for (const workload of run.workloads) {
        const runs = result.runs.get(workload.name) ?? [];
        runs.push(await timedRun(proxy.url, run.token, workload, run.clients, run.seconds));
        result.runs.set(workload.name, runs);
      }
      result.counts.push(proxy.log.take());
    }
  return results.map(({ servers, runs, counts }) => ({
    servers,
    counts,
    summaries: new Map([...runs].map(([name, workloadRuns]) => [name, summarise(workloadRuns)])),
  }));
}
