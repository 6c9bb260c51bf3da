import type { ParoleOutcome } from "../../domain/custody/custody.enums";
import type { NotificationEntity, NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import { renderNotification, type RenderedNotification } from "../../domain/notifications/notification-templates";

/** The words of a notification, from the facts kept when it fell due, through the disclosure rules. */
export function notificationWords(notification: Pick<NotificationEntity, "kind" | "facts">): RenderedNotification {
  const facts = notification.facts;
  const { paroleOutcome, ...release } = facts ?? { paroleOutcome: null };
  return renderNotification(notification.kind, {
    release: facts ? { ...(release as Omit<NotificationFactsSnapshot, "paroleOutcome">), licenceConditions: [] } : null,
    paroleOutcome: (paroleOutcome as ParoleOutcome | null) ?? null,
  });
}
