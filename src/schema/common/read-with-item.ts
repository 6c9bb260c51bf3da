/**
 * Where a list keeps, on each of its items, what it read with the item for the item's fields (a
 * caseload page's offenders and newest history entries, read in its one statement, and each case's
 * actions). Those fields answer it at once (graphql/answer-read-with-item.ts); an item without it
 * goes to the field's resolver, as any other does.
 */
export const READ_WITH_ITEM = Symbol("read with the list item");
