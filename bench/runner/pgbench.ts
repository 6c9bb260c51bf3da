import { spawn, spawnSync } from "node:child_process";
import { BenchFailure } from "./bench-failure";

export function pgbenchAvailable(): boolean {
  return spawnSync("pgbench", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Runs a custom script for `seconds` with `clients` connections and answers its transactions per second. */
export async function runPgbench(
  script: string,
  url: string,
  clients: number,
  seconds: number,
  variables: Record<string, string | number>,
): Promise<number> {
  const args = ["-n", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", script];
  for (const [name, value] of Object.entries(variables)) args.push("-D", `${name}=${value}`);
  args.push(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("pgbench", args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: string[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(chunks.join(""))
        : reject(new BenchFailure(`pgbench ${script} failed: ${chunks.join("").slice(-1500)}`)),
    );
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!tps) throw new BenchFailure(`pgbench ${script} printed no tps: ${output.slice(-500)}`);
  return Number(tps[1]);
}
