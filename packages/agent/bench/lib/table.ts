/** A printed table: a title, the column names, rows of cells, and notes printed under it. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** What was measured, on which machine, how to rerun it: one line each. */
  readonly notes?: readonly string[];
}

const cell = (value: string | number): string =>
  typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value;

const isNumeric = (text: string): boolean => /^[-+]?[\d.,]+( ?[a-zA-Z%µ/]+)?$/.test(text);

/**
 * The table as Markdown (so `docs/performance.md` can take it as printed): columns padded to their widest
 * cell, numbers right-aligned, text left-aligned.
 */
export const formatTable = (table: Table): string => {
  const cells = table.rows.map((row) => table.columns.map((_, i) => cell(row[i] ?? '')));
  const widths = table.columns.map((name, i) =>
    Math.max(3, name.length, ...cells.map((row) => row[i]!.length)),
  );
  const rightAligned = table.columns.map(
    (_, i) => cells.length > 0 && cells.every((row) => row[i] === '' || isNumeric(row[i]!)),
  );
  const pad = (text: string, i: number) =>
    rightAligned[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (values: readonly string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [
    `### ${table.title}`,
    '',
    line(table.columns),
    rule,
    ...cells.map(line),
    ...(table.notes === undefined || table.notes.length === 0
      ? []
      : ['', ...table.notes.map((n) => `- ${n}`)]),
    '',
  ].join('\n');
};
