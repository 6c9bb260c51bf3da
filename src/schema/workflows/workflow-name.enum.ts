import { registerEnumType } from "type-graphql";
import { workflows } from "../../domain/workflows/workflow-catalogue";
import { WorkflowName } from "../../domain/workflows/workflow-name.enum";

// Each value is described by its machine's own description, so the two cannot disagree.
registerEnumType(WorkflowName, {
  name: "WorkflowName",
  description: "A machine of the service: the lifecycle one kind of record follows.",
  valuesConfig: Object.fromEntries(
    workflows().map((workflow) => [workflow.name, { description: workflow.description }]),
  ),
});
