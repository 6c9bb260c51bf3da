import { execFileSync } from "node:child_process";
import { join } from "node:path";

// Issue 15 §4: the service loads graphql-js without its development checks, yet NODE_ENV stays the
// service's own switch. Each case runs in a fresh process: graphql-js decides as it first loads.
describe("graphql-js as the service loads it", () => {
  // A class that calls itself GraphQLSchema, as a second copy of graphql-js would define it.
  const probe = `
    const { isSchema } = require("graphql");
    class GraphQLSchema { get [Symbol.toStringTag]() { return "GraphQLSchema"; } }
    let verdict;
    try { verdict = String(isSchema(new GraphQLSchema())); } catch { verdict = "development checks"; }
    process.stdout.write(JSON.stringify({ verdict, environment: process.env.NODE_ENV ?? null }));`;
  const run = (preload: string[], environment: string | undefined) =>
    JSON.parse(
      execFileSync(process.execPath, ["-r", "@swc-node/register", ...preload, "-e", probe], {
        cwd: join(__dirname, "../.."),
        env: { PATH: process.env.PATH ?? "", ...(environment ? { NODE_ENV: environment } : {}) },
      }).toString(),
    ) as { verdict: string; environment: string | null };

  it("should check for a second copy when loaded plainly, outside production", () => {
    expect(run([], "development")).toEqual({ verdict: "development checks", environment: "development" });
  });

  it.each([["development"], ["test"], [undefined]])(
    "should load without the checks, and leave NODE_ENV %s as it was",
    (environment) => {
      expect(run(["-r", "./src/graphql/production-graphql.ts"], environment)).toEqual({
        verdict: "false",
        environment: environment ?? null,
      });
    },
  );
});
