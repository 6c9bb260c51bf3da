import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startServiceProcess, type ServiceProcess } from "./service-process";

// GraphiQL as a person sees it, in Debian's Chromium, on a machine whose only network is itself:
// every request to another host is refused, so anything still loaded from a CDN would show.
const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = join(__dirname, "..", "..", ".ci", "artefacts", "explorer.png");
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);
const QUERY = "query FirstFiveCases { victimCases(first: 5) { totalCount nodes { reference status } } }";

// The page's own globals, as far as the callbacks that page.evaluate runs there read them (this
// project's TypeScript has no DOM library). GraphiQL notes on its query editor's CodeMirror the
// operation it will run.
declare const document: {
  querySelector(selector: string): { CodeMirror: { operationName?: string | null } } | null;
  getElementById(id: string): { textContent: string | null } | null;
};

describe("GraphiQL at /explorer in a real Chromium, with no network beyond this machine", () => {
  let service: ServiceProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  /** Requests to other hosts, refused. */
  const refused: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's package: apt-get install chromium`);
    service = await startServiceProcess();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Names other than localhost do not even resolve; the route below refuses addresses too.
      args: ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
    });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      refused.push(url.href);
      return route.abort("internetdisconnected");
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  beforeEach(() => void refused.splice(0));

  // Everything that would mean a missing or broken asset: console errors, script errors, failed
  // requests and error answers.
  function watchForProblems(page: Page): string[] {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
    return problems;
  }

  it("should load GraphiQL from this server alone, document VictimCase and show a query's data", async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${service!.base}/explorer`, { waitUntil: "networkidle" });
    await page.locator(".graphiql-container").waitFor();
    await page.getByText("Signed in as alice.vlo").waitFor();
    // It opens with the example operation of docs/operations.
    await page.locator(".graphiql-query-editor").getByText("MyCaseload").waitFor();

    // The explorer plugin builds operations from the schema's fields.
    await page.getByRole("button", { name: "Show GraphiQL Explorer" }).click();
    await page.locator(".graphiql-plugin").getByText("victimCases", { exact: true }).first().waitFor();

    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByRole("link", { name: "VictimCase", exact: true }).click();
    await docs.locator(".graphiql-doc-explorer-title").getByText("VictimCase", { exact: true }).waitFor();
    await docs.getByText("availableActions").first().waitFor();

    // Typed over the example operation, as a paste.
    await page.locator(".graphiql-query-editor .CodeMirror").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(QUERY);
    // GraphiQL reads the operation's name a moment after an edit; running sooner runs the old one.
    await page.waitForFunction(
      () => document.querySelector(".graphiql-query-editor .CodeMirror")!.CodeMirror.operationName === "FirstFiveCases",
    );
    await page.getByRole("button", { name: /^Prettify query/ }).click();
    await page.getByRole("button", { name: /^Execute query/ }).click();
    const result = page.locator(".graphiql-response .result-window");
    await result.getByText('"totalCount"').waitFor();
    const shown = await result.innerText();

    // The same query through the API, with the token the page was given.
    const authorization = await page.evaluate(
      () =>
        (JSON.parse(document.getElementById("graphiql-settings")!.textContent!) as { headers: Record<string, string> })
          .headers.Authorization,
    );
    const answer = (await (
      await fetch(`${service!.base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({ query: QUERY }),
      })
    ).json()) as { data: { victimCases: { totalCount: number; nodes: { reference: string }[] } } };
    expect(answer.data.victimCases.totalCount).toBeGreaterThan(0);
    expect(shown).toContain(`"totalCount": ${answer.data.victimCases.totalCount}`);
    expect(shown).toContain(answer.data.victimCases.nodes[0].reference);

    // The type's name at the top of the documentation, as a person would see it first.
    await docs.locator(".graphiql-doc-explorer-title").scrollIntoViewIfNeeded();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    process.stdout.write(`GraphiQL screenshot: ${SCREENSHOT}\n`);

    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });

  it("should lead from the Sandbox, which cannot load offline, to GraphiQL", async () => {
    const page = await context.newPage();
    await page.goto(`${service!.base}/`);
    // Apollo's page wants its CDN, which this machine cannot reach.
    expect(refused.some((url) => /apollographql\.com/.test(url))).toBe(true);
    await page.getByText("cannot be loaded").waitFor();
    await page.getByRole("link", { name: "open GraphiQL" }).click();
    await page.waitForURL(`${service!.base}/explorer`);
    await page.locator(".graphiql-container").waitFor();
    await page.getByRole("link", { name: /Apollo Sandbox/ }).waitFor();
    await page.close();
  });
});
