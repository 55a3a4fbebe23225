/**
 * The benchmarks' output format: GitHub-style `| a | b |` tables, so a run's output can be
 * pasted into docs/benchmarks.md as it is, and `npm run bench` can read the parts' tables back.
 */

/** A table with columns padded to their widest cell; numbers read better right-aligned. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: 'left' | 'right' = 'left',
): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const pad = (cell: string, width: number) =>
    align === 'left' ? cell.padEnd(width) : cell.padStart(width);
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, i) => pad(cells[i] ?? '', width)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Every table in a report, as header and rows of trimmed cells. */
export function parseMarkdownTables(text: string): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  let current: { header: string[]; rows: string[][] } | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = trimmed
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    if (!current) {
      current = { header: cells, rows: [] };
      found.push(current);
    } else current.rows.push(cells);
  }
  return found;
}
