import type { RunResult } from "./timed-run";

/** Several runs of one server on one workload at one concurrency, taken together. */
export interface Summary {
  /** Operations over the runs' summed time (W4: winners). */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server's CPU time per answer (every answer, W4's losers and reads included), in µs; null if unread. */
  cpuMicrosPerAnswer: number | null;
}

export function summarise(runs: RunResult[]): Summary {
  const operations = runs.reduce((sum, run) => sum + run.operations, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const latencies = runs.flatMap((run) => run.latenciesMs).sort((a, b) => a - b);
  const at = (quantile: number) =>
    latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
  const answers = runs.reduce((sum, run) => sum + run.answers, 0);
  const cpuMicrosPerAnswer = runs.every((run) => run.cpuSeconds !== null)
    ? (runs.reduce((sum, run) => sum + run.cpuSeconds!, 0) * 1e6) / answers
    : null;
  return { perSecond: operations / seconds, p50Ms: at(0.5), p99Ms: at(0.99), cpuMicrosPerAnswer };
}
