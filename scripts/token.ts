import { loadConfig } from "../src/config";
import { loadOrCreateDevKeys, signDevToken } from "../src/services/security/dev-auth-keys";

// Prints a development token signed with the server's own key:
//   npm run token -- --user alice.vlo --roles VCS_VLO
//   npm run token -- --client custody-feed --roles VCS_CUSTODY_FEED
async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let index = 0; index < argv.length; index += 2) args.set(argv[index].replace(/^--/, ""), argv[index + 1] ?? "");
  const user = args.get("user");
  const client = args.get("client");
  const roles = (args.get("roles") ?? "")
    .split(",")
    .map((role) => role.trim())
    .filter(Boolean);
  if ((!user && !client) || roles.length === 0) {
    console.error("usage: npm run token -- (--user NAME | --client ID) --roles VCS_VLO[,VCS_MANAGER] [--ttl SECONDS]");
    process.exit(2);
  }
  const config = loadConfig();
  if (config.auth.mode !== "development") {
    console.error("AUTH_JWKS_URL is set: tokens come from that issuer, not from this script.");
    process.exit(2);
  }
  const keys = await loadOrCreateDevKeys(config.auth.keyDir);
  process.stdout.write(
    `${await signDevToken(keys, { issuer: config.auth.issuer, audience: config.auth.audience, user, client, roles, ttlSeconds: Number(args.get("ttl") ?? 3600) })}\n`,
  );
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
