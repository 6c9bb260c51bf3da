import { readFileSync } from "node:fs";

/** All cores' time so far, and the part of it spent idle (or waiting on disk), from /proc/stat. */
function coreTimes(): { idle: number; total: number } {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  return { idle: ticks[3] + (ticks[4] ?? 0), total: ticks.reduce((sum, value) => sum + value, 0) };
}

/**
 * The share of the machine's cores busy over `ms`: other work that would fall on one run and not
 * another. Sampled now rather than read from the load average, which a build just before keeps
 * high for a minute after it ends.
 */
export async function busyShare(ms = 1_000): Promise<number> {
  const before = coreTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = coreTimes();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}
