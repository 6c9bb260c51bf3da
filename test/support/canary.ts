import { appendFileSync } from "node:fs";
import { join } from "node:path";

// A victim whose name and email appear in no real data: after the whole suite has run, neither may
// appear in any server log line or any error a client received (global-teardown.ts checks).
export const CANARY_NAME = "Zephyrine Quillfeather";
/** What every canary email address starts with: each referral gets its own address (see contactInput). */
export const CANARY_EMAIL_LOCAL_PART = "zephyrine.quillfeather";

/** Keeps a copy of what a test server logged or answered as an error, for the teardown to scan. */
export function recordForCanaryScan(kind: "log" | "errors" | "started", line: string): void {
  const dir = process.env.VCS_CANARY_DIR;
  if (dir) appendFileSync(join(dir, `${kind}-${process.pid}.jsonl`), `${line}\n`);
}

/** Marks that a test server ran, so the teardown knows there must be something to scan. */
export function markCanaryScanExpected(): void {
  recordForCanaryScan("started", "harness");
}
