// The machines the workflows query and docs/machines/ describe, one per kind of stateful record.
export enum WorkflowName {
  CASE = "CASE",
  CUSTODY = "CUSTODY",
  PAROLE_REVIEW = "PAROLE_REVIEW",
  LICENCE_CONDITION_REQUEST = "LICENCE_CONDITION_REQUEST",
  NOTIFICATION = "NOTIFICATION",
  TASK = "TASK",
  PERSONAL_STATEMENT = "PERSONAL_STATEMENT",
  TIMER = "TIMER",
}
