import { formatValue } from "./format-figures.js";

export type Cell = string | number;

/** A compact table: two spaces between columns, numbers right-aligned, a rule under the headers. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => headers.map((_, column) => cellText(row[column])));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => row[column]?.length ?? 0)),
  );
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === "number"),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...text.map(line)].join("\n");
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  return typeof cell === "number" ? formatValue(cell) : cell;
}

/**
 * Records of a shape this command line does not fix (a page of members, of wave customers): one
 * column per key that holds a scalar or a list of scalars in any record, in first-seen order.
 */
export function formatRecords(records: readonly unknown[], maxColumns = 8): string {
  const objects = records.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null);
  const columns: string[] = [];
  for (const record of objects) {
    for (const [key, value] of Object.entries(record)) {
      if (!columns.includes(key) && isShallow(value)) columns.push(key);
    }
  }
  const shown = columns.slice(0, maxColumns);
  return formatTable(
    shown,
    objects.map((record) =>
      shown.map((key) => {
        const value = record[key];
        return typeof value === "number" ? value : formatValue(value);
      }),
    ),
  );
}

function isShallow(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");
}
