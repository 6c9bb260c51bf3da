import autocannon from "autocannon";
import type { Tally, Workload } from "../runner/workloads";

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
  await workload.prepare(url);
  const tally: Tally = { operations: 0, answers: 0, latenciesMs: [], failure: null };
  let nextClient = 0;
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    connections: clients,
    pipelining: 1,
    duration: seconds,
    setupClient: (client) => client.setRequests(workload.requestsOf(nextClient++, clients, tally)),
  });
  return {
    workload: workload.name,
    clients,
    seconds: result.duration,
    operations: tally.operations,
    failed: tally.answers - tally.operations + result.errors + result.timeouts,
    firstFailure: tally.failure,
  };
}
