import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CANARY_EMAIL_LOCAL_PART, CANARY_NAME } from "./canary";

// The canary check: the suite referred, read, changed and erased the canary victim many times, and
// failed on purpose many times; none of it may have put their details in a log line or an error.
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.VCS_CANARY_DIR;
  if (!dir) return;
  const needles = [CANARY_NAME, CANARY_EMAIL_LOCAL_PART, CANARY_NAME.split(" ")[1]];
  let lines = 0;
  const leaks: string[] = [];
  const files = readdirSync(dir);
  const harnessRan = files.some((file) => file.startsWith("started-"));
  for (const file of files.filter((name) => !name.startsWith("started-"))) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (!line) continue;
      lines += 1;
      if (needles.some((needle) => line.includes(needle))) leaks.push(`${file}: ${line.slice(0, 200)}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (leaks.length > 0)
    throw new Error(
      `the canary victim's details reached ${leaks.length} log lines or errors:\n${leaks.slice(0, 5).join("\n")}`,
    );
  if (!harnessRan) return;
  console.log(`canary: ${lines} log lines and errors scanned, no victim details found`);
}
