import type { ParoleOutcome } from "../../domain/custody/custody.enums";
import type { NotificationEntity } from "../../entities/notifications/notification.entity";
import {
  renderNotification,
  type ReconsiderationStep,
  type RenderedNotification,
} from "../../domain/notifications/notification-templates";

/** The words of a notification, from the facts kept when it fell due, through the disclosure rules. */
export function notificationWords(notification: Pick<NotificationEntity, "kind" | "facts">): RenderedNotification {
  const facts = notification.facts;
  if (!facts) return renderNotification(notification.kind, { release: null, paroleOutcome: null });
  const { paroleOutcome, reconsideration, releaseDirection, ...release } = facts;
  return renderNotification(notification.kind, {
    release: { ...release, releaseDirection: releaseDirection ?? null, licenceConditions: [] },
    paroleOutcome: (paroleOutcome as ParoleOutcome | null) ?? null,
    reconsideration: (reconsideration as ReconsiderationStep | null | undefined) ?? null,
  });
}
