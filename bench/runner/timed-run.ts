import autocannon from "autocannon";
import { BenchFailure } from "./bench-failure";
import { processCpuSeconds } from "./process-cpu";
import type { Tally, Workload } from "./workloads";

const SETTLE_MS = 500;

/** What one timed run measured. */
export interface RunResult {
  operations: number;
  seconds: number;
  latenciesMs: number[];
  /** Every answer, W4's losers and reads included. */
  answers: number;
  /** The server's CPU time over the run (null where it cannot be read). */
  cpuSeconds: number | null;
}

/**
 * autocannon's options for a workload's run, `clients` connections with one request in flight on
 * each, for `seconds`, and the tally its requests keep; the workload prepared.
 */
export async function workloadRun(
  url: string,
  token: string,
  workload: Workload,
  clients: number,
  seconds: number,
): Promise<{ options: autocannon.Options; tally: Tally }> {
  await workload.prepare(url);
  const tally: Tally = { operations: 0, answers: 0, latenciesMs: [], failure: null };
  let nextClient = 0;
  const options: autocannon.Options = {
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    connections: clients,
    pipelining: 1,
    duration: seconds,
    setupClient: (client) => client.setRequests(workload.requestsOf(nextClient++, clients, tally)),
  };
  return { options, tally };
}

/**
 * One autocannon run of a workload against one server: `clients` connections, one request in
 * flight on each, for `seconds`. Stops at the first wrong answer and fails with it. With the
 * server's `pid`, also the CPU time it spent.
 */
export async function timedRun(
  url: string,
  token: string,
  workload: Workload,
  clients: number,
  seconds: number,
  pid?: number,
): Promise<RunResult> {
  const { options, tally } = await workloadRun(url, token, workload, clients, seconds);
  const cpuBefore = processCpuSeconds(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => {
      clearInterval(watch);
      if (error) reject(new BenchFailure(`autocannon failed: ${error instanceof Error ? error.message : error}`));
      else resolve(finished);
    });
    const watch = setInterval(() => {
      if (tally.failure) instance.stop();
    }, 50);
  });
  // autocannon stops with a request in flight on each client: let the server finish them before
  // the next run reads the versions they may change.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cpuAfter = processCpuSeconds(pid);
  if (tally.failure) throw new BenchFailure(`${url}: ${tally.failure}`);
  if (result.errors > 0 || result.timeouts > 0)
    throw new BenchFailure(
      `${url}: ${workload.name} had ${result.errors} connection errors, ${result.timeouts} timeouts`,
    );
  if (tally.answers === 0) throw new BenchFailure(`${url}: ${workload.name} got no answer in ${seconds} s`);
  return {
    operations: tally.operations,
    seconds: result.duration,
    latenciesMs: tally.latenciesMs,
    answers: tally.answers,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}
