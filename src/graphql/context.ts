import type { DataSource } from "typeorm";
import type { AccessControl } from "../services/security/access-control";
import type { TimerSettings } from "../services/work/timer-schedule";
import type { LiveUpdates } from "../services/platform/live-updates";
import type { Loaders } from "./loaders";

export interface RequestContext {
  dataSource: DataSource;
  loaders: Loaders;
  /** The verified caller, their officer record and what the policy lets them do. */
  access: AccessControl;
  /** Who is acting; recorded on every history row. */
  actor: string;
  /** Ties a response, its log lines and any masked error together. Always made by the server. */
  correlationId: string;
  /** The client's own id for the request (x-correlation-id), sanitised, kept beside ours in the logs; null if none. */
  clientCorrelationId: string | null;
  /** Why personal data is being read (header x-access-purpose), recorded in the access log. */
  purpose: string;
  /** How long an invitation waits for a reply, and a sent notification for its acknowledgement (configuration). */
  timers: TimerSettings;
  /** This instance's live updates; set on graphql-ws connections, where subscriptions run. */
  liveUpdates?: LiveUpdates;
}
