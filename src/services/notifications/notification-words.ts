import type { ParoleOutcome } from "../../domain/custody/custody.enums";
import type { VictimLicenceCondition } from "../../domain/disclosure/disclosure";
import type { NotificationEntity } from "../../entities/notifications/notification.entity";
import {
  renderNotification,
  type ReconsiderationStep,
  type RenderedNotification,
} from "../../domain/notifications/notification-templates";

type WordsSource = Pick<NotificationEntity, "kind" | "facts">;

/**
 * The reasons conditions were not adopted, by request id, read from the sealed requests; or
 * WITHHELD for a reader of the notification who may not read personal data.
 */
export type ConditionReasons = ReadonlyMap<string, string | null> | "WITHHELD";

// What the words say in place of a reason the reader may not see.
const WITHHELD_REASON = "[reason withheld: it is shown only to those who may read personal data]";

/** The requests whose reasons the words quote: those not adopted. */
export function reasonRequestIds(notification: WordsSource): string[] {
  return (notification.facts?.licenceConditions ?? [])
    .filter((condition) => condition.outcome === "NOT_ADOPTED")
    .map((condition) => condition.requestId);
}

/** The words of a notification, from the facts kept when it fell due, through the disclosure rules. */
export function notificationWords(
  notification: WordsSource,
  reasons: ConditionReasons = new Map(),
): RenderedNotification {
  const facts = notification.facts;
  if (!facts) return renderNotification(notification.kind, { release: null, paroleOutcome: null });
  const { paroleOutcome, reconsideration, releaseDirection, licenceConditions, ...release } = facts;
  const conditions: VictimLicenceCondition[] = (licenceConditions ?? []).map(({ requestId, ...condition }) => ({
    ...condition,
    reasonNotAdopted:
      condition.outcome !== "NOT_ADOPTED"
        ? null
        : reasons === "WITHHELD"
          ? WITHHELD_REASON
          : (reasons.get(requestId) ?? null),
  }));
  return renderNotification(notification.kind, {
    release: { ...release, releaseDirection: releaseDirection ?? null, licenceConditions: conditions },
    paroleOutcome: (paroleOutcome as ParoleOutcome | null) ?? null,
    reconsideration: (reconsideration as ReconsiderationStep | null | undefined) ?? null,
  });
}
