import { Field, ObjectType } from "type-graphql";

@ObjectType("WorkQueueChange", {
  description:
    "Something on officers' work queues changed: a notification or task of a case was added, done or moved, or the case changed hands. Fetch workQueue again (or just this case's items).",
})
export class WorkQueueChange {
  @Field({
    description:
      "True when this server lost touch with the database for a moment and cannot say what changed: fetch the whole work queue again.",
  })
  resync: boolean;

  /** The case whose items changed; null for a resync. */
  caseDatabaseId: string | null;
}
