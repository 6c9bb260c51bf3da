import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildAppSchema } from "../src/graphql/build-schema";

// Writes schema.graphql (sorted, so diffs show real changes). With --check, fails instead when the
// committed file differs from what the code builds.
async function main(): Promise<void> {
  const target = join(__dirname, "..", "schema.graphql");
  const printed = `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
  if (process.argv.includes("--check")) {
    let committed = "";
    try {
      committed = readFileSync(target, "utf8");
    } catch {
      // a missing file is simply out of date
    }
    if (committed !== printed) {
      console.error("schema.graphql is out of date: run `npm run schema:emit` and commit the result.");
      process.exit(1);
    }
    console.log("schema.graphql is up to date.");
    return;
  }
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
