import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { GRAPHIQL_PATH } from "./graphiql-page";
import { pageCallerIsLoopback } from "./loopback";

export interface SandboxLandingPageOptions {
  /**
   * Development: makes the token the Sandbox is signed in with, once per load, for a caller on this
   * machine only (the request must pass through `rememberPageCaller`).
   */
  mintBrowserToken?: () => Promise<string>;
  /** The operation the Sandbox opens with. */
  document?: string;
}

// Added to Apollo's own "cannot be loaded" notice, which is all a browser without the internet sees.
// Until the Sandbox loads into it, Apollo's empty container lies over that notice: it lets clicks
// through while empty (a <style> needs the nonce of Apollo's Content-Security-Policy).
function graphiqlLink(nonce: string | undefined): string {
  const clickThrough = nonce
    ? `<style nonce="${nonce}">#embeddableSandbox:empty { pointer-events: none; }</style>`
    : "";
  return `<p>GraphiQL needs no internet: <a href="${GRAPHIQL_PATH}">open GraphiQL</a>, served by this server.</p>${clickThrough}`;
}

/**
 * Apollo Sandbox, the landing page at `/`: it opens with `document`, signed in with a token made
 * for this load, and points to GraphiQL for when Apollo's servers cannot be reached.
 */
export function sandboxLandingPagePlugin({
  mintBrowserToken,
  document,
}: SandboxLandingPageOptions): ApolloServerPlugin {
  return {
    async serverWillStart(serverContext) {
      return {
        async renderLandingPage() {
          return {
            html: async () => {
              const token = mintBrowserToken && pageCallerIsLoopback() ? await mintBrowserToken() : undefined;
              // Apollo's page takes its headers when the plugin is made, so each load makes its own.
              const sandbox = ApolloServerPluginLandingPageLocalDefault({
                ...(document ? { document } : {}),
                embed: token ? { initialState: { sharedHeaders: { Authorization: `Bearer ${token}` } } } : true,
                includeCookies: false,
              });
              const page = await (await sandbox.serverWillStart?.(serverContext))?.renderLandingPage?.();
              if (!page) throw new Error("Apollo's landing page plugin rendered no page");
              const html = typeof page.html === "string" ? page.html : await page.html();
              const nonce = /<script nonce="([\w+/=-]+)"/.exec(html)?.[1];
              return html.replace(/(<div class="fallback">[\s\S]*?)(<\/div>)/, `$1${graphiqlLink(nonce)}$2`);
            },
          };
        },
      };
    },
  };
}
