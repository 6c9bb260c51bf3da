import { createConnection } from "node:net";

/** A backend server as HAProxy's `show stat` reports it. */
export interface ServerStat {
  name: string;
  /** UP, DOWN, MAINT, or a transition such as "UP 1/2". */
  status: string;
  /** Streams on it now: requests in flight and open WebSocket tunnels. */
  current: number;
  /** Requests and tunnels it has been given in all. */
  total: number;
}

/** One command on HAProxy's admin socket; the answer is whatever it writes before it closes. */
async function command(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("end", () => resolve(answer));
    socket.on("connect", () => socket.end(`${line}\n`));
  });
}

/** The backend's servers, from `show stat` (CSV with a `# ` header). */
export async function serverStats(socketPath: string, backend: string): Promise<ServerStat[]> {
  const [header, ...rows] = (await command(socketPath, "show stat")).trim().split("\n");
  const columns = header.replace(/^# /, "").split(",");
  const column = (row: string[], name: string) => row[columns.indexOf(name)];
  return rows
    .map((row) => row.split(","))
    .filter((row) => column(row, "pxname") === backend && !["FRONTEND", "BACKEND"].includes(column(row, "svname")))
    .map((row) => ({
      name: column(row, "svname"),
      status: column(row, "status"),
      current: Number(column(row, "scur")),
      total: Number(column(row, "stot")),
    }));
}

/** Takes a server out of the rotation (maint: new requests and tunnels go elsewhere) or puts it back (ready). */
export async function setServerState(
  socketPath: string,
  backend: string,
  server: string,
  state: "ready" | "maint",
): Promise<void> {
  const answer = (await command(socketPath, `set server ${backend}/${server} state ${state}`)).trim();
  if (answer !== "") throw new Error(`HAProxy refused to set ${server} ${state}: ${answer}`);
}

/** Waits until each named server has the status wanted (UP once its health check passes, say). */
export async function waitForStatus(
  socketPath: string,
  backend: string,
  wanted: Record<string, "UP" | "DOWN" | "MAINT">,
  withinMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const stats = await serverStats(socketPath, backend);
    const unlike = Object.entries(wanted).filter(
      ([name, status]) => stats.find((stat) => stat.name === name)?.status !== status,
    );
    if (unlike.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`HAProxy: ${unlike.map(([name, status]) => `${name} not ${status}`).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
