import "reflect-metadata";
import { SingleBar, Presets } from "cli-progress";
import { loadConfig } from "../src/config";
import { holdClock } from "../src/domain/calendar/clock";
import { configureFieldEncryption } from "../src/entities/field-encryption.transformer";
import { openDatabase, withServerSettings } from "../src/services/platform/database";
import { runSeed, SeedRefusedError, type SeedReport } from "../src/services/platform/seed-runner";

// Fills an empty database with years of realistic, fictional history (issue 14 §2):
//   npm run seed -- --cases 100000 --seed 42 --years 3
// On DATABASE_URL's PostgreSQL, else the embedded database at PGLITE_DIR (.data/pglite), opened,
// migrated and sealed with the same configuration the service uses. The same seed gives the same
// data. A database that already has cases or offenders is refused (exit 1).
const USAGE =
  "usage: npm run seed [-- --cases N (1000)] [--seed S (42)] [--years Y (3)] [--parallel P (PostgreSQL: 3)]";
// Transactions side by side on PostgreSQL, so the server works while this process prepares the
// next statements (the embedded database takes one at a time whatever is asked).
const POSTGRES_PARALLEL = 3;

interface Arguments {
  cases: number;
  seed: number;
  years: number;
  parallel: number | null;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  configureFieldEncryption(config.dataEncryptionKey, config.previousEncryptionKeys);
  // As the service would: a test clock (CLOCK, CLOCK_OFFSET_DAYS) sets the last day seeded.
  holdClock(config.testClock);
  const dataSource = await openDatabase({
    databaseUrl: config.databaseUrl && withoutWaitingForTheDisk(config.databaseUrl),
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    pgliteDir: config.pgliteDir,
  });
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `the embedded database at ${config.pgliteDir}`;
  process.stdout.write(`seeding ${args.cases} cases over ${args.years} years with seed ${args.seed} into ${where}\n`);
  const bar = new SingleBar(
    {
      format: "{bar} {percentage}% | day {value}/{total} {day} | {steps} steps | {eta_formatted} left",
      etaBuffer: 60,
      // Redirected to a file, a line every half minute instead.
      noTTYOutput: true,
      notTTYSchedule: 30_000,
    },
    Presets.shades_classic,
  );
  let totalSteps = 0;
  try {
    const report = await runSeed(dataSource, {
      ...args,
      timers: {
        invitation: config.invitationTimings,
        acknowledgementWorkingDays: config.acknowledgementWorkingDays,
        releaseConfirmationLeadDays: config.releaseConfirmationLeadDays,
      },
      parallel: config.databaseUrl ? (args.parallel ?? POSTGRES_PARALLEL) : 1,
      onPlanned: ({ days, steps }) => {
        totalSteps = steps;
        bar.start(days, 0, { day: "", steps: `0/${steps}` });
      },
      onDay: ({ day, days, stepsTaken }) => bar.update(days, { day, steps: `${stepsTaken}/${totalSteps}` }),
    });
    bar.stop();
    // After a bulk load, as after any: the planner learns the tables' new sizes, and the dead rows
    // of the day-by-day updates go (the role that owns the tables can; another is warned and skips).
    await dataSource.query("VACUUM ANALYZE");
    printReport(report);
    if (report.timerFailures.length > 0) process.exitCode = 1;
  } catch (error) {
    bar.stop();
    if (error instanceof SeedRefusedError) {
      console.error(`seed refused: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

// A seed is a bulk load, run again from the start if it is interrupted: its commits need not wait
// for the disk (synchronous_commit off, for these connections only). The rows are the same; a
// crash loses at most the last moment's commits, never the database's consistency.
function withoutWaitingForTheDisk(databaseUrl: string): string {
  return withServerSettings(databaseUrl, "synchronous_commit=off");
}

function printReport(report: SeedReport): void {
  const { counts } = report;
  const seconds = report.elapsedMs / 1000;
  const lines = [
    `seeded ${report.startDay} to ${report.endDay} in ${seconds.toFixed(1)} s (${(report.planned.cases / seconds).toFixed(1)} cases/s)`,
    `officers ${counts.officers}, offenders ${counts.offenders}, contacts ${counts.contacts}`,
    `steps taken ${report.steps.taken}, refused and skipped ${report.steps.refused}`,
    `time in timers ${report.phaseMs.timers} ms, steps ${report.phaseMs.steps} ms, office work ${report.phaseMs.officeWork} ms`,
    table("cases by status", counts.casesByStatus),
    table("transitions by event", counts.transitionsByEvent),
    table("custody events by type", counts.custodyEventsByType),
    table("notifications by kind", counts.notificationsByKind),
    table("notifications by status", counts.notificationsByStatus),
    table("tasks by kind", counts.tasksByKind),
    table("timers fired by kind", counts.timersFiredByKind),
    `timers fired ${report.timers.fired}, skipped ${report.timers.skipped}, failed ${report.timers.failed}`,
    table("parole reviews by status", counts.paroleReviewsByStatus),
    table("refusals skipped", report.refusals),
    ...report.timerFailures.map((failure) => `timer failed: ${failure}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  // The last line, for machines: every count as JSON.
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function table(title: string, counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const rows = Object.entries(counts).map(([key, count]) => `  ${key.padEnd(48)} ${String(count).padStart(8)}`);
  return [`${title} (${total}):`, ...rows].join("\n");
}

function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { cases: 1000, seed: 42, years: 3, parallel: null };
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, "");
    const value = Number(argv[index + 1]);
    const limits: Record<string, [number, number]> = {
      cases: [1, 10_000_000],
      seed: [0, 2 ** 31 - 1],
      years: [1, 20],
      parallel: [1, 16],
    };
    if (!(name in limits) || !Number.isInteger(value) || value < limits[name][0] || value > limits[name][1]) {
      console.error(USAGE);
      process.exit(2);
    }
    args[name as keyof Arguments] = value;
  }
  return args;
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
