import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import { buildAppSchema } from "../../src/graphql/build-schema";

describe("GraphQL schema", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  // A type with simpleResolvers has its plain fields read by graphql-js itself: an @Authorized or a
  // middleware on one of them would never run.
  it("should keep @Authorized and middlewares off the plain fields of every type whose plain fields are read directly", () => {
    const storage = getMetadataStorage();
    const simple = storage.objectTypes.filter((type) => type.simpleResolvers);
    expect(simple.map((type) => type.name)).toEqual(expect.arrayContaining(["VictimCase", "UserError", "PageInfo"]));
    // Fields with a resolver of their own (a @FieldResolver, a getter) keep it, guards and all.
    const resolved = (type: (typeof simple)[number], name: string) =>
      storage.fieldResolvers.some(
        (resolver) => resolver.schemaName === name && resolver.getObjectType?.() === type.target,
      );
    const guarded = simple.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => !resolved(type, field.schemaName))
        .filter((field) => field.roles !== undefined || (field.middlewares?.length ?? 0) > 0)
        .map((field) => `${type.name}.${field.schemaName}`),
    );
    expect(guarded).toEqual([]);
    // The check sees guards: the contact's personal fields carry @Authorized.
    const contact = getMetadataStorage().objectTypes.find((type) => type.name === "CaseContact")!;
    expect(contact.fields!.filter((field) => field.roles !== undefined).length).toBeGreaterThan(0);
  });

  it("should describe every type, field, argument and enum value, for analysts in Sandbox", () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("should match the committed schema.graphql", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "schema.graphql"), "utf8");
    expect(`${printSchema(lexicographicSortSchema(schema))}\n`).toBe(committed);
  });

  it("should keep the names front-end teams build on (DESIGN §5)", () => {
    const query = schema.getQueryType()!.getFields();
    const mutation = schema.getMutationType()!.getFields();
    const contractQueries = ["node", "nodes", "offender", "offenders", "victimCase", "victimCases"];
    const contractMutations = [
      "agreeContactPlan",
      "closeVictimCase",
      "createOffender",
      "recordCustodyEvent",
      "recordDecline",
      "recordOptIn",
      "recordOptOut",
      "referVictimCase",
      "sendInvitation",
    ];
    // Extending is fine; every name of the contract must still be there.
    expect(Object.keys(query)).toEqual(expect.arrayContaining(contractQueries));
    expect(Object.keys(mutation)).toEqual(expect.arrayContaining(contractMutations));
  });
});
