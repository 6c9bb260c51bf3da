import { Field, ID, Int, ObjectType } from "type-graphql";
import {
  CustodyEventType,
  CustodyPhase,
  ParoleOutcome,
  RecallType,
  TemporaryReleaseType,
  UnlawfullyAtLargeKind,
} from "../../domain/custody/custody.enums";
import type { CustodyEventEntity } from "../../entities/custody/custody-event.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";
import { DateScalar, DateTimeScalar } from "../common/scalars";

@ObjectType("CustodyEvent", {
  implements: Node,
  description:
    "One event in an offender's custody history, as the custody feed (or the Board's decision) recorded it: what happened, the day it happened and when it was recorded. History is append-only.",
})
export class CustodyEvent implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => Int, { description: "Position in the offender's custody history, in the order recorded, from 1." })
  sequence: number;

  @Field(() => CustodyEventType, { description: "What happened." })
  type: CustodyEventType;

  @Field(() => CustodyPhase, { description: "The offender's custody phase before the event." })
  fromPhase: CustodyPhase;

  @Field(() => CustodyPhase, { description: "The offender's custody phase after the event." })
  toPhase: CustodyPhase;

  @Field(() => DateScalar, {
    description:
      "The day it happened, as recorded (never in the future). It can be earlier than recordedAt when the event was reported late; the machine's windows are judged on this day.",
  })
  occurredOn: string;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  recordedAt: Date;

  @Field({ description: "Who recorded it (a user name, or a system such as the custody feed)." })
  actor: string;

  @Field(() => ParoleOutcome, { nullable: true, description: "The Board's decision, for a PAROLE_DECISION." })
  paroleOutcome: ParoleOutcome | null;

  @Field(() => RecallType, { nullable: true, description: "The kind of recall, for a RECALLED event." })
  recallType: RecallType | null;

  @Field(() => TemporaryReleaseType, {
    nullable: true,
    description: "The kind of temporary release, for a TEMPORARY_RELEASE.",
  })
  temporaryReleaseType: TemporaryReleaseType | null;

  @Field(() => UnlawfullyAtLargeKind, {
    nullable: true,
    description: "How the offender came to be at large, for an UNLAWFULLY_AT_LARGE event.",
  })
  unlawfullyAtLargeKind: UnlawfullyAtLargeKind | null;

  /** The free-text note, served by a field resolver that checks and logs the read. */
  note: string | null;
  databaseId: string;
  /** The case it was read through (its timeline), for the access log; null when read on the offender. */
  caseDatabaseId: string | null;
}

// What an event recorded besides its type (custody-transition.service.ts): the machine event's
// parameters, the key stage's kind and the feed's free-text note.
interface StoredDetails {
  outcome?: ParoleOutcome;
  recallType?: RecallType;
  temporaryReleaseType?: TemporaryReleaseType;
  unlawfullyAtLargeKind?: UnlawfullyAtLargeKind;
  note?: string;
}

export function toCustodyEvent(entity: CustodyEventEntity, caseDatabaseId: string | null = null): CustodyEvent {
  const details = (entity.details ?? {}) as StoredDetails;
  return Object.assign(new CustodyEvent(), {
    id: toGlobalId("CustodyEvent", entity.id),
    sequence: entity.sequence,
    type: entity.type,
    fromPhase: entity.fromPhase,
    toPhase: entity.toPhase,
    occurredOn: entity.occurredOn,
    recordedAt: entity.recordedAt,
    actor: entity.actor,
    paroleOutcome: details.outcome ?? null,
    recallType: details.recallType ?? null,
    temporaryReleaseType: details.temporaryReleaseType ?? null,
    unlawfullyAtLargeKind: details.unlawfullyAtLargeKind ?? null,
    note: typeof details.note === "string" ? details.note : null,
    databaseId: entity.id,
    caseDatabaseId,
  });
}
