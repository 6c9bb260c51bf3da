import autocannon from "autocannon";
import { workloadRun } from "../runner/timed-run";
import type { Workload } from "../runner/workloads";

/** What a run that goes on through failures counted. */
interface CountedRun {
  workload: string;
  clients: number;
  seconds: number;
  /** Right answers. */
  operations: number;
  /** Wrong answers (an HTTP 502 among them), connection errors and timeouts. */
  failed: number;
  /** The first wrong answer, to show when a claim fails. */
  firstFailure: string | null;
}

/**
 * One autocannon run of a workload, `clients` connections with one request in flight on each, for
 * `seconds`. Unlike the bench's timedRun it does not stop at a wrong answer: it counts them, since
 * the scale test kills an instance during it and must know how many requests that cost.
 */
export async function countedRun(
  url: string,
  token: string,
  workload: Workload,
  clients: number,
  seconds: number,
): Promise<CountedRun> {
  const { options, tally } = await workloadRun(url, token, workload, clients, seconds);
  const result = await autocannon(options);
  return {
    workload: workload.name,
    clients,
    seconds: result.duration,
    operations: tally.operations,
    failed: tally.answers - tally.operations + result.errors + result.timeouts,
    firstFailure: tally.failure,
  };
}
