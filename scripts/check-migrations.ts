import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Migrations are history: once on main, a migration file never changes. Each is listed with its
// SHA-256 in src/migrations/frozen.sha256, and that list only grows. `--check` (CI) fails when a
// migration differs from its line, is not listed, or when any commit took or changed a line;
// `--add` lists new migrations.
const ROOT = join(__dirname, "..");
const DIRECTORY = join(ROOT, "src", "migrations");
const LIST = "src/migrations/frozen.sha256";

type Entries = Map<string, string>;

function parse(text: string): Entries {
  const entries: Entries = new Map();
  for (const line of text.split("\n").filter((row) => row.trim() !== "")) {
    const [hash, file] = line.trim().split(/\s+/);
    entries.set(file, hash);
  }
  return entries;
}

function migrationFiles(): string[] {
  return readdirSync(DIRECTORY)
    .filter((file) => /^\d+-[\w-]+\.ts$/.test(file))
    .sort();
}

function sha256(file: string): string {
  return createHash("sha256")
    .update(readFileSync(join(DIRECTORY, file)))
    .digest("hex");
}

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Every version of the list in history, oldest first, then the working copy's. */
function listVersions(): { name: string; entries: Entries }[] {
  let commits: string[] = [];
  try {
    commits = git("log", "--reverse", "--format=%H", "--", LIST).split("\n").filter(Boolean);
  } catch {
    console.warn("Not a git checkout: only the working copy's list is checked.");
  }
  const versions = commits.map((commit) => ({
    name: `commit ${commit.slice(0, 12)}`,
    entries: parse(git("show", `${commit}:${LIST}`)),
  }));
  versions.push({ name: "the working copy", entries: parse(readFileSync(join(ROOT, LIST), "utf8")) });
  return versions;
}

export function problems(): string[] {
  const found: string[] = [];
  const versions = listVersions();
  const current = versions[versions.length - 1].entries;
  for (const file of migrationFiles()) {
    const listed = current.get(file);
    if (!listed) found.push(`${file} is not in ${LIST}: run \`npm run migrations:add\`.`);
    else if (listed !== sha256(file))
      found.push(`${file} was edited after it was committed. Add a new migration instead, and put this file back.`);
  }
  for (const file of current.keys())
    if (!migrationFiles().includes(file)) found.push(`${file} is listed but missing: a migration is never removed.`);
  for (let i = 1; i < versions.length; i++) {
    for (const [file, hash] of versions[i - 1].entries) {
      const later = versions[i].entries.get(file);
      if (later !== hash)
        found.push(`${versions[i].name} ${later ? "changed" : "removed"} the line of ${file}: the list only grows.`);
    }
  }
  return found;
}

function add(): void {
  const current = parse(readFileSync(join(ROOT, LIST), "utf8"));
  for (const file of migrationFiles()) if (!current.has(file)) current.set(file, sha256(file));
  writeFileSync(join(ROOT, LIST), [...current].map(([file, hash]) => `${hash}  ${file}\n`).join(""));
}

if (require.main === module) {
  if (process.argv.includes("--add")) add();
  const found = problems();
  for (const problem of found) console.error(problem);
  if (found.length > 0) process.exit(1);
  console.log(`${migrationFiles().length} migrations, each as committed.`);
}
