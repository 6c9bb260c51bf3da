import type { DataSource, EntityManager } from "typeorm";
import { addDays } from "../../domain/calendar/calendar";
import { clockIsHeld, holdClock, moveHeldClockTo, now, wallClock } from "../../domain/calendar/clock";
import { londonDate, today } from "../../domain/calendar/london-date";
import { DeclineReason } from "../../domain/cases/case.enums";
import { DomainError, notFound } from "../../domain/errors/domain-error";
import { LicenceConditionDecisionPoint } from "../../domain/licence-conditions/licence-condition.enums";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { ParoleRequestKind, ParoleReviewStatus } from "../../domain/parole/parole.enums";
import type { Region } from "../../domain/security/region.enum";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import { TimerStatus } from "../../domain/work/timer.enums";
import { addCaseContact, updateCaseContact, type ContactChangeOptions } from "../cases/contact.service";
import { referVictimCase } from "../cases/referral.service";
import { createOffender } from "../custody/custody-transition.service";
import { applyLicenceConditionEvent, requestLicenceCondition } from "../licence-conditions/licence-condition.service";
import { applyNotificationEvent } from "../notifications/notification.service";
import { lockOpenParoleReview } from "../parole/parole-review.service";
import {
  inviteVictimPersonalStatement,
  recordParoleRequest,
  scheduleParoleHearing,
  submitVictimPersonalStatement,
  type CaseStepOptions,
} from "../parole/parole-steps.service";
import { changeCase, changeCustody } from "../reactions/event-reactions";
import { createOfficer } from "../security/officer.service";
import { applyTaskEvent } from "../work/task.service";
import { runDueTimers } from "../work/timer-runner";
import { DEFAULT_TIMER_SETTINGS, type TimerSettings } from "../work/timer-schedule";
import { daysBetween, seededFraction } from "./seed-chance";
import { countSeededData, type SeedCounts } from "./seed-counts";
import { planSeed, type DatedStep, type SeedPlan } from "./seed-plan";
import { SEED_RATES } from "./seed-rates";
import type { SeedStep } from "./seed-steps";
import { selectRows } from "./sql";

// Fills an empty database with a seeded history (npm run seed): the plan's steps are taken day by
// day through the service's own pipeline (the same functions the mutations and the custody feed
// call), with the one clock held on each day in turn, so every date the service computes is that
// day's; each day's timers fire as the background runner would fire them. Nothing writes a status.

/** The custody feed's actor on every custody event, as the feed's own client would be recorded. */
const FEED_ACTOR = "system:custody-feed";
const ALL = { kind: "ALL" as const };
const STATEMENT_TEXT =
  "Since the offence I have not felt safe in my own home. I ask the panel to keep him away from me and my family.";
// The tasks only the officer can close: the office work closes them.
const OFFICERS_TASKS = [TaskKind.SEEK_VICTIM_VIEWS, TaskKind.CONTACT_VICTIM_DIRECTLY];

export interface SeedOptions {
  cases: number;
  seed: number;
  years: number;
  /** The last day seeded; the service's today by default. */
  endDay?: string;
  /** The configured timer settings (the composition root's); the documented defaults otherwise. */
  timers?: TimerSettings;
  /** Transactions run side by side on PostgreSQL (the embedded database takes one at a time anyway). */
  parallel?: number;
  /** Called once the plan is made, with its size. */
  onPlanned?: (size: { days: number; steps: number }) => void;
  /** Called after each day. */
  onDay?: (progress: { day: string; days: number; stepsTaken: number }) => void;
}

export interface SeedReport {
  seed: number;
  startDay: string;
  endDay: string;
  planned: { officers: number; offenders: number; cases: number; steps: number };
  /** Steps the pipeline took, and those a machine or rule refused (counted by step, event and code). */
  steps: { taken: number; refused: number };
  refusals: Record<string, number>;
  timers: { fired: number; skipped: number; failed: number };
  /** What the officers did each day besides the plan's steps. */
  officeWork: { notificationsSent: number; notificationsAcknowledged: number; tasksCompleted: number };
  /** Unexpected timer failures (the first few): a seed should have none. */
  timerFailures: string[];
  /** Where the time went: the days' timers, the plan's steps, the officers' office work. */
  phaseMs: { timers: number; steps: number; officeWork: number };
  counts: SeedCounts;
  elapsedMs: number;
}

