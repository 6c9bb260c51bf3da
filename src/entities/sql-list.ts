/** Renders enum values as a SQL list for CHECK constraints: `'A', 'B'`. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(", ");
}
