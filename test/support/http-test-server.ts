import { DEVELOPMENT_ISSUER } from "../../src/config";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { createApp, type ServerOptions } from "../../src/server";
import { openDatabase } from "../../src/services/platform/database";
import { DEMO_OFFICERS, loadDemoData } from "../../src/services/platform/demo-data";
import {
  loadOrCreateDevKeys,
  signDevToken,
  type DevKeys,
  type TokenRequest,
} from "../../src/services/security/dev-auth-keys";
import { configureFieldEncryption } from "../../src/entities/field-encryption.transformer";
import { createTokenVerifier } from "../../src/services/security/identity";
import { cachingTokenVerifier } from "../../src/services/security/token-cache";
import { createLogger } from "../../src/services/platform/logger";
import { OfficerDirectory } from "../../src/services/security/officer-directory";
import { LiveUpdates } from "../../src/services/platform/live-updates";
import { serveSubscriptions, type SubscriptionServerOptions } from "../../src/graphql/subscription-server";
import type { JsonObject } from "./harness";
import { readPgliteImage } from "./pglite-image";

// The real transport, as a front end or an attacker sees it: the app listening on loopback, over a
// PGlite database with the demo data, trusting a development issuer whose keys the test holds.

/** The issuer every test token names and every test server trusts. */
export const TEST_ISSUER = DEVELOPMENT_ISSUER;

/** The date the demo data is loaded as of, so its cases and key dates are the same in every run. */
const DEMO_TODAY = "2026-11-02";

/** A GraphQL response body as it comes over HTTP; `T` is the shape of `data` the test reads. */
export interface GraphQLBody<T = JsonObject> {
  data?: T | null;
  /** The server gives every error its extensions, with a code at least. */
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[];
}

/** One listening app. */
export interface HttpTestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  base: string;
  /** `ws://127.0.0.1:<port>/graphql`, where subscriptions are served. */
  subscriptionsUrl: string;
  /** Closes the HTTP server and stops its Apollo server (the bed's own close does it too). */
  close(): Promise<void>;
}

/** Options for one app; the database is the bed's. Unset: silent logs, sandbox off, tokens checked against the bed's keys. */
type HttpTestServerOptions = Partial<Omit<ServerOptions, "dataSource">> &
  Pick<SubscriptionServerOptions, "maxConnectionsPerCaller">;

export interface HttpTestBed {
  dataSource: DataSource;
  /** The development key pair: tests that forge tokens sign with its private key and kid. */
  keys: DevKeys;
  /** A token signed by the trusted issuer. */
  token(request: Omit<TokenRequest, "issuer">): Promise<string>;
  /** A token for a demo officer, with that officer's roles. */
  tokenFor(demoUsername: string): Promise<string>;
  /** A token for each demo officer, by user name. */
  demoTokens(): Promise<Record<string, string>>;
  /** Starts one more app on the same database (a test may compare builds with different options). */
  listen(options?: HttpTestServerOptions): Promise<HttpTestServer>;
  /** Closes every app still listening, then destroys the database. */
  close(): Promise<void>;
}

export async function startHttpTestBed(): Promise<HttpTestBed> {
  // A fresh field key: no test file can read another's data, and none depends on a key on disk.
  configureFieldEncryption(randomBytes(32));
  const dataSource = await openDatabase({ pgliteDir: "memory://", pgliteImage: readPgliteImage() });
  await loadDemoData(dataSource, DEMO_TODAY);
  // A temporary directory, so the developer's own dev key is neither read nor overwritten.
  const keys = await loadOrCreateDevKeys(mkdtempSync(join(tmpdir(), "vcs-http-test-keys-")));
  const open = new Set<HttpTestServer>();

  const token = (request: Omit<TokenRequest, "issuer">) => signDevToken(keys, { issuer: TEST_ISSUER, ...request });

  async function tokenFor(demoUsername: string): Promise<string> {
    const officer = DEMO_OFFICERS.find((candidate) => candidate.username === demoUsername);
    if (!officer) throw new Error(`${demoUsername} is not a demo officer`);
    return token({ user: officer.username, roles: officer.roles });
  }

  async function demoTokens(): Promise<Record<string, string>> {
    const tokens: Record<string, string> = {};
    for (const officer of DEMO_OFFICERS) tokens[officer.username] = await tokenFor(officer.username);
    return tokens;
  }

  async function listen(options: HttpTestServerOptions = {}): Promise<HttpTestServer> {
    const serverOptions = {
      dataSource,
      logger: createLogger("silent"),
      sandboxEnabled: false,
      // As the service checks tokens: each once, then remembered until it expires.
      verifyToken: cachingTokenVerifier(createTokenVerifier({ issuer: TEST_ISSUER, jwks: keys.publicJwks })),
      // And keeps officer records while it hears their changes.
      officers: new OfficerDirectory(dataSource),
      ...options,
    };
    // Each app listens for changes on its own, like a separate instance would.
    const liveUpdates = await LiveUpdates.start(dataSource, {
      logger: serverOptions.logger,
      officers: serverOptions.officers,
    });
    const { listener, apollo, schema } = await createApp(serverOptions);
    // Port 0: the OS picks a free port, so test files can run in parallel.
    const server: Server = createServer(listener).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const subscriptions = serveSubscriptions(server, { ...serverOptions, schema, liveUpdates });
    let closing: Promise<void> | undefined;
    const listening: HttpTestServer = {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      subscriptionsUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
      // Once only, whether the test or the bed closes it first.
      close: () =>
        (closing ??= (async () => {
          open.delete(listening);
          await subscriptions.close();
          await liveUpdates.stop();
          await new Promise((resolve) => server.close(resolve));
          await apollo.stop();
        })()),
    };
    open.add(listening);
    return listening;
  }

  async function close(): Promise<void> {
    for (const server of [...open]) await server.close();
    await dataSource.destroy();
  }

  return { dataSource, keys, token, tokenFor, demoTokens, listen, close };
}
