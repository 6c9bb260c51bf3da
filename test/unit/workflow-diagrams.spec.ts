import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  MACHINE_DOCS_FOLDER,
  machineDocs,
  machineSlug,
  README_DIAGRAMS,
  withReadmeDiagrams,
} from "../../src/domain/workflows/machine-docs";
import { mermaidDiagram } from "../../src/domain/workflows/mermaid-diagram";
import { workflows } from "../../src/domain/workflows/workflow-catalogue";

// CI's check that the committed diagrams are the machines' own: each is generated again here and
// compared with the file (as `npm run diagrams -- --check` does).
const ROOT = join(__dirname, "..", "..");
const read = (path: string): string | null =>
  existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), "utf8") : null;
const OUT_OF_DATE = "out of date: run `npm run diagrams` and commit the result";

describe("the machine diagrams in docs/machines/ and the README", () => {
  const pages = machineDocs(workflows());

  it("should have a page per machine and the index, each as generated from the machines", () => {
    const stale = [...pages].filter(([path, content]) => read(path) !== content).map(([path]) => path);
    if (stale.length > 0) throw new Error(`${stale.join(", ")}: ${OUT_OF_DATE}`);
  });

  it("should hold nothing else: a page of a machine that is gone is out of date too", () => {
    const extra = readdirSync(join(ROOT, MACHINE_DOCS_FOLDER))
      .map((file) => `${MACHINE_DOCS_FOLDER}/${file}`)
      .filter((path) => !pages.has(path));
    if (extra.length > 0) throw new Error(`${extra.join(", ")}: not generated, ${OUT_OF_DATE}`);
  });

  it("should show the case and custody diagrams in the README, as generated", () => {
    const readme = read("README.md")!;
    const blocks = [...readme.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]);
    const generated = README_DIAGRAMS.map((name) => mermaidDiagram(workflows().find((w) => w.name === name)!));
    if (JSON.stringify(blocks) !== JSON.stringify(generated)) throw new Error(`README.md's diagrams: ${OUT_OF_DATE}`);
    expect(withReadmeDiagrams(readme, workflows())).toBe(readme);
  });

  it("should name, on each page, a machine file that exists", () => {
    for (const workflow of workflows()) {
      const machineFile = `src/machines/${machineSlug(workflow.name)}.machine.ts`;
      expect(existsSync(join(ROOT, machineFile))).toBe(true);
      expect(pages.get(`${MACHINE_DOCS_FOLDER}/${machineSlug(workflow.name)}.md`)).toContain(machineFile);
    }
  });

  it("should link only to files inside the repository, from the pages and the README's section on them", () => {
    const readme = read("README.md")!;
    const section = readme.slice(
      readme.indexOf("## The machines"),
      readme.indexOf("\n## ", readme.indexOf("## The machines")),
    );
    for (const [path, content] of [...pages, ["README.md", section] as const]) {
      const targets = [...content.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]!);
      for (const target of targets.filter((candidate) => !candidate.startsWith("#")))
        expect({ path, target, inRepository: existsSync(join(ROOT, path, "..", target.split("#")[0]!)) }).toEqual({
          path,
          target,
          inRepository: true,
        });
    }
  });
});
