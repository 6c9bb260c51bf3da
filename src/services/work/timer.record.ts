import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { TimerStatus } from "../../domain/work/timer.enums";
import { explainTimerRefusal, timerMachine, type TimerEvent } from "../../machines/timer.machine";
import { NOW, type StatefulRecord } from "../pipeline/stateful-record";

type StoredTimer = { id: string; status: TimerStatus };

/**
 * A durable timer (DESIGN §4): PENDING until the runner fires or skips it, once. It has no version:
 * the runner changes it only under the row lock it took with SKIP LOCKED.
 */
export const TIMER_RECORD: StatefulRecord<StoredTimer, TimerEvent> = {
  noun: "timer",
  table: "timer",
  statusColumn: "status",
  machine: timerMachine,
  updatedAt: false,
  unversioned: true,
  stateOf: (timer) => ({ value: timer.status, context: undefined }),
  explain: (snapshot, event) => explainTimerRefusal(snapshot, event),
  refuse: (timer) =>
    new DomainError(UserErrorCode.TRANSITION_NOT_ALLOWED, `The timer is ${timer.status.toLowerCase()}: it fires once.`),
  columns: () => ({ fired_at: NOW }),
};
