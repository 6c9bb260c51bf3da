import { statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { LANDING_OPERATION, readExampleOperation } from "../../src/graphql/explorer/example-operations";
import { resolveGraphiqlAssets } from "../../src/graphql/explorer/graphiql-assets";
import { isLoopbackAddress } from "../../src/graphql/explorer/loopback";
import { createApp } from "../../src/server";
import { createLogger } from "../../src/services/platform/logger";
import { createTokenVerifier, type Caller } from "../../src/services/security/identity";
import { startHttpTestBed, TEST_ISSUER, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

// The browser explorers over HTTP: GraphiQL at /explorer with every file from this server, the
// Sandbox at /, both signed in with a token made for each load and opening the example operation.
// test/browser/explorer.browser-spec.ts drives the same page in a real Chromium.
describe("GraphiQL at /explorer and the Sandbox landing page", () => {
  let bed: HttpTestBed;
  let development: string;
  let productionWithSandbox: string;
  let production: string;

  beforeAll(async () => {
    bed = await startHttpTestBed();
    ({ base: development } = await bed.listen({
      sandboxEnabled: true,
      mintBrowserToken: () => bed.tokenFor("alice.vlo"),
    }));
    // Production with ENABLE_SANDBOX: the pages, but the server issues no tokens.
    ({ base: productionWithSandbox } = await bed.listen({ sandboxEnabled: true }));
    ({ base: production } = await bed.listen({ sandboxEnabled: false }));
  });
  afterAll(() => bed.close());

  const browse = (base: string, path: string) => fetch(`${base}${path}`, { headers: { accept: "text/html" } });
  const tokenIn = (html: string) => /Bearer ([\w-]+\.[\w-]+\.[\w-]+)/.exec(html)?.[1];
  const settingsIn = (html: string) =>
    JSON.parse(/<script type="application\/json" id="graphiql-settings">(.*?)<\/script>/s.exec(html)![1]) as {
      endpoint: string;
      headers: Record<string, string>;
      defaultQuery?: string;
    };
  const verify = (token: string): Promise<Caller> =>
    createTokenVerifier({ issuer: TEST_ISSUER, jwks: bed.keys.publicJwks })(token);

  it("should serve the page and every file it loads from this server, under a policy that allows only this server", async () => {
    const response = await browse(development, "/explorer");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();

    const policy = response.headers.get("content-security-policy")!;
    const directives = new Map(policy.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive]));
    expect(directives.get("default-src")).toBe("default-src 'none'");
    // Sources: this server, a nonce, and data: URLs (GraphiQL's stylesheet inlines its fonts and icons).
    for (const directive of directives.values())
      for (const source of directive.split(" ").slice(1))
        expect(source).toMatch(/^('self'|'none'|'nonce-[\w+/=]+'|data:)$/);
    const nonce = /'nonce-([\w+/=]+)'/.exec(directives.get("script-src")!)![1];
    // Only the bootstrap is inline; the settings block is JSON, which a browser never runs.
    expect([...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((tag) => tag[1].trim())).toEqual([
      'type="application/json" id="graphiql-settings"',
      `nonce="${nonce}"`,
    ]);

    const externalUrls = (html.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter(
      (url) => !url.startsWith(development) && !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url),
    );
    expect(externalUrls).toEqual([]);

    // Besides the link to the Sandbox and an empty data: favicon, only the assets, all from here.
    const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((match) => match[1])
      .filter((url) => url !== "/" && url !== "data:,");
    const assets = resolveGraphiqlAssets();
    expect(loaded).toEqual(assets.map((asset) => `/explorer/assets/${asset.name}`));
    for (const asset of assets) {
      const file = await fetch(`${development}/explorer/assets/${asset.name}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toMatch(asset.kind === "script" ? /^text\/javascript/ : /^text\/css/);
      expect(file.headers.get("cache-control")).toMatch(/immutable/);
      expect((await file.arrayBuffer()).byteLength).toBe(statSync(asset.file).size);
    }
  });

  it("should sign each load of GraphiQL and of the Sandbox in with a new token, each one verifying as alice.vlo", async () => {
    for (const path of ["/explorer", "/"]) {
      const tokens = [tokenIn(await (await browse(development, path)).text())!];
      tokens.push(tokenIn(await (await browse(development, path)).text())!);
      expect(tokens[0]).not.toEqual(tokens[1]);
      for (const token of tokens) expect(await verify(token)).toMatchObject({ kind: "USER", username: "alice.vlo" });
    }
    expect(settingsIn(await (await browse(development, "/explorer")).text()).headers).toEqual({
      Authorization: expect.stringMatching(/^Bearer /) as unknown as string,
    });
  });

  it("should open GraphiQL and the Sandbox with the example operation of docs/operations, which runs", async () => {
    const operation = readExampleOperation(LANDING_OPERATION)!;
    expect(operation).toMatch(/^query MyCaseload /m);
    expect(settingsIn(await (await browse(development, "/explorer")).text()).defaultQuery).toBe(operation);
    // Apollo writes its configuration into the page as a JSON literal.
    const sandbox = await (await browse(development, "/")).text();
    const sandboxConfig = JSON.parse(/var embeddedSandboxConfig = (\{.*\});/.exec(sandbox)![1]) as {
      initialState: { document: string };
    };
    expect(sandboxConfig.initialState.document).toBe(operation);

    const response = await fetch(`${development}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await bed.tokenFor("alice.vlo")}` },
      body: JSON.stringify({ query: operation }),
    });
    const body = (await response.json()) as GraphQLBody<{
      victimCases: { totalCount: number; edges: { node: { reference: string; status: string } }[] };
    }>;
    expect(body.errors).toBeUndefined();
    expect(body.data!.victimCases.totalCount).toBeGreaterThan(0);
    expect(body.data!.victimCases.edges[0].node.reference).toMatch(/^VCS-/);
  });

  it("should link GraphiQL to the Sandbox, and the Sandbox's offline notice to GraphiQL", async () => {
    expect(await (await browse(development, "/explorer")).text()).toMatch(/<a href="\/">[^<]*Sandbox/);
    const sandbox = await (await browse(development, "/")).text();
    expect(/<div class="fallback">[\s\S]*?<\/div>/.exec(sandbox)![0]).toContain('<a href="/explorer">');
  });

  it("should answer 404 for anything else under /explorer, never a file of node_modules", async () => {
    const [asset] = resolveGraphiqlAssets();
    for (const path of [
      `/explorer/assets/${asset.name}.map`,
      "/explorer/assets/graphiql.min.js",
      "/explorer/assets/..%2F..%2Fpackage.json",
      "/explorer/assets/%2e%2e/%2e%2e/package.json",
      "/explorer/node_modules/react/package.json",
    ]) {
      const response = await fetch(`${development}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/"version"/);
    }
  });

  it("should serve both pages without a token where the server issues none (production with ENABLE_SANDBOX)", async () => {
    const graphiql = await (await browse(productionWithSandbox, "/explorer")).text();
    expect(tokenIn(graphiql)).toBeUndefined();
    expect(settingsIn(graphiql).headers).toEqual({});
    expect(tokenIn(await (await browse(productionWithSandbox, "/")).text())).toBeUndefined();
  });

  it("should serve neither GraphiQL nor its files in production", async () => {
    const [asset] = resolveGraphiqlAssets();
    for (const path of ["/explorer", `/explorer/assets/${asset.name}`]) {
      const response = await browse(production, path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/graphiql|Bearer|<script/i);
    }
  });

  // Issue 13 §7: a page served to another machine must not sign it in.
  it("should take only 127.0.0.0/8 and ::1 (as the socket says) as this machine", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.1.1"])
      expect(isLoopbackAddress(address)).toBe(true);
    for (const address of [
      undefined,
      "",
      "192.0.2.2",
      "::ffff:192.0.2.2",
      "10.0.0.1",
      "fe80::1",
      "::",
      "0.0.0.0",
      "1270.0.0.1",
    ])
      expect(isLoopbackAddress(address)).toBe(false);
  });

  // The bed listens on 127.0.0.1 only; this app listens on every interface and is called through
  // this machine's own non-loopback address, so the socket's peer is not loopback.
  const outward = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && info.family === "IPv4" && !info.internal)?.address;
  (outward ? it : it.skip)(
    "should give no development token to a caller on another address, whatever X-Forwarded-For says",
    async () => {
      const { listener, apollo } = await createApp({
        dataSource: bed.dataSource,
        logger: createLogger("silent"),
        sandboxEnabled: true,
        verifyToken: createTokenVerifier({ issuer: TEST_ISSUER, jwks: bed.keys.publicJwks }),
        mintBrowserToken: () => bed.tokenFor("alice.vlo"),
      });
      const server = createServer(listener).listen(0, "0.0.0.0");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        for (const path of ["/explorer", "/", "/graphql"]) {
          for (const headers of [{}, { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" }] as Record<
            string,
            string
          >[]) {
            const response = await fetch(`http://${outward}:${port}${path}`, {
              headers: { accept: "text/html", ...headers },
            });
            expect(response.status).toBe(200);
            const html = await response.text();
            expect(html).toMatch(/<html/i);
            expect(tokenIn(html)).toBeUndefined();
          }
          // The control: the same app, called from loopback, signs the page in.
          expect(tokenIn(await (await browse(`http://127.0.0.1:${port}`, path)).text())).toBeTruthy();
        }
        expect(settingsIn(await (await fetch(`http://${outward}:${port}/explorer`)).text()).headers).toEqual({});
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await apollo.stop();
      }
    },
  );
});