/** The database already holds data: a seed is only reproducible on an empty one. */
export class SeedRefusedError extends Error {
  override name = "SeedRefusedError";
}

/** Plans and writes a seeded history into an empty, migrated database; answers what it wrote. */
export async function runSeed(dataSource: DataSource, options: SeedOptions): Promise<SeedReport> {
  const started = wallClock().getTime();
  await refuseUnlessEmpty(dataSource);
  const timers = options.timers ?? DEFAULT_TIMER_SETTINGS;
  const plan = planSeed({
    cases: options.cases,
    seed: options.seed,
    years: options.years,
    endDay: options.endDay ?? londonDate(),
    invitationTimings: timers.invitation,
  });
  const days = daysBetween(plan.startDay, plan.endDay) + 1;
  options.onPlanned?.({ days, steps: plan.steps.length });
  const run = new SeedRun(dataSource, plan, options.seed, timers, Math.max(1, options.parallel ?? 1));
  // A test clock already held stays held (at the last day seeded); otherwise the system's time comes back.
  const wasHeld = clockIsHeld();
  holdClock({ kind: "FIXED", at: middayOf(plan.startDay) });
  try {
    await run.createOfficers();
    let next = 0;
    for (let day = plan.startDay, done = 1; day <= plan.endDay; day = addDays(day, 1), done++) {
      moveHeldClockTo(middayOf(day));
      await run.timed("timers", () => run.runTimers(day));
      const todays: DatedStep[] = [];
      while (next < plan.steps.length && plan.steps[next].day <= day) todays.push(plan.steps[next++]);
      await run.timed("steps", () => run.takeSteps(todays));
      await run.timed("officeWork", () => run.doOfficeWork(day));
      await run.timed("timers", () => run.findNextTimer());
      options.onDay?.({ day, days: done, stepsTaken: next });
    }
  } finally {
    if (!wasHeld) holdClock(null);
  }
  return {
    seed: options.seed,
    startDay: plan.startDay,
    endDay: plan.endDay,
    planned: {
      officers: plan.officers.length,
      offenders: plan.offenders.length,
      cases: plan.cases.length,
      steps: plan.steps.length,
    },
    steps: { taken: run.taken, refused: run.refused },
    refusals: sortedKeys(run.refusals),
    timers: run.timerTotals,
    officeWork: run.office,
    timerFailures: run.timerFailures,
    phaseMs: run.phaseMs,
    counts: await countSeededData(dataSource),
    elapsedMs: wallClock().getTime() - started,
  };
}

async function refuseUnlessEmpty(dataSource: DataSource): Promise<void> {
  const [row] = await selectRows<{ cases: number; offenders: number }>(
    dataSource.manager,
    `SELECT (SELECT count(*) FROM "victim_case")::int AS "cases", (SELECT count(*) FROM "offender")::int AS "offenders"`,
  );
  if (row.cases > 0 || row.offenders > 0)
    throw new SeedRefusedError(
      `the database already has ${row.cases} cases and ${row.offenders} offenders: seed an empty database, so that a seed always gives the same data`,
    );
}

