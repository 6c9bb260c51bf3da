import "reflect-metadata";
import DataLoader from "dataloader";
import type { GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from "graphql";
import { answerReadWithItem } from "../../src/graphql/answer-read-with-item";
import { buildAppSchema } from "../../src/graphql/build-schema";
import { READ_WITH_ITEM } from "../../src/schema/common/read-with-item";
import { VictimCase } from "../../src/schema/cases/victim-case.type";
import { Offender } from "../../src/schema/custody/offender.type";
import { CustodyPhase } from "../../src/domain/custody/custody.enums";
import type { OffenderEntity } from "../../src/entities/custody/offender.entity";

const OFFENDER_ID = "3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c";
const QUERY_INFO = { operation: { operation: "query" } } as GraphQLResolveInfo;

describe("fields a list answers from what it read with each item", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });
  const resolverOf = (field: string) => (schema.getType("VictimCase") as GraphQLObjectType).getFields()[field].resolve!;
  // A real loader over one stored offender: the resolver reads the offender through it.
  const contextWithOffender = (name: string) => ({
    loaders: {
      offender: new DataLoader<string, OffenderEntity | null>(async (ids) =>
        ids.map((id) =>
          id === OFFENDER_ID
            ? ({ id, name, custodyPhase: CustodyPhase.IN_CUSTODY, version: 1 } as OffenderEntity)
            : null,
        ),
      ),
    },
  });

  it("should answer the offender a caseload page read with the case, without asking its loader", async () => {
    const read = Object.assign(new Offender(), { name: "Read With The Page", databaseId: OFFENDER_ID });
    const victimCase = Object.assign(new VictimCase(), {
      offenderDatabaseId: OFFENDER_ID,
      [READ_WITH_ITEM]: { offender: read },
    });
    const answer = await resolverOf("offender")(victimCase, {}, contextWithOffender("From The Loader"), QUERY_INFO);
    expect(answer).toBe(read);
  });

  it("should go to the field's resolver for a case that carries nothing read with it", async () => {
    const victimCase = Object.assign(new VictimCase(), { offenderDatabaseId: OFFENDER_ID });
    const answer = (await resolverOf("offender")(
      victimCase,
      {},
      contextWithOffender("From The Loader"),
      QUERY_INFO,
    )) as Offender;
    expect(answer.name).toBe("From The Loader");
    expect(answer.id).toBe(Buffer.from(`Offender:${OFFENDER_ID}`).toString("base64url"));
  });

  it("should refuse a field guarded by @Authorized, which answering at once would skip", () => {
    expect(() => answerReadWithItem(schema, { VictimCase: ["discretionaryReason"] })).toThrow(
      "VictimCase.discretionaryReason has @Authorized or a middleware",
    );
  });

  it("should refuse a type or field the schema does not resolve", () => {
    expect(() => answerReadWithItem(schema, { NoSuchType: ["offender"] })).toThrow("NoSuchType is not an object type");
    expect(() => answerReadWithItem(schema, { VictimCase: ["noSuchField"] })).toThrow(
      "VictimCase.noSuchField is not a resolved field",
    );
  });
});
