/** What HAProxy's request log showed over a span of the run. */
export interface ProxyCounts {
  /** Requests logged, by the server that took them ("<NOSRV>": none could). */
  requestsTo: Record<string, number>;
  /** Requests a server was answering when its side ended them (termination state S…): cut off by its death. */
  cutOffOn: Record<string, number>;
  /** Requests HAProxy had to send again (a refused connection), most to another server. */
  retried: number;
  /** Answers that were not 2xx (WebSocket upgrades, 101, excepted), whoever gave them. */
  failed: number;
}

const empty = (): ProxyCounts => ({ requestsTo: {}, cutOffOn: {}, retried: 0, failed: 0 });

/**
 * Reads the log lines haproxy-config.ts asks for (`server status termination-state retries`, one a line)
 * as they come, and counts them; `take` returns the counts since the last take.
 */
export class ProxyLog {
  private counts = empty();
  private partial = "";

  read(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.count(line.trim());
  }

  take(): ProxyCounts {
    const taken = this.counts;
    this.counts = empty();
    return taken;
  }

  private count(line: string): void {
    const match = /^(\S+) (-?\d+) (\S\S) \+?(\d+)$/.exec(line);
    if (!match) return;
    const [, server, statusText, termination, retries] = match;
    const status = Number(statusText);
    // A subscription's tunnel is logged when it ends; its ending is the subscriber's to deal with.
    if (status === 101) return;
    this.counts.requestsTo[server] = (this.counts.requestsTo[server] ?? 0) + 1;
    if (termination.startsWith("S")) this.counts.cutOffOn[server] = (this.counts.cutOffOn[server] ?? 0) + 1;
    if (Number(retries) > 0) this.counts.retried += 1;
    if (status < 200 || status > 299) this.counts.failed += 1;
  }
}