// Midday in London is the same calendar day all year round.
function middayOf(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function sortedKeys(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The ids the pipeline gave the plan's officers, offenders, cases and requests, and the tallies. */
class SeedRun {
  taken = 0;
  refused = 0;
  readonly refusals = new Map<string, number>();
  readonly timerTotals = { fired: 0, skipped: 0, failed: 0 };
  readonly office = { notificationsSent: 0, notificationsAcknowledged: 0, tasksCompleted: 0 };
  readonly timerFailures: string[] = [];
  private readonly officers = new Map<string, { id: string; region: Region }>();
  private readonly offenderIds: (string | undefined)[] = [];
  private readonly caseIds: (string | undefined)[] = [];
  private readonly caseKeys = new Map<string, number>();
  /** Licence-condition requests by case and number. */
  private readonly conditions = new Map<string, string>();
  /** The earliest day a pending timer falls due (null: none pending). */
  private nextTimerOn: string | null = null;
  /** Where the time went: the day's timers, the plan's steps, the office work. */
  readonly phaseMs = { timers: 0, steps: 0, officeWork: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly plan: SeedPlan,
    private readonly seed: number,
    private readonly timers: TimerSettings,
    private readonly parallel: number,
  ) {}

  async timed(phase: keyof SeedRun["phaseMs"], work: () => Promise<void>): Promise<void> {
    const started = wallClock().getTime();
    await work();
    this.phaseMs[phase] += wallClock().getTime() - started;
  }

  async createOfficers(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const { caseworker: _caseworker, ...officer } of this.plan.officers) {
        // Officers registered before (a sign-in on this database) are used as they are.
        const [existing] = await selectRows<{ id: string }>(
          manager,
          `SELECT "id" FROM "officer" WHERE "username" = $1`,
          [officer.username],
        );
        const id = existing?.id ?? (await createOfficer(manager, officer)).officerId;
        if (officer.region) this.officers.set(officer.username, { id, region: officer.region });
      }
    });
  }

  /**
   * The day's timers, as instances of the background runner would fire them (side by side on
   * PostgreSQL); skipped on a day before the earliest timer due.
   */
  async runTimers(day: string): Promise<void> {
    if (this.nextTimerOn === null || this.nextTimerOn > day) return;
    const onError = (timerId: string, error: unknown) => {
      if (this.timerFailures.length < 5)
        this.timerFailures.push(`${timerId}: ${error instanceof Error ? error.message : String(error)}`);
    };
    const runs = await Promise.all(
      Array.from({ length: this.parallel }, () =>
        runDueTimers(this.dataSource, now(), { limit: Number.MAX_SAFE_INTEGER, onError }),
      ),
    );
    for (const run of runs) {
      this.timerTotals.fired += run.fired;
      this.timerTotals.skipped += run.skipped;
      this.timerTotals.failed += run.failed;
    }
  }

  /** Finds the day the next timer falls due, once the day's work has set its timers. */
  async findNextTimer(): Promise<void> {
    const [next] = await selectRows<{ on: string | null }>(
      this.dataSource.manager,
      `SELECT min(greatest("due_on", COALESCE("not_before", "due_on")))::text AS "on" FROM "timer" WHERE "status" = $1`,
      [TimerStatus.PENDING],
    );
    this.nextTimerOn = next.on;
  }

  /** The day's steps: each offender's in its order, different offenders' side by side. */
  async takeSteps(steps: DatedStep[]): Promise<void> {
    await this.inPartitions(
      steps,
      (dated) => dated.offender,
      (manager, dated) => this.take(manager, dated.step),
      () => (this.taken += 1),
    );
  }

  /**
   * Runs `work` on each item in partitions that share no row (`owner` keeps together what locks
   * the same rows), one transaction each, side by side. A step a machine or rule refuses is
   * skipped and counted: refusals are rare, so a partition first runs straight through, and only
   * when one is refused runs again from the start with each step under a savepoint.
   */
  private async inPartitions<T>(
    items: T[],
    owner: (item: T) => number,
    work: (manager: EntityManager, item: T) => Promise<unknown>,
    done: (item: T) => void,
  ): Promise<void> {
    if (items.length === 0) return;
    const partitions = Array.from({ length: this.parallel }, () => [] as T[]);
    for (const item of items) partitions[owner(item) % this.parallel].push(item);
    const inOneTransaction = async (partition: T[], savepoints: boolean) => {
      const succeeded: T[] = [];
      const refused: string[] = [];
      await this.dataSource.transaction(async (manager) => {
        for (const item of partition) {
          if (savepoints) await manager.query("SAVEPOINT seed_step");
          try {
            await work(manager, item);
            if (savepoints) await manager.query("RELEASE SAVEPOINT seed_step");
            succeeded.push(item);
          } catch (error) {
            if (!savepoints || !(error instanceof DomainError)) throw error;
            await manager.query("ROLLBACK TO SAVEPOINT seed_step");
            refused.push(`${refusalLabel(item)}:${error.code}`);
          }
        }
      });
      // Counted once committed.
      for (const item of succeeded) done(item);
      this.refused += refused.length;
      for (const key of refused) this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
    };
    await Promise.all(
      partitions
        .filter((partition) => partition.length > 0)
        .map(async (partition) => {
          try {
            await inOneTransaction(partition, false);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            await inOneTransaction(partition, true);
          }
        }),
    );
  }

  private async take(manager: EntityManager, step: SeedStep): Promise<void> {
    switch (step.kind) {
      case "CREATE_OFFENDER": {
        const { offender } = this.plan.offenders[step.offender];
        const created = await createOffender(manager, offender, {
          actor: FEED_ACTOR,
          releaseConfirmationLeadDays: this.timers.releaseConfirmationLeadDays,
        });
        this.offenderIds[step.offender] = created.offenderId;
        break;
      }
      case "REFER": {
        const planned = this.plan.cases[step.case];
        const { caseId } = await referVictimCase(
          manager,
          { ...planned.referral, offenderId: this.offenderId(planned.offender) },
          planned.officer,
          this.officers.get(planned.officer)!,
          ALL,
        );
        this.caseIds[step.case] = caseId;
        this.caseKeys.set(caseId, step.case);
        break;
      }
      case "ADD_CONTACT":
        await addCaseContact(manager, this.caseId(step.case), step.contact, this.contactOptions(step.case));
        break;
      case "CHANGE_ADDRESS": {
        // The referral's own contact moves (the only one of its role on the case).
        const [contact] = await selectRows<{ id: string }>(
          manager,
          `SELECT "id" FROM "case_contact" WHERE "case_id" = $1 AND "role" = $2 AND "erased_at" IS NULL LIMIT 1`,
          [this.caseId(step.case), this.plan.cases[step.case].referral.contact.role],
        );
        if (!contact) throw notFound(["seed", "contact"], "contact");
        const update = { address: step.address, clear: [] };
        await updateCaseContact(manager, contact.id, update, this.contactOptions(step.case));
        break;
      }
      case "CASE_EVENT": {
        const { event } = step;
        // What the mutations record as the reason: a closure's, and a decline's (recordDecline).
        const reason =
          event.type === "CLOSE" ? event.reason : event.type === "RECORD_DECLINE" ? DeclineReason.DECLINED : null;
        await changeCase(manager, this.caseId(step.case), event, {
          ...this.caseStep(step.case),
          reason,
          timers: this.timers,
        });
        break;
      }
      case "CUSTODY_EVENT":
        await changeCustody(manager, this.offenderId(step.offender), step.event, {
          actor: FEED_ACTOR,
          occurredOn: today(),
          ...(step.details ? { details: step.details } : {}),
        });
        break;
      case "SCHEDULE_HEARING": {
        const review = await this.openReview(manager, step.offender);
        const hearing = { targetHearingDate: step.targetHearingDate, hearingType: step.hearingType };
        await scheduleParoleHearing(manager, review, hearing, { actor: FEED_ACTOR });
        break;
      }
      case "INVITE_STATEMENT": {
        const review = await this.openReview(manager, this.plan.cases[step.case].offender);
        await inviteVictimPersonalStatement(manager, this.caseId(step.case), review, this.caseStep(step.case));
        break;
      }
      case "SUBMIT_STATEMENT": {
        const review = await this.openReview(manager, this.plan.cases[step.case].offender);
        const statement = { format: step.format, text: STATEMENT_TEXT };
        await submitVictimPersonalStatement(
          manager,
          this.caseId(step.case),
          review,
          statement,
          this.caseStep(step.case),
        );
        break;
      }
      case "REQUEST_DECISION_SUMMARY": {
        const review = await this.latestDecidedReview(manager, this.plan.cases[step.case].offender);
        const kind = ParoleRequestKind.DECISION_SUMMARY;
        await recordParoleRequest(manager, this.caseId(step.case), review, kind, this.caseStep(step.case));
        break;
      }
      case "REQUEST_LICENCE_CONDITION": {
        const atReview = step.decisionPoint === LicenceConditionDecisionPoint.PAROLE_REVIEW;
        const paroleReviewId = atReview ? await this.openReview(manager, this.plan.cases[step.case].offender) : null;
        const request = {
          kind: step.condition,
          description: step.description,
          decisionPoint: step.decisionPoint,
          paroleReviewId,
        };
        const { recordId } = await requestLicenceCondition(
          manager,
          this.caseId(step.case),
          request,
          this.caseStep(step.case),
        );
        this.conditions.set(`${step.case}:${step.request}`, recordId);
        break;
      }
      case "FORWARD_LICENCE_CONDITION":
        await applyLicenceConditionEvent(
          manager,
          this.condition(step.case, step.request),
          { type: "FORWARD" },
          {},
          this.caseStep(step.case),
        );
        break;
      case "DECIDE_LICENCE_CONDITION":
        await applyLicenceConditionEvent(
          manager,
          this.condition(step.case, step.request),
          { type: "RECORD_DECISION", adopted: step.adopted },
          { endsOn: step.endsOn, reason: step.reason },
          this.caseStep(step.case),
        );
        break;
    }
  }

  /**
   * The officers' own work each day: letters, emails and calls sent around their due day (a few
   * late), acknowledgements as victims answer them, and the views-seeking and coming-of-age tasks
   * closed. Which and when is fixed by the seed and the record, not by the order rows come in.
   */
  async doOfficeWork(day: string): Promise<void> {
    const rates = SEED_RATES.office;
    const due = await selectRows<{ id: string; case_id: string; kind: string; due_on: string }>(
      this.dataSource.manager,
      `SELECT "id", "case_id", "kind", "due_on"::text AS "due_on" FROM "notification" WHERE "status" = $1 AND "due_on" <= $2`,
      [NotificationStatus.DUE, addDays(day, 4)],
    );
    const toSend = due.filter((notification) => {
      const fraction = this.fraction("send", notification.case_id, notification.kind, notification.due_on);
      return addDays(notification.due_on, daysFromDue(fraction, rates.sentOnTime, 5)) <= day;
    });
    const sent = await selectRows<{ id: string; case_id: string; kind: string; due_on: string; sent_on: string }>(
      this.dataSource.manager,
      `SELECT "id", "case_id", "kind", "due_on"::text AS "due_on", "sent_on"::text AS "sent_on" FROM "notification"
        WHERE "status" IN ($1, $2) AND "due_on" >= $3 AND "sent_on" >= $4`,
      [NotificationStatus.SENT, NotificationStatus.ESCALATED, addDays(day, -60), addDays(day, -30)],
    );
    const toAcknowledge = sent.filter((notification) => {
      const fraction = this.fraction("acknowledge", notification.case_id, notification.kind, notification.due_on);
      return (
        fraction < rates.acknowledged &&
        addDays(notification.sent_on, 2 + Math.floor((fraction / rates.acknowledged) * 20)) <= day
      );
    });
    const tasks = await selectRows<{ id: string; case_id: string; kind: string; due_on: string }>(
      this.dataSource.manager,
      `SELECT "id", "case_id", "kind", "due_on"::text AS "due_on" FROM "task" WHERE "status" = $1 AND "kind" = ANY($2)`,
      [TaskStatus.OPEN, OFFICERS_TASKS],
    );
    const toComplete = tasks.filter((task) => {
      const fraction = this.fraction("task", task.case_id, task.kind, task.due_on);
      return addDays(task.due_on, daysFromDue(fraction, rates.tasksOnTime, 8)) <= day;
    });
    type Work = {
      caseId: string;
      run: (manager: EntityManager, actor: string) => Promise<unknown>;
      tally: keyof SeedRun["office"];
    };
    const work: Work[] = [
      ...toSend.map(
        (notification): Work => ({
          caseId: notification.case_id,
          run: (manager, actor) =>
            applyNotificationEvent(manager, notification.id, { type: "RECORD_SENT" }, this.notificationStep(actor)),
          tally: "notificationsSent",
        }),
      ),
      ...toAcknowledge.map(
        (notification): Work => ({
          caseId: notification.case_id,
          run: (manager, actor) =>
            applyNotificationEvent(
              manager,
              notification.id,
              { type: "RECORD_ACKNOWLEDGED" },
              this.notificationStep(actor),
            ),
          tally: "notificationsAcknowledged",
        }),
      ),
      ...toComplete.map(
        (task): Work => ({
          caseId: task.case_id,
          run: (manager, actor) => applyTaskEvent(manager, task.id, { type: "COMPLETE" }, { actor, scope: ALL }),
          tally: "tasksCompleted",
        }),
      ),
    ];
    // One case's work in one partition: each step locks the case first.
    await this.inPartitions(
      work,
      (item) => this.caseKeys.get(item.caseId) ?? 0,
      (manager, item) => item.run(manager, this.officerOfCase(item.caseId)),
      (item) => (this.office[item.tally] += 1),
    );
  }

  private notificationStep(actor: string) {
    return { actor, scope: ALL, acknowledgementWorkingDays: this.timers.acknowledgementWorkingDays };
  }

  private fraction(purpose: string, caseId: string, ...parts: string[]): number {
    return seededFraction(this.seed, purpose, this.caseKeys.get(caseId) ?? caseId, ...parts);
  }

  private officerOfCase(caseId: string): string {
    const key = this.caseKeys.get(caseId);
    return key === undefined ? FEED_ACTOR : this.plan.cases[key].officer;
  }

  private offenderId(key: number): string {
    const id = this.offenderIds[key];
    if (!id) throw notFound(["seed", "offender"], "offender");
    return id;
  }

  private caseId(key: number): string {
    const id = this.caseIds[key];
    if (!id) throw notFound(["seed", "case"], "victim case");
    return id;
  }

  private condition(caseKey: number, request: number): string {
    const id = this.conditions.get(`${caseKey}:${request}`);
    if (!id) throw notFound(["seed", "licenceCondition"], "licence-condition request");
    return id;
  }

  /** The offender's review waiting for its decision. */
  private async openReview(manager: EntityManager, offenderKey: number): Promise<string> {
    const review = await lockOpenParoleReview(manager, this.offenderId(offenderKey));
    if (!review) throw notFound(["seed", "paroleReview"], "open parole review");
    return review.id;
  }

  /** The offender's review decided last (the step itself refuses one outside its window). */
  private async latestDecidedReview(manager: EntityManager, offenderKey: number): Promise<string> {
    const [review] = await selectRows<{ id: string }>(
      manager,
      `SELECT "id" FROM "parole_review" WHERE "offender_id" = $1 AND "status" = $2
        ORDER BY "decision_issued_on" DESC, "created_at" DESC LIMIT 1`,
      [this.offenderId(offenderKey), ParoleReviewStatus.DECIDED],
    );
    if (!review) throw notFound(["seed", "paroleReview"], "decided parole review");
    return review.id;
  }

  private caseStep(caseKey: number): CaseStepOptions {
    return { actor: this.plan.cases[caseKey].officer, scope: ALL };
  }

  private contactOptions(caseKey: number): ContactChangeOptions {
    return {
      ...this.caseStep(caseKey),
      correlationId: `seed-${this.seed}-${caseKey}`,
      clientCorrelationId: null,
      operation: "seed",
      timers: this.timers,
    };
  }
}

/**
 * When the officer does a piece of work, in days from its due day: the share `onTime` of work is
 * done up to `earliest` days early, the rest 1 to 10 days late, by the work's seeded fraction.
 */
function daysFromDue(fraction: number, onTime: number, earliest: number): number {
  return fraction < onTime ? -Math.floor((fraction / onTime) * earliest) : 1 + (Math.floor(fraction * 100) % 10);
}

/** How a refused step is counted: its kind, and the event for a case or custody event. */
function refusalLabel(item: unknown): string {
  const step = (item as Partial<DatedStep>).step;
  if (!step) return "OFFICE_WORK";
  if (step.kind === "CASE_EVENT" || step.kind === "CUSTODY_EVENT") return `${step.kind}:${step.event.type}`;
  return step.kind;
}
