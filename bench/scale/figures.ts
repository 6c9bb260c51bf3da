/** One line of the scale test's closing table: what was measured, and its value. */
export type Figure = [label: string, value: string];

/** Two columns for a terminal, labels padded to the widest. */
export function figureTable(figures: Figure[]): string {
  const width = Math.max(...figures.map(([label]) => label.length));
  return figures.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
}
