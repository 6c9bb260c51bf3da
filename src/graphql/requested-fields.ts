import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * The fields requested directly under the resolved field, on `typeName` (through inline fragments
 * and fragment spreads), e.g. ["name", "email"] for `contacts { name email role }` filtered to the
 * personal ones. Used to log exactly which personal fields were read.
 */
export function requestedFields(info: GraphQLResolveInfo, typeName: string): Set<string> {
  const found = new Set<string>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) found.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition?.name.value;
        if (!on || on === typeName || on === "Node") visit(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        const on = fragment?.typeCondition.name.value;
        if (fragment && (on === typeName || on === "Node")) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes as FieldNode[]) visit(node.selectionSet);
  return found;
}

/** The operation's root field this resolver runs under (e.g. victimCases, referVictimCase). */
export function rootFieldName(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const key = String(path.key);
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === key)
      return selection.name.value;
  }
  return key;
}
