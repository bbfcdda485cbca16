import type { Finding } from "./findings.js";

type Outcome = "imported" | "repaired" | "rejected";

/** What buildImportReport needs from a classification (any record type). */
export type ReportableRow =
  | { outcome: "imported"; key: string | null; warnings: Finding[] }
  | { outcome: "repaired"; key: string | null; repairs: Finding[]; warnings: Finding[] }
  | { outcome: "rejected"; key: string | null; reason: { code: string } };

export interface ImportReport {
  rowsSeen: number;
  outcomes: Record<Outcome, number>;
  /** Rows per code (a row with two phone repairs counts once for phone-leading-zero). */
  repairs: Record<string, number>;
  warnings: Record<string, number>;
  rejections: Record<string, number>;
  /** Up to `sampleSize` row keys per rejection code, for a human to look up. */
  rejectedSamples: Record<string, (string | null)[]>;
}

const increment = (counts: Record<string, number>, code: string) => {
  counts[code] = (counts[code] ?? 0) + 1;
};

/** Accumulates row by row, so an async cursor over 5,000 rows never needs them all in memory. */
export class ImportReportBuilder {
  private readonly report: ImportReport = {
    rowsSeen: 0,
    outcomes: { imported: 0, repaired: 0, rejected: 0 },
    repairs: {},
    warnings: {},
    rejections: {},
    rejectedSamples: {},
  };

  constructor(private readonly sampleSize = 5) {}

  add(row: ReportableRow): void {
    this.report.rowsSeen += 1;
    this.report.outcomes[row.outcome] += 1;
    if (row.outcome === "rejected") {
      increment(this.report.rejections, row.reason.code);
      const samples = this.report.rejectedSamples[row.reason.code] ?? [];
      if (samples.length < this.sampleSize) samples.push(row.key);
      this.report.rejectedSamples[row.reason.code] = samples;
      return;
    }
    for (const code of new Set(row.warnings.map((warning) => warning.code)))
      increment(this.report.warnings, code);
    if (row.outcome === "repaired") {
      for (const code of new Set(row.repairs.map((repair) => repair.code)))
        increment(this.report.repairs, code);
    }
  }

  build(): ImportReport {
    return structuredClone(this.report);
  }
}

export function buildImportReport(rows: Iterable<ReportableRow>): ImportReport {
  const builder = new ImportReportBuilder();
  for (const row of rows) builder.add(row);
  return builder.build();
}

/** The sum of outcomes is rowsSeen, and every rejection has exactly one reason. */
export function isImportReportConsistent(report: ImportReport): boolean {
  const { imported, repaired, rejected } = report.outcomes;
  const rejectionTotal = Object.values(report.rejections).reduce((sum, n) => sum + n, 0);
  return imported + repaired + rejected === report.rowsSeen && rejectionTotal === rejected;
}

export function formatImportReport(report: ImportReport, title = "Import report"): string {
  const percent = (n: number) =>
    report.rowsSeen === 0 ? "0.0%" : `${((100 * n) / report.rowsSeen).toFixed(1)}%`;
  const section = (heading: string, counts: Record<string, number>): [string, string, string][] => {
    const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    return entries.length === 0
      ? []
      : [
          [heading, "", ""],
          ...entries.map(([code, n]): [string, string, string] => [`  ${code}`, String(n), percent(n)]),
        ];
  };
  const rows: [string, string, string][] = [
    ["rows seen", String(report.rowsSeen), percent(report.rowsSeen)],
    ...(["imported", "repaired", "rejected"] as const).map((outcome): [string, string, string] => [
      `  ${outcome}`,
      String(report.outcomes[outcome]),
      percent(report.outcomes[outcome]),
    ]),
    ...section("rejected because (rows)", report.rejections),
    ...section("repairs (rows)", report.repairs),
    ...section("warnings (rows)", report.warnings),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: [string, string, string]) =>
    `${cells[0].padEnd(widths[0] ?? 0)}  ${cells[1].padStart(widths[1] ?? 0)}  ${cells[2].padStart(widths[2] ?? 0)}`.trimEnd();
  const rule = "-".repeat(line(rows[0] ?? ["", "", ""]).length);
  const samples = Object.entries(report.rejectedSamples).map(
    ([code, keys]) => `  ${code}: ${keys.map(String).join(", ")}`,
  );
  const consistency = isImportReportConsistent(report) ? "totals add up" : "TOTALS DO NOT ADD UP";
  return [
    title,
    rule,
    ...rows.map(line),
    rule,
    consistency,
    ...(samples.length > 0 ? ["rejected samples:", ...samples] : []),
  ].join("\n");
}
