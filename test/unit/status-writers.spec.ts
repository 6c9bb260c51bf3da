import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

// DESIGN §4: one module writes status columns, for every machine. This scans the source for SQL
// or TypeORM calls that write one anywhere else.

const ROOT = join(__dirname, "..", "..");
const PIPELINE = "src/services/pipeline/apply-event.ts";
const STATUS_COLUMNS = ["status", "custody_phase"];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const column = `"(?:${STATUS_COLUMNS.join("|")})"`;
const WRITES: { what: string; pattern: RegExp }[] = [
  // UPDATE "t" SET …, "status" = … (up to its WHERE), and ON CONFLICT … DO UPDATE SET "status" = …
  {
    what: "an UPDATE that sets a status",
    pattern: new RegExp(`\\bSET\\b(?:(?!\\bWHERE\\b)[^;\`])*?${column}\\s*=`, "i"),
  },
  // INSERT INTO "t" (…, "status", …)
  {
    what: "an INSERT that names a status column",
    pattern: new RegExp(`INSERT\\s+INTO\\s+"\\w+"\\s*\\([^)]*${column}`, "i"),
  },
  // TypeORM: manager.update / insert / save / upsert with a status property
  {
    what: "a TypeORM write of a status property",
    pattern: /\.(?:update|insert|save|upsert)\([^;]*?\b(?:status|custodyPhase)\s*:/,
  },
];

/** Every place in `text` that writes a status column, as "what (line N)". */
function statusWrites(text: string): string[] {
  const found: string[] = [];
  for (const { what, pattern } of WRITES) {
    const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      found.push(`${what} (line ${text.slice(0, match.index).split("\n").length})`);
    }
  }
  return found;
}

describe("the one writer of status columns", () => {
  it("should find the status writes it looks for, so that finding none elsewhere means something", () => {
    expect(statusWrites('await manager.query(`UPDATE "task" SET "status" = $1 WHERE "id" = $2`)')).toHaveLength(1);
    expect(statusWrites('`UPDATE "offender" SET "version" = 2, "custody_phase" = $3 WHERE "id" = $1`')).toHaveLength(1);
    expect(statusWrites('`INSERT INTO "timer" ("kind", "status") VALUES ($1, $2)`')).toHaveLength(1);
    expect(statusWrites('`INSERT … ON CONFLICT ("id") DO UPDATE SET "status" = EXCLUDED."status"`')).toHaveLength(1);
    expect(statusWrites("await manager.update(TaskEntity, { id }, { status: TaskStatus.DONE });")).toHaveLength(1);
    // Reading or comparing a status is not writing one.
    expect(statusWrites('`UPDATE "task" SET "due_on" = $1 WHERE "status" = $2`')).toEqual([]);
    expect(statusWrites('`SELECT "status" FROM "task" WHERE "status" = $1`')).toEqual([]);
  });

  it(`should write status columns only in ${PIPELINE}`, () => {
    const writers = sourceFiles(join(ROOT, "src"))
      .map((file) => relative(ROOT, file))
      .filter((file) => file !== PIPELINE)
      .flatMap((file) => statusWrites(readFileSync(join(ROOT, file), "utf8")).map((write) => `${file}: ${write}`));
    expect(writers).toEqual([]);
  });
});
