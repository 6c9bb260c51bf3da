import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MACHINE_DOCS_FOLDER, machineDocs, withReadmeDiagrams } from "../src/domain/workflows/machine-docs";
import { workflows } from "../src/domain/workflows/workflow-catalogue";

// Writes docs/machines/ (a Mermaid state diagram per machine, and an index) and the diagrams the
// README shows, from the machines' definitions. With --check, writes nothing and fails naming
// every file that is out of date.
const ROOT = join(__dirname, "..");

const read = (path: string): string | null => {
  try {
    return readFileSync(join(ROOT, path), "utf8");
  } catch {
    return null;
  }
};

function main(): void {
  const wanted = machineDocs(workflows());
  const readme = read("README.md") ?? "";
  wanted.set("README.md", withReadmeDiagrams(readme, workflows()));
  // The folder is generated whole: a page of a machine that no longer exists is out of date too.
  const folder = join(ROOT, MACHINE_DOCS_FOLDER);
  const existing = existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${MACHINE_DOCS_FOLDER}/${entry.name}`)
    : [];
  const leftOver = existing.filter((path) => !wanted.has(path));
  const stale = [...wanted].filter(([path, content]) => read(path) !== content).map(([path]) => path);

  if (process.argv.includes("--check")) {
    if (stale.length + leftOver.length > 0) {
      for (const path of stale) console.error(`out of date: ${path}`);
      for (const path of leftOver) console.error(`not generated (delete it): ${path}`);
      console.error("The machine diagrams are out of date: run `npm run diagrams` and commit the result.");
      process.exit(1);
    }
    console.log("The machine diagrams are up to date.");
    return;
  }
  mkdirSync(folder, { recursive: true });
  for (const path of stale) writeFileSync(join(ROOT, path), wanted.get(path)!);
  for (const path of leftOver) rmSync(join(ROOT, path));
  for (const path of [...stale, ...leftOver]) console.log(`${wanted.has(path) ? "wrote" : "deleted"} ${path}`);
  if (stale.length + leftOver.length === 0) console.log("The machine diagrams were already up to date.");
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
