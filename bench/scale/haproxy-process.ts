import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../test/support/service-instances";
import { BenchFailure } from "../runner/bench-failure";
import { serverStats } from "./haproxy-admin";
import { haproxyConfig, type ProxiedServer } from "./haproxy-config";
import { ProxyLog } from "./proxy-log";

/** The backend's name in the configuration. */
export const BACKEND = "instances";

/** HAProxy run in the foreground (-db) as a child of the scale test, never as the system's service. */
export interface Proxy {
  url: string;
  ws: string;
  adminSocket: string;
  log: ProxyLog;
  child: ChildProcess;
}

/** Writes the configuration into `dir` and starts HAProxy on a free port; resolves once its admin socket answers. */
export async function startProxy(dir: string, servers: ProxiedServer[]): Promise<Proxy> {
  const port = await freePort();
  const adminSocket = join(dir, "haproxy-admin.sock");
  const configFile = join(dir, "haproxy.cfg");
  writeFileSync(configFile, haproxyConfig({ frontendPort: port, adminSocket, servers }));
  const child = spawn("haproxy", ["-f", configFile, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  const log = new ProxyLog();
  const errors: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => log.read(chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => errors.push(chunk));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error) => reject(new BenchFailure(`haproxy could not start: ${error.message}`)));
  });
  await spawned;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new BenchFailure(`haproxy exited: ${errors.join("").slice(-2000)}`);
    try {
      await serverStats(adminSocket, BACKEND);
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopProxy({ url: "", ws: "", adminSocket, log, child });
        throw new BenchFailure(`haproxy did not open its admin socket: ${errors.join("").slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url: `http://127.0.0.1:${port}/graphql`, ws: `ws://127.0.0.1:${port}/graphql`, adminSocket, log, child };
}

/** SIGTERM (HAProxy's immediate stop), then SIGKILL if it lingers. */
export async function stopProxy(proxy: Proxy): Promise<void> {
  if (proxy.child.exitCode !== null || proxy.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proxy.child.once("exit", resolve));
  proxy.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
  clearTimeout(timer);
  if (proxy.child.exitCode === null && proxy.child.signalCode === null) proxy.child.kill("SIGKILL");
}
