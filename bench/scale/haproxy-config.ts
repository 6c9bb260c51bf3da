/** One backend server: an instance of the service on this machine. */
export interface ProxiedServer {
  name: string;
  port: number;
}

/**
 * HAProxy in front of the instances, as a deployment would put it: round robin per request, a
 * health check on /healthz every 300 ms that takes a dead instance out after two refusals, and a
 * refused connection retried on another instance (redispatch on every retry), so only requests
 * already sent to an instance that dies can fail. WebSockets are tunnels: `timeout tunnel` keeps
 * an idle subscription open. Each request is logged to stdout as `server status termination-state retries`
 * (proxy-log.ts reads it); the admin socket lets the scale test take instances in and out.
 */
export function haproxyConfig(options: {
  frontendPort: number;
  adminSocket: string;
  servers: ProxiedServer[];
}): string {
  return [
    "global",
    `  stats socket ${options.adminSocket} mode 600 level admin`,
    "  log stdout format raw local0",
    "",
    "defaults",
    "  mode http",
    "  log global",
    '  log-format "%s %ST %ts %rc"',
    "  timeout connect 500ms",
    "  timeout client 30s",
    "  timeout server 30s",
    "  timeout tunnel 1h",
    // A busy instance answers /healthz late (it waits for a pooled connection): late is not dead.
    "  timeout check 3s",
    "  retries 3",
    "  option redispatch 1",
    "",
    "frontend graphql",
    `  bind 127.0.0.1:${options.frontendPort}`,
    "  default_backend instances",
    "",
    "backend instances",
    "  balance roundrobin",
    "  option httpchk GET /healthz",
    "  http-check expect status 200",
    "  default-server check inter 300ms fall 2 rise 1",
    ...options.servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port}`),
    "",
  ].join("\n");
}
