import type { EntityManager } from "typeorm";
import { CustodyPhase } from "../../domain/custody/custody.enums";
import type { CustodyContext } from "../../machines/machine-events";
import { lockCase, openCaseIdsOf } from "../cases/case-transition.service";
import { notifiedLicenceConditionsByCase } from "../licence-conditions/notified-licence-conditions";
import { queueNotifications } from "../notifications/notification-outbox";
import { selectRows } from "../platform/sql";
import { notificationFactsFor, withLicenceConditions } from "./key-dates.service";

// Where the expected release is still to come: a Board direction, a recall or an escape replaces it.
const AWAITING_RELEASE: ReadonlySet<CustodyPhase> = new Set([CustodyPhase.IN_CUSTODY, CustodyPhase.PAROLE_REVIEW]);

/**
 * The confirmation timer (scheduleReleaseConfirmation) has come: every open case of an offender still awaiting that release is
 * told the month, with the victim's own licence conditions. False when there is nothing to confirm.
 */
export async function sendReleaseConfirmation(
  manager: EntityManager,
  offenderId: string,
  timer: { id: string; due_on: string },
): Promise<boolean> {
  const [offender] = await selectRows<{ custody_phase: CustodyPhase; custody_context: CustodyContext }>(
    manager,
    `SELECT "custody_phase", "custody_context" FROM "offender" WHERE "id" = $1`,
    [offenderId],
  );
  if (!offender || !AWAITING_RELEASE.has(offender.custody_phase)) return false;
  const facts = await notificationFactsFor(manager, offenderId, { custody: offender.custody_context });
  const month = facts?.expectedReleaseMonth;
  if (!month || month < timer.due_on.slice(0, 7)) return false;
  const caseIds = await openCaseIdsOf(manager, offenderId);
  const conditions = await notifiedLicenceConditionsByCase(manager, caseIds);
  for (const id of caseIds) {
    const locked = await lockCase(manager, id, { kind: "ALL" });
    await queueNotifications(manager, {
      before: locked,
      trigger: { type: "RELEASE_CONFIRMATION_DUE" },
      triggerId: timer.id,
      occurredOn: timer.due_on,
      facts: withLicenceConditions(facts, conditions.get(id)),
    });
  }
  return true;
}
