import { randomBytes } from "node:crypto";
import { basename, dirname } from "node:path";
import { Router } from "express";
import { resolveGraphiqlAssets } from "./graphiql-assets";
import { graphiqlContentSecurityPolicy, renderGraphiqlPage } from "./graphiql-page";
import { isLoopbackAddress } from "./loopback";

export interface GraphiqlRouterOptions {
  /** Development: makes the token the page is signed in with, once per load, for a caller on this machine only. */
  mintBrowserToken?: () => Promise<string>;
  defaultQuery?: string;
}

/** GraphiQL at `/`, and its assets at `/assets/<name>`: to be mounted at `/explorer`. */
export function graphiqlRouter({ mintBrowserToken, defaultQuery }: GraphiqlRouterOptions): Router {
  const assets = resolveGraphiqlAssets();
  const router = Router();

  router.get("/", async (request, response) => {
    const nonce = randomBytes(16).toString("base64");
    // Anyone who can load the page would otherwise be signed in: only a browser on this machine is.
    const token =
      mintBrowserToken && isLoopbackAddress(request.socket.remoteAddress) ? await mintBrowserToken() : undefined;
    response
      .status(200)
      .set({
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": graphiqlContentSecurityPolicy(nonce),
        // The page carries a token: never kept by a browser or a proxy.
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
      })
      .send(renderGraphiqlPage({ assets, nonce, token, defaultQuery }));
  });

  for (const asset of assets)
    router.get(`/assets/${asset.name}`, (_request, response) => {
      // The name carries the package version, so a cached copy is never stale.
      response.set("x-content-type-options", "nosniff");
      // With a root, so a dot-folder above the checkout (a CI workspace) is not taken for a dotfile.
      response.sendFile(basename(asset.file), { root: dirname(asset.file), maxAge: "365d", immutable: true });
    });

  // Anything else under /explorer is not found here, rather than handed on to GraphQL.
  router.use((_request, response) => void response.status(404).type("text/plain").send("Not found"));
  return router;
}
