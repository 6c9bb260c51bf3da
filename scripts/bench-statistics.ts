import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/services/platform/database";
import { today } from "../src/domain/calendar/london-date";
import { Region } from "../src/domain/security/region.enum";
import { EligibilityRoute } from "../src/domain/cases/case.enums";
import { SentenceType } from "../src/domain/sentences/sentence.enums";
import { funnelCounts, declinesByReason } from "../src/services/statistics/scheme-funnel";
import { firstContactStatistics } from "../src/services/statistics/first-contact";
import {
  notificationOutcomes,
  notificationTimeliness,
  overdueTasks,
} from "../src/services/statistics/notification-statistics";
import { statusDurations } from "../src/services/statistics/status-durations";
import { decisionSummaryRequests, statementStatistics } from "../src/services/statistics/parole-statistics";
import type { StatisticsCriteria, StatisticsDimension } from "../src/services/statistics/statistics-criteria";
import type { SqlExecutor } from "../src/services/platform/sql";

// Latency of each family of the scheme's measures (issue 14 §1) on a filled database: DATABASE_URL,
// or the embedded one at PGLITE_DIR (default .data/pglite), e.g. after `npm run seed`. It reads only.
// Every family runs BENCH_RUNS times (default 15) for the whole country grouped by region and month,
// then for one region's last year grouped by month, then for the busiest officer's statutory SDS and EDS
// cases by month; the median and the slowest are printed.
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

type Family = (
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
) => Promise<unknown[]>;

const FAMILIES: Record<string, Family> = {
  "funnel (referrals … closures, opt-in rate)": funnelCounts,
  "declines by reason": declinesByReason,
  "first contact and decision times, 20-day compliance": firstContactStatistics,
  "notifications by due day, overdue now": notificationTimeliness,
  "overdue tasks now": overdueTasks,
  "time in each status": statusDurations,
  "notifications by kind, channel, outcome": notificationOutcomes,
  "personal statements": statementStatistics,
  "decision summaries": decisionSummaryRequests,
};

async function main(): Promise<void> {
  const dataSource = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    pgliteDir: process.env.PGLITE_DIR ?? ".data/pglite",
  });
  const [{ cases }] = (await dataSource.query(`SELECT count(*)::int AS "cases" FROM "victim_case"`)) as {
    cases: number;
  }[];
  // The officer with the most cases, as a manager looking at one officer's work would pick.
  const [busiest] = (await dataSource.query(
    `SELECT "officer_id"::text AS "officerId" FROM "victim_case" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  )) as { officerId: string }[];
  const day = today();
  const yearAgo = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  const scenarios: { label: string; criteria: StatisticsCriteria; dimensions: StatisticsDimension[] }[] = [
    {
      label: "all regions, by region and month",
      criteria: { scope: { kind: "ALL" }, today: day },
      dimensions: ["REGION", "MONTH"],
    },
    {
      label: "one region, last 12 months, by month",
      criteria: { scope: { kind: "ALL" }, regions: [Region.NORTH_EAST], from: yearAgo, to: day, today: day },
      dimensions: ["MONTH"],
    },
    {
      label: "one officer's cases, statutory route, SDS and EDS sentences, by month",
      criteria: {
        scope: { kind: "ALL" },
        officerId: busiest.officerId,
        routes: [EligibilityRoute.STATUTORY],
        sentenceTypes: [SentenceType.SDS, SentenceType.EDS],
        today: day,
      },
      dimensions: ["MONTH"],
    },
  ];
  console.log(`${cases} cases on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${RUNS} runs each\n`);
  console.log("| Measure | Scenario | median ms | slowest ms | groups |");
  console.log("|---|---|---|---|---|");
  for (const [name, family] of Object.entries(FAMILIES))
    for (const scenario of scenarios) {
      const times: number[] = [];
      let groups = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        groups = (await family(dataSource, scenario.criteria, scenario.dimensions)).length;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      console.log(`| ${name} | ${scenario.label} | ${median.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${groups} |`);
    }
  await dataSource.destroy();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
