import { isObjectType, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { READ_WITH_ITEM } from "../schema/common/read-with-item";

/** The fields, per type, that answer what their list read with the item (schema/common/read-with-item.ts). */
const FIELDS_READ_WITH_ITEM: Readonly<Record<string, readonly string[]>> = {
  VictimCase: ["offender", "lastTransition", "availableActions"],
};

/**
 * Makes each field of `fields` answer the value its item carries under READ_WITH_ITEM, before
 * type-graphql's dispatch (each call's parameters, middlewares and resolver instance): on a
 * caseload page of 50 cases that dispatch ran 150 times for values already at hand (issue 15 §4).
 * Skipping it skips any @Authorized or middleware too, so a field guarded by one is refused here.
 */
export function answerReadWithItem(
  schema: GraphQLSchema,
  fields: Readonly<Record<string, readonly string[]>> = FIELDS_READ_WITH_ITEM,
): void {
  for (const [typeName, names] of Object.entries(fields)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema.`);
    const typeFields = type.getFields();
    for (const name of names) {
      const field = typeFields[name];
      if (!field?.resolve) throw new Error(`${typeName}.${name} is not a resolved field of the schema.`);
      if (isGuarded(typeName, name))
        throw new Error(`${typeName}.${name} has @Authorized or a middleware: it cannot answer what its list read.`);
      const resolve = field.resolve;
      field.resolve = (source, args, context, info) => {
        const read = (source as { [READ_WITH_ITEM]?: Record<string, unknown> })[READ_WITH_ITEM]?.[name];
        return read !== undefined ? read : resolve(source, args, context, info);
      };
    }
  }
}

function isGuarded(typeName: string, fieldName: string): boolean {
  const storage = getMetadataStorage();
  const target = storage.objectTypes.find((objectType) => objectType.name === typeName)?.target;
  return storage.fieldResolvers.some(
    (resolver) =>
      resolver.schemaName === fieldName &&
      resolver.getObjectType?.() === target &&
      (resolver.roles !== undefined || (resolver.middlewares?.length ?? 0) > 0),
  );
}
