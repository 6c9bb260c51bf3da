import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/** The service started as `npm start` would, in a process of its own, on a port of its own. */
export interface Instance {
  name: string;
  base: string;
  ws: string;
  process: ChildProcess;
  output: string[];
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `src/index.ts` with only `env` (and PATH) as its environment; its output is kept for failures. */
export function startInstance(name: string, env: Record<string, string>, port: number): Instance {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "src/index.ts"], {
    cwd: join(__dirname, "../.."),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", LOG_LEVEL: "warn", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { name, base: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/graphql`, process: child, output };
}

export async function waitUntilHealthy(instance: Instance, withinMs = 90_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null) throw new Error(`${instance.name} exited: ${instance.output.join("")}`);
    try {
      if ((await fetch(`${instance.base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${instance.name} did not start: ${instance.output.join("")}`);
}

/** SIGTERM, then SIGKILL if it has not gone within 5 seconds. */
export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.process.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once("exit", resolve));
  instance.process.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  if (instance.process.exitCode === null) instance.process.kill("SIGKILL");
}
