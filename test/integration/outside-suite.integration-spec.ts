import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEVELOPMENT_ISSUER } from "../../src/config";
import { loadOrCreateDevKeys, signDevToken } from "../../src/services/security/dev-auth-keys";
import { freePort, startInstance, stopInstance, waitUntilHealthy, type Instance } from "../support/service-instances";

// Issue 14 §4: the README's recipe for an outside suite ("Testing against the service"). One start
// gives an empty service on a fresh database with a held clock, and the example an outside team
// would write (examples/outside-suite/) drives a case from referral to closure against it over HTTP.
// The embedded database only: the recipe is PGLITE_DIR=memory://.
const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples", "outside-suite");
const CLOCK = "2026-06-01T09:00:00Z";
const SUITE_TIMEOUT_MS = 180_000;

interface SuiteRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** `node --test` on the example files, as the README runs it, killed if it outlives the timeout. */
function runExamples(env: Record<string, string>): Promise<SuiteRun> {
  // Files, not the folder: Node 21 and later take a folder argument as a file to run.
  const files = readdirSync(EXAMPLES)
    .filter((name) => name.endsWith(".test.mjs"))
    .map((name) => join(EXAMPLES, name));
  const child = spawn(process.execPath, ["--test", ...files], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), SUITE_TIMEOUT_MS - 10_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: output.join("") });
    });
  });
}

describe("an outside suite against a fresh, empty service (pglite)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "vcs-outside-suite-"));
  // Its own keys, so tests started in parallel do not share an issuer.
  const keyDir = join(dataDir, "dev-auth");
  let service: Instance | undefined;

  beforeAll(async () => {
    const env = { PGLITE_DIR: "memory://", LOAD_DEMO_DATA: "false", CLOCK, AUTH_DEV_KEY_DIR: keyDir };
    service = startInstance("outside-suite service", env, await freePort());
    await waitUntilHealthy(service, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (service) await stopInstance(service);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function query<T>(roles: string[], text: string): Promise<T> {
    const keys = await loadOrCreateDevKeys(keyDir);
    const token = await signDevToken(keys, { issuer: DEVELOPMENT_ISSUER, user: "outside.checker", roles });
    const response = await fetch(`${service!.base}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: text }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  }

  it("should start empty, with its clock held at CLOCK", async () => {
    const seen = await query<{
      victimCases: { totalCount: number };
      offenders: { totalCount: number };
      clock: { held: boolean; today: string; now: string };
    }>(["VCS_ANALYST"], `{ victimCases { totalCount } offenders { totalCount } clock { held today now } }`);
    expect(seen).toEqual({
      victimCases: { totalCount: 0 },
      offenders: { totalCount: 0 },
      clock: { held: true, today: "2026-06-01", now: "2026-06-01T09:00:00.000Z" },
    });
    // No demo officers either: the suite registers its own.
    const officers = await query<{ officers: { totalCount: number } }>(["VCS_ADMIN"], `{ officers { totalCount } }`);
    expect(officers.officers.totalCount).toBe(0);
  });

  it(
    "should drive a case from referral to closure with the README's example suite",
    async () => {
      const run = await runExamples({
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        NODE_ENV: "development",
        SERVICE_URL: service!.base,
        // What `npm run token` needs to sign as this service: its keys. memory:// keeps the token
        // script from making a development encryption key beside a database it never opens.
        AUTH_DEV_KEY_DIR: keyDir,
        PGLITE_DIR: "memory://",
      });
      const report = `node --test ended with ${run.code ?? run.signal}:\n${run.output}\n--- service output:\n${service!.output.join("")}`;
      // On a failure, the example's own report and the service's log are the message.
      expect(run.code === 0 ? "exit code 0" : report).toBe("exit code 0");
      // Some tests ran, and none failed: an example folder that found nothing would also exit 0.
      expect(run.output).toMatch(/^# pass [1-9]\d*$/m);
      expect(run.output).toMatch(/^# fail 0$/m);
      expect(run.output).toMatch(/^# skipped 0$/m);
    },
    SUITE_TIMEOUT_MS,
  );
});
