import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../test/support/service-instances";
import { BenchFailure } from "./bench-failure";

/** A server under test (the service or the baseline) in a process of its own. */
export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: string[];
}

/**
 * Starts `node <args>` with only `env` (and PATH) as its environment, and waits until GET /healthz
 * answers 200. Its output is kept, to show if it fails.
 */
export async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const server = { name, url: `http://127.0.0.1:${port}/graphql`, child, output };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new BenchFailure(`${name} exited at start: ${output.join("").slice(-2000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopServer(server);
  throw new BenchFailure(`${name} did not answer /healthz within 2 minutes: ${output.join("").slice(-2000)}`);
}

/** SIGTERM, then SIGKILL if it has not gone within 5 seconds. */
export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
}
