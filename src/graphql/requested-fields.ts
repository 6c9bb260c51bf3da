import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

// The selection graphql-js executes, not the document as typed: fields, inline fragments and
// fragment spreads that @skip or @include leave out are not read, and so are not logged as read.
function included(info: GraphQLResolveInfo, node: SelectionNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

// As graphql-js decides it: a fragment applies when its type is the object type, or an interface
// or union the object type belongs to.
function applies(
  info: GraphQLResolveInfo,
  fragment: InlineFragmentNode | FragmentDefinitionNode,
  typeName: string,
): boolean {
  if (!fragment.typeCondition) return true;
  const condition = typeFromAST(info.schema, fragment.typeCondition);
  if (!condition) return false;
  if (condition.name === typeName) return true;
  const type = info.schema.getType(typeName);
  return isAbstractType(condition) && isObjectType(type) && info.schema.isSubType(condition, type);
}

/** Calls `onField` for each field of `selectionSet` that executes on `typeName`, through fragments. */
function collectFields(
  info: GraphQLResolveInfo,
  selectionSet: SelectionSetNode | undefined,
  typeName: string,
  onField: (field: FieldNode) => void,
  visited = new Set<string>(),
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (!included(info, selection)) continue;
    if (selection.kind === Kind.FIELD) onField(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(info, selection, typeName)) collectFields(info, selection.selectionSet, typeName, onField, visited);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment && applies(info, fragment, typeName))
        collectFields(info, fragment.selectionSet, typeName, onField, visited);
    }
  }
}

/**
 * The schema names of the fields requested directly under the resolved field, on `typeName`
 * (through inline fragments and fragment spreads, under any alias, leaving out what @skip and
 * @include leave out), e.g. ["name", "email"] for `contacts { name e: email role @skip(if: true) }`
 * filtered to the personal ones. Used to log exactly which personal fields were read.
 */
export function requestedFields(info: GraphQLResolveInfo, typeName: string): Set<string> {
  const found = new Set<string>();
  for (const node of info.fieldNodes)
    collectFields(info, node.selectionSet, typeName, (field) => found.add(field.name.value));
  return found;
}

/**
 * The schema names of the fields requested of each item of the connection the resolved field
 * returns, whether under `nodes` or under `edges { node }`: what a list's one statement should read.
 */
export function requestedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const found = new Set<string>();
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return found;
  const nodeType = getNamedType(connection.getFields().nodes?.type);
  const edgeType = getNamedType(connection.getFields().edges?.type);
  if (!nodeType || !edgeType) return found;
  const onNode = (field: FieldNode) => found.add(field.name.value);
  for (const node of info.fieldNodes)
    collectFields(info, node.selectionSet, connection.name, (field) => {
      if (field.name.value === "nodes") collectFields(info, field.selectionSet, nodeType.name, onNode);
      if (field.name.value === "edges")
        collectFields(info, field.selectionSet, edgeType.name, (edgeField) => {
          if (edgeField.name.value === "node") collectFields(info, edgeField.selectionSet, nodeType.name, onNode);
        });
    });
  return found;
}

/**
 * The schema name of the operation's root field this resolver runs under (e.g. victimCases,
 * referVictimCase), never the client's alias for it: the path's root key is the response key, which
 * is looked up in the operation's root selection (through fragments) to find the field it names.
 */
export function rootFieldName(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  if (path === info.path) return info.fieldName;
  const rootType = info.schema.getRootType(info.operation.operation);
  let name: string | undefined;
  collectFields(info, info.operation.selectionSet, rootType?.name ?? "", (field) => {
    if (name === undefined && (field.alias?.value ?? field.name.value) === path.key) name = field.name.value;
  });
  // Unreachable: execution only follows fields of the operation. Refused rather than logged as the alias.
  if (name === undefined) throw new Error("The operation's root field was not found.");
  return name;
}
