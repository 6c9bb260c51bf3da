import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The example operation the Sandbox and GraphiQL open with. */
export const LANDING_OPERATION = "my-caseload";

/**
 * The text of `docs/operations/<name>.graphql`, or null when that folder is not deployed.
 * The examples live there once, for the docs and both explorers alike.
 */
export function readExampleOperation(name: string): string | null {
  const folder = findOperationsFolder();
  const file = folder && join(folder, `${name}.graphql`);
  return file && existsSync(file) ? readFileSync(file, "utf8") : null;
}

// Searched upwards: this file runs both from src/ (tests, `npm run dev`) and from dist/src/ (`npm start`).
function findOperationsFolder(): string | null {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const candidate = join(folder, "docs", "operations");
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return null;
  }
}
