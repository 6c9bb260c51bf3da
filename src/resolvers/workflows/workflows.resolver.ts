import { Query, Resolver } from "type-graphql";
import { workflows } from "../../domain/workflows/workflow-catalogue";
import { toWorkflow, Workflow } from "../../schema/workflows/workflow.type";

// No permission: how the service's records move is no secret, and every role reads it.
@Resolver()
export class WorkflowsResolver {
  @Query(() => [Workflow], {
    description:
      "Every machine of the service (case, custody, parole review, licence-condition request, notification, task, personal statement, timer) as data: its states, events, guards with what they check, transitions and a Mermaid diagram, read from the machines themselves. Any signed-in caller may read it.",
  })
  workflows(): Workflow[] {
    return workflows().map(toWorkflow);
  }
}
