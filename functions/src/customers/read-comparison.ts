import type { DataSide } from "../migration/migration-stage.js";
import { canonicalJson } from "../shared/canonical-json.js";

export interface ReadComparison {
  entity: "customer" | "order";
  key: string;
  customerCode: string;
  /** The side whose answer the caller got. */
  servedFrom: DataSide;
  /** Top-level fields whose values differ; `missingOn` when one side has no record. */
  mismatchedFields: string[];
  missingOn: DataSide | null;
  /** How long each side's read took (ms), per origin. */
  latencyMs: Partial<Record<DataSide, number>>;
  /** Reads that failed, per origin (the served side's failure still fails the request). */
  errors: Partial<Record<DataSide, string>>;
  at: Date;
}

/** Port: where per-field consistency results of shadow/live reads go. */
export interface ReadComparisonRecorder {
  record(comparison: ReadComparison): Promise<void>;
}

/**
 * Fields that are bookkeeping of one side only: legacyRaw keeps vendor spellings and
 * migration is the new side's view of the stage; neither is a disagreement about the data.
 */
const sideOnlyFields = new Set(["legacyRaw", "migration", "createdAt"]);

export function mismatchedFields(served: object, other: object): string[] {
  const a = served as Record<string, unknown>;
  const b = other as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((key) => !sideOnlyFields.has(key) && canonicalJson(a[key]) !== canonicalJson(b[key]))
    .sort();
}

/** Records only a configurable share of comparisons, so shadow reads do not double write load. */
export class SampledReadComparisonRecorder implements ReadComparisonRecorder {
  constructor(
    private readonly inner: ReadComparisonRecorder,
    private readonly ratio: number,
    private readonly random: () => number = Math.random,
  ) {}

  async record(comparison: ReadComparison): Promise<void> {
    if (this.random() < this.ratio) await this.inner.record(comparison);
  }
}

export class FakeReadComparisonRecorder implements ReadComparisonRecorder {
  readonly recorded: ReadComparison[] = [];
  async record(comparison: ReadComparison): Promise<void> {
    this.recorded.push(comparison);
  }
}
