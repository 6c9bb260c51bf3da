import type { Summary } from "./summary";
import type { WorkloadName } from "./workloads";

/** One row of the results: a workload at one concurrency. */
export interface ResultRow {
  workload: WorkloadName;
  clients: number;
  service: Summary;
  baseline: Summary;
  /** pgbench's transactions per second for the same statements, where it ran. */
  pgbenchTps: number | null;
  /** The service alone on PGlite, where it ran. */
  pglite: Summary | null;
}

const HEADINGS = [
  "workload",
  "c",
  "service ops/s",
  "baseline ops/s",
  "ratio",
  "service p50/p99 ms",
  "baseline p50/p99 ms",
  "CPU µs/answer service / baseline",
  "pgbench tps",
  "PGlite ops/s",
  "PGlite p50/p99 ms",
];

const whole = (value: number) => value.toFixed(0);
const cpu = (summary: Summary) => (summary.cpuMicrosPerAnswer === null ? "–" : whole(summary.cpuMicrosPerAnswer));
const latency = (summary: Summary) => `${summary.p50Ms.toFixed(1)} / ${summary.p99Ms.toFixed(1)}`;

function ratioOf(row: ResultRow): number {
  return row.service.perSecond / row.baseline.perSecond;
}

function cells(row: ResultRow): string[] {
  return [
    row.workload,
    String(row.clients),
    whole(row.service.perSecond),
    whole(row.baseline.perSecond),
    ratioOf(row).toFixed(2),
    latency(row.service),
    latency(row.baseline),
    `${cpu(row.service)} / ${cpu(row.baseline)}`,
    row.pgbenchTps === null ? "–" : whole(row.pgbenchTps),
    row.pglite ? whole(row.pglite.perSecond) : "–",
    row.pglite ? latency(row.pglite) : "–",
  ];
}

/** The table for a terminal: columns padded to their widest cell. */
export function textTable(rows: ResultRow[]): string {
  const table = [HEADINGS, ...rows.map(cells)];
  const widths = HEADINGS.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  return table
    .map((line) =>
      line.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "),
    )
    .join("\n");
}

export function markdownTable(rows: ResultRow[]): string {
  const line = (values: string[]) => `| ${values.join(" | ")} |`;
  return [
    line(HEADINGS),
    line(HEADINGS.map((_, column) => (column < 2 ? "---" : "---:"))),
    ...rows.map((row) => line(cells(row))),
  ].join("\n");
}

/**
 * The bench's last line: each workload's ratio (service / baseline): W1–W3 at 8 clients, W4 at
 * its 32 clients on one case.
 */
export function perfLine(rows: ResultRow[]): string {
  const ratio = (workload: WorkloadName, clients: number) => {
    const row = rows.find((candidate) => candidate.workload === workload && candidate.clients === clients);
    return row ? ratioOf(row).toFixed(2) : "n/a";
  };
  return `perf: W1 ${ratio("W1", 8)} W2 ${ratio("W2", 8)} W3 ${ratio("W3", 8)} W4 ${ratio("W4", 32)}`;
}
