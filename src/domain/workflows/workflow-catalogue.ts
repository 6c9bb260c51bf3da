import { CASE_GUARD_DESCRIPTIONS, caseMachine } from "../../machines/case.machine";
import { CUSTODY_GUARD_DESCRIPTIONS, custodyMachine } from "../../machines/custody.machine";
import {
  LICENCE_CONDITION_REQUEST_GUARD_DESCRIPTIONS,
  licenceConditionRequestMachine,
} from "../../machines/licence-condition-request.machine";
import { NOTIFICATION_GUARD_DESCRIPTIONS, notificationMachine } from "../../machines/notification.machine";
import { PAROLE_GUARD_DESCRIPTIONS, paroleReviewMachine } from "../../machines/parole-review.machine";
import { personalStatementMachine } from "../../machines/personal-statement.machine";
import { TASK_GUARD_DESCRIPTIONS, taskMachine } from "../../machines/task.machine";
import { timerMachine } from "../../machines/timer.machine";
import { describeMachine, type WorkflowSource } from "./describe-machine";
import type { Workflow } from "./workflow";
import { WorkflowName } from "./workflow-name.enum";

/** Every machine of the service, in the order the workflows query and docs/machines/ list them. */
export const WORKFLOW_SOURCES: readonly WorkflowSource[] = [
  { name: WorkflowName.CASE, machine: caseMachine, guardDescriptions: CASE_GUARD_DESCRIPTIONS },
  { name: WorkflowName.CUSTODY, machine: custodyMachine, guardDescriptions: CUSTODY_GUARD_DESCRIPTIONS },
  { name: WorkflowName.PAROLE_REVIEW, machine: paroleReviewMachine, guardDescriptions: PAROLE_GUARD_DESCRIPTIONS },
  {
    name: WorkflowName.LICENCE_CONDITION_REQUEST,
    machine: licenceConditionRequestMachine,
    guardDescriptions: LICENCE_CONDITION_REQUEST_GUARD_DESCRIPTIONS,
  },
  { name: WorkflowName.NOTIFICATION, machine: notificationMachine, guardDescriptions: NOTIFICATION_GUARD_DESCRIPTIONS },
  { name: WorkflowName.TASK, machine: taskMachine, guardDescriptions: TASK_GUARD_DESCRIPTIONS },
  { name: WorkflowName.PERSONAL_STATEMENT, machine: personalStatementMachine, guardDescriptions: {} },
  { name: WorkflowName.TIMER, machine: timerMachine, guardDescriptions: {} },
];

let described: readonly Workflow[] | undefined;

/** Every machine as data. The definitions never change while the process runs: read them once. */
export function workflows(): readonly Workflow[] {
  described ??= WORKFLOW_SOURCES.map(describeMachine);
  return described;
}
