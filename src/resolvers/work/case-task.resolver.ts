import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { Task, toTask } from "../../schema/work/task.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => VictimCase)
export class CaseTaskResolver {
  @FieldResolver(() => [Task], { description: "The officer's tasks on the case, open and closed, oldest due first." })
  async tasks(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Task[]> {
    const on = today();
    return (await context.loaders.tasksByCase.load(victimCase.databaseId)).map((row) => toTask(row, on));
  }
}
