import type { GraphiqlAsset } from "./graphiql-assets";

export const GRAPHIQL_PATH = "/explorer";
const GRAPHIQL_ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

export interface GraphiqlPageInput {
  assets: GraphiqlAsset[];
  /** Fresh for each response: the only inline script and style carry it. */
  nonce: string;
  /** A development token made for this load, or none (production: the user brings their own). */
  token?: string;
  /** The operation the editor opens with when the browser has no saved tabs. */
  defaultQuery?: string;
}

/** Everything from this server; the inline bootstrap only by its nonce. */
export function graphiqlContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    // The nonce also admits the <style> that GraphiQL's dialogs add (they read __webpack_nonce__).
    `style-src 'self' 'nonce-${nonce}'`,
    // GraphiQL's stylesheet carries its fonts and icons inline, as data: URLs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The GraphiQL page, with its explorer plugin, signed in with `token` when one is given. */
export function renderGraphiqlPage({ assets, nonce, token, defaultQuery }: GraphiqlPageInput): string {
  const settings = {
    endpoint: "/graphql",
    // In the fetcher, not in a tab's headers editor: GraphiQL restores saved tabs without their
    // headers, so a token there would be lost on the next load.
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    defaultQuery,
  };
  const tags = assets.map(({ name, kind }) =>
    kind === "script"
      ? `<script src="${GRAPHIQL_ASSETS_PATH}/${name}"></script>`
      : `<link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/${name}" />`,
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · Victim Contact Scheme</title>
    <!-- No favicon request: the server has none to give. -->
    <link rel="icon" href="data:," />
    ${tags.join("\n    ")}
    <style nonce="${nonce}">
      body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
      .vcs-bar { display: flex; gap: 1.5em; padding: 0.4em 1em; font-size: 14px; border-bottom: 1px solid #ddd; }
      .vcs-bar span:last-child { margin-left: auto; color: #555; }
      #graphiql { flex: 1; min-height: 0; }
    </style>
  </head>
  <body>
    <nav class="vcs-bar">
      <strong>GraphiQL</strong>
      <a href="/">Apollo Sandbox (loaded from Apollo's servers, needs the internet)</a>
      <span id="signed-in-as">${token ? "" : "No token: add an Authorization header to run operations."}</span>
    </nav>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="application/json" id="graphiql-settings">${jsonForHtml(settings)}</script>
    <script nonce="${nonce}">${BOOTSTRAP}</script>
  </body>
</html>
`;
}

// Runs in the browser, on the globals the UMD builds define.
const BOOTSTRAP = `
  (function () {
    var settings = JSON.parse(document.getElementById("graphiql-settings").textContent);
    window.__webpack_nonce__ = document.currentScript.nonce;
    var token = (settings.headers.Authorization || "").replace(/^Bearer /, "");
    if (token) {
      var claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      document.getElementById("signed-in-as").textContent =
        "Signed in as " + (claims.user_name || claims.client_id) + " with a development token made for this page";
    }
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher: GraphiQL.createFetcher({ url: settings.endpoint, headers: settings.headers }),
        defaultQuery: settings.defaultQuery,
        plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      }),
    );
  })();
`;

// JSON inside a <script> element: no "</script>" or "<!--" may appear in it.
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
