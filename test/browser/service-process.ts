import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../support/service-instances";

/** The service's entry point running as `npm start` runs it, on an embedded database of its own. */
export interface ServiceProcess {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  base: string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, "..", "..");

/** Starts the service from source with its demo data, and resolves once /healthz answers. */
export async function startServiceProcess(withinMs = 120_000): Promise<ServiceProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "vcs-browser-test-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "src/index.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      PORT: String(port),
      PGLITE_DIR: join(dataDir, "pglite"),
      AUTH_DEV_KEY_DIR: join(dataDir, "dev-auth"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const service = {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilHealthy(service.base, child, output, withinMs);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

async function waitUntilHealthy(base: string, child: ChildProcess, output: string[], withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited during start-up:\n${output.join("")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the service did not answer /healthz within ${withinMs} ms:\n${output.join("")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  if (child.exitCode === null) child.kill("SIGKILL");
}
